"""Cucumber JSON built from our own records (pytest-bdd's ``--cucumberjson`` is empty under xdist).

The structure follows the format the usual tools read (cucumber-html-reporter,
multiple-cucumber-html-reporter, Jenkins' cucumber plugin): a list of features, each
with ``elements`` (scenarios), each with ``steps`` whose ``result`` has a status and a
duration in nanoseconds. A scenario that broke outside its steps gets a failed
``before`` hook carrying the error, so the failure is not lost.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from livingdoc.model import ERROR, FAILED, NOT_RUN, PASSED, SKIPPED, ScenarioResult, StepResult

STEP_STATUS = {PASSED: "passed", FAILED: "failed", SKIPPED: "skipped", NOT_RUN: "skipped", ERROR: "failed"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _tags(tags: Sequence[str], line: int) -> list[dict[str, Any]]:
    return [{"name": f"@{tag}", "line": max(line - 1, 1)} for tag in sorted(tags)]


def _step(step: StepResult, feature_uri: str, embed: Callable[[str], bytes | None] | None) -> dict[str, Any]:
    result: dict[str, Any] = {"status": STEP_STATUS.get(step.status, "skipped")}
    if step.status in (PASSED, FAILED):
        result["duration"] = int(step.duration * 1_000_000_000)
    if step.error:
        result["error_message"] = step.error
    data: dict[str, Any] = {
        "keyword": f"{step.keyword} ",
        "name": step.text,
        "line": step.line,
        "match": {"location": f"{feature_uri}:{step.line}"},
        "result": result,
    }
    if embed and step.status == FAILED:
        embeddings = []
        for shot in step.shots:
            content = embed(shot.path)
            if content:
                mime = "image/png" if shot.path.endswith(".png") else "image/jpeg"
                embeddings.append({"mime_type": mime, "data": base64.b64encode(content).decode("ascii")})
        if embeddings:
            data["embeddings"] = embeddings
    return data


def _element(scenario: ScenarioResult, feature_id: str, embed: Callable[[str], bytes | None] | None) -> dict[str, Any]:
    uri = scenario.feature_file
    element: dict[str, Any] = {
        "id": f"{feature_id};{_slug(scenario.name)}",
        "keyword": scenario.keyword,
        "type": "scenario",
        "name": scenario.name,
        "description": scenario.description,
        "line": scenario.line,
        "tags": _tags(scenario.tags, scenario.line),
        "steps": [_step(step, uri, embed) for step in scenario.steps],
    }
    if scenario.status == ERROR or (scenario.status == FAILED and scenario.failed_step is None):
        element["before"] = [
            {
                "match": {"location": scenario.nodeid},
                "result": {
                    "status": "failed",
                    "duration": 0,
                    "error_message": scenario.longrepr or scenario.error or "",
                },
            }
        ]
    return element


def build(
    scenarios: Sequence[ScenarioResult], embed: Callable[[str], bytes | None] | None = None
) -> list[dict[str, Any]]:
    """The cucumber JSON document (a list of features) for these scenarios, in their order.

    ``embed(path)`` returns a screenshot's bytes; given, the failing step's screenshots are embedded.
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
                "tags": _tags(scenario.feature_tags, scenario.feature_line),
                "elements": [],
            }
        feature["elements"].append(_element(scenario, feature["id"], embed))
    return list(features.values())


def file_reader(base: Path) -> Callable[[str], bytes | None]:
    def read(relative: str) -> bytes | None:
        try:
            return (base / relative).read_bytes()
        except OSError:
            return None

    return read
