"""The CI reports as their consumers read them: JUnit XML against junit-10.xsd and through junitparser,
cucumber JSON against the common dialect's schema (livingdoc/schemas/cucumber-json.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import xmlschema
from junitparser import Error, Failure, JUnitXml, Skipped

from livingdoc.model import ERROR, FAILED, NOT_RUN, PASSED, SKIPPED, ScenarioResult
from livingdoc.reports import cucumber_json, write_junit
from tests.livingdoc.records import scenario
from tools.report_schemas import CUCUMBER_SCHEMA, junit_xsd

JPEG = b"\xff\xd8\xff\xe0" + b"jpeg" * 8


def outline_row(problem: str, line: int, order: int) -> ScenarioResult:
    row = scenario(f"tests/e2e/test_key.py::test_a_key_that_is_problem[chromium-{problem}]", order=order)
    row.name, row.outline_name = f"A key that is {problem} prompts for a new one", "A key that is <problem> prompts"
    row.example, row.examples_name, row.example_index = {"problem": problem}, "", order
    row.line, row.outline_line = line, 38
    row.feature_name, row.feature_file = "Amazon Sales Channel checks the key", "features/key_check.feature"
    row.tags, row.tag_lines = ["doc-rule", "mock-only"], [37, 37]
    row.notes = ["Admin layout: API keys at Stores > Settings > Configuration > Services > Magento Services"]
    return row


def run_of_every_kind() -> list[ScenarioResult]:
    skipped = scenario("t.py::test_skipped", SKIPPED, order=3)
    skipped.error = "needs the mocks' control API"
    not_run = scenario("t.py::test_not_run", NOT_RUN, order=4)
    errored = scenario("t.py::test_errored", ERROR, order=5)
    errored.error, errored.longrepr = "ControlApiError: reset failed", "E   ControlApiError: reset failed"
    failed = scenario("t.py::test_failed", FAILED, order=6, failed_at=1)
    failed.error = "DocStepFailure: Doc step 1 (Log in to the Commerce Admin): the dashboard should show"
    failed.longrepr = "Traceback ...\n" + failed.error
    return [outline_row("unknown", 47, 1), outline_row("expired", 48, 2), skipped, not_run, errored, failed]


def test_junit_xml_is_valid_against_junit_10_xsd_and_reads_by_scenario(tmp_path: Path) -> None:
    path = tmp_path / "junit.xml"
    write_junit(run_of_every_kind(), path)

    xmlschema.XMLSchema(str(junit_xsd())).validate(str(path))
    suites = {suite.name: suite for suite in JUnitXml.fromfile(str(path))}
    assert set(suites) == {"Amazon Sales Channel checks the key", "Demo feature"}
    rows = list(suites["Amazon Sales Channel checks the key"])
    assert [case.name for case in rows] == [
        "A key that is unknown prompts for a new one",
        "A key that is expired prompts for a new one",
    ], "an outline row is named by the scenario's title with its values"
    assert {case.classname for case in rows} == {"Amazon Sales Channel checks the key"}, "classname: the feature"
    assert "Admin layout: API keys at Stores" in (rows[0].system_out or ""), "notes go where the schema allows"
    demo = suites["Demo feature"]
    assert (demo.tests, demo.failures, demo.errors, demo.skipped) == (4, 1, 1, 2)
    outcomes = {case.name: type(case.result[0]).__name__ if case.result else "passed" for case in demo}
    assert outcomes == {
        "Scenario test_skipped": Skipped.__name__,
        "Scenario test_not_run": Skipped.__name__,
        "Scenario test_errored": Error.__name__,
        "Scenario test_failed": Failure.__name__,
    }
    failure = next(case for case in demo if case.name == "Scenario test_failed").result[0]
    assert failure.type == "DocStepFailure"
    assert failure.message.startswith("Doc step 1 (Log in to the Commerce Admin)"), "the first line names the step"


def test_cucumber_json_follows_the_common_dialect() -> None:
    document = cucumber_json(run_of_every_kind(), embed=lambda path: JPEG)
    jsonschema.validate(document, json.loads(CUCUMBER_SCHEMA.read_text(encoding="utf-8")))

    key_check = next(f for f in document if f["uri"] == "features/key_check.feature")
    first, second = key_check["elements"]
    assert (first["line"], second["line"]) == (47, 48), "each example row with its own line"
    assert first["id"] != second["id"] and first["id"].endswith(";examples;2")
    assert [t["name"] for t in first["tags"]] == ["@doc-rule", "@mock-only"], "tags in source order"
    for element in (first, second):
        assert element["before"][0]["result"]["status"] == "passed" and "duration" in element["before"][0]["result"]
        assert element["after"][0]["result"]["status"] == "passed"
        for step in element["steps"]:
            assert step["arguments"] == [] and step["match"]["location"].startswith("steps/admin.py:")
    demo = next(f for f in document if f["uri"] == "features/demo.feature")
    failed = next(e for e in demo["elements"] if e["name"] == "Scenario test_failed")
    assert [s["result"]["status"] for s in failed["steps"]] == ["passed", "failed", "skipped"]
    assert "embeddings" in failed["steps"][1] and "embeddings" not in failed["steps"][0]
    errored = next(e for e in demo["elements"] if e["name"] == "Scenario test_errored")
    assert errored["after"][0]["result"]["status"] == "failed", "it broke after its steps ran"


def test_cucumber_json_embeds_every_steps_screenshots_when_asked() -> None:
    passing = scenario("t.py::test_ok", PASSED)
    every = cucumber_json([passing], embed=lambda path: JPEG, every_step=True)
    jsonschema.validate(every, json.loads(CUCUMBER_SCHEMA.read_text(encoding="utf-8")))
    assert all("embeddings" in step for step in every[0]["elements"][0]["steps"])
    assert all("embeddings" not in s for s in cucumber_json([passing], embed=lambda p: JPEG)[0]["elements"][0]["steps"])


def test_a_failure_says_whether_the_doc_is_behind_the_product() -> None:
    """On current Commerce, a failure at Save Config is where the doc is behind; on the doc's admin, the
    product broke the doc's promise."""
    from livingdoc.model import ScenarioResult
    from livingdoc.verdicts import Failure

    scenario = ScenarioResult(nodeid="t::save", name="Save", feature_name="F", feature_file="f.feature", line=1)
    scenario.notes = ["Admin layout: API keys at System > Services > Commerce Services Connector"]
    assert str(Failure(scenario, "doc-step-8", "Doc step 8 (...): ...").verdict).startswith("The doc is behind")
    scenario.notes = [
        "Admin layout: API keys at Stores > Settings > Configuration > Services > Magento Services > Api Keys"
    ]
    assert (
        Failure(scenario, "doc-step-8", "Doc step 8 (...): ...").verdict == "The product broke the doc's promise here."
    )
    assert Failure(scenario, "set-up", "Scenario set-up: ...").verdict is None
