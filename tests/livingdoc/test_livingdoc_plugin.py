"""The plugin end to end on a tiny browser-free feature: serial and ``-n 2`` give the same records,
the gate fails a whole-suite run with an uncovered documented step, subsets are not gated."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from flowspec.published_doc import parse
from tests.child_env import child_env
from tests.livingdoc.records import GERMAN_DOC

ROOT = Path(__file__).resolve().parents[2]

FEATURE = """\
Feature: Demo of the living doc
  A feature whose steps need no browser.

  @doc-step-1 @doc-rule
  Scenario: Everything passes
    Given a number 1
    When I add 2
    Then the number is 3

  @doc-step-2
  Scenario: A step breaks
    Given a number 1
    When I add 2
    Then the number is 4
    And nothing else is checked

  @doc-step-3
  Scenario Outline: Adding <n>
    Given a number 1
    When I add <n>
    Then the number is <sum>

    Examples:
      | n | sum |
      | 1 | 2   |
      | 5 | 6   |
"""

STEPS = """\
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

scenarios("demo.feature")


@pytest.fixture
def box():
    return {}


@given(parsers.parse("a number {n:d}"))
def a_number(box, n):
    box["n"] = n


@when(parsers.parse("I add {n:d}"))
def add(box, n):
    box["n"] += n


@then(parsers.parse("the number is {n:d}"))
def the_number_is(box, n):
    assert box["n"] == n, f"Doc step 2: expected {n}, got {box['n']}"


@then("nothing else is checked")
def nothing_else():
    pass
"""

INI = """\
[pytest]
bdd_features_base_dir = features/
addopts = -p no:cacheprovider
markers =
    doc-rule: rule
    doc-step-1: one
    doc-step-2: two
    doc-step-3: three
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "demo.feature").write_text(FEATURE)
    (tmp_path / "test_demo.py").write_text(STEPS)
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["livingdoc.plugin"]\n')
    (tmp_path / "pytest.ini").write_text(INI)
    return tmp_path


def run(project: Path, name: str, *args: str) -> tuple[int, str, Path]:
    out = project / name
    env = {**child_env(), "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", f"--living-doc-dir={out}", f"--output={project / 'artifacts'}", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr, out


def content(report_dir: Path) -> list[Any]:
    """The cucumber JSON without timings: what must not depend on serial or parallel."""
    features = json.loads((report_dir / "cucumber.json").read_text())
    for feature in features:
        for element in feature["elements"]:
            for step in element["steps"]:
                step["result"].pop("duration", None)
                step.pop("after", None)  # the screenshots' hook: none without a browser, timing only
            for hook in [*element["before"], *element["after"]]:
                hook["result"].pop("duration", None)
    return list(features)


def test_serial_and_parallel_runs_write_the_same_report(project: Path) -> None:
    code_serial, out_serial, serial = run(project, "serial", "-p", "no:xdist")
    code_parallel, out_parallel, parallel = run(project, "parallel", "-n", "2")

    assert code_serial == code_parallel == 1, out_serial + out_parallel
    assert content(serial) == content(parallel)
    elements = content(serial)[0]["elements"]
    assert [e["name"] for e in elements] == ["Everything passes", "A step breaks", "Adding 1", "Adding 5"]
    assert [s["result"]["status"] for s in elements[1]["steps"]] == ["passed", "passed", "failed", "skipped"]
    assert "expected 4, got 3" in elements[1]["steps"][2]["result"]["error_message"]
    for folder in (serial, parallel):
        assert (folder / "living-doc.html").is_file() and (folder / "junit.xml").is_file()
        assert not (folder / ".runs").exists(), "the working files are removed once merged"
    junit = (parallel / "junit.xml").read_text()
    assert 'tests="4"' in junit and 'failures="1"' in junit


def test_the_gate_fails_a_green_whole_suite_run_when_a_doc_step_has_no_passing_scenario(project: Path) -> None:
    code, output, _ = run(project, "gated", "-k", "not breaks", "--doc-coverage-gate", "on")
    assert code == 1, output
    assert "DOC COVERAGE GATE FAILED" in output
    assert "Doc step 2 (Open Marketing > Channels > Amazon Sales Channel): no scenario is tagged @doc-step-2" in output


def test_a_subset_run_is_not_gated_unless_asked(project: Path) -> None:
    code, output, report = run(project, "subset", "-k", "not breaks")
    assert code == 0, output
    assert "coverage gate: off (subset run (-k not breaks" in output
    assert "living doc: " + str(report / "living-doc.html") in output


def test_no_living_doc_writes_nothing(project: Path) -> None:
    code, output, report = run(project, "none", "--no-living-doc", "-k", "not breaks")
    assert code == 0, output
    assert not report.exists()


def test_the_source_doc_gives_each_step_in_the_docs_own_words(project: Path) -> None:
    (project / "doc.de.md").write_text(GERMAN_DOC, encoding="utf-8")
    code, output, report = run(project, "doc", "-k", "not breaks", "--source-doc", "doc.de.md")
    assert code == 0, output
    page = html.unescape((report / "living-doc.html").read_text(encoding="utf-8"))
    doc = parse(GERMAN_DOC)
    assert len(doc.steps) == 9
    for published in doc.steps:
        assert published.text in page, f"step {published.number} is not shown in the doc's words"
    assert doc.intro_text in page
    assert "revision 0123456789abcdef0123456789abcdef01234567" in page


def test_a_source_doc_that_cannot_be_read_is_a_usage_error(project: Path) -> None:
    code, output, report = run(project, "missing", "--source-doc=nowhere.md")
    assert code == 4, output
    assert "--source-doc: nowhere.md could not be read" in output
    (project / "other.md").write_text("# Something else\n\n1. a step\n", encoding="utf-8")
    code, output, _ = run(project, "other", "--source-doc=other.md")
    assert code == 4 and "not the Amazon API key doc" in output, output


def test_the_verdicts_are_written_for_dashboards(project: Path) -> None:
    code, output, report = run(project, "verdicts", "-p", "no:xdist")
    assert code == 1, output
    document = json.loads((report / "living-doc.json").read_text(encoding="utf-8"))
    verdicts = {entry["id"]: entry["verdict"] for entry in document["doc_steps"]}
    assert verdicts["doc-step-2"] == "broken", "the failing scenario's message names doc step 2"
    assert verdicts["doc-step-1"] == verdicts["doc-step-3"] == verdicts["doc-rule"] == "kept"
    assert verdicts["doc-step-4"] == "not run"
    assert document["failures"] == [
        {
            "scenario": "A step breaks",
            "nodeid": "test_demo.py::test_a_step_breaks",
            "doc_step": "doc-step-2",
            "message": "Doc step 2: expected 4, got 3",
            "while_setting_up": False,
            "step": "Then the number is 4",
            "scenario_doc_steps": ["doc-step-2"],
            "admin_layout": None,
            "verdict": "The product broke the doc's promise here.",
        }
    ]
