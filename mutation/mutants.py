"""The mutants of the flow modules (cosmic-ray's operators), each named by its identity: what it changes,
not where. ``identity()``: file, scope (the function or class around it, "" at module level), operator, the
changed lines before and after (stripped), and ``nth`` only when those name several mutants (file order)."""

from __future__ import annotations

import ast
import difflib
import re
from collections import Counter
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

FLOW_MODULES = tuple(f"mocks/admin/{n}.py" for n in ("keycheck", "channel", "system_config", "config_store"))
FLOW_MODULES += tuple(f"mocks/admin/{n}.py" for n in ("services_connector", "auth"))
FLOW_MODULES += tuple(f"mocks/portal/{n}.py" for n in ("keys", "apiportal", "gateway", "account", "accounts"))
# cosmic-ray replaces a comparison by 7 others and an arithmetic operator by 11: we keep the negation and the
# off-by-one boundary of each comparison and one inverse per arithmetic operator; other operators whole.
KEPT = {
    "ReplaceComparisonOperator": "Eq_NotEq NotEq_Eq Is_IsNot IsNot_Is Lt_LtE Lt_GtE LtE_Lt LtE_Gt Gt_GtE Gt_LtE "
    "GtE_Gt GtE_Lt",
    "ReplaceBinaryOperator": "Add_Sub Sub_Add Mul_Div Div_Mul FloorDiv_Div Mod_Div Pow_Mul BitOr_BitAnd "
    "BitAnd_BitOr BitXor_BitAnd LShift_RShift RShift_LShift",
}
SKIP_ANNOTATION = "in a type annotation (never evaluated: from __future__ import annotations)"
SKIP_OPERATOR = "operator variant outside the operator set (mutation/mutants.py)"
SKIP_NOT_WRITTEN = "cosmic-ray could not write the mutant"
IDENTITY = ("file", "scope", "operator", "original", "mutated", "nth")
DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class Mutant:
    file: str
    scope: str
    operator: str
    original: str
    mutated: str
    nth: int | None
    occurrence: int  # cosmic-ray's number of this operator's place in the file: how to apply the mutant
    line: int
    skip: str | None = None

    def identity(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k in IDENTITY and (k != "nth" or v is not None)}


def describe(identity: dict[str, Any], line: int | None = None) -> str:
    where = identity["file"] + ("" if line is None else f":{line}")
    nth = "" if identity.get("nth") is None else f" #{identity['nth']}"
    return f"{where} [{identity.get('scope') or '<module>'}] {identity['operator']}{nth}: {identity['original']!r} -> {identity['mutated']!r}"


def mutate(root: Path, mutant: Mutant) -> str:
    """The source of ``mutant.file`` (under ``root``) with the mutation applied."""
    from cosmic_ray.mutating import mutate_code
    from cosmic_ray.plugins import get_operator

    code = mutate_code(
        (root / mutant.file).read_text(encoding="utf-8"), get_operator(mutant.operator)(), mutant.occurrence
    )
    if code is None:
        raise ValueError(f"cosmic-ray finds no such mutant: {describe(mutant.identity())}")
    return str(code)


def enumerate_mutants(root: Path, files: list[str] | tuple[str, ...]) -> list[Mutant]:
    """Every mutant of ``files`` (paths under ``root``), in file order; a skipped one carries the reason."""
    from cosmic_ray.ast import ast_nodes, get_ast_from_path
    from cosmic_ray.plugins import get_operator, operator_names

    found: list[Mutant] = []
    for file in files:
        tree, nodes, mine = parse(root / file), list(ast_nodes(get_ast_from_path(root / file))), []
        postponed = any(isinstance(n, ast.ImportFrom) and n.module == "__future__" for n in tree.body)
        hints = [
            n for node in ast.walk(tree) for n in (getattr(node, "returns", None), getattr(node, "annotation", None))
        ]
        spans = [((n.lineno, n.col_offset), (n.end_lineno, n.end_col_offset)) for n in hints if n and postponed]
        for name in (n for n in operator_names() if not get_operator(n).arguments()):  # none needs settings
            positions = [p for node in nodes for p in get_operator(name)().mutation_positions(node)]
            for occurrence, (start, _end) in enumerate(positions):
                mutant = Mutant(file, scope_of(tree, start[0]), name, "", "", None, occurrence, start[0])
                family = re.fullmatch(r"core/(ReplaceComparisonOperator|ReplaceBinaryOperator)_(\w+)", name)
                skip = SKIP_ANNOTATION if any(a <= tuple(start) < b for a, b in spans) else None
                skip = skip or (SKIP_OPERATOR if family and family[2] not in KEPT[family[1]].split() else None)
                try:
                    changed = changed_text((root / file).read_text(encoding="utf-8"), mutate(root, mutant))
                except Exception:  # cosmic-ray 8.7 fails on a dotted name in an except clause
                    changed, skip = ("", ""), skip or SKIP_NOT_WRITTEN
                mine.append(replace(mutant, original=changed[0], mutated=changed[1], skip=skip))
        mine.sort(key=lambda m: (m.line, m.operator, m.occurrence))
        twins = Counter(tuple(m.identity().values()) for m in mine if m.skip is None)
        numbered: Counter[tuple[Any, ...]] = Counter()
        for index, m in enumerate(mine):  # same change in the same scope: nth in file order
            if m.skip is None and twins[key := tuple(m.identity().values())] > 1:
                mine[index], numbered[key] = replace(m, nth=numbered[key]), numbered[key] + 1
        found += mine
    return found


def changed_text(before: str, after: str) -> tuple[str, str]:
    """The lines a mutation removed and added, stripped; blank and comment lines left out."""
    old, new, removed, added = before.splitlines(), after.splitlines(), [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += [s.strip() for s in old[i1:i2] if s.strip() and not s.strip().startswith("#")]
            added += [s.strip() for s in new[j1:j2] if s.strip() and not s.strip().startswith("#")]
    return "\n".join(removed), "\n".join(added)


@cache
def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def first_line(node: ast.AST) -> int:
    return min([getattr(node, "lineno", 0), *(d.lineno for d in getattr(node, "decorator_list", []))])


def scope_of(tree: ast.Module, line: int) -> str:
    around = [n for n in ast.walk(tree) if isinstance(n, DEFS) and first_line(n) <= line <= (n.end_lineno or 0)]
    return ".".join(n.name for n in sorted(around, key=first_line))
