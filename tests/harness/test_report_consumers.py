"""A real run's CI reports, read as CI tools read them: JUnit XML valid against junit-10.xsd with one test case
per scenario (example rows named with their values), cucumber JSON in the common dialect with each example
row on its own line."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import xmlschema
from junitparser import JUnitXml

from tests.harness.conftest import RunSuite
from tools.report_schemas import CUCUMBER_SCHEMA, junit_xsd

ROOT = Path(__file__).resolve().parents[2]


def test_a_real_runs_reports_read_by_scenario(run_suite: RunSuite, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    result = run_suite("-k", "a_key_that_is_problem or log_in_to_the", "--living-doc-dir", str(reports))
    assert result.returncode == 0, result.stdout[-3000:]

    junit_path = reports / "junit.xml"
    xmlschema.XMLSchema(str(junit_xsd())).validate(str(junit_path))
    cases = [case for suite in JUnitXml.fromfile(str(junit_path)) for case in suite]
    names = sorted(case.name for case in cases)
    assert names == [
        "A key that is expired prompts for a new one",
        "A key that is revoked prompts for a new one",
        "A key that is unknown prompts for a new one",
        "Log in to the Commerce Admin",
    ], "one test case per scenario or example row, by title; nothing but scenarios"
    feature_title = "Amazon Sales Channel checks the Amazon API key on every access"
    assert {case.classname for case in cases} == {feature_title}

    document = json.loads((reports / "cucumber.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads(CUCUMBER_SCHEMA.read_text(encoding="utf-8")))
    feature_lines = (ROOT / "features" / "key_check.feature").read_text(encoding="utf-8").splitlines()
    for element in document[0]["elements"]:
        if "prompts for a new one" in element["name"]:
            problem = element["name"].split()[4]
            assert feature_lines[element["line"] - 1].strip() == f"| {problem} |", "the row's own line"
        for step in element["steps"]:
            path, line = step["match"]["location"].rsplit(":", 1)
            source = (ROOT / path).read_text(encoding="utf-8").splitlines()
            assert source[int(line) - 1].startswith(("@given(", "@when(", "@then(", "def ")), (
                f"match.location points at a step definition: {path}:{line}"
            )
