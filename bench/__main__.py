"""``python -m bench`` (``make bench``): every measurement, its figures in ``reports/bench.json``, and the
table in ``bench/README.md`` replaced by this run's. ``--only NAME`` runs some of them; it, and a run in which
a timed run failed, leave the README's table as it was. Exit 1 when a timed run failed; 4 on bad usage."""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import UsageParser, e2e, fleet, grid, mocks_startup, suite
from bench.measurement import Bench, Measurement
from bench.runs import ROOT
from bench.table import README, render, replace_table
from harness.chromium import chromium_version, find_chromium

# The table's order. A new measurement is a module like these (bench/measurement.py) added here.
MEASUREMENTS: tuple[Measurement, ...] = (mocks_startup, e2e, suite, grid, fleet)
DEFAULT_OUT = ROOT / "reports" / "bench.json"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = UsageParser(prog="python -m bench", description=(__doc__ or "").split("\n\n")[0])
    names = [m.NAME for m in MEASUREMENTS]
    parser.add_argument("--only", action="append", choices=names, help="run this measurement only (repeatable)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each kind the medians take (default 5)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the JSON (default reports/bench.json)")
    parser.add_argument("--pytest-arg", action="append", default=[], metavar="ARG", help="for every pytest run")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()


def _cpu_model() -> str:
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        names = [line.split(":", 1)[1].strip() for line in info if line.startswith("model name")]
    return names[0] if names else platform.machine()


def _load() -> float:
    return round(os.getloadavg()[0], 1)


def run_facts() -> dict[str, Any]:
    return {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "dirty_files": len(_git("status", "--porcelain").splitlines()),
        "machine": {
            "cpus": os.cpu_count(),
            "cpu": _cpu_model(),
            "os": platform.freedesktop_os_release().get("PRETTY_NAME", platform.system()),
            "chromium": chromium_version(find_chromium(headless=True)),
            "playwright": importlib.metadata.version("playwright"),
            "python": platform.python_version(),
        },
        "load_start": _load(),
    }


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    chosen = [m for m in MEASUREMENTS if not args.only or m.NAME in args.only]
    report: dict[str, Any] = {"run": run_facts(), "options": {"repeat": args.repeat, "pytest_args": args.pytest_arg}}
    report["measurements"] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        bench = Bench(args.repeat, Path(work), args.pytest_arg)
        for measurement in chosen:
            bench.say(f"{measurement.NAME} ...")
            report["measurements"][measurement.NAME] = measurement.measure(bench)
    report["run"]["load_end"] = _load()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    table = render(report, chosen)
    print(f"\n{table}\n\nfigures: {args.out}")
    failed = any(m.get("failures") for m in report["measurements"].values())
    if args.only or failed:
        print(f"{'--only' if args.only else 'a run failed'}: {README} keeps its table")
    else:
        replace_table(table)
        print(f"table: {README}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
