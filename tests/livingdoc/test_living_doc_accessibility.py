"""The living doc is accessible and reads without JavaScript: axe-core finds no violation with every section
open, the failures list included; a picture enlarges by keyboard with JavaScript off (Escape closes it with
JavaScript on); the screenshots show with JavaScript off and when printed; anchors land below the sticky bar;
the doc's language switch works without JavaScript; a tab that shows nothing (about:blank) gets no thumbnail."""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from flowspec.doc_steps import DOC_STEPS
from flowspec.published_doc import parse
from livingdoc import page as html_page
from livingdoc.model import ERROR, FAILED, PASSED, ReportMeta, ScenarioResult
from livingdoc.pictures import Camera
from livingdoc.verdicts import doc_verdicts, promise_coverage
from tests.livingdoc.records import GERMAN_DOC, scenario

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
    failed.error = (
        "DocStepFailure: Doc step 2 (Open Marketing > Channels > Amazon Sales Channel): the prompt should show"
    )
    failed.longrepr = "Traceback ...\n" + failed.error
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
    meta.docs = [parse(GERMAN_DOC, source="de.md")]
    html = html_page.render(scenarios, doc_verdicts(scenarios), promise_coverage(scenarios), meta, lambda path: picture)
    path = tmp_path / "living-doc.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_axe_finds_no_violation_with_every_section_open(page: Page, tmp_path: Path) -> None:
    page.goto(report(page, tmp_path).as_uri())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def no_js_page(page: Page) -> Page:
    context = page.context.browser.new_context(java_script_enabled=False)  # type: ignore[union-attr]
    return context.new_page()


def test_a_picture_enlarges_by_keyboard_without_javascript(page: Page, tmp_path: Path) -> None:
    no_js = no_js_page(page)
    try:
        no_js.set_viewport_size({"width": 1280, "height": 800})
        no_js.goto(report(page, tmp_path).as_uri())
        link = no_js.get_by_role("link", name="Enlarge: admin tab after: When I sign in").first
        link.focus()
        no_js.keyboard.press("Enter")
        enlarged = no_js.locator(".zoom:target .shot[role=img]")
        expect(enlarged).to_be_visible()
        assert enlarged.bounding_box()["width"] >= 900, "the enlarged picture is at least 900 px wide"  # type: ignore[index]
        no_js.locator(".zoom:target .zoom-close").click()
        expect(no_js.locator(".zoom:target")).to_have_count(0)
    finally:
        no_js.context.close()


def test_escape_closes_an_enlarged_picture(page: Page, tmp_path: Path) -> None:
    page.goto(report(page, tmp_path).as_uri())
    page.get_by_role("link", name="Enlarge: admin tab after: When I sign in").first.click()
    expect(page.locator(".zoom:target")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator(".zoom:target")).to_have_count(0)


def test_the_failures_list_comes_first_and_its_links_land_below_the_sticky_bar(page: Page, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(report(page, tmp_path).as_uri())
    first_section = page.locator("main > section").first
    expect(first_section).to_have_id("failures")
    expect(first_section.locator("li")).to_have_count(2)
    expect(first_section).to_contain_text("Doc step 2 (Open Marketing > Channels > Amazon Sales Channel)")
    expect(first_section).to_contain_text("Expected: the prompt should show")
    page.locator("header").get_by_role("link", name="2 failed").click()
    assert page.evaluate("location.hash") == "#failures"
    page.locator("#failures a").first.click()
    target = page.locator(":target")
    expect(target.locator("h4")).to_have_text("What broke")
    bar = page.locator("nav.sections").bounding_box()
    box = target.bounding_box()
    assert bar is not None and box is not None and box["y"] >= bar["y"] + bar["height"], "hidden under the bar"


def test_pictures_are_printed(page: Page, tmp_path: Path) -> None:
    page.goto(report(page, tmp_path).as_uri())
    pdf = page.pdf()  # as "Print" or "Save as PDF" does it: backgrounds off unless the page asks for them
    assert b"/Subtype /Image" in pdf, "the screenshots are dropped from the printout"


def test_the_doc_language_switch_works_without_javascript(page: Page, tmp_path: Path) -> None:
    no_js = no_js_page(page)
    try:
        no_js.goto(report(page, tmp_path).as_uri())
        german = no_js.locator("#doc-step-7 .doc-own")
        english = no_js.locator("#doc-step-7 .doc-english")
        expect(german).to_have_attribute("lang", "de")
        expect(german).to_contain_text("Fügen Sie den kopierten Schlüssel")
        expect(english).to_be_hidden()
        no_js.get_by_label("English").check()
        expect(german).to_be_hidden()
        expect(english).to_contain_text("Paste the copied key into Production Api key.")
    finally:
        no_js.context.close()


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
