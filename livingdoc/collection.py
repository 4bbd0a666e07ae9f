"""A scenario as collected, before it runs: the "not run" record that its result later replaces.

Built from pytest-bdd's scenario and, for what pytest-bdd's model drops (tags in source order, an example
row's own line), from the feature file, read with the Gherkin parser pytest-bdd uses (gherkin-official).

The one place that reads pytest-bdd's internals, and why: at collection the living doc records every
scenario as "not run" (so a scenario whose worker crashed, or that ``-x`` never reached, still shows up).
pytest-bdd has no public way to get the scenario of a collected test before it runs: its hooks
(``pytest_bdd_before_scenario`` ...) only fire when it runs. So ``collected_scenario`` looks the scenario
up in pytest-bdd's registry of generated test functions,
``pytest_bdd.scenario.scenario_wrapper_template_registry``, and renders it with the test's example row.
``tests/livingdoc/test_upstream.py`` fails when pytest-bdd changes this.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner
from pytest_bdd.scenario import scenario_wrapper_template_registry

from flowspec.doc_steps import doc_tags_of
from livingdoc.model import ScenarioResult, StepResult

# ---- pytest-bdd's registry ----

EXAMPLE_PARAM = "_pytest_bdd_example"  # the parameter pytest-bdd gives an outline's tests


@dataclass(frozen=True)
class CollectedScenario:
    feature: Any  # pytest_bdd.parser.Feature
    template: Any  # pytest_bdd.parser.ScenarioTemplate
    scenario: Any  # pytest_bdd.parser.Scenario, rendered with the example row
    example: dict[str, str]


def collected_scenario(item: pytest.Item) -> CollectedScenario | None:
    """The pytest-bdd scenario a collected test runs, or ``None`` for a test that is not a scenario."""
    template = scenario_wrapper_template_registry.get(getattr(item, "obj", None))  # type: ignore[arg-type]
    if template is None:
        return None
    callspec = getattr(item, "callspec", None)
    example: dict[str, str] = dict(callspec.params.get(EXAMPLE_PARAM, {})) if callspec else {}
    return CollectedScenario(template.feature, template, template.render(example), example)


# ---- the feature file ----


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


# ---- the placeholder record ----


def step_result(step: Any) -> StepResult:
    return StepResult(keyword=str(step.keyword).strip(), text=str(step.name), line=int(step.line_number))


def placeholder(
    item: pytest.Item, collected: CollectedScenario, order: int, rootpath: Path, worker: str
) -> ScenarioResult:
    feature, template, scenario = collected.feature, collected.template, collected.scenario
    source = read_feature(feature.filename)
    in_source = source.scenarios.get(template.line_number)
    tags = list(in_source.tags) if in_source else []
    row = in_source.row(collected.example) if in_source and collected.example else None
    if row is not None:
        tags += list(row.tags)
    return ScenarioResult(
        nodeid=item.nodeid,
        name=scenario.name,
        feature_name=feature.name,
        feature_file=os.path.relpath(feature.filename, rootpath),
        line=row.line if row else scenario.line_number,
        order=order,
        keyword=scenario.keyword,
        description=scenario.description or "",
        tags=[t.name for t in tags],
        tag_lines=[t.line for t in tags],
        doc_tags=doc_tags_of(m.name for m in item.iter_markers()),
        outline_line=template.line_number if collected.example else 0,
        outline_name=template.name if collected.example else "",
        example=collected.example,
        examples_name=row.examples_name if row else "",
        example_index=row.index if row else 0,
        feature_keyword=feature.keyword,
        feature_description=feature.description or "",
        feature_line=feature.line_number,
        feature_tags=[t.name for t in source.tags],
        feature_tag_lines=[t.line for t in source.tags],
        feature_language=feature.language,
        steps=[step_result(step) for step in scenario.steps],
        worker=worker,
    )
