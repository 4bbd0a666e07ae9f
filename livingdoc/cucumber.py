"""Cucumber JSON in the common dialect (as cucumber-js and cucumber-jvm write it), from our own records
(pytest-bdd's ``--cucumberjson`` is empty under xdist).

A list of features, each with ``elements`` (scenarios; an outline's example row is an element of its
own, with its row's line and an id naming its Examples block and row), each with ``before`` and
``after`` hooks (the scenario's set-up and teardown, with their durations) and ``steps``: keyword,
name, line, ``arguments: []``, ``match.location`` (the step definition's ``file:line``) and a
``result`` with status and duration in nanoseconds. The screenshots taken after a step are an
``after`` hook of that step. Tags are in source order, with their lines. ``embeddings`` carry the
failing step's screenshots always, and every step's when asked (``--cucumber-step-screenshots``).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Sequence
from typing import Any

from livingdoc.model import ERROR, FAILED, NOT_RUN, PASSED, SKIPPED, ScenarioResult, StepResult

STEP_STATUS = {PASSED: "passed", FAILED: "failed", SKIPPED: "skipped", NOT_RUN: "skipped", ERROR: "failed"}
SETUP_LOCATION = "pytest fixtures: browser context, target reset, signed-in sessions"
TEARDOWN_LOCATION = "pytest fixtures: closing the browser context, keeping artifacts"
SCREENSHOT_LOCATION = "livingdoc/screenshots.py: screenshots of the open tabs"
Embed = Callable[[str], bytes | None]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _ns(seconds: float) -> int:
    return int(seconds * 1_000_000_000)


def _tags(names: Sequence[str], lines: Sequence[int], fallback_line: int) -> list[dict[str, Any]]:
    return [
        {"name": f"@{name}", "line": lines[i] if i < len(lines) else max(fallback_line - 1, 1)}
        for i, name in enumerate(names)
    ]


def _hook(location: str, seconds: float, error: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {"status": "failed" if error else "passed", "duration": _ns(seconds)}
    if error:
        result["error_message"] = error
    return {"match": {"location": location}, "result": result}


def _embeddings(step: StepResult, embed: Embed) -> list[dict[str, str]]:
    found = []
    for shot in step.shots:
        content = embed(shot.path)
        if content:
            mime = "image/png" if content[:4] == b"\x89PNG" else "image/jpeg"
            found.append({"mime_type": mime, "data": base64.b64encode(content).decode("ascii")})
    return found


def _step(step: StepResult, embed: Embed | None, every_step: bool) -> dict[str, Any]:
    result: dict[str, Any] = {"status": STEP_STATUS.get(step.status, "skipped")}
    if step.status in (PASSED, FAILED):
        result["duration"] = _ns(step.duration)
    if step.error:
        result["error_message"] = step.error
    data: dict[str, Any] = {
        "keyword": f"{step.keyword} ",
        "name": step.text,
        "line": step.line,
        "arguments": [],
        "match": {"location": step.location or "undefined"},
        "result": result,
    }
    if step.capture_seconds and step.status in (PASSED, FAILED):
        data["after"] = [_hook(SCREENSHOT_LOCATION, step.capture_seconds)]
    if embed and (step.status == FAILED or (every_step and step.status == PASSED)):
        embeddings = _embeddings(step, embed)
        if embeddings:
            data["embeddings"] = embeddings
    return data


def _element_id(scenario: ScenarioResult, feature_id: str) -> str:
    if not scenario.example:
        return f"{feature_id};{_slug(scenario.name)}"
    outline = _slug(scenario.outline_name or scenario.name)
    return f"{feature_id};{outline};{_slug(scenario.examples_name) or 'examples'};{scenario.example_index + 1}"


def _element(scenario: ScenarioResult, feature_id: str, embed: Embed | None, every_step: bool) -> dict[str, Any]:
    setup_error = teardown_error = None
    if scenario.status == ERROR or (scenario.status == FAILED and scenario.failed_step is None):
        error = scenario.longrepr or scenario.error or scenario.status
        if any(step.status in (PASSED, FAILED) for step in scenario.steps):
            teardown_error = error  # the steps ran: it broke after them
        else:
            setup_error = error  # it broke before the first step
    tags = _tags(
        [*scenario.feature_tags, *scenario.tags],
        [*scenario.feature_tag_lines, *scenario.tag_lines],
        scenario.line,
    )
    return {
        "id": _element_id(scenario, feature_id),
        "keyword": scenario.keyword,
        "type": "scenario",
        "name": scenario.title,
        "description": scenario.description,
        "line": scenario.line,
        "tags": tags,
        "before": [_hook(SETUP_LOCATION, scenario.setup_seconds, setup_error)],
        "steps": [_step(step, embed, every_step) for step in scenario.steps],
        "after": [_hook(TEARDOWN_LOCATION, scenario.teardown_seconds, teardown_error)],
    }


def build(
    scenarios: Sequence[ScenarioResult], embed: Embed | None = None, every_step: bool = False
) -> list[dict[str, Any]]:
    """The cucumber JSON document (a list of features) for these scenarios, in their order.

    ``embed(path)`` returns a screenshot's bytes; given, the failing step's screenshots are embedded
    (and every passing step's too with ``every_step``).
    """
    features: dict[str, dict[str, Any]] = {}
    for scenario in scenarios:
        feature = features.get(scenario.feature_file)
        if feature is None:
            feature_id = _slug(scenario.feature_name)
            feature = features[scenario.feature_file] = {
                "uri": scenario.feature_file,
                "id": feature_id,
                "keyword": scenario.feature_keyword,
                "name": scenario.feature_name,
                "description": scenario.feature_description,
                "line": scenario.feature_line,
                "tags": _tags(scenario.feature_tags, scenario.feature_tag_lines, scenario.feature_line),
                "elements": [],
            }
        feature["elements"].append(_element(scenario, feature["id"], embed, every_step))
    return list(features.values())
