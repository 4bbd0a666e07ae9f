"""Recording the scenarios where they run (the only process, or each xdist worker).

Through pytest-bdd's public step hooks it records each Gherkin step (keyword, text, line, the
step definition that ran it, status, duration, error), screenshots of the scenario's tabs after
each step (``livingdoc.pictures``), a Playwright trace group around each step, and per scenario its
set-up and teardown time, the doc's promises it made due and kept (``user_properties``), its notes,
traces and the mock servers' log. What only the harness knows (the tabs, the mock log, the secrets to
mask) comes through the hooks in ``livingdoc.hookspecs``. Each finished scenario is appended to this
process's part file; the controller merges them.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from flowspec.doc_steps import BY_TAG
from livingdoc import pictures
from livingdoc.collection import collected_scenario, placeholder, step_result
from livingdoc.model import (
    ERROR,
    FAILED,
    NOT_RUN,
    PASSED,
    SET_UP,
    SKIPPED,
    PartWriter,
    ScenarioResult,
    Settings,
    StepResult,
)
from livingdoc.verdicts import promise_doc_steps

# What the harness appends to a test's user_properties (they travel under xdist), and what pytest-playwright does.
PROMISE_DUE, PROMISE_KEPT, PROMISE_BROKEN = "promise-due", "promise-kept", "promise-broken"
DOC_STEP_BROKEN, NOTE, TRACE, VIDEO = "doc-step-broken", "note", "playwright_trace", "playwright_video"
STORE_VERDICT = "store-verdict"  # a verified store's verdict: {"verdict", "checked", "admin_url"} as JSON


# ---- trace groups: one per Gherkin step, so the trace viewer reads as the Gherkin ----


class TraceGroups:
    def __init__(self) -> None:
        self._open: BrowserContext | None = None

    def open(self, context: BrowserContext, step: Any, feature_path: str) -> None:
        """Open a group named like the step ("When I click ...") that points at its line in the feature."""
        try:
            context.tracing.group(
                f"{step.keyword.strip()} {step.name}", location={"file": feature_path, "line": step.line_number}
            )
            self._open = context
        except PlaywrightError:  # tracing is off for this context
            self._open = None

    def close(self) -> None:
        if self._open is not None:
            with contextlib.suppress(PlaywrightError):
                self._open.tracing.group_end()
            self._open = None


# ---- the recorder ----


@dataclass
class Recording:
    """One scenario while it runs (held in the item's stash)."""

    result: ScenarioResult
    camera: pictures.Camera
    feature_path: str = ""
    step_index: int = -1
    step_started: float = 0.0
    call_started: float = 0.0
    first_step_called: float | None = None
    last_step_done: float | None = None
    properties_seen: int = 0  # how many user properties the item had when the current step began
    trace_groups: TraceGroups = field(default_factory=TraceGroups)


RECORDING = pytest.StashKey[Recording]()


class Recorder:
    def __init__(self, config: pytest.Config, settings: Settings, run_dir: Path, worker: str) -> None:
        self.config = config
        self.settings = settings
        self.run_dir = run_dir
        self.worker = worker
        self.part = PartWriter(run_dir / "parts" / f"{worker}-{os.getpid()}.jsonl")
        self.tracing = str(config.getoption("--tracing", "off") or "off") != "off"
        self.deselected = 0
        self.illustrated: set[str] = set()
        # Step pictures from Chromium's screencast, chosen after the scenario (no wait in it), unless a
        # reporter needs each step's files at once (Allure attaches them to the step as it ends).
        self.screencast = settings.step_screenshots and not config.pluginmanager.has_plugin("livingdoc-allure")

    # ---- collection: one "not run" placeholder per scenario ----

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.deselected += len(items)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if self.config.option.collectonly:
            return
        placeholders = []
        for order, item in enumerate(session.items):
            collected = collected_scenario(item)
            if collected is None:
                continue
            result = placeholder(item, collected, order, self.config.rootpath, self.worker)
            subject = self.config.hook.pytest_livingdoc_subject(item=item)
            if subject:
                result.subject, result.name = str(subject), f"{result.name} [{subject}]"
            camera = pictures.Camera(self.run_dir, item.nodeid, screencast=self.screencast)
            item.stash[RECORDING] = Recording(result, camera)
            placeholders.append(result)
        if placeholders:
            self.part.collected(placeholders, self.deselected)

    # ---- pytest-bdd: the steps ----

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        recording = item.stash.get(RECORDING, None)
        if recording is not None:
            recording.call_started = time.perf_counter()
        try:
            return (yield)
        finally:
            if recording is not None:
                done = time.perf_counter()
                last = recording.last_step_done or done
                recording.result.teardown_seconds += done - last

    def pytest_bdd_before_scenario(self, request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
        recording = request.node.stash.get(RECORDING, None)
        if recording is None:
            return
        recording.result.steps = [step_result(step) for step in scenario.steps]
        recording.feature_path = str(feature.filename)
        recording.step_index = -1

    def pytest_bdd_after_scenario(self, request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
        """The steps are over (passed or not): the camera picks the screencast's pictures for them."""
        recording = request.node.stash.get(RECORDING, None)
        if recording is None:
            return
        started = time.perf_counter()
        recording.camera.finish(self._tabs(request.node))
        recording.result.capture_seconds += time.perf_counter() - started

    def _start_step(self, item: pytest.Item) -> Recording | None:
        """The next Gherkin step begins: its index, its start, the promise bookkeeping seen so far."""
        recording = item.stash.get(RECORDING, None)
        if recording is not None:
            recording.step_index += 1
            recording.step_started = time.perf_counter()
            recording.properties_seen = len(item.user_properties)
        return recording

    def pytest_bdd_before_step(
        self, request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any
    ) -> None:
        recording = self._start_step(request.node)
        if recording is None:
            return
        if 0 <= recording.step_index < len(recording.result.steps):
            recording.result.steps[recording.step_index].location = step_definition_location(
                step_func, self.config.rootpath
            )

    def pytest_bdd_before_step_call(
        self,
        request: pytest.FixtureRequest,
        feature: Any,
        scenario: Any,
        step: Any,
        step_func: Any,
        step_func_args: Any,
    ) -> None:
        recording = request.node.stash.get(RECORDING, None)
        if recording is None:
            return
        now = time.perf_counter()
        if recording.first_step_called is None:
            # the first step's fixtures (browser context, page, journey) belong to the scenario's set-up
            recording.first_step_called = now
            recording.result.setup_seconds += now - recording.call_started
        tabs = self._tabs(request.node)
        recording.camera.step_started(tabs)
        recording.step_started = time.perf_counter()  # the step's own time starts after the camera's
        recording.result.capture_seconds += recording.step_started - now
        if tabs and not recording.result.browser:
            recording.result.browser = browser_name(tabs[0][1])
        if self.tracing and tabs:
            recording.trace_groups.open(tabs[0][1].context, step, recording.feature_path)

    @pytest.hookimpl(tryfirst=True)  # before other reporters close the step (Allure attaches to it)
    def pytest_bdd_after_step(
        self,
        request: pytest.FixtureRequest,
        feature: Any,
        scenario: Any,
        step: Any,
        step_func: Any,
        step_func_args: Any,
    ) -> None:
        self._finish_step(request.node, step, None)

    @pytest.hookimpl(tryfirst=True)
    def pytest_bdd_step_error(
        self,
        request: pytest.FixtureRequest,
        feature: Any,
        scenario: Any,
        step: Any,
        step_func: Any,
        step_func_args: Any,
        exception: Exception,
    ) -> None:
        self._finish_step(request.node, step, exception)

    def pytest_bdd_step_func_lookup_error(
        self, request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, exception: Exception
    ) -> None:
        if self._start_step(request.node) is not None:
            self._finish_step(request.node, step, exception, undefined=True)

    def _finish_step(
        self, item: pytest.Item, step: Any, exception: BaseException | None, undefined: bool = False
    ) -> None:
        recording = item.stash.get(RECORDING, None)
        if recording is None or not 0 <= recording.step_index < len(recording.result.steps):
            return
        record = recording.result.steps[recording.step_index]
        record.duration = time.perf_counter() - recording.step_started
        recording.trace_groups.close()
        self._step_promises(item, recording, record)
        if exception is None:
            record.status = PASSED
        else:
            record.status = FAILED
            record.error = self.mask(("Step definition not found: " if undefined else "") + exception_text(exception))
            recording.result.failed_step = recording.step_index
        capture_started = time.perf_counter()
        tabs = self._tabs(item)
        if tabs and exception is not None:
            record.shots = recording.camera.shots_now(recording.step_index, tabs, always=True)
        elif tabs and self.settings.step_screenshots:
            recording.camera.after_step(recording.step_index, tabs, record)
        if record.shots:  # the pictures taken at once (with the screencast, most come at the scenario's end)
            files = [(shot.tab, self.run_dir / shot.path) for shot in record.shots]
            self.config.hook.pytest_livingdoc_step_screenshots(item=item, step_title=record.title, files=files)
        if tabs and exception is None:
            self._illustrate(recording, step, dict(tabs))
        record.capture_seconds = time.perf_counter() - capture_started
        recording.result.capture_seconds += record.capture_seconds
        recording.last_step_done = time.perf_counter()

    def _step_promises(self, item: pytest.Item, recording: Recording, record: StepResult) -> None:
        """What the step appended to the item's user properties: the promises it made due, kept and broke,
        their doc steps, and the doc step its failure names."""
        added = item.user_properties[recording.properties_seen :]
        recording.properties_seen = len(item.user_properties)
        record.promises_due = property_values(added, PROMISE_DUE)
        record.promises_kept = property_values(added, PROMISE_KEPT)
        record.promises_broken = property_values(added, PROMISE_BROKEN)
        broke = property_values(added, DOC_STEP_BROKEN)
        record.broke = broke[0] if broke else None
        tags = recording.result.doc_tags
        found = [
            doc for promise in [*record.promises_due, *record.promises_kept, *record.promises_broken]
            for doc in promise_doc_steps(promise, tags)
        ]  # fmt: skip
        found += [record.broke] if record.broke and record.broke != SET_UP else []
        record.doc_steps = [tag for tag in BY_TAG if tag in found]

    def _tabs(self, item: pytest.Item) -> list[tuple[str, Page]]:
        tabs = self.config.hook.pytest_livingdoc_tabs(item=item)
        return [(str(name), page) for name, page in tabs or [] if not page.is_closed()]

    def _illustrate(self, recording: Recording, step: Any, tabs: dict[str, Page]) -> None:
        tags = [*recording.result.tags, *recording.result.feature_tags]
        for picture in pictures.illustrations_due(tags, step.name, self.illustrated):
            page = tabs.get(picture.tab)
            if page is not None and recording.camera.illustration(
                page, self.run_dir / "illustrations" / picture.filename
            ):
                self.illustrated.add(picture.filename)

    def mask(self, text: str) -> str:
        masked = self.config.hook.pytest_livingdoc_mask(text=text)
        return text if masked is None else str(masked)

    # ---- pytest's reports: the scenario's outcome, its set-up and teardown, the trace, the mock log ----

    @pytest.hookimpl(wrapper=True, tryfirst=True)  # outermost: sees what pytest-playwright adds to the report
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
        report: pytest.TestReport = yield
        recording = item.stash.get(RECORDING, None)
        if recording is None:
            return report
        result = recording.result
        raised = call.excinfo.value if call.excinfo is not None and report.failed else None
        error = self.mask(exception_text(raised)) if raised is not None else None
        record_phase(result, report, self.mask, lambda: self._mock_log(item), error)
        if report.when == "teardown":
            properties = [*item.user_properties, *report.user_properties]
            result.traces = sorted({str(self._artifact(v)) for k, v in properties if k == TRACE})
            result.videos = sorted({str(self._artifact(v)) for k, v in properties if k == VIDEO})
            result.notes = property_values(properties, NOTE)
            verdicts = property_values(properties, STORE_VERDICT)
            result.store = {"name": result.subject, **json.loads(verdicts[-1])} if verdicts else {}
            result.promises_due = property_values(properties, PROMISE_DUE)
            result.promises_kept = property_values(properties, PROMISE_KEPT)
            result.promises_broken = property_values(properties, PROMISE_BROKEN)
            broke = property_values(properties, DOC_STEP_BROKEN)
            result.broke = broke[0] if broke else None
            self.part.result(result)
        return report

    def _artifact(self, path: object) -> Path:
        return (self.config.invocation_params.dir / str(path)).resolve()

    def _mock_log(self, item: pytest.Item) -> list[str]:
        try:
            lines = self.config.hook.pytest_livingdoc_mock_log(item=item)
        except Exception as exc:  # the log is a diagnostic: never hide the real failure
            return [f"mock log unavailable: {exc}"]
        return [str(line) for line in lines or []]


# ---- a scenario's outcome from pytest's reports ----


def record_phase(
    result: ScenarioResult,
    report: pytest.TestReport,
    mask: Callable[[str], str],
    mock_log: Callable[[], list[str]],
    error: str | None = None,
) -> None:
    """Fold one phase's report into the scenario's record: status, error, durations, the mock log on failure.
    ``error`` is the exception's own text ("Type: message"), when the phase raised one: it reads better than
    pytest's crash line, which for a fixture that fails inside a comprehension is the comprehension's locals."""
    result.duration += report.duration
    if report.when == "setup":
        result.started = report.start
        result.setup_seconds += report.duration
        if report.failed:
            result.status, result.error = ERROR, error or mask(crash_line(report) or "")
            result.longrepr, result.error_where = mask(report.longreprtext), "set-up"
            result.mock_log = mock_log()
        elif report.skipped:
            result.status, result.error = SKIPPED, skip_reason(report)
    elif report.when == "call":
        if report.passed:
            result.status = PASSED
        elif report.skipped:
            result.status, result.error = SKIPPED, skip_reason(report)
        else:
            result.status, result.longrepr = FAILED, mask(report.longreprtext)
            step_error = result.steps[result.failed_step].error if result.failed_step is not None else None
            result.error = step_error or error or mask(crash_line(report) or "")
            result.error_where = "step" if step_error else "set-up"
            result.mock_log = mock_log()
    elif report.when == "teardown":
        result.teardown_seconds += report.duration
        if report.failed and result.status in (PASSED, SKIPPED, NOT_RUN):
            result.status, result.error = ERROR, error or mask(crash_line(report) or "")
            result.error_where = "teardown"
            result.longrepr = mask(((result.longrepr or "") + "\n" + report.longreprtext).strip())
        for step in result.steps:
            if step.status == NOT_RUN and result.status != NOT_RUN:
                step.status = SKIPPED


# ---- texts from pytest's reports ----


def property_values(properties: list[tuple[str, object]], name: str) -> list[str]:
    seen: list[str] = []
    for key, value in properties:
        if key == name and str(value) not in seen:
            seen.append(str(value))
    return seen


def exception_text(exception: BaseException) -> str:
    text = str(exception).strip()
    return f"{type(exception).__name__}: {text}" if text else type(exception).__name__


def crash_line(report: pytest.TestReport) -> str | None:
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        return str(crash.message)
    lines = report.longreprtext.strip().splitlines()
    return lines[-1] if lines else None


def skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return report.longreprtext


def browser_name(page: Page) -> str:
    """ "chromium 140.0.7339.80": the browser a tab belongs to, as far as Playwright tells."""
    browser = page.context.browser
    if browser is None:
        return ""
    with contextlib.suppress(PlaywrightError):
        return f"{browser.browser_type.name} {browser.version}"
    return ""


# ---- where a step is defined ----


def step_definition_location(step_func: Any, rootpath: Path) -> str:
    """The step function's "file:line", relative to ``rootpath``; "" when it cannot be told."""
    try:
        function = inspect.unwrap(step_func)
        path = inspect.getsourcefile(function) or ""
        line = function.__code__.co_firstlineno
    except (TypeError, AttributeError):
        return ""
    with contextlib.suppress(ValueError):
        path = os.path.relpath(path, rootpath)
    return f"{path}:{line}"
