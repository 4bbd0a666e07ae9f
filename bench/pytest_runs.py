"""Running the suite as a pytest subprocess and reading what it did (JUnit XML, timing lines)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from bench.cpu import CpuUse, run_measured
from bench.timing_plugin import ENV_VAR as TIMINGS_ENV_VAR

ROOT = Path(__file__).resolve().parent.parent
E2E_DIR = "tests/e2e"
END_TO_END_FILE = "tests/e2e/test_end_to_end.py"

# The suite's own options, passed only when `pytest --help` lists them (an unknown one is a usage error):
NO_COVERAGE_GATE = "--no-doc-coverage-gate"  # a subset run must not fail for the documented steps it leaves out
LIVING_DOC_DIR = "--living-doc-dir"  # keep the benchmark's reports out of reports/


@cache
def pytest_help(root: Path = ROOT) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--help", "-p", "no:cacheprovider"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout


def knows(flag: str, root: Path = ROOT) -> bool:
    return any(word == flag or word.startswith(flag + "=") for word in pytest_help(root).split())


def suite_flags(work_dir: Path, subset: bool, root: Path = ROOT) -> list[str]:
    """The suite-specific flags this checkout understands, for a run writing into ``work_dir``."""
    flags = []
    if knows(LIVING_DOC_DIR, root):
        flags.append(
            f"{LIVING_DOC_DIR}={work_dir / 'living-doc'}"
        )  # "=": a path argument that exists would move rootdir
    if subset and knows(NO_COVERAGE_GATE, root):
        flags.append(NO_COVERAGE_GATE)
    return flags


def xdist_available(root: Path = ROOT) -> bool:
    return "--numprocesses" in pytest_help(root)


@dataclass
class Case:
    """One testcase of a JUnit XML file."""

    nodeid: str
    seconds: float
    outcome: str  # passed, failed, error, skipped
    message: str = ""


@dataclass
class Run:
    """One pytest subprocess: its wall time, exit code and what it reported."""

    args: list[str]
    wall_seconds: float
    returncode: int
    cases: list[Case] = field(default_factory=list)
    timings: list[dict[str, Any]] = field(default_factory=list)
    tail: str = ""
    cpu: CpuUse | None = None  # None: a run timed for its wall clock only (not sampled)

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for case in self.cases:
            counts[case.outcome] = counts.get(case.outcome, 0) + 1
        return counts

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and bool(self.cases) and all(c.outcome in ("passed", "skipped") for c in self.cases)


def _nodeid(classname: str, name: str) -> str:
    """``tests.e2e.test_x`` + ``test_y[chromium]`` -> ``tests/e2e/test_x.py::test_y[chromium]``."""
    parts = classname.split(".")
    # a class inside the module shows up as a last part starting with an upper-case letter
    inner = [p for p in parts if p[:1].isupper()]
    module = [p for p in parts if p not in inner]
    return "::".join(["/".join(module) + ".py", *inner, name])


def read_junit(path: Path) -> list[Case]:
    if not path.is_file():
        return []
    cases = []
    for testcase in ET.parse(path).iter("testcase"):
        outcome, message = "passed", ""
        for child, name in (("failure", "failed"), ("error", "error"), ("skipped", "skipped")):
            found = testcase.find(child)
            if found is not None:
                outcome = name
                message = (found.get("message") or found.text or "").strip()
                break
        cases.append(
            Case(
                _nodeid(testcase.get("classname", ""), testcase.get("name", "")),
                float(testcase.get("time", "0") or 0),
                outcome,
                message,
            )
        )
    return cases


def read_timings(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_pytest(
    targets: list[str],
    work_dir: Path,
    extra: list[str] | None = None,
    root: Path = ROOT,
    subset: bool = False,
    timings: bool = True,
    timeout: float | None = None,
    cpu: bool = False,
) -> Run:
    """Run pytest on ``targets`` in ``root``; artifacts (JUnit XML, timing lines, Playwright output) in ``work_dir``.
    ``subset``: not the whole suite (the living doc's coverage gate is turned off). ``cpu``: sample its CPU
    (the sampling slows the run a little: a run timed for comparison is not sampled)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    junit, timing_file = work_dir / "junit.xml", work_dir / "timings.jsonl"
    for stale in (junit, timing_file):
        stale.unlink(missing_ok=True)
    args = [
        *targets,
        "-q",
        "-p",
        "no:cacheprovider",
        "--output",
        str(work_dir / "test-results"),
        "--junitxml",
        str(junit),
        *suite_flags(work_dir, subset, root),
        *(extra or []),
    ]
    env = dict(os.environ)
    if timings:
        args += ["-p", "bench.timing_plugin"]
        env[TIMINGS_ENV_VAR] = str(timing_file)
    else:
        env.pop(TIMINGS_ENV_VAR, None)
    done, wall, use = run_measured([sys.executable, "-m", "pytest", *args], timeout, sample=cpu, cwd=root, env=env)
    output = (done.stdout + done.stderr).strip().splitlines()
    return Run(args, wall, done.returncode, read_junit(junit), read_timings(timing_file), "\n".join(output[-15:]), use)
