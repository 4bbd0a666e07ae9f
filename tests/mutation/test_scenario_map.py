"""The scenarios a mutant runs: those reaching its line, fastest first; the current layout only as a fallback."""

from __future__ import annotations

from pathlib import Path

from mutation.scenario_map import LayoutCoverage, Selection, Selector, load, save

MODULE = """\
from __future__ import annotations

LIMIT = 5


def check(value: int) -> bool:
    return value > LIMIT


def only_current() -> str:
    return "connector"
"""
FILE = "mocks/flow.py"


def selector(tmp_path: Path, coverage: dict[str, LayoutCoverage]) -> Selector:
    (tmp_path / "mocks").mkdir()
    (tmp_path / FILE).write_text(MODULE, encoding="utf-8")
    return Selector(coverage, tmp_path, ("doc", "current"))


def coverage() -> dict[str, LayoutCoverage]:
    return {
        "doc": LayoutCoverage({"slow": 9.0, "fast": 1.0, "other": 2.0}, {FILE: {7: {"slow", "fast"}}}),
        "current": LayoutCoverage({"connector": 3.0, "fast": 1.0}, {FILE: {7: {"fast"}, 11: {"connector"}}}),
    }


def test_a_statement_runs_the_scenarios_that_executed_it_fastest_first(tmp_path: Path) -> None:
    chosen = selector(tmp_path, coverage()).select(FILE, {7})
    assert (chosen.layout, chosen.scenarios, chosen.basis) == ("doc", ["fast", "slow"], "statement")


def test_code_only_the_current_layout_reaches_runs_there(tmp_path: Path) -> None:
    chosen = selector(tmp_path, coverage()).select(FILE, {11})
    assert (chosen.layout, chosen.scenarios) == ("current", ["connector"])


def test_a_constant_runs_the_scenarios_that_read_it(tmp_path: Path) -> None:
    chosen = selector(tmp_path, coverage()).select(FILE, {3})
    assert (chosen.scenarios, chosen.basis) == (["fast", "slow"], "readers")


def test_a_decorator_runs_every_scenario(tmp_path: Path) -> None:
    chosen = select_in(tmp_path, "@register\ndef helper() -> None:\n    pass\n", 1)
    assert (chosen.scenarios, chosen.basis) == (["fast", "other", "slow"], "decorator")


def test_a_decorator_runs_every_scenario_of_the_layout_where_its_function_runs(tmp_path: Path) -> None:
    source = MODULE.replace("def only_current", "@register\ndef only_current")
    cov = coverage()
    cov["current"].lines[FILE] = {12: {"connector", "fast"}}  # its body, one line lower
    chosen = select_in(tmp_path, source, source.splitlines().index("@register") + 1, file=FILE, cov=cov)
    assert (chosen.layout, chosen.scenarios, chosen.basis) == ("current", ["fast", "connector"], "decorator")


def select_in(
    tmp_path: Path, source: str, line: int, file: str = "mocks/extra.py", cov: dict[str, LayoutCoverage] | None = None
) -> Selection:
    pick = selector(tmp_path, cov or coverage())
    (tmp_path / file).write_text(source, encoding="utf-8")
    return pick.select(file, {line})


def test_code_no_scenario_reaches_is_unreached(tmp_path: Path) -> None:
    cov = coverage()
    cov["current"].lines[FILE].pop(11)
    chosen = selector(tmp_path, cov).select(FILE, {11})
    assert (chosen.scenarios, chosen.basis) == ([], "unreached")


def test_the_map_survives_a_round_trip_through_json(tmp_path: Path) -> None:
    save(coverage(), tmp_path / "map.json")
    loaded = load(tmp_path / "map.json")
    assert loaded["doc"].lines == coverage()["doc"].lines
    assert loaded["current"].durations == coverage()["current"].durations
