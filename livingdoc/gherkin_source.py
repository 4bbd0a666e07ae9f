"""What pytest-bdd's model drops and the reports need, read from the feature file itself with the
Gherkin parser pytest-bdd uses (gherkin-official): tags in source order with their lines, and the
line of each example row of an outline."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner


@dataclass(frozen=True)
class Tag:
    name: str  # without "@"
    line: int


@dataclass(frozen=True)
class ExampleRow:
    line: int
    values: dict[str, str]
    examples_name: str
    index: int  # 1-based within its Examples block
    tags: tuple[Tag, ...]  # the Examples block's tags


@dataclass(frozen=True)
class SourceScenario:
    line: int
    tags: tuple[Tag, ...]
    rows: tuple[ExampleRow, ...] = field(default=())

    def row(self, values: dict[str, str]) -> ExampleRow | None:
        return next((r for r in self.rows if r.values == values), None)


@dataclass(frozen=True)
class SourceFeature:
    tags: tuple[Tag, ...]
    scenarios: dict[int, SourceScenario]  # by the scenario's line


def _tags(node: dict[str, Any]) -> tuple[Tag, ...]:
    return tuple(Tag(t["name"].lstrip("@"), int(t["location"]["line"])) for t in node.get("tags", []))


def _scenarios(children: list[dict[str, Any]], inherited: tuple[Tag, ...]) -> dict[int, SourceScenario]:
    found: dict[int, SourceScenario] = {}
    for child in children:
        if "rule" in child:
            rule = child["rule"]
            found.update(_scenarios(rule.get("children", []), inherited + _tags(rule)))
        elif "scenario" in child:
            node = child["scenario"]
            rows = []
            for block in node.get("examples", []):
                header = [c["value"] for c in (block.get("tableHeader") or {}).get("cells", [])]
                for index, row in enumerate(block.get("tableBody", []), 1):
                    values = dict(zip(header, (c["value"] for c in row["cells"]), strict=True))
                    rows.append(ExampleRow(int(row["location"]["line"]), values, block["name"], index, _tags(block)))
            line = int(node["location"]["line"])
            found[line] = SourceScenario(line, inherited + _tags(node), tuple(rows))
    return found


@cache
def read_feature(path: str) -> SourceFeature:
    document: dict[str, Any] = dict(Parser().parse(TokenScanner(Path(path).read_text(encoding="utf-8"))))
    feature: dict[str, Any] = dict(document.get("feature") or {})
    return SourceFeature(_tags(feature), _scenarios(feature.get("children", []), ()))
