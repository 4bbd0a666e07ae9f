"""``python -m bench``: the bare Playwright script against the suite's end-to-end scenario, the whole
suite serially and with pytest-xdist, and the mocks' start-up, in one run; JSON and a table.

The bare script, the suite's scenario and the same with ``--step-screenshots off`` take turns (each in
each place of the order, so drift in the machine's load hits all alike). The suite's scenario runs three times in one pytest process (``--keep-duplicates``) and
the middle run is the one compared: its setup + call + teardown, with no browser launch, mock start
or session teardown in it, as for every scenario in the middle of a suite run. The first run's time
is reported too (``cold``). The whole suite's CPU per scenario, split by process kind (the test
process, Playwright's driver, the browser: ``bench/cpu.py``), comes from a second run of it with its
processes sampled, so its cost compares across machines; the runs whose wall times are compared are
not sampled (the sampling slows the run it watches a little, and the bare script is never sampled).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import secrets
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import grid as bench_grid
from bench import pytest_runs
from bench.mocks_ready import time_to_ready
from bench.report import PER_ITERATION_SERIES, TARGETS, breakdown, median, paired_ratios, ratio, table, test_seconds

DEFAULT_OUT = "reports/bench.json"
E2E_COPIES = 3  # cold, measured, last (holds the session teardown)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument(
        "--repeat", "-N", type=int, default=None, help="end-to-end iterations of each (default 5; 3 with --quick)"
    )
    parser.add_argument("--quick", action="store_true", help="N=3, no -n auto run")
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"where the JSON goes (default {DEFAULT_OUT})")
    parser.add_argument("--mock-samples", type=int, default=7, help="mock start-ups to time (default 7)")
    parser.add_argument("--skip-suite", action="store_true", help="skip the whole-suite runs (serial, -n 2, -n auto)")
    parser.add_argument("--skip-e2e", action="store_true", help="skip the bare-script vs end-to-end comparison")
    parser.add_argument("--grid", action="store_true", help="also the overhead per scenario through a Selenium Grid")
    parser.add_argument(
        "--pytest-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra argument for every pytest run (repeatable)",
    )
    parser.add_argument(
        "--work-dir", default=None, help="JUnit XML, timing lines, Playwright output (default: a temp dir)"
    )
    args = parser.parse_args(argv)
    if args.repeat is None:
        args.repeat = 3 if args.quick else 5
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def say(message: str) -> None:
    print(message, flush=True)


def git_commit(root: Path) -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "dirty_files": len(git("status", "--porcelain").splitlines())}


def machine() -> dict[str, Any]:
    from harness.chromium import find_chromium

    chromium = find_chromium(headless=True)
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "playwright": importlib.metadata.version("playwright"),
        "chromium": version or chromium,
    }


def measure_mocks(samples: int) -> dict[str, Any]:
    startups = [time_to_ready() for _ in range(samples)]
    return {
        "ready_s": [round(s.ready, 4) for s in startups],
        "start_mocks_returned_s": [round(s.returned, 4) for s in startups],
        "ready_median_s": median(s.ready for s in startups),
    }


def e2e_phases(record: dict[str, Any]) -> dict[str, float]:
    """The measured scenario's time by kind: reset, the steps' fixtures, the clicks and waits, the after-step
    hooks (living-doc screenshots), pytest's own, teardown."""
    in_call = sum(seconds for _name, _scope, seconds, phase in record["fixtures"] if phase == "call")
    steps = sum(step[1] for step in record["steps"])
    after_hooks = sum(step[2] for step in record["steps"])
    phases = record["phases"]
    return {
        "setup": phases.get("setup", 0.0),
        "call.fixtures": in_call,
        "call.steps": steps - in_call,
        "call.after_step_hooks": after_hooks,
        "call.other": phases.get("call", 0.0) - steps - after_hooks,
        "teardown": phases.get("teardown", 0.0),
    }


def compare_e2e(repeat: int, work: Path, extra: list[str]) -> dict[str, Any]:
    """Alternate the bare script and the suite's end-to-end scenario, ``repeat`` times each."""
    from playwright.sync_api import sync_playwright

    from bench.bare import happy_path
    from fixtures.target import bundled_target
    from harness.chromium import LAUNCH_FLAGS, find_chromium
    from mocks import start_mocks

    bare: list[dict[str, Any]] = []
    suite: list[dict[str, Any]] = []
    no_shots: list[dict[str, Any]] = []
    token = secrets.token_hex(16)
    mocks = start_mocks(control_token=token)
    target = bundled_target(mocks, token)
    try:
        with sync_playwright() as pw:
            started = time.perf_counter()
            browser = pw.chromium.launch(executable_path=find_chromium(headless=True), args=list(LAUNCH_FLAGS))
            launch = time.perf_counter() - started
            warm_up = happy_path(browser, target)

            def one_bare(i: int) -> None:
                laps = happy_path(browser, target)
                bare.append({"seconds": round(laps.total, 4), "parts": {k: round(v, 4) for k, v in laps.parts.items()}})
                say(f"  bare  #{i + 1}: {laps.total:.2f} s")

            def one_suite(i: int, series: list[dict[str, Any]], flags: list[str], label: str) -> None:
                run = pytest_runs.run_pytest(
                    [pytest_runs.END_TO_END_FILE] * E2E_COPIES,
                    work / f"e2e-{label}-{i + 1}",
                    [*extra, *flags, "--keep-duplicates"],
                    subset=True,
                )
                entry: dict[str, Any] = {"process_wall_s": round(run.wall_seconds, 3), "ok": run.ok}
                if run.ok and len(run.cases) == E2E_COPIES and len(run.timings) == E2E_COPIES:
                    measured = run.timings[1]
                    entry.update(
                        seconds=round(test_seconds(measured), 4),
                        junit_seconds=run.cases[1].seconds,
                        cold_seconds=round(test_seconds(run.timings[0]), 4),
                        phases={k: round(v, 4) for k, v in e2e_phases(measured).items()},
                        steps=[[s, round(t, 4), round(h, 4)] for s, t, h in measured["steps"]],
                        fixtures=[[n, s, round(t, 4), p] for n, s, t, p in measured["fixtures"] if t >= 0.001],
                        cold_fixtures=[
                            [n, s, round(t, 4), p] for n, s, t, p in run.timings[0]["fixtures"] if t >= 0.005
                        ],
                    )
                    say(f"  suite ({label}) #{i + 1}: {entry['seconds']:.2f} s (cold {entry['cold_seconds']:.2f} s)")
                else:
                    entry.update(returncode=run.returncode, counts=run.counts, tail=run.tail)
                    say(f"  suite ({label}) #{i + 1}: FAILED (exit {run.returncode}, {run.counts})\n{run.tail}")
                series.append(entry)

            def with_shots(i: int) -> None:
                one_suite(i, suite, [], "living doc")

            def without_shots(i: int) -> None:
                one_suite(i, no_shots, ["--step-screenshots", "off"], "no step screenshots")

            for i in range(repeat):
                order = [one_bare, with_shots, without_shots]
                for step in order[i % 3 :] + order[: i % 3]:  # each takes each place in turn
                    step(i)
            browser.close()
    finally:
        mocks.stop()

    measured = [s for s in suite if "seconds" in s]
    measured_no_shots = [s for s in no_shots if "seconds" in s]
    bare_parts = {name: median(b["parts"][name] for b in bare) for name in bare[0]["parts"]} if bare else {}
    suite_phases = (
        {name: median(s["phases"][name] for s in measured) for name in measured[0]["phases"]} if measured else {}
    )
    return {
        "repeat": repeat,
        "browser_launch_s": round(launch, 3),
        "bare_warm_up_s": round(warm_up.total, 3),
        "bare": bare,
        "suite": suite,
        "bare_median_s": median(b["seconds"] for b in bare),
        "suite_median_s": median(s["seconds"] for s in measured),
        "suite_cold_median_s": median(s["cold_seconds"] for s in measured),
        "suite_process_median_s": median(s["process_wall_s"] for s in suite),
        "bare_parts_median_s": {k: round(v, 4) for k, v in bare_parts.items() if v is not None},
        "suite_phases_median_s": {k: round(v, 4) for k, v in suite_phases.items() if v is not None},
        "suite_failures": len(suite) - len(measured) + len(no_shots) - len(measured_no_shots),
        "no_shots": no_shots,
        "no_shots_median_s": median(s["seconds"] for s in measured_no_shots),
    }


CPU_MODES = ("serial", "n2")  # the modes whose CPU a second, sampled run measures
SUITE_MODES: tuple[tuple[str, str, list[str]], ...] = (
    ("serial", "serial", []),
    ("n2", "-n 2", ["-n", "2"]),
    ("auto", "-n auto", ["-n", "auto"]),
)


def time_suite(quick: bool, work: Path, extra: list[str]) -> dict[str, Any]:
    """Each mode's wall time from a run nobody samples; then, for serial and ``-n 2``, a second run of the
    same suite with its CPU sampled (sampling costs the run it watches a few per cent of its wall time)."""
    results: dict[str, Any] = {}
    for key, label, flags in SUITE_MODES:
        if key == "auto" and quick:
            continue
        if flags and not pytest_runs.xdist_available():
            results[key] = {"label": label, "skipped": "pytest-xdist is not installed"}
            continue
        say(f"whole suite, {label} ...")
        run = pytest_runs.run_pytest([pytest_runs.E2E_DIR], work / f"suite-{key}", [*flags, *extra])
        results[key] = {
            "label": label,
            "wall_s": round(run.wall_seconds, 3),
            "returncode": run.returncode,
            "ok": run.ok,
            "counts": run.counts,
            "breakdown": breakdown(run.timings, run.wall_seconds),
        }
        say(f"  {run.wall_seconds:.1f} s, {run.counts}" + ("" if run.ok else f"\n{run.tail}"))
        if key in CPU_MODES:
            say(f"whole suite, {label}, CPU sampled ...")
            sampled = pytest_runs.run_pytest(
                [pytest_runs.E2E_DIR], work / f"suite-{key}-cpu", [*flags, *extra], timings=False, cpu=True
            )
            results[key]["cpu_run"] = {"wall_s": round(sampled.wall_seconds, 3), "ok": sampled.ok}
            if sampled.cpu is not None:
                results[key]["cpu_per_scenario_s"] = sampled.cpu.per(len(sampled.cases))
            results[key]["ok"] = run.ok and sampled.ok
            say(f"  {sampled.wall_seconds:.1f} s, {sampled.counts}" + ("" if sampled.ok else f"\n{sampled.tail}"))
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = pytest_runs.ROOT
    os.chdir(root)
    extra: list[str] = list(args.pytest_arg)
    figures: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "options": {"repeat": args.repeat, "quick": args.quick, "pytest_args": extra},
        "git": git_commit(root),
        "machine": machine(),
        "suite_flags_known": {
            flag: pytest_runs.knows(flag, root) for flag in (pytest_runs.LIVING_DOC_DIR, pytest_runs.NO_COVERAGE_GATE)
        },
    }
    load = figures["machine"]["loadavg_start"][0]
    if load > (os.cpu_count() or 1):
        say(f"note: load average {load} on {os.cpu_count()} cores: the machine is busy, figures will be noisy")

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(args.work_dir) if args.work_dir else Path(tmp)
        say(f"mocks start to ready, {args.mock_samples} times ...")
        figures["mocks"] = measure_mocks(args.mock_samples)
        if not args.skip_e2e:
            say(f"bare script vs the suite's end-to-end scenario, {args.repeat} times each, alternating ...")
            figures["e2e"] = compare_e2e(args.repeat, work, extra)
        if not args.skip_suite:
            figures["suite"] = time_suite(args.quick, work, extra)
        if args.grid:
            say(f"through a Selenium Grid vs a local browser, {args.repeat} times each, alternating ...")
            figures["grid"] = bench_grid.measure(args.repeat, work, extra, args.quick)

    e2e, suite = figures.get("e2e", {}), figures.get("suite", {})
    values = {
        "e2e_ratio": ratio(e2e.get("suite_median_s"), e2e.get("bare_median_s")),
        "e2e_ratio_no_shots": ratio(e2e.get("no_shots_median_s"), e2e.get("bare_median_s")),
        "suite_over_bare": ratio(suite.get("serial", {}).get("wall_s"), e2e.get("bare_median_s")),
        "n2_ratio": ratio(suite.get("n2", {}).get("wall_s"), suite.get("serial", {}).get("wall_s")),
        "mocks_ready_s": figures["mocks"].get("ready_median_s"),
    }
    figures["targets"] = {
        t.key: {"label": t.label, "value": values[t.key], "limit": t.limit, "met": t.met(values[t.key])}
        for t in TARGETS
    }
    for key, series in PER_ITERATION_SERIES.items():
        figures["targets"][key]["per_iteration"] = [round(r, 3) for r in paired_ratios(e2e, series)]
    if "n2" in suite and "auto" in suite:
        figures["auto_ratio"] = ratio(suite["auto"].get("wall_s"), suite["serial"].get("wall_s"))
    figures["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    say("")
    say(table(figures))
    if e2e.get("bare_parts_median_s") and e2e.get("suite_phases_median_s"):
        say("\nend-to-end, median seconds by part (bare: by doc step; suite: by kind)")
        say("  bare:  " + ", ".join(f"{k} {v:.2f}" for k, v in e2e["bare_parts_median_s"].items()))
        say("  suite: " + ", ".join(f"{k} {v:.2f}" for k, v in e2e["suite_phases_median_s"].items()))
    if "grid" in figures:
        say("\n" + bench_grid.table(figures["grid"]))
    say(f"\nfigures: {out}")
    failed = bool(e2e.get("suite_failures")) or any(not r.get("ok", True) for r in suite.values())
    failed = failed or bool(figures.get("grid", {}).get("failures") or "failed" in figures.get("grid", {}))
    return 1 if failed else 0
