"""Where a mutated line sits in its module, and so which executed lines tell whether a scenario reaches it.

Coverage knows which lines each scenario executed; a mutation changes one place. Three cases:

* a statement inside a function body (or the header of an ``if``/``for``/``with``... in it): the scenarios
  that executed that statement;
* a decorator: it acts at import and can act anywhere (a route decorator registers an endpoint that
  every page linking to it builds with ``url_for``), so: every scenario, in the admin layout where the
  decorated code runs (a blueprint the doc's layout does not register runs in the current one);
* the rest of a function's header (default values): evaluated once at import, but it only matters when
  the function is called, so: the scenarios that executed any line of its body;
* a module- or class-level statement (a constant, a blueprint, a dataclass field): it matters where the
  names it binds are read, so: the scenarios that reach any line (in any mocks module) reading one of
  those names; when nothing reads them, every scenario.

Type annotations are never evaluated here (``from __future__ import annotations``): ``annotation_spans``
lets the session skip mutants inside them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

Position = tuple[int, int]  # (line, column), as cosmic-ray and ast count them: 1-based lines, 0-based columns


@dataclass(frozen=True)
class Statement:
    """Lines of a statement in a function body: the lines coverage may report for it."""

    first: int
    last: int


@dataclass(frozen=True)
class FunctionHeader:
    """Decorators or default values of a function: they act when the function runs."""

    body_first: int
    body_last: int


@dataclass(frozen=True)
class Decorator:
    """A decorator (of a function or a class): it may act anywhere, e.g. a route used by ``url_for``. The
    lines of what it decorates tell in which layout that code runs."""

    body_first: int
    body_last: int


@dataclass(frozen=True)
class ModuleLevel:
    """A module- or class-level statement; it acts where the names it binds are read."""

    names: frozenset[str]


Region = Statement | FunctionHeader | Decorator | ModuleLevel

_COMPOUND = (
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    ast.TryStar,
    ast.Match,
)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@cache
def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _first_line(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])


def _header_last_line(node: ast.stmt) -> int:
    """The last line of a compound statement's header (before its first body statement)."""
    if isinstance(node, ast.Try | ast.TryStar):
        return node.lineno
    body: list[ast.stmt] = getattr(node, "body", [])
    if isinstance(node, ast.Match):
        return node.cases[0].pattern.lineno - 1 if node.cases else node.lineno
    return body[0].lineno - 1 if body else node.end_lineno or node.lineno


def _contains(node: ast.stmt, line: int) -> bool:
    return _first_line(node) <= line <= (node.end_lineno or node.lineno)


def _children(node: ast.AST) -> Iterator[ast.stmt]:
    for name in ("body", "orelse", "finalbody", "handlers", "cases"):
        for child in getattr(node, name, []):
            if isinstance(child, ast.stmt):
                yield child
            elif isinstance(child, ast.ExceptHandler | ast.match_case):
                yield from child.body


def _decorators(tree: ast.Module) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, ast.expr]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for decorator in node.decorator_list:
                yield node, decorator


def _handler_line(tree: ast.Module, line: int) -> int | None:
    """An ``except X:`` or ``case P:`` header line holding ``line``: coverage reports it as its own line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.body and node.lineno <= line < node.body[0].lineno:
            return node.lineno
        if isinstance(node, ast.match_case) and node.body and node.pattern.lineno <= line < node.body[0].lineno:
            return node.pattern.lineno
    return None


def region_of(path: Path, line: int) -> Region:
    """The region of ``path`` that holds ``line`` (see the module docstring)."""
    tree = parse(path)
    for decorated, decorator in _decorators(tree):
        if decorator.lineno <= line <= (decorator.end_lineno or decorator.lineno):
            return Decorator(decorated.body[0].lineno, decorated.end_lineno or decorated.lineno)
    handler = _handler_line(tree, line)
    if handler is not None:
        return Statement(handler, line)
    function: ast.FunctionDef | ast.AsyncFunctionDef | None = None
    outer: ast.stmt | None = None
    statements: list[ast.stmt] = list(tree.body)
    while True:
        node = next((s for s in statements if _contains(s, line)), None)
        if node is None:
            break
        if outer is None:
            outer = node
        if isinstance(node, _FUNCTIONS):
            if line < node.body[0].lineno:
                return FunctionHeader(node.body[0].lineno, node.end_lineno or node.lineno)
            function = node
        elif function is not None and (not isinstance(node, _COMPOUND) or line <= _header_last_line(node)):
            if isinstance(node, _COMPOUND):
                return Statement(node.lineno, _header_last_line(node))
            return Statement(node.lineno, node.end_lineno or node.lineno)
        elif isinstance(node, ast.ClassDef) and function is None and line >= node.body[0].lineno:
            pass  # a class body: keep looking for a method or a field
        elif function is None:
            return ModuleLevel(frozenset(bound_names(node)))
        statements = list(_children(node))
    if outer is None:
        return ModuleLevel(frozenset())
    return ModuleLevel(frozenset(bound_names(outer)))


def bound_names(node: ast.stmt) -> set[str]:
    """Names a module- or class-level statement binds (assignments, imports, defs, classes)."""
    names: set[str] = set()
    if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        names.add(node.name)
    elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    elif isinstance(node, ast.Import | ast.ImportFrom):
        names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names


def reader_lines(paths: list[Path], names: frozenset[str]) -> dict[Path, set[int]]:
    """Lines that read any of ``names``: as a name (``SAVED``) or an attribute (``keys.DESCRIPTION``)."""
    found: dict[Path, set[int]] = {}
    for path in paths:
        for node in ast.walk(parse(path)):
            read = (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in names) or (
                isinstance(node, ast.Attribute) and node.attr in names
            )
            if read:
                found.setdefault(path, set()).add(getattr(node, "lineno", 0))
    return found


def annotation_spans(path: Path) -> list[tuple[Position, Position]]:
    """Start and end of every type annotation in ``path``; empty unless it has ``from __future__ import
    annotations`` (only then are annotations never evaluated)."""
    tree = parse(path)
    postponed = any(
        isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
        for node in tree.body
    )
    if not postponed:
        return []
    spans: list[tuple[Position, Position]] = []
    for node in ast.walk(tree):
        annotations: list[ast.expr | None] = []
        if isinstance(node, _FUNCTIONS):
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            annotations += [a.annotation for a in every if a is not None]
            annotations.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        for annotation in annotations:
            if annotation is not None and annotation.end_lineno is not None and annotation.end_col_offset is not None:
                spans.append(
                    (
                        (annotation.lineno, annotation.col_offset),
                        (annotation.end_lineno, annotation.end_col_offset),
                    )
                )
    return spans


def in_annotation(path: Path, position: Position) -> bool:
    return any(start <= position < end for start, end in annotation_spans(path))
