"""The work folder and the pytest runs: the unmutated coverage runs, then one per mutant, each in a child
forked from this process (pytest, Playwright and Flask imported once; the mocks afresh, from the copy)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, cast

import psutil

from mutation.mutants import Mutant, describe, mutate
from mutation.scenarios import Coverage, read_coverage, select

ROOT = Path(__file__).resolve().parent.parent
PARTS = ["pyproject.toml", "conftest.py", "features", "steps", "action_groups", "pages", "fixtures", "harness"]
PARTS += ["livingdoc", "flowspec", "mocks", "tests/e2e", "mutation"]
LAYOUTS = ("doc", "current")  # a mutant runs in the first layout where a scenario reaches it
# No living doc or step pictures per mutant; 3 s per step (ten times a healthy one) for a hidden button.
FLAGS = ("--no-living-doc", "--step-screenshots", "off", "--step-timeout", "3", "-p", "no:cacheprovider")
TIMEOUT_BASE, TIMEOUT_FACTOR = 60.0, 4.0  # per mutant: base + factor x the scenarios' unmutated seconds
WARM = ["pytest", "playwright.sync_api", "mako.lookup", "gherkin.parser", "parse_type.cfparse", "slugify", "flask"]
WARM += ["werkzeug.serving", "jinja2", "coverage"]  # no pytest plugins: pytest rewrites their asserts on import


class Work:
    """``build/mutation/<mode>/``: ``project/`` (the copy the mutants are written into), ``pristine/`` (the
    mocks as they were), ``coverage/``, ``mutants.json`` (in the order they run), ``verdicts.jsonl`` (one line
    per judged mutant), ``run.json`` (settings and wall time)."""

    def __init__(self, base: Path) -> None:
        self.base, self.project, self.pristine = base, base / "project", base / "pristine"
        self.mutants, self.verdicts, self.run = base / "mutants.json", base / "verdicts.jsonl", base / "run.json"

    def prepare(self, mutants: Callable[[Path], list[Mutant]], run: dict[str, Any]) -> None:
        shutil.rmtree(self.base, ignore_errors=True)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
        for part in PARTS:
            (self.project / part).parent.mkdir(parents=True, exist_ok=True)
            if (ROOT / part).is_dir():
                shutil.copytree(ROOT / part, self.project / part, ignore=ignore)
            else:
                shutil.copy2(ROOT / part, self.project / part)
        shutil.copytree(self.project / "mocks", self.pristine / "mocks", ignore=ignore)
        (self.base / "coverage").mkdir()
        self.mutants.write_text(json.dumps([asdict(m) for m in mutants(self.pristine)], indent=0), encoding="utf-8")
        self.update_run(**run)

    def load_mutants(self) -> list[Mutant]:
        return [Mutant(**m) for m in json.loads(self.mutants.read_text(encoding="utf-8"))]

    def load_verdicts(self) -> dict[int, dict[str, Any]]:
        lines = self.verdicts.read_text(encoding="utf-8").splitlines() if self.verdicts.is_file() else []
        return {v["index"]: v for v in map(json.loads, lines)}

    def load_run(self) -> dict[str, Any]:
        return dict(json.loads(self.run.read_text(encoding="utf-8"))) if self.run.is_file() else {}

    def update_run(self, **changes: Any) -> None:
        self.run.write_text(json.dumps({**self.load_run(), **changes}, indent=1), encoding="utf-8")

    def layouts(self) -> dict[str, Coverage]:
        data = {layout: self.base / "coverage" / f"{layout}.coverage" for layout in self.load_run()["layouts"]}
        return {k: read_coverage(v, v.with_suffix(".json"), self.project) for k, v in data.items()}


class Recorder:
    """The pytest plugin of a child run: mocks from the copy only (else every mutant would "survive"), the admin
    in ``layout``; each scenario's seconds, the first failure; with ``coverage``, line coverage with a context per
    scenario (the mocks run in threads of this process: a context switch applies to all)."""

    def __init__(self, project: Path, layout: str, coverage: Path | None) -> None:
        self.project, self.layout, self.coverage, self.cov = project, layout, coverage, cast(Any, None)
        self.record: dict[str, Any] = {"seconds": {}, "failed": None, "message": "", "error": ""}

    def pytest_configure(self) -> None:
        import mocks.admin

        if not Path(mocks.__file__).resolve().is_relative_to(self.project.resolve()):
            self.record["error"] = f"mocks was imported from {mocks.__file__}, not from the copy {self.project}"
            raise RuntimeError(self.record["error"])
        mocks.admin.DEFAULTS["ADMIN_LAYOUT"] = self.layout
        if self.coverage:
            import coverage

            source = [str(self.project / "mocks")]
            self.cov = coverage.Coverage(data_file=str(self.coverage), source=source, config_file=False)
            self.cov.start()

    def pytest_runtest_logstart(self, nodeid: str) -> None:
        if self.cov:
            self.cov.switch_context(nodeid)

    def pytest_runtest_logreport(self, report: Any) -> None:
        self.record["seconds"][report.nodeid] = self.record["seconds"].get(report.nodeid, 0.0) + report.duration
        if report.failed and not self.record["failed"]:
            crash = getattr(report.longrepr, "reprcrash", None)
            message = (getattr(crash, "message", None) or str(report.longrepr)).strip()[:500]
            self.record.update(failed=report.nodeid, message=message)

    def pytest_sessionfinish(self) -> None:
        if self.cov:
            self.cov.stop()
            self.cov.save()


def pytest_in_child(work: Work, args: list[str], layout: str, timeout: float, coverage: Path | None = None) -> Any:
    """pytest in a forked child in the project copy: the Recorder's record, ``exit`` (None when stopped at
    ``timeout`` seconds) and the tail of its output."""
    log = work.base / (f"coverage/{layout}.log" if coverage else "mutant.log")
    result = log.with_suffix(".result.json")
    result.unlink(missing_ok=True)
    pid = os.fork()
    if pid == 0:
        child_code = 70
        try:
            os.setsid()  # its own process group: a timeout stops it whole, browsers included
            os.chdir(work.project)
            os.environ["PYTHONDONTWRITEBYTECODE"] = "1"  # a mutant and the original can share size and time
            sys.path[:] = [str(work.project), *(p for p in sys.path if p not in ("", str(ROOT)))]
            sys.dont_write_bytecode = True
            for stream in (1, 2):
                os.dup2(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), stream)
            import pytest

            recorder = Recorder(work.project, layout, coverage)
            child_code = int(pytest.main(args, plugins=[recorder]))
            result.write_text(json.dumps(recorder.record), encoding="utf-8")
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(child_code)
    code: int | None = None
    deadline = time.monotonic() + timeout
    try:
        while code is None and time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if not done:
                time.sleep(0.1)
            code = os.waitstatus_to_exitcode(status) if done else None
    finally:
        if code is None:  # TERM, so that Playwright closes its browsers; then KILL what is left, browsers included
            with contextlib.suppress(psutil.Error):
                family = [child := psutil.Process(pid), *child.children(recursive=True)]
                for sig in (signal.SIGTERM, signal.SIGKILL):
                    for process in family:
                        with contextlib.suppress(psutil.Error):
                            process.send_signal(sig)
                    family = psutil.wait_procs(family, timeout=5)[1]
    found = json.loads(result.read_text(encoding="utf-8")) if result.is_file() else {}
    return {**found, "exit": code, "log": log.read_text(encoding="utf-8", errors="replace")[-1500:]}


def coverage_run(work: Work, layout: str, targets: list[str]) -> None:
    data = work.base / "coverage" / f"{layout}.coverage"
    done = pytest_in_child(work, [*targets, "-q", *FLAGS], layout, 3600.0, data)
    if done["exit"] != 0:
        raise RuntimeError(f"the unmutated suite fails in the {layout} layout (exit {done['exit']}):\n{done['log']}")
    data.with_suffix(".json").write_text(json.dumps({"seconds": done["seconds"]}), encoding="utf-8")


def judge(work: Work, mutant: Mutant, layouts: dict[str, Coverage]) -> dict[str, Any]:
    """Run the scenarios that reach ``mutant`` with it on disk: its verdict."""
    layout, scenarios, basis = select(layouts, work.pristine, mutant.file, mutant.line)
    verdict: dict[str, Any] = {"layout": layout, "basis": basis, "scenarios": scenarios, "seconds": 0.0}
    if not scenarios:
        return {**verdict, "status": "unreached"}
    timeout = TIMEOUT_BASE + TIMEOUT_FACTOR * sum(layouts[layout].seconds.get(s, 0.0) for s in scenarios)
    (work.project / mutant.file).write_text(mutate(work.pristine, mutant), encoding="utf-8")
    started = time.monotonic()
    try:
        done = pytest_in_child(work, [*scenarios, "-x", "-q", "--tb=line", *FLAGS], layout, timeout)
    finally:
        shutil.copy2(work.pristine / mutant.file, work.project / mutant.file)
    verdict["seconds"] = round(time.monotonic() - started, 1)
    code, failed = done["exit"], done.get("failed")
    if done.get("error") or code not in (None, 0, 1, 2, 3, 4):  # 5: nothing collected
        status, message = "error", done.get("error") or f"pytest exited {code}: {done['log']}"
    else:  # 2-4 without a failed scenario: the suite could not even start with the mutant
        status = {None: "timeout", 0: "survived"}.get(code, "killed")
        message = done.get("message") or ("" if code in (None, 0) else done["log"])
    suite_error = status == "killed" and not failed
    return {**verdict, "status": status, "killed_by": failed, "message": message, "suite_error": suite_error}


def run_pending(work: Work, deadline: float | None) -> bool:
    """Judge the mutants not judged yet, starting none after ``deadline`` (monotonic); whether all were."""
    mutants, layouts, judged, started = work.load_mutants(), work.layouts(), work.load_verdicts(), time.monotonic()
    for file in {m.file for m in mutants}:  # a run stopped hard may have left its mutant on disk
        shutil.copy2(work.pristine / file, work.project / file)
    for index, mutant in ((i, m) for i, m in enumerate(mutants) if m.skip is None and i not in judged):
        if deadline is not None and time.monotonic() > deadline:
            return False
        judged[index] = verdict = {"index": index, **judge(work, mutant, layouts)}
        with work.verdicts.open("a", encoding="utf-8") as out:
            out.write(json.dumps(verdict) + "\n")
        what, total = describe(mutant.identity(), mutant.line)[:90], sum(m.skip is None for m in mutants)
        print(
            f"[{len(judged)}/{total}] {verdict['status']:<9} {what:<90} {len(verdict['scenarios']):>2} scen.", end=" "
        )
        print(f"{verdict['seconds']:>5.1f} s ({(time.monotonic() - started) / 60:.0f} min)", flush=True)
    return True
