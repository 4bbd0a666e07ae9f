"""Which scenarios reach a mutant, from the unmutated suite's line coverage with one context per scenario:
a statement's (a compound one's header), a default value's function's, a decorated function's layout's (all
of them), or those reading a name a module or class level statement binds (all of them when none does)."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mutation.mutants import DEFS, first_line, parse


@dataclass
class Coverage:
    """One admin layout's run: each scenario's seconds, and per file and line the scenarios that ran it."""

    seconds: dict[str, float]
    lines: dict[str, dict[int, set[str]]]

    def on(self, file: str, lines: range) -> set[str]:
        return set().union(*(self.lines.get(file, {}).get(n, set()) for n in lines))

    def fastest_first(self, scenarios: set[str] | None) -> list[str]:
        return sorted(self.seconds if scenarios is None else scenarios, key=lambda s: (self.seconds.get(s, 0.0), s))


def read_coverage(data_file: Path, seconds_file: Path, root: Path) -> Coverage:
    import coverage

    data, lines = coverage.CoverageData(basename=str(data_file)), {}
    data.read()
    for measured in data.measured_files():
        if Path(measured).resolve().is_relative_to(root.resolve()):
            by_line = {n: {c for c in cs if c} for n, cs in data.contexts_by_lineno(measured).items()}
            lines[Path(measured).resolve().relative_to(root.resolve()).as_posix()] = {
                n: c for n, c in by_line.items() if c
            }
    return Coverage(json.loads(seconds_file.read_text(encoding="utf-8"))["seconds"], lines)


def region(tree: ast.Module, line: int) -> tuple[str, Any]:
    """("lines", the lines coverage reports for the code on ``line``), ("decorator", the decorated body's
    lines) or ("names", the names a module or class level statement binds)."""
    chain = sorted(
        (
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.stmt | ast.ExceptHandler) and first_line(n) <= line <= (n.end_lineno or 0)
        ),
        key=lambda n: (first_line(n), -(n.end_lineno or 0)),
    )
    decorated = [n for n in chain if isinstance(n, DEFS) and line < n.lineno]
    functions = [n for n in chain if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    if decorated or chain[-1:] == functions[-1:] != []:  # the decorated code, or a default value's function
        node = (decorated or functions)[-1]
        return "decorator" if decorated else "lines", range(node.body[0].lineno, (node.end_lineno or 0) + 1)
    if not functions:
        return "names", bound_names(chain[-1]) if chain else set()
    body = getattr(chain[-1], "body", None)
    return "lines", range(
        chain[-1].lineno, body[0].lineno if isinstance(body, list) else (chain[-1].end_lineno or 0) + 1
    )


def bound_names(node: ast.AST) -> set[str]:
    stored = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return stored | ({node.name} if isinstance(node, DEFS) else set())


def readers(root: Path, names: set[str]) -> list[tuple[str, int]]:
    """Lines of the mocks that read one of ``names``, as a name or an attribute (``keys.DESCRIPTION``)."""
    found = {
        (path.relative_to(root).as_posix(), n.lineno)
        for path in (root / "mocks").rglob("*.py")
        for n in ast.walk(parse(path))
        if (isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in names)
        or (isinstance(n, ast.Attribute) and n.attr in names)
    }
    return sorted(found)


def reaching(cov: Coverage, root: Path, file: str, line: int, seen: set[tuple[str, int]]) -> set[str] | None:
    """The scenarios of ``cov`` that reach ``line`` of ``file``; None when nothing narrows them down."""
    kind, where = region(parse(root / file), line)
    if kind == "lines":
        return cov.on(file, where)
    found: set[str] = set()
    lines = readers(root, where) if kind == "names" and where else []
    for reader in (r for r in lines if r not in seen):
        seen.add(reader)
        more = reaching(cov, root, *reader, seen)
        if more is None:
            return None
        found |= more
    return found if lines else None


def select(layouts: dict[str, Coverage], root: Path, file: str, line: int) -> tuple[str, list[str], str]:
    """(layout, scenarios fastest first, basis) for a mutant on ``line`` of ``file`` (pristine, under
    ``root``): in the first layout where a scenario reaches it."""
    kind, where = region(parse(root / file), line)
    if kind == "decorator":
        name = next((n for n, c in layouts.items() if c.on(file, where)), next(iter(layouts)))
        return name, layouts[name].fastest_first(None), "decorator"
    for name, cov in layouts.items():
        reached = reaching(cov, root, file, line, set())
        if reached is None or reached:
            basis = "everything" if reached is None else "statement" if kind == "lines" else "readers"
            return name, cov.fastest_first(reached), basis
    return next(iter(layouts)), [], "unreached"
