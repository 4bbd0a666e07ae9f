"""Verdicts per documented step from the Gherkin steps' own checks, as the harness records them (promises due,
kept and broken per step, the doc step a failure names), and where a failure is reported: the failures list,
living-doc.json, JUnit's message and cucumber's error_message."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from flowspec.doc_steps import DOC_STEPS
from livingdoc.model import ERROR, FAILED, PASSED, SET_UP, SKIPPED, MergedRun, ReportMeta, ScenarioResult, StepResult
from livingdoc.reports import VERDICTS_NAME, cucumber_json, junit_xml, write_reports
from livingdoc.verdicts import doc_verdicts, failures, gate_message, promise_coverage

ALL_DOC_TAGS = tuple(step.tag for step in DOC_STEPS)
SAVE_CONFIG = (
    "DocStepFailure: Doc step 8 (Click Save Config): Save Config should confirm with 'You saved the "
    "configuration.'\n  seen: admin tab at /admin/system_config/ - 'Configuration stored.'"
)
COPY = (
    "DocStepFailure: Doc step 4 (Create and copy a key in the API Portal): Copy should put the key listed under "
    "the description on the clipboard (while setting up a doc step 5 scenario)\n  seen: portal tab at /apiportal/"
)


def step(keyword: str, text: str, status: str = PASSED, **found: list[str]) -> StepResult:
    """A recorded Gherkin step; ``found`` gives what it appended: due=, kept=, broken= promise ids."""
    record = StepResult(keyword, text, 1, status=status)
    record.promises_due = found.get("due", [])
    record.promises_kept = found.get("kept", [])
    record.promises_broken = found.get("broken", [])
    return record


def run_of(nodeid: str, doc_tags: tuple[str, ...], steps: list[StepResult], error: str | None = None) -> ScenarioResult:
    """A finished scenario: failed at its first failing step (the steps after it skipped), else passed."""
    failed_at = next((i for i, s in enumerate(steps) if s.status == FAILED), None)
    for later in steps[(failed_at + 1 if failed_at is not None else len(steps)) :]:
        later.status = SKIPPED
    result = ScenarioResult(nodeid, nodeid.rsplit("::", 1)[-1], "Feature", "features/f.feature", 1)
    result.doc_tags, result.tags, result.steps = list(doc_tags), list(doc_tags), steps
    result.status = PASSED if failed_at is None else FAILED
    result.failed_step, result.error = failed_at, error
    result.promises_due = [p for s in steps for p in s.promises_due]
    result.promises_kept = [p for s in steps for p in s.promises_kept]
    result.promises_broken = [p for s in steps for p in s.promises_broken]
    if failed_at is not None:
        steps[failed_at].error = error
    return result


def end_to_end(save_config_broken: bool) -> ScenarioResult:
    """The whole flow; with Save Config's message broken it stops at doc step 8's check."""
    save = step("Then", 'the message "You saved the configuration." is shown', due=["save-config-confirms"])
    if save_config_broken:
        save.status, save.promises_broken, save.broke = FAILED, ["save-config-confirms"], "doc-step-8"
    else:
        save.promises_kept = ["save-config-confirms"]
    steps = [
        step("Given", "no Amazon API key is saved", due=["admin-sign-in"], kept=["admin-sign-in"]),
        step("When", "I go to Amazon Sales Channel", due=["channel-in-menu", "prompt-for-bad-key"],
             kept=["channel-in-menu", "prompt-for-bad-key"]),
        step("When", 'I click "Sign in"', due=["sign-in-opens-new-tab", "signed-in-shows-api-portal"],
             kept=["sign-in-opens-new-tab", "signed-in-shows-api-portal"]),
        step("When", "I add a key and copy it", due=["add-new-lists-key", "copy-puts-key-on-clipboard"],
             kept=["add-new-lists-key", "copy-puts-key-on-clipboard"]),
        step("When", "I return to the first tab", due=["first-tab-keeps-prompt"], kept=["first-tab-keeps-prompt"]),
        step("When", 'I click "Add the key"', due=["add-the-key-opens-api-keys"], kept=["add-the-key-opens-api-keys"]),
        step("When", "I paste the key", due=["paste-takes-key-as-is"], kept=["paste-takes-key-as-is"]),
        step("When", 'I click "Save Config"'),
        save,
        step("Then", "the key is kept", due=["saved-key-is-kept"], kept=["saved-key-is-kept"]),
        step("When", "I open Amazon Sales Channel again", due=["valid-key-goes-on", "checked-on-every-access"],
             kept=["valid-key-goes-on", "checked-on-every-access"]),
    ]  # fmt: skip
    return run_of("t::end_to_end", ALL_DOC_TAGS, steps, SAVE_CONFIG if save_config_broken else None)


def verdicts(scenarios: list[ScenarioResult]) -> dict[str, str]:
    return {row.doc.tag: row.verdict for row in doc_verdicts(scenarios)}


def test_only_save_configs_message_broken_breaks_doc_step_8_and_keeps_the_rest() -> None:
    found = verdicts([end_to_end(save_config_broken=True)])
    assert found["doc-step-8"] == "broken"
    assert {tag: found[tag] for tag in ALL_DOC_TAGS[:8]} == dict.fromkeys(ALL_DOC_TAGS[:8], "kept"), found
    assert found["doc-step-9"] == "kept", "checked on the way, in the rule's check; never broken"
    assert verdicts([end_to_end(save_config_broken=False)]) == dict.fromkeys(ALL_DOC_TAGS, "kept")


def test_a_doc_step_whose_checks_were_due_but_never_ran_is_not_reached() -> None:
    save = step("Then", "the message is shown", FAILED, due=["save-config-confirms"], broken=["save-config-confirms"])
    save.broke = "doc-step-8"
    again = step("When", "I open Amazon Sales Channel again")
    broken = run_of("t::recheck", ("doc-step-8", "doc-step-9"), [save, again], SAVE_CONFIG)
    assert verdicts([broken])["doc-step-9"] == "not reached", "no check of step 9 ran before the failure"
    assert verdicts([broken, end_to_end(save_config_broken=False)])["doc-step-9"] == "kept"
    row = next(r for r in doc_verdicts([broken, end_to_end(False)]) if r.doc.tag == "doc-step-9")
    assert [s.nodeid for s in row.not_reached_in] == ["t::recheck"], "the table says where it was not reached"


def test_the_promise_badges_say_broken_only_for_the_broken_promise() -> None:
    rows = {row.promise.id: row for row in promise_coverage([end_to_end(save_config_broken=True)])}
    assert rows["save-config-confirms"].state == "broken"
    assert rows["prompt-for-bad-key"].state == "kept", "kept before the failure"
    assert [p for p, row in rows.items() if row.state == "broken"] == ["save-config-confirms"]


def test_a_broken_copy_in_a_doc_step_5_set_up_is_doc_step_4s() -> None:
    copy = step("Given", "I copied a new key in the API Portal", FAILED, due=["copy-puts-key-on-clipboard"],
                broken=["copy-puts-key-on-clipboard"])  # fmt: skip
    copy.broke = "doc-step-4"
    back = step("When", "I go back to the first tab")
    scenario = run_of("t::first_tab_still_prompts", ("doc-step-5",), [copy, back], COPY)

    [failure] = failures([scenario])
    assert failure.doc_step == "doc-step-4" and failure.while_setting_up
    assert failure.message.startswith("Doc step 4 (Create and copy a key in the API Portal): Copy should")
    found = verdicts([scenario])
    assert found["doc-step-4"] == "broken", "the broken promise's own doc step"
    assert found["doc-step-5"] == "not reached", "the scenario's own step never got to its check"
    row = next(r for r in doc_verdicts([scenario]) if r.doc.tag == "doc-step-4")
    assert [s.nodeid for s in row.scenarios] == ["t::first_tab_still_prompts"], "listed where it broke"


def test_a_failure_the_harness_did_not_attribute_is_named_by_its_first_line() -> None:
    save = step("Then", "the message is shown", FAILED, due=["save-config-confirms"])
    scenario = run_of("t::save", ("doc-step-8",), [save], SAVE_CONFIG)
    assert failures([scenario])[0].doc_step == "doc-step-8"
    assert {r.promise.id: r.state for r in promise_coverage([scenario])}["save-config-confirms"] == "broken"


def test_a_set_up_failure_that_belongs_to_no_promise_names_the_set_up() -> None:
    scenario = ScenarioResult("t::reset", "Reset fails", "Feature", "features/f.feature", 1, doc_tags=["doc-step-1"])
    scenario.steps = [StepResult("Given", "the login page is open", 2, status=SKIPPED)]
    scenario.status, scenario.error, scenario.broke = ERROR, "ControlApiError: reset failed\nmore", SET_UP
    [failure] = failures([scenario])
    assert failure.doc_step == SET_UP and failure.message == "reset failed"
    assert verdicts([scenario])["doc-step-1"] == "not reached"


def test_the_gate_fails_on_a_broken_doc_step() -> None:
    lines = gate_message(doc_verdicts([end_to_end(save_config_broken=True)]))
    assert lines[0] == "DOC COVERAGE GATE FAILED: 1 documented step(s) broken:"
    assert lines[1].startswith("  Doc step 8 (Click Save Config): broken in end_to_end")


def test_living_doc_json_and_the_ci_reports_start_with_the_failures_first_line(tmp_path: Path) -> None:
    copy = step("Given", "I copied a new key in the API Portal", FAILED, due=["copy-puts-key-on-clipboard"])
    copy.broke = "doc-step-4"
    in_step = run_of("t::first_tab_still_prompts", ("doc-step-5",), [copy, step("When", "I go back")], COPY)
    in_fixture = ScenarioResult("t::reset", "Reset fails", "Feature", "features/f.feature", 9, doc_tags=["doc-step-1"])
    in_fixture.status, in_fixture.error_where = ERROR, "set-up"
    in_fixture.error, in_fixture.longrepr = COPY, "Traceback ...\n" + COPY
    scenarios = [end_to_end(save_config_broken=True), in_step, in_fixture]
    meta = ReportMeta(generated="2026-01-01 00:00:00", report_dir=tmp_path)

    write_reports(MergedRun(scenarios), doc_verdicts(scenarios), meta, tmp_path)
    document = json.loads((tmp_path / VERDICTS_NAME).read_text(encoding="utf-8"))
    by_id = {entry["id"]: entry for entry in document["doc_steps"]}
    assert [entry["id"] for entry in document["doc_steps"]] == list(ALL_DOC_TAGS)
    assert by_id["doc-step-8"]["verdict"] == "broken" and by_id["doc-step-4"]["verdict"] == "broken"
    assert by_id["doc-step-8"]["scenarios"][0]["name"] == "end_to_end"
    assert {f["scenario"]: f["doc_step"] for f in document["failures"]} == {
        "first_tab_still_prompts": "doc-step-4",
        "Reset fails": "doc-step-4",
        "end_to_end": "doc-step-8",
    }
    copy_line = COPY.split("\n", 1)[0].removeprefix("DocStepFailure: ")
    assert next(f for f in document["failures"] if f["scenario"] == "Reset fails")["message"] == copy_line

    cases = {case.get("name"): case for case in junit_xml(scenarios).getroot().iter("testcase")}
    for name in ("first_tab_still_prompts", "Reset fails"):
        outcome = next(iter([*cases[name].iter("failure"), *cases[name].iter("error")]), None)
        assert outcome is not None and outcome.get("message") == copy_line, ET.tostring(cases[name])
        assert outcome.get("type") == "DocStepFailure"
    elements = {e["name"]: e for e in cucumber_json(scenarios)[0]["elements"]}
    assert elements["first_tab_still_prompts"]["steps"][0]["result"]["error_message"].startswith(copy_line + "\n")
    assert elements["Reset fails"]["before"][0]["result"]["error_message"].startswith(copy_line + "\n")
