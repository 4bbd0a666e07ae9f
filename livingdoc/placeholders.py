"""A scenario as collected, before it runs: the "not run" record that its result later replaces.

Built from pytest-bdd's scenario (``livingdoc.upstream``) and, for what pytest-bdd's model drops
(tags in source order, an example row's own line), from the feature file (``livingdoc.gherkin_source``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from flowspec.doc_steps import doc_tags_of
from livingdoc.gherkin_source import read_feature
from livingdoc.model import ScenarioResult, StepResult
from livingdoc.upstream import CollectedScenario


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
