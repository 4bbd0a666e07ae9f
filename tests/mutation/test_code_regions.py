"""Which lines tell whether a scenario reaches a mutated line: statements, function headers, module level."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutation.code_regions import (
    Decorator,
    FunctionHeader,
    ModuleLevel,
    Statement,
    in_annotation,
    reader_lines,
    region_of,
)

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
"""


@pytest.fixture
def module(tmp_path: Path) -> Path:
    path = tmp_path / "sample.py"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def line_of(text: str) -> int:
    return next(n for n, line in enumerate(SOURCE.splitlines(), start=1) if text in line)


def test_a_statement_in_a_function_is_its_own_lines(module: Path) -> None:
    assert region_of(module, line_of("return value")) == Statement(line_of("return value"), line_of("return value"))
    first = line_of("total = compute(")
    assert region_of(module, line_of("value,")) == Statement(first, first + 2)


def test_a_compound_statement_is_its_header(module: Path) -> None:
    header = line_of("if value is not None")
    assert region_of(module, line_of("value > LIMIT")) == Statement(header, line_of("):"))


def test_an_except_clause_is_its_own_line(module: Path) -> None:
    line = line_of("except ValueError")
    assert region_of(module, line) == Statement(line, line)


def test_defaults_act_when_the_function_runs(module: Path) -> None:
    body = FunctionHeader(line_of("if value is not None"), line_of("return total"))
    assert region_of(module, line_of("def view(")) == body


def test_a_decorator_may_act_anywhere(module: Path) -> None:
    assert region_of(module, line_of('@route("/x")')) == Decorator(
        line_of("if value is not None"), line_of("return total")
    )


def test_module_and_class_level_statements_act_where_their_names_are_read(module: Path) -> None:
    assert region_of(module, line_of("LIMIT = 3 * 2")) == ModuleLevel(frozenset({"LIMIT"}))
    assert region_of(module, line_of('mode: str = "ok"')) == ModuleLevel(frozenset({"mode"}))
    assert region_of(module, line_of("self.mode = mode")) == Statement(
        line_of("self.mode = mode"), line_of("self.mode = mode")
    )


def test_readers_are_names_and_attributes(module: Path) -> None:
    assert reader_lines([module], frozenset({"LIMIT"})) == {module: {line_of("value > LIMIT")}}
    assert reader_lines([module], frozenset({"mode"}))[module] == {line_of("self.mode = mode")}


def test_annotations_are_never_evaluated_with_postponed_annotations(module: Path, tmp_path: Path) -> None:
    union = line_of("def view(")
    column = SOURCE.splitlines()[union - 1].index("|")
    assert in_annotation(module, (union, column))
    assert not in_annotation(module, (line_of("LIMIT = 3 * 2"), SOURCE.splitlines()[2].index("*")))
    eager = tmp_path / "eager.py"
    eager.write_text(SOURCE.replace("from __future__ import annotations\n", ""), encoding="utf-8")
    assert not in_annotation(eager, (union - 1, column))
