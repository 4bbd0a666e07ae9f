"""The run's controller (the only process, or xdist's controller): progress, merge, gate, publish.

It prints a line when a documented step gets its first passing scenario, and at the end merges
the part files of every process, applies the coverage gate (every documented step covered, every
promise of the doc kept where it was due), writes the reports and a one-screen summary.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from flowspec.doc_steps import BY_TAG, doc_tags_of, label
from livingdoc import verdicts as cov
from livingdoc.model import (
    ERROR,
    FAILED,
    PASSED,
    SKIPPED,
    GateDecision,
    MergedRun,
    ReportMeta,
    ScenarioResult,
    Settings,
    merge,
    read_parts,
)
from livingdoc.mutation import read_mutation_summary
from livingdoc.pictures import ILLUSTRATIONS
from livingdoc.reports import REPORT_NAME, write_reports
from livingdoc.verdicts import promise_coverage

DATA_DIR = "data"  # with --living-doc-keep-data: the run's parts and screenshots, for merging shards


@dataclass
class Progress:
    covered: set[str] = field(default_factory=set)
    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)  # nodeid -> (status, text)


class Controller:
    def __init__(self, config: pytest.Config, settings: Settings, run_dir: Path) -> None:
        self.config = config
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
            for tag in doc_tags:
                if tag not in self.progress.covered:
                    self.progress.covered.add(tag)
                    count = f"({len(self.progress.covered)}/{len(BY_TAG)})"
                    self._progress_line(terminal, f"  living doc: {label(tag)} covered {count}", green=True)
        elif report.failed:
            steps = ", ".join(t.replace("doc-", "") for t in doc_tags)
            self._progress_line(terminal, f"  living doc: FAILED {report.nodeid} ({steps})", red=True)
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
        rows = cov.coverage(run.scenarios)
        promises = promise_coverage(run.scenarios)
        decision = cov.decide_gate(self.settings.gate_mode, self._narrowing(run))
        gate_lines = cov.gate_message(rows, promises) if decision.active else []
        if gate_lines and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

        self.report_dir.mkdir(parents=True, exist_ok=True)
        written = self._publish_illustrations()
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
        rows: list[cov.DocCoverage],
        decision: GateDecision,
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
        others = len(scenarios) - passed - failed
        lines.append(
            f"  {covered}/{len(rows)} documented steps covered; {len(scenarios)} scenarios: {passed} passed, "
            f"{failed} failed" + (f", {others} skipped or not run" if others else "")
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
        missing = [i.filename for i in ILLUSTRATIONS if i.filename not in written]
        lines.append(
            f"  illustrations: {len(written)}/{len(ILLUSTRATIONS)} re-created in "
            f"{self.report_dir / 'illustrations'}" + (f" (not this run: {', '.join(missing)})" if missing else "")
        )
        lines.append(f"  cucumber JSON: {self.report_dir / 'cucumber.json'}")
        lines.append(f"  JUnit XML (one test case per scenario): {self.report_dir / 'junit.xml'}")
        lines.append(f"  living doc: {self.report_dir / REPORT_NAME}")
        return lines

    def pytest_terminal_summary(self, terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
        if not self.summary:
            return
        terminalreporter.section("living documentation")
        for line in self.summary:
            red = line.startswith(("  XX", "DOC COVERAGE", "  coverage gate: FAILED"))
            terminalreporter.write_line(line, red=red, bold=line.startswith("  living doc:"))


def prune_stale_runs(runs: Path, max_age_seconds: float = 24 * 3600) -> None:
    """Working folders of runs that were killed (a finished run removes its own)."""
    if not runs.is_dir():
        return
    for folder in runs.iterdir():
        with contextlib.suppress(OSError):
            if time.time() - folder.stat().st_mtime > max_age_seconds:
                shutil.rmtree(folder, ignore_errors=True)
