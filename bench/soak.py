"""``python -m bench.soak`` (``make soak``): the flake gate. The BDD suite many times, serially and with
``-n 2`` in turn; every scenario that ever failed is listed, flaky (failed in some runs) or broken (in all).

Exit 0 only when every scenario passed in every run; 1 otherwise; 4 on bad usage. Summary in
``reports/soak.json``; the runs' JUnit XML is kept (and named) when something failed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench import UsageParser
from bench.runs import ROOT, SUITE, run_pytest

MODES: tuple[tuple[str, list[str]], ...] = (("serial", []), ("-n 2", ["-n", "2"]))
DEFAULT_OUT = ROOT / "reports" / "soak.json"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = UsageParser(prog="python -m bench.soak", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="suite runs (default 20)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the summary (default reports/soak.json)")
    parser.add_argument("--pytest-arg", action="append", default=[], metavar="ARG", help="for every run")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    failed_in: dict[str, list[int]] = defaultdict(list)
    passed: dict[str, int] = defaultdict(int)
    messages: dict[str, list[str]] = defaultdict(list)
    per_run: list[dict[str, Any]] = []
    for number in range(1, args.runs + 1):
        mode, flags = MODES[(number - 1) % len(MODES)]
        run = run_pytest([SUITE, *flags, *args.pytest_arg], work / f"run-{number:02d}")
        for case in run.cases:
            if case.outcome in ("failed", "error"):
                failed_in[case.name].append(number)
                messages[case.name].append(f"run {number}: {(case.message or case.outcome).splitlines()[0][:200]}")
            elif case.outcome == "passed":
                passed[case.name] += 1
        failing = [c for c in run.cases if c.outcome in ("failed", "error")]
        no_results = not run.cases or (run.returncode != 0 and not failing)  # a crash, a plugin's error
        per_run.append({"run": number, "mode": mode, "wall_s": round(run.wall, 1), "counts": run.counts,
                        "returncode": run.returncode, "no_results": no_results})  # fmt: skip
        print(f"run {number:2d}/{args.runs} {mode:<6} {run.wall:6.1f} s  {run.counts}", flush=True)
        if no_results:
            print(f"  exit {run.returncode} without a failing scenario:\n{run.tail}", flush=True)

    flaky = sorted(name for name in failed_in if passed[name])
    broken = sorted(name for name in failed_in if not passed[name])
    crashed = [r["run"] for r in per_run if r["no_results"]]
    summary = {"runs": args.runs, "scenarios": len(set(passed) | set(failed_in)), "flaky": flaky, "broken": broken,
               "runs_without_results": crashed, "messages": messages, "per_run": per_run}  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")

    print(f"\nsoak: {args.runs} runs (serial and -n 2 in turn), {summary['scenarios']} scenarios")
    for kind, names in (("flaky", flaky), ("always failed", broken)):
        for name in names:
            print(f"  {kind}: {name}  failed in runs {failed_in[name]}")
            print("\n".join(f"      {m}" for m in messages[name][:3]))
    if crashed:
        print(f"  runs that failed without a failing scenario (a pytest or plugin error): {crashed}")
    bad = bool(failed_in or crashed)
    if bad:
        print(f"JUnit XML of every run: {work}")
    else:
        print("0 flaky, 0 failing scenarios")
        shutil.rmtree(work, ignore_errors=True)
    print(f"summary: {args.out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
