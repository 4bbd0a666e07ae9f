"""The suite as a pytest child process: its wall time, its test cases' times (pytest's JUnit XML: setup +
call + teardown, in run order) and, when asked, its CPU. Every report of the run goes to a scratch folder,
never to ``reports/``. A run is judged by its scenarios: the doc's coverage gate is ``make e2e``'s, so it is
off here (a gap in the doc's coverage says nothing about time or flakiness)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from junitparser import Error, Failure, JUnitXml, Skipped

from bench.cpu import CpuUse, Sampler

ROOT = Path(__file__).resolve().parents[1]
SUITE = "tests/e2e"
END_TO_END = "tests/e2e/test_end_to_end.py"  # the documented happy path as one scenario
OUTCOMES = {Failure: "failed", Error: "error", Skipped: "skipped"}


@dataclass(frozen=True)
class Case:
    name: str  # classname::name
    outcome: str  # passed, failed, error, skipped
    seconds: float
    message: str = ""


@dataclass
class Run:
    wall: float
    returncode: int
    cases: list[Case]
    tail: str  # the output's last lines, for a run that failed
    cpu: CpuUse | None = None

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and bool(self.cases) and all(c.outcome in ("passed", "skipped") for c in self.cases)

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(c.outcome for c in self.cases))

    def seconds(self) -> list[float]:
        return [c.seconds for c in self.cases]


def _cases(junit: Path) -> list[Case]:
    if not junit.is_file():
        return []
    cases = []
    for suite in JUnitXml.fromfile(str(junit)):
        for case in suite:
            problem = next((r for r in case.result if isinstance(r, Failure | Error | Skipped)), None)
            outcome = "passed" if problem is None else OUTCOMES[type(problem)]
            message = "" if problem is None else problem.message or problem.text or ""
            cases.append(Case(f"{case.classname}::{case.name}", outcome, float(case.time or 0.0), message.strip()))
    return cases


def run_pytest(
    args: Sequence[str],
    work: Path,
    *,
    cpu: bool = False,
    also_sample: Sequence[int] = (),
    env: Mapping[str, str] | None = None,
) -> Run:
    """``pytest ARGS`` in the checkout, its living doc, JUnit XML and Playwright output in ``work``.
    ``cpu``: sample its process tree, and the trees of ``also_sample`` (processes it talks to, started
    elsewhere)."""
    work.mkdir(parents=True, exist_ok=True)
    junit = work / "junit.xml"
    junit.unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "pytest", *args, "-q", "-p", "no:cacheprovider", "--junitxml", str(junit),
        "--output", str(work / "test-results"), f"--living-doc-dir={work / 'living-doc'}", "--no-doc-coverage-gate",
    ]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    sampler = Sampler([process.pid, *also_sample]) if cpu else None
    with sampler or contextlib.nullcontext():
        output, _ = process.communicate()
    wall = time.perf_counter() - started
    tail = "\n".join(output.strip().splitlines()[-15:])
    return Run(wall, process.returncode, _cases(junit), tail, sampler.use(wall) if sampler else None)
