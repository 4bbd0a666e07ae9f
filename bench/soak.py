"""``python -m bench.soak``: the flake gate. Runs the BDD suite many times, serially and with
``-n 2`` alternately, reads each run's JUnit XML and lists every scenario that ever failed.

Exits 0 only when every scenario passed in every run. A scenario that failed in some runs and
passed in others is flaky; one that failed in all of them is broken.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import pytest_runs

DEFAULT_RUNS = 20
DEFAULT_OUT = "reports/soak.json"
MODES: tuple[tuple[str, list[str]], ...] = (("serial", []), ("-n 2", ["-n", "2"]))


@dataclass
class Tally:
    runs: int = 0
    passed: int = 0
    failed: list[int] = field(default_factory=list)  # run numbers
    messages: list[str] = field(default_factory=list)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak", description=__doc__.split("\n\n")[0] if __doc__ else ""
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=int(os.environ.get("SOAK_RUNS", DEFAULT_RUNS)),
        help=f"how many suite runs (default $SOAK_RUNS or {DEFAULT_RUNS})",
    )
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"summary as JSON (default {DEFAULT_OUT})")
    parser.add_argument("--keep", action="store_true", help="keep every run's JUnit XML (kept anyway on failures)")
    parser.add_argument(
        "--pytest-arg", action="append", default=[], metavar="ARG", help="extra argument for every run (repeatable)"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(pytest_runs.ROOT)
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    tallies: dict[str, Tally] = {}
    runs: list[dict[str, Any]] = []
    crashed: list[int] = []
    started = time.time()
    for number in range(1, args.runs + 1):
        label, flags = MODES[(number - 1) % len(MODES)]
        if flags and not pytest_runs.xdist_available():
            label, flags = "serial (no pytest-xdist)", []
        run = pytest_runs.run_pytest(
            [pytest_runs.E2E_DIR], work / f"run-{number:02d}", [*flags, *args.pytest_arg], timings=False
        )
        failed_here = []
        for case in run.cases:
            tally = tallies.setdefault(case.nodeid, Tally())
            tally.runs += 1
            if case.outcome in ("failed", "error"):
                tally.failed.append(number)
                tally.messages.append(f"run {number}: {case.message.splitlines()[0] if case.message else case.outcome}")
                failed_here.append(case.nodeid)
            elif case.outcome == "passed":
                tally.passed += 1
        if not run.cases or (run.returncode != 0 and not failed_here):
            crashed.append(number)  # no results, or the run failed with every scenario passing (a plugin, a crash)
        runs.append(
            {
                "run": number,
                "mode": label,
                "wall_s": round(run.wall_seconds, 2),
                "returncode": run.returncode,
                "counts": run.counts,
                "failed": failed_here,
            }
        )
        print(
            f"run {number:2d}/{args.runs} {label:<7} {run.wall_seconds:6.1f} s  {run.counts}"
            + (f"  exit {run.returncode}" if run.returncode else ""),
            flush=True,
        )
        if number in crashed:
            print(run.tail, flush=True)

    ever_failed = {nodeid: t for nodeid, t in tallies.items() if t.failed}
    flaky = sorted(n for n, t in ever_failed.items() if t.passed)
    broken = sorted(n for n, t in ever_failed.items() if not t.passed)
    summary = {
        "runs": args.runs,
        "modes": [m for m, _ in MODES],
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
        "minutes": round((time.time() - started) / 60, 1),
        "scenarios": len(tallies),
        "flaky": flaky,
        "broken": broken,
        "runs_without_results": crashed,
        "failures": {
            n: {"failed_runs": t.failed, "of_runs": t.runs, "messages": t.messages}
            for n, t in sorted(ever_failed.items())
        },
        "per_run": runs,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")

    print(f"\nsoak: {args.runs} runs ({', '.join(summary['modes'])} alternately), {len(tallies)} scenarios")
    if not ever_failed and not crashed:
        print("0 flaky, 0 failing scenarios")
    for nodeid in sorted(ever_failed):
        t = ever_failed[nodeid]
        kind = "flaky" if t.passed else "always failed"
        print(f"  {kind}: {nodeid}  failed in {len(t.failed)}/{t.runs} runs {t.failed}")
        for message in t.messages[:3]:
            print(f"      {message[:200]}")
    if crashed:
        print(f"  runs that failed without a failing scenario (no results, a pytest or plugin error): {crashed}")
    bad = bool(ever_failed or crashed)
    if bad or args.keep:
        print(f"JUnit XML of every run: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(f"summary: {out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
