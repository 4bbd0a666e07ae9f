"""Writing a merged run's outputs: the living-doc page (``livingdoc.page``), cucumber JSON and JUnit XML.

Shared by the pytest plugin (end of a run) and the shard merger (``livingdoc.shards``), so one run and N
merged shards produce the same files the same way.

Cucumber JSON is written in the common dialect (as cucumber-js and cucumber-jvm write it), from our own
records (pytest-bdd's ``--cucumberjson`` is empty under xdist): a list of features, each with ``elements``
(scenarios; an outline's example row is an element of its own, with its row's line and an id naming its
Examples block and row), each with ``before`` and ``after`` hooks (the scenario's set-up and teardown, with
their durations) and ``steps``: keyword, name, line, ``arguments: []``, ``match.location`` (the step
definition's ``file:line``) and a ``result`` with status and duration in nanoseconds. The screenshots taken
after a step are an ``after`` hook of that step. Tags are in source order, with their lines. ``embeddings``
carry the failing step's screenshots always, and every step's when asked (``--cucumber-step-screenshots``).

JUnit XML is written by scenario, as CI test views read it (GitHub, GitLab, Jenkins): one ``<testsuite>``
per feature (``name`` = the feature's title), one ``<testcase>`` per scenario or example row (``name`` =
the scenario's title, an outline row's values included; ``classname`` = the feature's title). Valid against
the common ``junit-10.xsd`` (Jenkins' xUnit plugin): a scenario's notes, its documented steps and its
Gherkin steps go into its ``<system-out>``, which the schema allows inside ``<testcase>`` (``<properties>``
it does not).
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import socket
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from flowspec.doc_steps import label
from livingdoc import page
from livingdoc.model import (
    ARTIFACTS_DIR,
    ERROR,
    FAILED,
    NOT_RUN,
    PASSED,
    SKIPPED,
    MergedRun,
    ReportMeta,
    ScenarioResult,
    StepResult,
    artifact_name,
    exception_type,
    first_line,
)
from livingdoc.verdicts import DocVerdict, failures, promise_coverage, scenario_states, stores

# ---- the files ----

REPORT_NAME = "living-doc.html"
VERDICTS_NAME = "living-doc.json"


def file_reader(base: Path) -> page.ImageReader:
    def read(relative: str) -> bytes | None:
        try:
            return (base / relative).read_bytes()
        except OSError:
            return None

    return read


def write_reports(run: MergedRun, rows: list[DocVerdict], meta: ReportMeta, files_dir: Path) -> Path:
    """Write ``living-doc.html``, ``living-doc.json``, ``cucumber.json`` and ``junit.xml`` into
    ``meta.report_dir``; screenshots are read from ``files_dir`` (paths in the records are relative to it).
    Returns the page's path."""
    read = file_reader(files_dir)
    meta.report_dir.mkdir(parents=True, exist_ok=True)
    page_path = meta.report_dir / REPORT_NAME
    promises = promise_coverage(run.scenarios)
    page_path.write_text(page.render(run.scenarios, rows, promises, meta, read), encoding="utf-8")
    document = cucumber_json(run.scenarios, embed=read, every_step=meta.cucumber_step_screenshots)
    (meta.report_dir / "cucumber.json").write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
    write_junit(run.scenarios, meta.report_dir / "junit.xml")
    verdicts = verdicts_json(run.scenarios, rows, meta)
    (meta.report_dir / VERDICTS_NAME).write_text(json.dumps(verdicts, indent=1, ensure_ascii=False), encoding="utf-8")
    return page_path


def verdicts_json(scenarios: Sequence[ScenarioResult], rows: Sequence[DocVerdict], meta: ReportMeta) -> dict[str, Any]:
    """``living-doc.json``: each documented step's verdict with its scenarios, and each failure, for dashboards
    and tests."""
    return {
        "doc_steps": [
            {
                "id": row.doc.tag,
                "title": row.doc.title,
                "verdict": row.verdict,
                "scenarios": [
                    {"name": s.title, "nodeid": s.nodeid, "status": s.status, "state": row.state_in(s)}
                    for s in row.scenarios
                ],
                "kept_in": len(row.kept_in),
                "not_reached_in": [s.title for s in row.not_reached_in],
                "checked_while_setting_up": [s.title for s in row.checked_elsewhere],
            }
            for row in rows
        ],
        "stores": stores(scenarios),
        "failures": [
            {
                "scenario": f.scenario.title,
                "nodeid": f.scenario.nodeid,
                "doc_step": f.doc_step,
                "message": f.message,
                "while_setting_up": f.while_setting_up,
                "step": f.step.title if f.step else None,
                "scenario_doc_steps": list(f.scenario.doc_tags),
                "admin_layout": f.layout,
                "verdict": f.verdict,
            }
            for f in failures(scenarios)
        ],
        "scenarios": [
            {"name": s.title, "nodeid": s.nodeid, "status": s.status, "doc_steps": scenario_states(s)}
            for s in scenarios
        ],
        "run": {
            "generated": meta.generated,
            "wall_seconds": round(meta.wall_time, 3),
            "commit": meta.commit or None,
            "target": None if meta.target is None else dict(vars(meta.target)),
            "browsers": sorted({s.browser for s in scenarios if s.browser}),
            "doc": [{"source": d.source, "language": d.language, "revision": d.revision} for d in meta.docs],
            "gate": None if meta.gate is None else {"active": meta.gate.active, "why": meta.gate.why},
            "gate_failed": meta.gate_failed,
        },
    }


def copy_artifacts(scenarios: Sequence[ScenarioResult], report_dir: Path) -> int:
    """Copy each failed scenario's Playwright traces and videos into ``<report_dir>/artifacts``, so the page's
    relative links survive downloading the folder as a CI artifact. Returns how many were copied."""
    shutil.rmtree(report_dir / ARTIFACTS_DIR, ignore_errors=True)
    copied = 0
    for scenario in scenarios:
        if not scenario.broken:
            continue
        for original in [*scenario.traces, *scenario.videos]:
            if not Path(original).is_file():
                continue
            relative = artifact_name(scenario.nodeid, original)
            (report_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(original, report_dir / relative)
            copied += 1
    return copied


# ---- cucumber JSON ----

STEP_STATUS = {PASSED: "passed", FAILED: "failed", SKIPPED: "skipped", NOT_RUN: "skipped", ERROR: "failed"}
SETUP_LOCATION = "pytest fixtures: browser context, target reset, signed-in sessions"
TEARDOWN_LOCATION = "pytest fixtures: closing the browser context, keeping artifacts"
SCREENSHOT_LOCATION = "livingdoc/pictures.py: screenshots of the open tabs"
Embed = Callable[[str], bytes | None]


def failure_text(error: str, detail: str | None) -> str:
    """A failure as cucumber's ``error_message`` carries it: its first line (the doc step that broke, what was
    expected), then the rest (the exception, pytest's traceback)."""
    first = first_line(error)
    rest = (detail or error).strip()
    return first if rest in ("", first) else f"{first}\n{rest}"


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
        result["error_message"] = failure_text(step.error, step.error)
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
        error = failure_text(scenario.error or scenario.status, scenario.longrepr)
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


def cucumber_json(
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


# ---- JUnit XML ----

SUITE_NAME = "Add or verify the Amazon API key"


def _seconds(value: float) -> str:
    return f"{value:.3f}"


def _case(scenario: ScenarioResult) -> ET.Element:
    case = ET.Element(
        "testcase", name=scenario.title, classname=scenario.feature_name, time=_seconds(scenario.duration)
    )
    if scenario.status in (FAILED, ERROR):
        kind, message = exception_type(scenario.error or ""), scenario.failure_line
        outcome = ET.SubElement(case, "failure" if scenario.status == FAILED else "error", type=kind, message=message)
        outcome.text = scenario.longrepr or scenario.error or ""
    elif scenario.status in (SKIPPED, NOT_RUN):
        ET.SubElement(case, "skipped", message=scenario.error or scenario.status)
    out = [f"{scenario.feature_file}:{scenario.line}"]
    out += [f"Documented step: {label(tag)}" for tag in scenario.doc_tags]
    out += [f"Note: {note}" for note in scenario.notes]
    out += [f"  {step.keyword} {step.text}   [{step.status}]" for step in scenario.steps]
    out += [f"Playwright trace: {trace}" for trace in scenario.traces]
    ET.SubElement(case, "system-out").text = "\n".join(out)
    return case


def junit_xml(scenarios: Sequence[ScenarioResult], timestamp: str | None = None) -> ET.ElementTree[ET.Element]:
    stamp = timestamp or time.strftime("%Y-%m-%dT%H:%M:%S")
    root = ET.Element("testsuites", name=SUITE_NAME)
    features: dict[str, list[ScenarioResult]] = {}
    for scenario in scenarios:
        features.setdefault(scenario.feature_file, []).append(scenario)
    totals = {"tests": 0, "failures": 0, "errors": 0, "time": 0.0}
    for members in features.values():
        failures = sum(1 for s in members if s.status == FAILED)
        errors = sum(1 for s in members if s.status == ERROR)
        skipped = sum(1 for s in members if s.status in (SKIPPED, NOT_RUN))
        duration = sum(s.duration for s in members)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=members[0].feature_name,
            tests=str(len(members)),
            failures=str(failures),
            errors=str(errors),
            skipped=str(skipped),
            time=_seconds(duration),
            timestamp=stamp,
            hostname=socket.gethostname(),
            file=members[0].feature_file,
        )
        suite.extend(_case(s) for s in members)
        totals["tests"] += len(members)
        totals["failures"] += failures
        totals["errors"] += errors
        totals["time"] += duration
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", str(totals["errors"]))
    root.set("time", _seconds(float(totals["time"])))
    return ET.ElementTree(root)


def write_junit(scenarios: Sequence[ScenarioResult], path: Path) -> None:
    tree = junit_xml(scenarios)
    ET.indent(tree)
    path.parent.mkdir(parents=True, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)
