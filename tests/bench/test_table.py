"""The benchmark's table: one current table in bench/README.md, rendered from a run's JSON and replacing the
one before; each measurement's rows read its figures."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bench import e2e, suite
from bench.__main__ import MEASUREMENTS
from bench.measurement import Bench, Figures, Row
from bench.table import END, README, START, NoTablePlace, render, replace_table

RUN = {
    "date": "2030-01-02 03:04 UTC",
    "commit": "abc1234",
    "dirty_files": 0,
    "machine": {"cpus": 2, "cpu": "Some CPU", "os": "Debian", "chromium": "Chromium 1", "playwright": "1.0",
                "python": "3.11"},
    "load_start": 0.5,
    "load_end": 0.7,
}  # fmt: skip


def _fake(name: str, value: str) -> Any:
    def rows(mine: Figures, measured: Mapping[str, Figures]) -> list[Row]:
        return [Row(f"{name} figure", f"{mine['value']} {value}")]

    def measure(bench: Bench) -> Figures:
        raise AssertionError("the table never measures")

    return SimpleNamespace(NAME=name, rows=rows, measure=measure)


def test_the_table_names_the_run_and_shows_each_measurements_rows_in_order() -> None:
    report = {"run": RUN, "measurements": {"b": {"value": 2}, "a": {"value": 1}, "c": {"skipped": "no Java"}}}

    table = render(report, [_fake("a", "s"), _fake("b", "x"), _fake("c", "-"), _fake("not-run", "-")])

    assert table.splitlines()[0].startswith("Measured by `make bench` on 2030-01-02 03:04 UTC, commit abc1234: 2 ×")
    assert "load average 0.5 at the start, 0.7 at the end" in table
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows == ["| figure | this run | target |", "| a figure | 1 s |  |", "| b figure | 2 x |  |",
                    "| c | skipped: no Java |  |"]  # fmt: skip


def test_a_new_table_replaces_the_old_one_and_leaves_the_rest(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Bench\n\nbefore\n\n{START}\nold table\n{END}\n\nafter\n", encoding="utf-8")

    replace_table("first table", readme)
    replace_table("second table", readme)

    text = readme.read_text(encoding="utf-8")
    assert text == f"# Bench\n\nbefore\n\n{START}\nsecond table\n{END}\n\nafter\n"


def test_a_readme_without_the_markers_is_refused(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Bench\n{END}\n{START}\n", encoding="utf-8")
    with pytest.raises(NoTablePlace):
        replace_table("table", readme)
    assert readme.read_text(encoding="utf-8") == f"# Bench\n{END}\n{START}\n"


def test_the_bench_readme_has_one_place_for_the_table() -> None:
    text = README.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1 and text.index(START) < text.index(END)


def test_every_measurement_has_its_own_key() -> None:
    names = [m.NAME for m in MEASUREMENTS]
    assert len(set(names)) == len(names)


def test_the_end_to_end_rows_show_medians_spreads_and_the_ratios_against_issue_13s_targets() -> None:
    figures = {
        "runs": {"bare": [2.0, 1.0, 4.0], "on": [3.0, None, 4.4], "off": [2.2, 1.1, 4.0]},
        "bare_median_s": 2.0,
        "on_median_s": 3.7, "on_ratio": 1.85, "on_ratio_per_iteration": [1.5, None, 1.1],
        "off_median_s": 2.2, "off_ratio": 1.1, "off_ratio_per_iteration": [1.1, 1.1, 1.0],
        "cold_median_s": 6.0,
    }  # fmt: skip

    rows = {row.figure: row for row in e2e.rows(figures, {})}

    assert rows["bare Playwright script, happy path (median of 3)"].value == "2.00 s (1.00–4.00 s)"
    on = rows["suite's end-to-end scenario, living doc on; over the bare script"]
    assert (on.value, on.target) == ("3.70 s (3.00–4.40 s) = 1.85× (1.10–1.50×)", "≤ 1.15×: not met")
    off = rows["suite's end-to-end scenario, `--step-screenshots off`; over the bare script"]
    assert off.target == "≤ 1.05×: not met"


def test_the_whole_suite_is_compared_with_the_bare_script_of_the_same_run() -> None:
    cpu = {"test": 0.25, "driver": 0.15, "browser": 1.1, "total": 1.5, "busy_share": 0.7}
    mine = {
        "serial": {"wall_s": 30.0, "counts": {"passed": 29, "skipped": 1}, "cpu_per_scenario_s": cpu},
        "n2": {"wall_s": 27.0, "counts": {"passed": 29, "skipped": 1}, "cpu_per_scenario_s": None},
        "n2_over_serial": 0.9,
    }

    rows = suite.rows(mine, {"e2e": {"bare_median_s": 2.0}})

    assert rows[0] == Row("whole suite, serial (30 scenarios); over the bare script", "30.00 s = 15.00×", "≤ 15×: met")
    assert rows[1].target == "≤ 1×: met"
    assert [r.value for r in rows[2:]] == ["0.25 / 0.15 / 1.10 s (1.50 s); 70%"]
