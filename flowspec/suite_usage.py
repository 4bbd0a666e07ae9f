"""Where the suite uses a piece of the doc's wording: the Gherkin of the scenarios tagged with a doc step, and
the string literals of the page objects and of the living doc's pictures.

``doc-drift`` names these places when the doc renames a label ("the suite still uses it at
features/add_the_key.feature:37"); the facts' test uses them to prove the features rely on the facts.
The files are read as text (the Gherkin with the parser pytest-bdd uses), never imported.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

SUITE_ROOT = Path(__file__).resolve().parents[1]
FEATURES = "features"
PYTHON_PLACES = ("pages",)  # where labels are clicked (the living doc takes its pictures' names from the facts)


@dataclass(frozen=True)
class Line:
    place: str  # "features/add_the_key.feature:37"
    text: str
    tags: frozenset[str]  # the scenario's tags (features only)


def uses(value: str, doc_tag: str | None = None, root: Path = SUITE_ROOT) -> list[str]:
    """The places ("file:line", relative to the suite's root) that use ``value`` as a whole word: the steps of
    the scenarios tagged ``doc_tag`` (every scenario when None), then the Python places."""
    word = re.compile(rf"(?<!\w){re.escape(value)}(?!\w)")
    lines = [line for line in gherkin_lines(root) if doc_tag is None or doc_tag in line.tags]
    return [line.place for line in [*lines, *python_strings(root)] if word.search(line.text)]


@cache
def gherkin_lines(root: Path = SUITE_ROOT) -> tuple[Line, ...]:
    """Every step and example row of every scenario, with the scenario's tags (the feature's included)."""
    found: list[Line] = []
    for path in sorted((root / FEATURES).glob("*.feature")):
        document: dict[str, Any] = dict(Parser().parse(TokenScanner(path.read_text(encoding="utf-8"))))
        feature: dict[str, Any] = dict(document.get("feature") or {})
        found += _scenario_lines(path.relative_to(root).as_posix(), feature.get("children", []), _tags(feature))
    return tuple(found)


def _scenario_lines(place: str, children: list[dict[str, Any]], inherited: frozenset[str]) -> list[Line]:
    found: list[Line] = []
    for child in children:
        if "rule" in child:
            rule = child["rule"]
            found += _scenario_lines(place, rule.get("children", []), inherited | _tags(rule))
        elif "scenario" in child:
            node = child["scenario"]
            tags = inherited | _tags(node)
            for step in node.get("steps", []):
                found.append(Line(f"{place}:{step['location']['line']}", step["text"], tags))
            for block in node.get("examples", []):
                for row in block.get("tableBody", []):
                    text = " | ".join(cell["value"] for cell in row["cells"])
                    found.append(Line(f"{place}:{row['location']['line']}", text, tags | _tags(block)))
    return found


def _tags(node: dict[str, Any]) -> frozenset[str]:
    return frozenset(tag["name"].lstrip("@") for tag in node.get("tags", []))


@cache
def python_strings(root: Path = SUITE_ROOT) -> tuple[Line, ...]:
    """The string literals (docstrings left out) of the page objects and the living doc's pictures."""
    found: list[Line] = []
    for place in PYTHON_PLACES:
        target = root / place
        for path in sorted(target.glob("*.py")) if target.is_dir() else [target] if target.is_file() else []:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(doc) for doc in map(_docstring, ast.walk(tree)) if doc is not None}
            relative = path.relative_to(root).as_posix()
            found += [
                Line(f"{relative}:{node.lineno}", node.value, frozenset())
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            ]
    return tuple(sorted(found, key=lambda line: (line.place.split(":")[0], int(line.place.split(":")[1]))))


def _docstring(node: ast.AST) -> ast.Constant | None:
    if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) or not node.body:
        return None
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first.value
    return None
