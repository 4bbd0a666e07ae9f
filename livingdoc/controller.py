"""The run's controller (the only process, or xdist's controller): progress, merge, gate, publish.

It prints a line when a documented step gets its first kept check and when a scenario fails (naming the doc
step its failure names), and at the end merges the part files of every process, judges each documented step
(``livingdoc.verdicts``), applies the coverage gate, copies the failed scenarios' traces and videos into the
reports folder, writes the reports and a one-screen summary.

The copies are made here, in ``pytest_sessionfinish``, so that the harness's scrub of every file under the
reports folder (a wrapper around this hook, which runs its part after it) covers them too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from flowspec.doc_steps import BY_TAG, doc_tags_of, label
from flowspec.published_doc import PublishedDoc
from livingdoc import verdicts as cov
from livingdoc.model import (
    ARTIFACTS_DIR,
    ERROR,
    FAILED,
    PASSED,
    SKIPPED,
    GateDecision,
    MergedRun,
    ReportMeta,
    ScenarioResult,
    Settings,
    Target,
    first_line,
    merge,
    read_parts,
)
from livingdoc.mutation import read_mutation_summary
from livingdoc.pictures import ILLUSTRATIONS
from livingdoc.reports import REPORT_NAME, copy_artifacts, write_reports
from livingdoc.verdicts import KEPT, doc_step_named, promise_coverage, promise_doc_steps

DATA_DIR = "data"  # with --living-doc-keep-data: the run's parts and screenshots, for merging shards


@dataclass
class Progress:
    covered: set[str] = field(default_factory=set)
    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)  # nodeid -> (status, text)


class Controller:
    def __init__(
        self, config: pytest.Config, settings: Settings, run_dir: Path, docs: list[PublishedDoc] | None = None
    ) -> None:
        self.config = config
        self.docs = docs or []
        self.settings = settings
        self.report_dir = settings.report_dir
        self.run_dir = run_dir
        self.deselected = 0
        self.progress = Progress()
        self.started = time.time()
        self.summary: list[str] = []
        self.workers = 1
        self.mid_line = False  # quiet progress (dots) is on the current terminal line

    # ---- xdist: tell the workers where this run's files go ----

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput["livingdoc_run_dir"] = str(self.run_dir)
        self.workers = max(self.workers, int(str(node.workerinput.get("workercount", 1))))

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.deselected += len(items)

    # ---- progress, from pytest's own reports ----

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        doc_tags = doc_tags_of(report.keywords)
        if not doc_tags:
            return
        if report.failed or report.when == "call" or (report.when == "setup" and report.skipped):
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
            for tag in kept_doc_steps(report.user_properties, doc_tags):
                if tag not in self.progress.covered:
                    self.progress.covered.add(tag)
                    count = f"({len(self.progress.covered)}/{len(BY_TAG)})"
                    self._progress_line(terminal, f"  living doc: {label(tag)} kept {count}", green=True)
        elif report.failed:
            named = named_doc_step(report)
            where = label(named) if named in BY_TAG else named or "no doc step named"
            self._progress_line(terminal, f"  living doc: FAILED {report.nodeid}: {where}", red=True)
        if report.when == "call":
            self.mid_line = self.config.get_verbosity() < 0  # quiet mode prints this test's dot after us

    def _progress_line(self, terminal: Any, line: str, **markup: bool) -> None:
        """A line of its own, also after quiet mode's dots (which ``write_line`` does not end)."""
        if self.mid_line:
            terminal.write("\n")
            self.mid_line = False
        terminal.write_line(line, **markup)

    # ---- the end: merge, gate, publish ----

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if self.config.option.collectonly:
            self._clean_up()
            return
        parts_dir = self.run_dir / "parts"
        run = merge(read_parts(parts_dir), fallback=self.progress.outcomes) if parts_dir.is_dir() else None
        if run is None or not run.scenarios:
            self._clean_up()  # no scenario in this run (unit tests): no living doc
            return
        rows = cov.doc_verdicts(run.scenarios)
        promises = promise_coverage(run.scenarios)
        stopped = ["the run was stopped early"] if session.shouldstop or session.shouldfail else []
        decision = cov.decide_gate(self.settings.gate_mode, [*self._narrowing(run), *stopped])
        gate_lines = cov.gate_message(rows, promises) if decision.active else []
        if gate_lines and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

        self.report_dir.mkdir(parents=True, exist_ok=True)
        written = self._publish_illustrations()
        copy_artifacts(run.scenarios, self.report_dir)
        meta = ReportMeta(
            generated=time.strftime("%Y-%m-%d %H:%M:%S"),
            wall_time=time.time() - self.started,
            workers=self.workers,
            gate=decision,
            gate_failed=bool(gate_lines),
            report_dir=self.report_dir,
            illustrations=written,
            notes=run.problems,
            mutation=read_mutation_summary(self.report_dir),
            cucumber_step_screenshots=self.settings.cucumber_step_screenshots,
            target=self._target(),
            commit=project_commit(Path(self.config.rootpath)),
            docs=self.docs,
        )
        write_reports(run, rows, meta, self.run_dir)
        if self.settings.keep_data:
            self._keep_data()
        self._clean_up()
        self.summary = self._summary(run.scenarios, rows, decision, gate_lines, written)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        if self.run_dir.exists():
            self._clean_up()  # a run that ended before its session did (usage error, --help)

    def _keep_data(self) -> None:
        """Keep this run's records and screenshots in ``<dir>/data`` for ``python -m livingdoc.shards``."""
        data = self.report_dir / DATA_DIR
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(self.run_dir, data)

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

    def _target(self) -> Target | None:
        found = self.config.hook.pytest_livingdoc_target(config=self.config)
        if not found:
            return None
        return Target(str(found.get("admin_url", "")), str(found.get("portal_url", "")), str(found.get("kind", "")))

    def _publish_illustrations(self) -> dict[str, Path]:
        written = {}
        source = self.run_dir / "illustrations"
        target = self.report_dir / "illustrations"
        for picture in ILLUSTRATIONS:
            made = source / picture.filename
            if made.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(made, target / picture.filename)
                written[picture.filename] = target / picture.filename
        return written

    def _summary(
        self,
        scenarios: list[ScenarioResult],
        rows: list[cov.DocVerdict],
        decision: GateDecision,
        gate_lines: list[str],
        written: dict[str, Path],
    ) -> list[str]:
        passed = sum(1 for s in scenarios if s.status == PASSED)
        failed = sum(1 for s in scenarios if s.status in (FAILED, ERROR))
        lines = []
        for row in rows:
            mark = {KEPT: "ok ", cov.BROKEN: "XX "}.get(row.verdict, "!! ")
            reached = f", not reached in {len(row.not_reached_in)}" if row.not_reached_in and row.kept_in else ""
            lines.append(
                f"  {mark}{row.label:<62} {row.verdict.upper():<11} "
                f"scenarios: {row.passed} passed, {row.failed} failed{reached}"
            )
        kept = sum(1 for r in rows if r.verdict == KEPT)
        others = len(scenarios) - passed - failed
        lines.append(
            f"  {kept}/{len(rows)} documented steps kept; {len(scenarios)} scenarios: {passed} passed, "
            f"{failed} failed" + (f", {others} skipped or not run" if others else "")
        )
        for store in cov.stores(scenarios):
            mark = "ok " if store.get("verdict") == "valid" else "XX "
            lines.append(f"  {mark}store {store.get('name') or 'this target'}: {store.get('verdict')}")
        for failure in cov.failures(scenarios):
            lines.append(f"  XX {failure.doc_label}: {failure.scenario.title}")
            lines.append(f"       {failure.message}")
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
        missing = [i.filename for i in ILLUSTRATIONS if i.filename not in written]
        lines.append(
            f"  illustrations: {len(written)}/{len(ILLUSTRATIONS)} re-created in "
            f"{self.report_dir / 'illustrations'}" + (f" (not this run: {', '.join(missing)})" if missing else "")
        )
        lines.append(f"  cucumber JSON: {self.report_dir / 'cucumber.json'}")
        lines.append(f"  JUnit XML (one test case per scenario): {self.report_dir / 'junit.xml'}")
        lines.append(f"  verdicts (JSON): {self.report_dir / 'living-doc.json'}")
        if any(s.traces or s.videos for s in scenarios if s.broken):
            lines.append(f"  failed scenarios' traces and videos: {self.report_dir / ARTIFACTS_DIR}")
        lines.append(f"  living doc: {self.report_dir / REPORT_NAME}")
        return lines

    def pytest_terminal_summary(self, terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
        if not self.summary:
            return
        terminalreporter.section("living documentation")
        for line in self.summary:
            red = line.startswith(("  XX", "DOC COVERAGE", "  coverage gate: FAILED"))
            terminalreporter.write_line(line, red=red, bold=line.startswith("  living doc:"))


def kept_doc_steps(properties: list[tuple[str, object]], doc_tags: list[str]) -> list[str]:
    """The doc steps a passing scenario kept a check of (its doc tags, when it records no promise)."""
    kept = [str(v) for k, v in properties if k == "promise-kept"]
    if not kept:
        return doc_tags
    found = {tag for promise in kept for tag in promise_doc_steps(promise, doc_tags)}
    return [tag for tag in BY_TAG if tag in found]


def named_doc_step(report: pytest.TestReport) -> str | None:
    """The doc step a failed report names: what the harness recorded, else the failure's first line."""
    named = [str(v) for k, v in report.user_properties if k == "doc-step-broken"]
    if named:
        return named[-1]
    crash = getattr(report.longrepr, "reprcrash", None)
    message = str(getattr(crash, "message", "") or "")
    return doc_step_named(first_line(message))


def project_commit(root: Path) -> str:
    """The project's commit (``git rev-parse --short HEAD``), "" where git or the repository is missing."""
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip() if found.returncode == 0 else ""


def prune_stale_runs(runs: Path, max_age_seconds: float = 24 * 3600) -> None:
    """Working folders of runs that were killed (a finished run removes its own)."""
    if not runs.is_dir():
        return
    for folder in runs.iterdir():
        with contextlib.suppress(OSError):
            if time.time() - folder.stat().st_mtime > max_age_seconds:
                shutil.rmtree(folder, ignore_errors=True)
