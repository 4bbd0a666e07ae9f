"""JUnit XML by scenario, as CI test views read it (GitHub, GitLab, Jenkins).

One ``<testsuite>`` per feature (``name`` = the feature's title), one ``<testcase>`` per scenario
or example row (``name`` = the scenario's title, an outline row's values included; ``classname`` =
the feature's title). Valid against the common ``junit-10.xsd`` (Jenkins' xUnit plugin): a
scenario's notes, its documented steps and its Gherkin steps go into its ``<system-out>``, which
the schema allows inside ``<testcase>`` (``<properties>`` it does not).
"""

from __future__ import annotations

import socket
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from flowspec.doc_steps import label
from livingdoc.model import ERROR, FAILED, NOT_RUN, SKIPPED, ScenarioResult

SUITE_NAME = "Add or verify the Amazon API key"


def _seconds(value: float) -> str:
    return f"{value:.3f}"


def _kind(error: str) -> tuple[str, str]:
    """("DocStepFailure", "Doc step 6 (...): ...") from "DocStepFailure: Doc step 6 (...): ..."."""
    first = error.strip().splitlines()[0] if error.strip() else ""
    head, sep, rest = first.partition(": ")
    if sep and head.replace(".", "").replace("_", "").isalnum() and " " not in head:
        return head, rest
    return "AssertionError", first


def _case(scenario: ScenarioResult) -> ET.Element:
    case = ET.Element(
        "testcase", name=scenario.title, classname=scenario.feature_name, time=_seconds(scenario.duration)
    )
    if scenario.status in (FAILED, ERROR):
        kind, message = _kind(scenario.error or scenario.longrepr or "")
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


def build(scenarios: Sequence[ScenarioResult], timestamp: str | None = None) -> ET.ElementTree[ET.Element]:
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


def write(scenarios: Sequence[ScenarioResult], path: Path) -> None:
    tree = build(scenarios)
    ET.indent(tree)
    path.parent.mkdir(parents=True, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)
