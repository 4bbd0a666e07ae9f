"""Which scenarios a mutant runs: those that reach its code, fastest first, in the first layout that reaches it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutation.mutants import parse
from mutation.scenarios import Coverage, region, select

SOURCE = """\
from __future__ import annotations

LIMIT = 3 * 2


@route("/x")
def view(value: int | None = None, status: int = 200) -> int:
    if value is not None and (
        value > LIMIT
    ):
        return value
    try:
        total = compute(
            value,
        )
    except ValueError:
        total = 0
    return total


class Fault:
    mode: str = "ok"

    def set(self, mode: str) -> None:
        self.mode = mode


def only_current() -> str:
    return "connector"
"""
FILE = "mocks/flow.py"


def line_of(text: str) -> int:
    return next(n for n, line in enumerate(SOURCE.splitlines(), start=1) if text in line)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "mocks").mkdir()
    (tmp_path / FILE).write_text(SOURCE, encoding="utf-8")
    return tmp_path


def lines(first: str, last: str) -> range:
    return range(line_of(first), line_of(last) + 1)


def test_a_statement_is_its_lines_and_a_compound_statement_its_header(root: Path) -> None:
    tree = parse(root / FILE)
    assert region(tree, line_of("return value")) == ("lines", lines("return value", "return value"))
    assert region(tree, line_of("value,")) == ("lines", lines("total = compute(", "        )"))
    assert region(tree, line_of("value > LIMIT")) == ("lines", lines("if value is not None", "):"))
    assert region(tree, line_of("except ValueError")) == ("lines", lines("except ValueError", "except ValueError"))
    assert region(tree, line_of("self.mode = mode")) == ("lines", lines("self.mode = mode", "self.mode = mode"))


def test_a_default_acts_where_its_function_runs_and_a_decorator_anywhere(root: Path) -> None:
    tree = parse(root / FILE)
    assert region(tree, line_of("def view(")) == ("lines", lines("if value is not None", "return total"))
    assert region(tree, line_of('@route("/x")')) == ("decorator", lines("if value is not None", "return total"))


def test_module_and_class_level_statements_act_where_their_names_are_read(root: Path) -> None:
    tree = parse(root / FILE)
    assert region(tree, line_of("LIMIT = 3 * 2")) == ("names", {"LIMIT"})
    assert region(tree, line_of('mode: str = "ok"')) == ("names", {"mode"})


def coverage() -> dict[str, Coverage]:
    reads_limit, sets_mode = line_of("value > LIMIT") - 1, line_of("self.mode = mode")
    return {
        "doc": Coverage({"slow": 9.0, "fast": 1.0, "other": 2.0}, {FILE: {reads_limit: {"slow", "fast"}}}),
        "current": Coverage(
            {"connector": 3.0, "fast": 1.0},
            {FILE: {reads_limit: {"fast"}, line_of('return "connector"'): {"connector"}, sets_mode: {"fast"}}},
        ),
    }


def test_a_statement_runs_the_scenarios_that_executed_it_fastest_first(root: Path) -> None:
    assert select(coverage(), root, FILE, line_of("value > LIMIT")) == ("doc", ["fast", "slow"], "statement")


def test_code_only_the_current_layout_reaches_runs_there(root: Path) -> None:
    assert select(coverage(), root, FILE, line_of('return "connector"')) == ("current", ["connector"], "statement")


def test_a_constant_runs_the_scenarios_that_read_it_and_a_field_those_that_use_it(root: Path) -> None:
    assert select(coverage(), root, FILE, line_of("LIMIT = 3 * 2")) == ("doc", ["fast", "slow"], "readers")
    assert select(coverage(), root, FILE, line_of('mode: str = "ok"')) == ("current", ["fast"], "readers")


def test_a_decorator_runs_every_scenario_of_the_first_layout_where_its_function_runs(root: Path) -> None:
    everything = ("doc", ["fast", "other", "slow"], "decorator")
    assert select(coverage(), root, FILE, line_of('@route("/x")')) == everything


def test_code_no_scenario_reaches_is_unreached(root: Path) -> None:
    assert select(coverage(), root, FILE, line_of("total = 0")) == ("doc", [], "unreached")
