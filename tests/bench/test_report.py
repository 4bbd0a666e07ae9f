"""The benchmark's table: medians with the lowest and highest value, and the ratio of each iteration."""

from __future__ import annotations

from typing import Any

from bench.report import PER_ITERATION_SERIES, paired_ratios, spread, table


def e2e(bare: list[float], suite: list[float | None], no_shots: list[float]) -> dict[str, Any]:
    return {
        "bare": [{"seconds": s} for s in bare],
        "suite": [{"seconds": s} if s is not None else {"ok": False} for s in suite],
        "no_shots": [{"seconds": s} for s in no_shots],
        "bare_median_s": sorted(bare)[len(bare) // 2],
    }


def test_spread_is_the_lowest_and_highest_measured_value() -> None:
    assert spread([2.0, None, 1.5, 3.0]) == (1.5, 3.0)
    assert spread([]) is None
    assert spread([None]) is None


def test_each_iteration_is_compared_with_its_own_bare_run() -> None:
    figures = e2e([2.0, 1.0, 4.0], [3.0, 2.0, 4.4], [2.2, 1.1, 4.0])
    assert paired_ratios(figures, "suite") == [1.5, 2.0, 1.1]
    assert [round(r, 3) for r in paired_ratios(figures, "no_shots")] == [1.1, 1.1, 1.0]


def test_a_failed_iteration_has_no_ratio() -> None:
    assert paired_ratios(e2e([2.0, 1.0], [None, 1.5], [2.0, 1.0]), "suite") == [1.5]


def test_the_table_shows_the_spread_next_to_the_median() -> None:
    runs = e2e([2.0, 1.0, 4.0], [3.0, 2.0, 4.4], [2.2, 1.1, 4.0])
    targets = {key: {"per_iteration": paired_ratios(runs, series)} for key, series in PER_ITERATION_SERIES.items()}
    figures = {"e2e": runs, "targets": targets}
    printed = table(figures)
    assert "bare script, happy path (median; 1.00 to 4.00 s)" in printed
    assert "suite end-to-end scenario (median; 2.00 to 4.40 s)" in printed
    assert "living doc on / bare script (per iteration 1.10x to 2.00x)" in printed
