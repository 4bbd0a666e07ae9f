"""A mutant is named by what it changes (file, scope, operator, the line before and after), not by where."""

from __future__ import annotations

from pathlib import Path

from mutation.mutants import FLOW_MODULES, SKIP_ANNOTATION, SKIP_OPERATOR, Mutant, enumerate_mutants, mutate

ROOT = Path(__file__).resolve().parents[2]
SOURCE = """\
from __future__ import annotations


def login(form: dict[str, str] | None) -> int:
    try:
        check(form)
    except InputError:
        return 400
    return 200


def register(form: dict[str, str]) -> int:
    try:
        check(form)
    except InputError:
        return 400
    if form:
        return 400
    return 200
"""


def mutants_of(root: Path, source: str, skipped: bool = False) -> list[Mutant]:
    (root / "mocks").mkdir(parents=True)
    (root / "mocks" / "flow.py").write_text(source, encoding="utf-8")
    return [m for m in enumerate_mutants(root, ["mocks/flow.py"]) if skipped or m.skip is None]


def named(mutants: list[Mutant], operator: str, original: str) -> list[Mutant]:
    return [m for m in mutants if m.operator == operator and m.original == original]


def test_the_same_line_in_two_functions_names_two_mutants(tmp_path: Path) -> None:
    handlers = named(mutants_of(tmp_path, SOURCE), "core/ExceptionReplacer", "except InputError:")
    assert sorted(m.scope for m in handlers) == ["login", "register"]
    assert len({tuple(m.identity().items()) for m in handlers}) == 2
    assert all(m.nth is None and m.mutated == "except CosmicRayTestingException:" for m in handlers)


def test_the_same_change_twice_in_one_function_is_numbered_in_file_order(tmp_path: Path) -> None:
    twins = named(mutants_of(tmp_path, SOURCE), "core/NumberReplacer", "return 400")
    register = sorted((m for m in twins if m.scope == "register"), key=lambda m: (m.mutated, m.line))
    assert [(m.mutated, m.nth) for m in register] == [
        ("return 399", 0),
        ("return 399", 1),
        ("return 401", 0),
        ("return 401", 1),
    ]
    assert {m.nth for m in twins if m.scope == "login"} == {None}


def test_an_identity_does_not_move_when_code_moves(tmp_path: Path) -> None:
    before = mutants_of(tmp_path / "before", SOURCE)
    after = mutants_of(tmp_path / "after", SOURCE.replace("annotations\n", "annotations\n\nLIMIT = 3\n\n"))
    moved = [m for m in after if m.scope]  # the new module constant brings mutants of its own
    assert [m.identity() for m in moved] == [m.identity() for m in before]
    assert {m.line - n.line for m, n in zip(moved, before, strict=True)} == {3}


def test_annotations_and_operator_variants_outside_the_set_are_skipped(tmp_path: Path) -> None:
    every = mutants_of(tmp_path, SOURCE.replace("if form:", "if len(form) > 3:"), skipped=True)
    assert {m.skip for m in every if m.line == 4} == {SKIP_ANNOTATION}  # `|` in `dict[str, str] | None`
    kept = {m.operator.rsplit("_", 2)[-1] for m in every if "Gt_" in m.operator and m.skip is None}
    assert kept == {"GtE", "LtE"}  # the boundary and the negation of >, no other comparison
    assert {m.skip for m in every if m.operator == "core/ReplaceComparisonOperator_Gt_Eq"} == {SKIP_OPERATOR}


def test_a_mutant_applies_the_change_its_identity_names(tmp_path: Path) -> None:
    mutant = named(mutants_of(tmp_path, SOURCE), "core/AddNot", "if form:")[0]
    assert mutant.mutated == "if not form:"
    assert "    if not form:\n" in mutate(tmp_path, mutant)


def test_every_mutant_of_the_flow_modules_has_its_own_identity() -> None:
    judged = [m for m in enumerate_mutants(ROOT, FLOW_MODULES) if m.skip is None]
    identities = [tuple(m.identity().items()) for m in judged]
    assert len(judged) > 300 and len(set(identities)) == len(identities)
