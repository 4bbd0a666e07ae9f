"""The living doc is accessible: axe-core finds no violation with every section open; thumbnails open by
keyboard in a dialog that Escape closes; with JavaScript off the screenshots still show; a tab that shows
nothing (about:blank) gets no thumbnail."""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from flowspec.doc_steps import DOC_STEPS
from livingdoc import page as html_page
from livingdoc.model import ERROR, FAILED, PASSED, ReportMeta, ScenarioResult
from livingdoc.pictures import Camera
from livingdoc.verdicts import coverage, promise_coverage
from tests.livingdoc.records import scenario

ALL_DOC_TAGS = tuple(step.tag for step in DOC_STEPS)


def report(page: Page, tmp_path: Path) -> Path:
    """A living doc of every kind of scenario, with real JPEG screenshots."""
    page.set_content("<h1 style='font:40px sans-serif'>Amazon Sales Channel</h1>")
    picture = page.screenshot(type="jpeg", quality=50)
    passed = scenario("tests/e2e/test_a.py::test_ok[chromium]", PASSED, ALL_DOC_TAGS)
    passed.promises_due = passed.promises_kept = ["prompt-for-bad-key", "admin-sign-in"]
    passed.notes = ["Admin layout: API keys at Stores > Settings > Configuration"]
    failed = scenario("tests/e2e/test_a.py::test_broken[chromium]", FAILED, ("doc-step-2",), order=1, failed_at=1)
    failed.mock_log = ["12:00:00.000 admin  GET  /admin/channel/amazon/ -> 200"]
    failed.longrepr = "Traceback ...\nDocStepFailure: Doc step 2 (...): the prompt should show"
    failed.traces = [str(tmp_path / "test-results" / "t" / "trace.zip")]
    errored = scenario("tests/e2e/test_a.py::test_setup[chromium]", ERROR, ("doc-rule",), order=2)
    errored.error = "ControlApiError: reset failed"
    scenarios: list[ScenarioResult] = [passed, failed, errored]
    meta = ReportMeta(
        generated="2026-11-26 12:00:00",
        report_dir=tmp_path,
        mutation={
            "score": 0.969,
            "target": 0.95,
            "complete": True,
            "wall_seconds": 7200.0,
            "totals": {"total": 130, "killed": 90, "timed_out": 5, "survived": 3, "accepted": 32},
            "modules": {"mocks/admin/channel.py": {"total": 9, "killed": 9}},
        },
    )
    html = html_page.render(scenarios, coverage(scenarios), promise_coverage(scenarios), meta, lambda path: picture)
    path = tmp_path / "living-doc.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_axe_finds_no_violation_with_every_section_open(page: Page, tmp_path: Path) -> None:
    page.goto(report(page, tmp_path).as_uri())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_thumbnails_open_by_keyboard_in_a_dialog_that_escape_closes(page: Page, tmp_path: Path) -> None:
    page.goto(report(page, tmp_path).as_uri())
    thumbnail = page.get_by_role("button", name="Enlarge: admin tab after: When I sign in").first
    thumbnail.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Screenshot")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("img")).to_have_attribute(
        "aria-label", "admin tab after: When I sign in with the admin user name and password"
    )
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_screenshots_show_without_javascript(page: Page, tmp_path: Path) -> None:
    path = report(page, tmp_path)
    context = page.context.browser.new_context(java_script_enabled=False)  # type: ignore[union-attr]
    try:
        no_js = context.new_page()
        no_js.goto(path.as_uri())
        shot = no_js.locator("details[open] .shot[role=img]").first
        expect(shot).to_be_visible()
        assert "data:image/jpeg;base64" in shot.evaluate("e => getComputedStyle(e).backgroundImage")
    finally:
        context.close()


def test_a_blank_tab_gets_no_thumbnail(page: Page, tmp_path: Path) -> None:
    blank = page.context.new_page()
    page.goto("data:text/html,<p>the admin</p>")
    shots = Camera(tmp_path, "t::x").shots_now(0, [("admin", page), ("tab 2", blank)])
    assert [shot.tab for shot in shots] == ["admin"]
