"""pytest plugin: records every pytest-bdd scenario step by step and writes the living documentation.

Registered from the root conftest (``pytest_plugins``). For each scenario it records the
Gherkin steps (keyword, text, line, status, duration), a screenshot of every open tab of
the scenario's browser context after each step, and on failure the error, the Playwright
trace and the mock servers' log. Each pytest process appends its records to its own part
file; the controller (or the only process) merges them at the end and writes, under
``--living-doc-dir`` (default ``reports/``):

* ``living-doc.html``: the self-contained page;
* ``cucumber.json``: cucumber JSON (correct under xdist, unlike pytest-bdd's);
* ``junit.xml``: pytest's own JUnit XML (``--junitxml`` defaults to it);
* ``illustrations/*.png``: the doc's three pictures, re-created by the end-to-end scenario.

The coverage gate fails the run when a documented step has no passing scenario;
see ``--doc-coverage-gate``.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import time
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError
from pytest_bdd.scenario import scenario_wrapper_template_registry

from flowspec.doc_steps import BY_TAG, label
from livingdoc import coverage as cov
from livingdoc import html_report, illustrations
from livingdoc.capture import Camera
from livingdoc.merge import MergedRun, PartWriter, merge, read_parts
from livingdoc.model import ERROR, FAILED, NOT_RUN, PASSED, SKIPPED, ScenarioResult, Shot, StepResult
from livingdoc.publish import REPORT_NAME, write_reports

DEFAULT_DIR = "reports"
DATA_DIR = "data"  # with --living-doc-keep-data: the run's parts and screenshots, for merging shards
# What a tab shows, cheaply: URL, scroll position, focus, the DOM and the form values. Equal
# signatures after two steps mean nothing visible changed, so the earlier screenshot is reused.
SIGNATURE_JS = """() => {
  const values = Array.from(document.querySelectorAll('input,textarea,select'),
    e => e.type === 'checkbox' || e.type === 'radio' ? String(e.checked) : e.value).join('\\u0001');
  const text = location.href + '|' + scrollX + ',' + scrollY + '|' + innerWidth + 'x' + innerHeight + '|' +
    (document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : '') + '|' +
    (document.documentElement ? document.documentElement.outerHTML : '') + '|' + values;
  let h1 = 0x811c9dc5, h2 = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619); h2 = (Math.imul(h2, 31) + c) | 0;
  }
  return text.length + ':' + (h1 >>> 0).toString(16) + ':' + (h2 >>> 0).toString(16);
}"""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("livingdoc", "living documentation and CI reports")
    group.addoption(
        "--living-doc-dir",
        default=None,
        help="where the living doc, cucumber.json, junit.xml and illustrations go (default: reports). "
        "Never inside pytest-playwright's --output, which is wiped at the start of each run.",
    )
    group.addoption("--no-living-doc", action="store_true", help="record nothing and write no living doc")
    group.addoption(
        "--living-doc-keep-data",
        action="store_true",
        help="also keep the run's records and screenshots in <living-doc-dir>/data, so CI shards can be merged "
        "into one report with `python -m livingdoc.shards`",
    )
    group.addoption(
        "--step-screenshots",
        choices=("on", "off"),
        default="on",
        help="screenshot every open tab after each Gherkin step (default: on). With off, only the failing step "
        "and the doc's illustrations are captured.",
    )
    group.addoption(
        "--doc-coverage-gate",
        choices=(cov.GATE_AUTO, cov.GATE_ON, cov.GATE_OFF),
        default=cov.GATE_AUTO,
        help="fail the run when a documented step has no passing scenario. auto (default): only when the whole "
        "suite ran (no -k, -m, node ids, deselection, no feature file left out).",
    )
    group.addoption(
        "--no-doc-coverage-gate",
        dest="doc_coverage_gate",
        action="store_const",
        const=cov.GATE_OFF,
        default=cov.GATE_AUTO,
        help="same as --doc-coverage-gate=off, for subset runs",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("no_living_doc"):
        return
    worker_input: dict[str, Any] | None = getattr(config, "workerinput", None)
    junit_default: Path | None = None
    if worker_input is not None:
        if "livingdoc_run_dir" not in worker_input:
            return  # the controller records nothing
        run_dir = Path(worker_input["livingdoc_run_dir"])
        report_dir = Path(worker_input["livingdoc_report_dir"])
        worker = str(worker_input.get("workerid", "worker"))
    else:
        chosen = config.getoption("living_doc_dir")
        if chosen is None and os.environ.get("PYTEST_CURRENT_TEST"):
            # A pytest started by a test (the broken-mock checks) must not overwrite the suite's
            # report; it writes one only where --living-doc-dir says.
            return
        report_dir = (config.invocation_params.dir / (chosen or DEFAULT_DIR)).resolve()
        run_dir = report_dir / ".runs" / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
        worker = "main"
        _prune_stale_runs(run_dir.parent)
        if not config.option.xmlpath:
            # pytest's JUnit XML is right under xdist: write it to the run folder and keep it
            # (as <dir>/junit.xml) only if the run had scenarios, so unit-test runs leave it alone.
            junit_default = run_dir / "junit.xml"
            config.option.xmlpath = str(junit_default)
    config.pluginmanager.register(LivingDoc(config, report_dir, run_dir, worker, junit_default), "livingdoc-recorder")


@dataclass
class Recording:
    """One scenario while it runs (held in the item's stash)."""

    result: ScenarioResult
    feature_path: str = ""
    step_index: int = -1
    step_started: float = 0.0
    group_open: bool = False
    context: BrowserContext | None = None
    journey: Any = None
    setup_failed: bool = False
    last_shot: dict[str, tuple[str, Shot]] = field(default_factory=dict)  # tab -> (page signature, its shot)
    camera: Camera = field(default_factory=Camera)


RECORDING = pytest.StashKey[Recording]()


@dataclass
class Progress:
    covered: set[str] = field(default_factory=set)
    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)  # nodeid -> (status, text)


class LivingDoc:
    def __init__(
        self, config: pytest.Config, report_dir: Path, run_dir: Path, worker: str, junit_default: Path | None = None
    ) -> None:
        self.config = config
        self.junit_default = junit_default
        self.report_dir = report_dir
        self.run_dir = run_dir
        self.worker = worker
        self.is_controller = not hasattr(config, "workerinput")
        self.part = PartWriter(run_dir / "parts" / f"{worker}-{os.getpid()}.jsonl")
        self.step_shots = config.getoption("step_screenshots") == "on"
        self.tracing = str(config.getoption("--tracing", "off") or "off") != "off"
        self.output_dir = Path(str(config.getoption("--output", "test-results") or "test-results")).resolve()
        self.deselected = 0
        self.illustrated: set[str] = set()
        self.progress = Progress()
        self.started = time.time()
        self.summary: list[str] = []
        self.workers = 1

    # ---- xdist: tell the workers where this run's files go ----

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput["livingdoc_run_dir"] = str(self.run_dir)
        node.workerinput["livingdoc_report_dir"] = str(self.report_dir)
        self.workers = max(self.workers, int(str(node.workerinput.get("workercount", 1))))

    # ---- collection: one placeholder per scenario ----

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.deselected += len(items)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if self.config.option.collectonly:
            return
        placeholders = []
        for order, item in enumerate(session.items):
            result = self._placeholder(item, order)
            if result is not None:
                item.stash[RECORDING] = Recording(result)
                placeholders.append(result)
        if placeholders:
            self.part.collected(placeholders, self.deselected)

    def _placeholder(self, item: pytest.Item, order: int) -> ScenarioResult | None:
        template = scenario_wrapper_template_registry.get(getattr(item, "obj", None))  # type: ignore[arg-type]
        if template is None:
            return None
        callspec = getattr(item, "callspec", None)
        example = callspec.params.get("_pytest_bdd_example", {}) if callspec else {}
        scenario = template.render(example)
        feature = template.feature
        markers = {m.name for m in item.iter_markers()}
        return ScenarioResult(
            nodeid=item.nodeid,
            name=scenario.name,
            feature_name=feature.name,
            feature_file=os.path.relpath(feature.filename, self.config.rootpath),
            line=scenario.line_number,
            order=order,
            keyword=scenario.keyword,
            description=scenario.description or "",
            tags=sorted(scenario.tags),
            doc_tags=[tag for tag in BY_TAG if tag in markers],
            feature_keyword=feature.keyword,
            feature_description=feature.description or "",
            feature_line=feature.line_number,
            feature_tags=sorted(feature.tags),
            feature_language=feature.language,
            steps=[_step_result(step) for step in scenario.steps],
            worker=self.worker,
        )

    # ---- the browser context and the journey, whenever a step first asks for them ----

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(
        self, fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
    ) -> Generator[None, Any, Any]:
        result = yield
        if fixturedef.scope == "function" and fixturedef.argname in ("context", "journey"):
            recording = request.node.stash.get(RECORDING, None)
            if recording is not None:
                if fixturedef.argname == "context" and isinstance(result, BrowserContext):
                    recording.context = result
                elif fixturedef.argname == "journey":
                    recording.journey = result
                    admin = getattr(result, "admin_tab", None)
                    if recording.context is None and isinstance(admin, Page):
                        recording.context = admin.context
        return result

    # ---- pytest-bdd: the steps ----

    def pytest_bdd_before_scenario(self, request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
        recording = request.node.stash.get(RECORDING, None)
        if recording is None:
            return
        recording.result.steps = [_step_result(step) for step in scenario.steps]
        recording.feature_path = str(feature.filename)
        recording.step_index = -1

    def pytest_bdd_before_step(
        self, request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any
    ) -> None:
        recording = request.node.stash.get(RECORDING, None)
        if recording is None:
            return
        recording.step_index += 1
        recording.step_started = time.perf_counter()

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
        recording.step_started = time.perf_counter()  # the step's own time, without setting up its fixtures
        if not self.tracing or recording.context is None:
            return
        try:
            recording.context.tracing.group(
                f"{step.keyword.strip()} {step.name}",
                location={"file": recording.feature_path, "line": step.line_number},
            )
            recording.group_open = True
        except PlaywrightError:
            recording.group_open = False

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
        recording = request.node.stash.get(RECORDING, None)
        if recording is None:
            return
        recording.step_index += 1
        recording.step_started = time.perf_counter()
        self._finish_step(request.node, step, exception, undefined=True)

    def _finish_step(
        self, item: pytest.Item, step: Any, exception: BaseException | None, undefined: bool = False
    ) -> None:
        recording = item.stash.get(RECORDING, None)
        if recording is None or not 0 <= recording.step_index < len(recording.result.steps):
            return
        record = recording.result.steps[recording.step_index]
        record.duration = time.perf_counter() - recording.step_started
        if recording.group_open and recording.context is not None:
            with contextlib.suppress(PlaywrightError):
                recording.context.tracing.group_end()
            recording.group_open = False
        if exception is None:
            record.status = PASSED
        else:
            record.status = FAILED
            record.error = ("Step definition not found: " if undefined else "") + _message(exception)
            recording.result.failed_step = recording.step_index
        capture_started = time.perf_counter()
        if exception is not None or self.step_shots:
            record.shots = self._screenshots(recording, recording.step_index, always=exception is not None)
        if exception is None:
            self._illustrate(recording, step)
        recording.result.capture_seconds += time.perf_counter() - capture_started

    def _tabs(self, recording: Recording) -> list[tuple[str, Page]]:
        if recording.context is None:
            return []
        journey = recording.journey
        admin, portal = getattr(journey, "admin_tab", None), getattr(journey, "portal_tab", None)
        tabs = []
        for number, page in enumerate(recording.context.pages, 1):
            if page.is_closed():
                continue
            name = "admin" if page is admin else "portal" if page is portal else f"tab {number}"
            tabs.append((name, page))
        return tabs

    def _screenshots(self, recording: Recording, index: int, always: bool = False) -> list[Shot]:
        """A screenshot of every open tab; a tab that has not changed since its last one keeps that one."""
        shots = []
        folder = Path("shots") / _slug(recording.result.nodeid)
        (self.run_dir / folder).mkdir(parents=True, exist_ok=True)
        for name, page in self._tabs(recording):
            signature = _signature(page)
            previous = recording.last_shot.get(name)
            if not always and signature and previous and previous[0] == signature:
                shots.append(previous[1])
                continue
            relative = folder / f"{index + 1:02d}-{name.replace(' ', '')}.jpg"
            try:
                recording.camera.shoot(page, self.run_dir / relative)
            except PlaywrightError:
                continue
            shot = Shot(tab=name, path=relative.as_posix(), url=page.url)
            recording.last_shot[name] = (signature, shot)
            shots.append(shot)
        return shots

    def _illustrate(self, recording: Recording, step: Any) -> None:
        tags = [*recording.result.tags, *recording.result.feature_tags]
        due = illustrations.due(tags, step.name, self.illustrated)
        if not due:
            return
        tabs = dict(self._tabs(recording))
        for picture in due:
            page = tabs.get(picture.tab)
            if page is None:
                continue
            target = self.run_dir / "illustrations" / picture.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                page.screenshot(path=target, type="png", timeout=5_000)
            except PlaywrightError:
                continue
            self.illustrated.add(picture.filename)

    # ---- pytest's reports: the scenario's outcome, the trace, the mock log ----

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
        report: pytest.TestReport = yield
        recording = item.stash.get(RECORDING, None)
        if recording is None:
            return report
        result = recording.result
        result.duration += report.duration
        if report.when == "setup":
            result.started = report.start
            if report.failed:
                recording.setup_failed = True
                result.status, result.error, result.longrepr = ERROR, _crash(report), report.longreprtext
                result.mock_log = _mock_log(item)
            elif report.skipped:
                result.status, result.error = SKIPPED, _skip_reason(report)
        elif report.when == "call":
            if report.passed:
                result.status = PASSED
            elif report.skipped:
                result.status, result.error = SKIPPED, _skip_reason(report)
            else:
                result.status, result.longrepr = FAILED, report.longreprtext
                result.error = (
                    result.steps[result.failed_step].error if result.failed_step is not None else None
                ) or _crash(report)
                result.mock_log = _mock_log(item)
        elif report.when == "teardown":
            if report.failed and result.status in (PASSED, SKIPPED, NOT_RUN):
                result.status, result.error = ERROR, _crash(report)
                result.longrepr = ((result.longrepr or "") + "\n" + report.longreprtext).strip()
            for step in result.steps:
                if step.status == NOT_RUN and result.status != NOT_RUN:
                    step.status = SKIPPED
            result.traces = [str(p) for p in self._traces(item)]
            result.notes = [str(value) for key, value in item.user_properties if key == "note"]
            self.part.result(result)
        return report

    def _traces(self, item: pytest.Item) -> list[Path]:
        from slugify import slugify

        folder = self.output_dir / slugify(item.nodeid)
        return sorted(folder.glob("trace*.zip")) if folder.is_dir() else []

    # ---- the controller: progress, merge, reports, gate ----

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if not self.is_controller:
            return
        doc_tags = [tag for tag in BY_TAG if tag in report.keywords]
        if not doc_tags:
            return
        if report.failed or (report.when == "call") or (report.when == "setup" and report.skipped):
            status = PASSED if report.passed else FAILED if report.failed else SKIPPED
            if report.when != "call" and report.failed:
                status = ERROR
            previous = self.progress.outcomes.get(report.nodeid)
            if previous is None or previous[0] == PASSED:  # a failure in any phase sticks
                self.progress.outcomes[report.nodeid] = (status, report.longreprtext if report.failed else "")
        terminal = self.config.pluginmanager.get_plugin("terminalreporter")
        if terminal is None or self.config.get_verbosity() < -1:
            return
        if report.when == "call" and report.passed:
            for tag in doc_tags:
                if tag not in self.progress.covered:
                    self.progress.covered.add(tag)
                    _new_line(terminal)
                    terminal.write_line(
                        f"  living doc: {label(tag)} covered ({len(self.progress.covered)}/{len(BY_TAG)})", green=True
                    )
        elif report.failed:
            _new_line(terminal)
            terminal.write_line(
                f"  living doc: FAILED {report.nodeid} ({', '.join(t.replace('doc-', '') for t in doc_tags)})", red=True
            )

    @pytest.hookimpl(trylast=True)  # after pytest's JUnit XML is written
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not self.is_controller:
            return
        if self.config.option.collectonly:
            self._clean_up()
            return
        parts_dir = self.run_dir / "parts"
        run = merge(read_parts(parts_dir), fallback=self.progress.outcomes) if parts_dir.is_dir() else None
        if run is None or not run.scenarios:
            self._clean_up()  # no scenario in this run (unit tests): no living doc, no JUnit default
            return
        rows = cov.coverage(run.scenarios)
        decision = cov.decide_gate(str(self.config.getoption("doc_coverage_gate")), self._narrowing(run))
        gate_lines = cov.gate_message(rows) if decision.active else []
        if gate_lines and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

        self.report_dir.mkdir(parents=True, exist_ok=True)
        written = self._publish_illustrations()
        if self.junit_default is not None and self.junit_default.is_file():
            shutil.move(self.junit_default, self.report_dir / "junit.xml")
            _point_junit_line_at(self.config, self.report_dir / "junit.xml")
        meta = html_report.ReportMeta(
            generated=time.strftime("%Y-%m-%d %H:%M:%S"),
            wall_time=time.time() - self.started,
            workers=self.workers,
            gate=decision,
            gate_failed=bool(gate_lines),
            report_dir=self.report_dir,
            illustrations=written,
            notes=run.problems,
        )
        write_reports(run, rows, meta, self.run_dir)
        if self.config.getoption("living_doc_keep_data"):
            self._keep_data()
        self._clean_up()
        self.summary = self._summary(run.scenarios, rows, decision, gate_lines, written)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        if self.is_controller and self.run_dir.exists():
            self._clean_up()  # a run that ended before its session did (usage error, --help)

    def _keep_data(self) -> None:
        """Keep this run's records and screenshots in ``<dir>/data`` for ``python -m livingdoc.shards``."""
        data = self.report_dir / DATA_DIR
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(self.run_dir, data, ignore=shutil.ignore_patterns("junit.xml"))

    def _clean_up(self) -> None:
        """Remove this run's working files (screenshots and parts are in the HTML now)."""
        shutil.rmtree(self.run_dir, ignore_errors=True)
        for folder in (self.run_dir.parent, self.report_dir):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty

    def _narrowing(self, run: MergedRun) -> list[str]:
        """What made this run a subset of the suite (empty for the whole suite)."""
        option = self.config.option
        why = []
        if getattr(option, "keyword", ""):
            why.append(f"-k {option.keyword}")
        if getattr(option, "markexpr", ""):
            why.append(f"-m {option.markexpr}")
        if any("::" in str(arg) for arg in self.config.args):
            why.append("node ids given")
        if run.deselected or self.deselected:
            why.append(f"{max(run.deselected, self.deselected)} deselected")
        if getattr(option, "lf", False) or getattr(option, "deselect", None):
            why.append("--lf/--deselect")
        missing = sorted(set(self._feature_files()) - set(run.feature_files))
        if missing:
            why.append("feature files not run: " + ", ".join(missing))
        return why

    def _feature_files(self) -> list[str]:
        base = self.config.getini("bdd_features_base_dir") or "features"
        folder = Path(self.config.rootpath) / str(base)
        return [os.path.relpath(p, self.config.rootpath) for p in folder.rglob("*.feature")] if folder.is_dir() else []

    def _publish_illustrations(self) -> dict[str, Path]:
        written = {}
        source = self.run_dir / "illustrations"
        target = self.report_dir / "illustrations"
        for picture in illustrations.ILLUSTRATIONS:
            made = source / picture.filename
            if made.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(made, target / picture.filename)
                written[picture.filename] = target / picture.filename
        return written

    def _summary(
        self,
        scenarios: list[ScenarioResult],
        rows: list[cov.DocCoverage],
        decision: cov.GateDecision,
        gate_lines: list[str],
        written: dict[str, Path],
    ) -> list[str]:
        passed = sum(1 for s in scenarios if s.status == PASSED)
        failed = sum(1 for s in scenarios if s.status in (FAILED, ERROR))
        lines = []
        for row in rows:
            mark = "ok " if row.covered and not row.failed else "!! " if row.covered else "XX "
            lines.append(f"  {mark}{row.label:<62} {row.passed} passed, {row.failed} failed  [{row.status}]")
        covered = sum(1 for r in rows if r.covered)
        lines.append(
            f"  {covered}/{len(rows)} documented steps covered; {len(scenarios)} scenarios: {passed} passed, {failed} failed"
            + (f", {len(scenarios) - passed - failed} skipped or not run" if len(scenarios) - passed - failed else "")
        )
        shown = sum(len(step.shots) for s in scenarios for step in s.steps)
        taken = len({(s.nodeid, shot.path) for s in scenarios for step in s.steps for shot in step.shots})
        capture = sum(s.capture_seconds for s in scenarios)
        lines.append(
            f"  screenshots: {shown} shown, {taken} taken (unchanged tabs reuse the last one) in {capture:.1f} s"
            " summed over processes (--step-screenshots off to skip)"
        )
        gate_state = "FAILED" if gate_lines else ("passed" if decision.active else "off")
        lines.append(f"  coverage gate: {gate_state} ({decision.why})")
        lines.extend(gate_lines)
        missing = [i.filename for i in illustrations.ILLUSTRATIONS if i.filename not in written]
        lines.append(
            f"  illustrations: {len(written)}/{len(illustrations.ILLUSTRATIONS)} re-created in {self.report_dir / 'illustrations'}"
            + (f" (not this run: {', '.join(missing)})" if missing else "")
        )
        lines.append(f"  cucumber JSON: {self.report_dir / 'cucumber.json'}")
        junit = self.report_dir / "junit.xml" if self.junit_default else self.config.option.xmlpath
        if junit:
            lines.append(f"  JUnit XML: {Path(junit).resolve()}")
        lines.append(f"  living doc: {self.report_dir / REPORT_NAME}")
        return lines

    def pytest_terminal_summary(self, terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
        if not self.summary:
            return
        terminalreporter.section("living documentation")
        for line in self.summary:
            red = line.startswith(("  XX", "DOC COVERAGE", "  coverage gate: FAILED"))
            terminalreporter.write_line(line, red=red, bold=line.startswith("  living doc:"))


def _prune_stale_runs(runs: Path, max_age_seconds: float = 24 * 3600) -> None:
    """Working folders of runs that were killed (a finished run removes its own)."""
    if not runs.is_dir():
        return
    for folder in runs.iterdir():
        with contextlib.suppress(OSError):
            if time.time() - folder.stat().st_mtime > max_age_seconds:
                shutil.rmtree(folder, ignore_errors=True)


def _signature(page: Page) -> str:
    """The page's signature (see SIGNATURE_JS); empty when it cannot be read (then always capture)."""
    try:
        return str(page.evaluate(SIGNATURE_JS))
    except PlaywrightError:
        return ""


def _new_line(terminal: Any) -> None:
    """Start our progress line on a line of its own (after pytest's or xdist's progress dots)."""
    writer = getattr(terminal, "_tw", None)
    if getattr(terminal, "currentfspath", None):
        terminal.ensure_newline()
    elif writer is not None and writer.width_of_current_line:
        writer.line()


def _point_junit_line_at(config: pytest.Config, path: Path) -> None:
    """pytest prints "generated xml file: <path>" later; make it name where the file ended up."""
    try:
        from _pytest.junitxml import xml_key
    except ImportError:
        return
    xml = config.stash.get(xml_key, None)
    if xml is not None and hasattr(xml, "logfile"):
        xml.logfile = str(path)


def _step_result(step: Any) -> StepResult:
    return StepResult(keyword=str(step.keyword).strip(), text=str(step.name), line=int(step.line_number))


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")[:150]


def _message(exception: BaseException) -> str:
    text = str(exception).strip()
    return f"{type(exception).__name__}: {text}" if text else type(exception).__name__


def _crash(report: pytest.TestReport) -> str | None:
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        return str(crash.message)
    lines = report.longreprtext.strip().splitlines()
    return lines[-1] if lines else None


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return report.longreprtext


def _mock_log(item: pytest.Item) -> list[str]:
    """The mock servers' log for this scenario (``fixtures.scenario_state.mock_log_lines``), if the project has one."""
    try:
        mock_log_lines = importlib.import_module("fixtures.scenario_state").mock_log_lines
    except (ImportError, AttributeError):
        return []
    try:
        return [str(line) for line in mock_log_lines(item)]
    except Exception as exc:  # the log is a diagnostic: never hide the real failure
        return [f"mock log unavailable: {exc}"]
