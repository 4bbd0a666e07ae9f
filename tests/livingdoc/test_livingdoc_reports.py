"""The report builders: coverage table and gate, HTML (failure rendering), cucumber JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

from flowspec.doc_steps import DOC_STEPS
from livingdoc import page as html_page
from livingdoc.model import ERROR, FAILED, NOT_RUN, PASSED, SKIPPED, ReportMeta, ScenarioResult
from livingdoc.reports import cucumber_json
from livingdoc.verdicts import (
    GATE_AUTO,
    GATE_OFF,
    GATE_ON,
    decide_gate,
    doc_verdicts,
    gate_message,
    promise_coverage,
)
from tests.livingdoc.records import scenario

JPEG = b"\xff\xd8\xff\xe0" + b"jpeg-bytes" * 10
ALL_DOC_TAGS = tuple(step.tag for step in DOC_STEPS)


def read_fake(path: str) -> bytes | None:
    return JPEG + path.encode()


# ---- verdicts and gate (records without promises: a plain pytest-bdd project) ----


def test_verdict_rows_follow_the_doc_rule_first_then_1_to_9() -> None:
    rows = doc_verdicts([])
    assert [row.doc.tag for row in rows] == ["doc-rule", *(f"doc-step-{n}" for n in range(1, 10))]
    assert all(row.verdict == "not run" for row in rows)


def test_without_promise_records_a_failure_breaks_only_the_doc_step_it_names() -> None:
    scenarios = [
        scenario("t::passes", PASSED, ("doc-step-1", "doc-step-2")),
        scenario("t::fails", FAILED, ("doc-step-2", "doc-step-3"), failed_at=1),  # "Doc step 1: the dashboard"
        scenario("t::skipped", SKIPPED, ("doc-step-4",)),
    ]
    rows = {row.doc.tag: row for row in doc_verdicts(scenarios)}

    assert rows["doc-step-1"].verdict == "broken", "the failure names doc step 1"
    assert rows["doc-step-2"].verdict == "kept", "passed in one scenario, not reached in the other"
    assert [s.nodeid for s in rows["doc-step-2"].not_reached_in] == ["t::fails"]
    assert rows["doc-step-3"].verdict == "not reached"
    assert rows["doc-step-4"].verdict == "not run"
    assert [s.nodeid for s in rows["doc-step-1"].scenarios] == ["t::passes", "t::fails"]


def test_the_gate_names_every_step_without_a_kept_check_and_why() -> None:
    nine = scenario("t::nine", FAILED, ("doc-step-9",), failed_at=0)
    nine.error = "AssertionError: the channel did not open"  # names no doc step
    rows = doc_verdicts([scenario("t::all", PASSED, ALL_DOC_TAGS[:-1]), nine])

    assert [row.doc.tag for row in rows if row.verdict != "kept"] == ["doc-step-9"]
    message = gate_message(rows)
    assert message[0].startswith("DOC COVERAGE GATE FAILED: 1 documented step(s) have no kept check")
    assert "Doc step 9 (Open Amazon Sales Channel again): Scenario nine [not reached]" in message[1]
    assert "--no-doc-coverage-gate" in message[-1]
    assert gate_message(doc_verdicts([scenario("t::all", PASSED, ALL_DOC_TAGS)])) == []


def test_the_gate_is_on_for_the_whole_suite_and_off_for_subsets_unless_forced() -> None:
    assert decide_gate(GATE_AUTO, []).active
    subset = decide_gate(GATE_AUTO, ["-k login"])
    assert not subset.active and "-k login" in subset.why
    assert decide_gate(GATE_ON, ["-k login"]).active
    assert not decide_gate(GATE_OFF, []).active


# ---- HTML ----


def render(scenarios: list[ScenarioResult], tmp_path: Path) -> str:
    rows = doc_verdicts(scenarios)
    info = ReportMeta(generated="2024-01-01 00:00:00", report_dir=tmp_path / "reports")
    return html_page.render(scenarios, rows, promise_coverage(scenarios), info, read_fake)


def test_the_page_is_self_contained_and_lists_the_doc_steps_in_order(tmp_path: Path) -> None:
    page = render([scenario("t::a", PASSED, ALL_DOC_TAGS)], tmp_path)

    assert not re.search(r"""(src|href)=["']https?://""", page), "the page must open offline"
    assert "<link" not in page and "@import" not in page
    positions = [page.index(f'id="{tag}"') for tag in ALL_DOC_TAGS]
    assert positions == sorted(positions)
    assert "data:image/jpeg;base64," in page
    assert "10 of 10</b> documented steps kept" in page


def test_each_distinct_screenshot_is_embedded_once(tmp_path: Path) -> None:
    twice = scenario("t::a", PASSED)
    twice.steps[1].shots = list(twice.steps[0].shots)  # the same picture after two steps
    page = render([twice], tmp_path)
    embedded = re.findall(r"\.(i-[0-9a-f]+)\{background-image:url\(\"data:image/jpeg;base64,", page)
    assert len(embedded) == len(set(embedded)) == 2, "each distinct picture once, as a CSS class"
    assert page.count('class="enlarge"') == 3, "three thumbnails point at them"


def test_a_failure_shows_the_step_error_last_screenshot_trace_and_mock_log(tmp_path: Path) -> None:
    failed = scenario("tests/e2e/test_demo.py::test_broken", FAILED, ("doc-step-1",), failed_at=1)
    failed.traces = [str(tmp_path / "test-results" / "tests-e2e-test-demo-py-test-broken" / "trace.zip")]
    failed.mock_log = ["12:00:00.000 admin  POST /admin/login -> 302", "12:00:01.000 admin  GET /admin/ -> 500 <boom>"]
    failed.longrepr = "Traceback ...\nAssertionError: Doc step 1: the dashboard"
    page = render([failed, scenario("t::ok", PASSED, ("doc-step-2",), order=1)], tmp_path)

    assert (
        "Gherkin step <b>When I sign in with the admin user name and password</b> (features/demo.feature:4) failed"
        in page
    )
    assert "AssertionError: Doc step 1: the dashboard" in page
    assert 'class="shots big"' in page and 'figure class="large"' in page
    assert "Playwright trace:" not in page, "a trace that is not on disk is not linked"
    assert "GET /admin/ -&gt; 500 &lt;boom&gt;" in page, "the mock log is shown, escaped"
    assert re.search(r'<details class="scenario failed" id="[^"]+" open>', page), "failed scenarios start open"
    assert 'li class="step failed broke"' in page and 'li class="step skipped"' in page
    assert "<title>Living doc: Add or verify the Amazon API key (FAILED)</title>" in page


def test_a_set_up_error_and_a_missing_trace_are_explained(tmp_path: Path) -> None:
    broken = scenario("t::setup", ERROR, ("doc-step-1",))
    broken.error, broken.longrepr = "ControlApiError: reset failed", "E   ControlApiError: reset failed"
    for step in broken.steps:
        step.status, step.shots = NOT_RUN, []
    page = render([broken], tmp_path)

    assert "broke outside its Gherkin steps" in page
    assert "No Playwright trace" in page and "--tracing retain-on-failure" in page


def test_user_text_is_escaped(tmp_path: Path) -> None:
    evil = scenario("t::x", PASSED)
    evil.name = "<script>alert(1)</script>"
    evil.steps[0].text = 'a "quoted" <b>step</b>'
    page = render([evil], tmp_path)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;b&gt;step&lt;/b&gt;" in page


# ---- cucumber JSON ----


def test_cucumber_json_has_features_elements_and_step_results() -> None:
    scenarios = [
        scenario("t::a", PASSED, ("doc-step-1",), order=0),
        scenario("t::b", FAILED, ("doc-step-2",), order=1, failed_at=1),
        scenario("t::c", PASSED, order=2, feature_file="features/other.feature"),
    ]
    document = json.loads(json.dumps(cucumber_json(scenarios, embed=read_fake)))

    assert [f["uri"] for f in document] == ["features/demo.feature", "features/other.feature"]
    feature = document[0]
    assert {"id", "keyword", "name", "description", "line", "tags", "elements", "uri"} <= set(feature)
    assert [e["name"] for e in feature["elements"]] == ["Scenario a", "Scenario b"]
    element = feature["elements"][1]
    assert element["type"] == "scenario" and element["keyword"] == "Scenario"
    assert element["id"] == "demo-feature;scenario-b"
    assert {"name": "@doc-step-2", "line": 2} in element["tags"]
    steps = element["steps"]
    assert [s["keyword"] for s in steps] == ["Given ", "When ", "Then "]
    assert all(s["arguments"] == [] for s in steps)
    assert [s["result"]["status"] for s in steps] == ["passed", "failed", "skipped"]
    assert steps[0]["result"]["duration"] == 500_000_000 and isinstance(steps[0]["result"]["duration"], int)
    assert steps[1]["result"]["error_message"].startswith("Doc step 1: the dashboard\nAssertionError: Doc step 1")
    assert steps[1]["match"]["location"] == "steps/admin.py:30", "the step definition that ran it"
    assert steps[1]["embeddings"][0]["mime_type"] == "image/jpeg"
    assert "embeddings" not in steps[0], "only the failing step's screenshots are embedded"
    assert "duration" not in steps[2]["result"]


def test_cucumber_json_keeps_a_failure_outside_the_steps_as_a_failed_before_hook() -> None:
    broken = scenario("t::setup", ERROR)
    broken.error, broken.longrepr = "ControlApiError: reset failed", "E   ControlApiError: reset failed"
    for step in broken.steps:
        step.status = NOT_RUN
    element = cucumber_json([broken])[0]["elements"][0]
    assert element["before"][0]["result"] == {
        "status": "failed",
        "duration": 0,
        "error_message": "reset failed\nE   ControlApiError: reset failed",
    }


def test_a_scenarios_notes_appear_with_it(tmp_path: Path) -> None:
    noted = scenario("t.py::noted")
    noted.notes = ["Admin layout: API keys at System > Services > Commerce Services Connector"]
    page = render([noted], tmp_path)
    assert "Admin layout: API keys at System &gt; Services &gt; Commerce Services Connector" in page
