"""``python -m bench --grid``: what running the suite through a Selenium Grid 4 costs per scenario.

A local Grid (hub + one node, ``tools/grid.py``) starts once and its start-up is timed. The
suite's end-to-end scenario then runs three times per pytest process, with a local browser and
through the Grid alternately (ABBA), N times each. Per process the middle run is compared (a
scenario in the middle of a suite: the browser is up), the first shows the launch (locally or
through the Grid) and the last one's teardown the end of the session (closing the browser; through
the Grid, waiting until it lets the session go). Unless ``--quick``, the whole suite also runs
once through the Grid, to set against the serial run. Skipped, with the reason, when the Grid's
parts are missing (``make grid-tools``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench import pytest_runs
from bench.report import breakdown, median, test_seconds
from fixtures.selenium_grid import ENV_URL
from tools.grid import GridFailed, local_grid
from tools.grid_config import GridToolMissing, find_tools

E2E_COPIES = 3  # cold (browser launch), measured, last (session teardown)


@contextlib.contextmanager
def _through(url: str | None) -> Iterator[None]:
    """SELENIUM_REMOTE_URL for the pytest subprocesses started inside (None: a local browser)."""
    before = os.environ.pop(ENV_URL, None)
    if url:
        os.environ[ENV_URL] = url
    try:
        yield
    finally:
        os.environ.pop(ENV_URL, None)
        if before is not None:
            os.environ[ENV_URL] = before


def _e2e_process(work: Path, extra: list[str]) -> dict[str, Any]:
    run = pytest_runs.run_pytest(
        [pytest_runs.END_TO_END_FILE] * E2E_COPIES, work, [*extra, "--keep-duplicates"], subset=True
    )
    entry: dict[str, Any] = {"process_wall_s": round(run.wall_seconds, 3), "ok": run.ok}
    if run.ok and len(run.timings) == E2E_COPIES:
        first, measured, last = run.timings
        entry.update(
            seconds=round(test_seconds(measured), 4),
            cold_seconds=round(test_seconds(first), 4),
            session_teardown_s=round(last["phases"].get("teardown", 0.0), 4),
        )
    else:
        entry.update(returncode=run.returncode, counts=run.counts, tail=run.tail)
    return entry


def _medians(runs: list[dict[str, Any]]) -> dict[str, float | None]:
    ok = [r for r in runs if "seconds" in r]
    return {
        key: median(r[key] for r in ok) for key in ("seconds", "cold_seconds", "session_teardown_s", "process_wall_s")
    }


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(a - b, 4)


def measure(
    repeat: int, work: Path, extra: list[str], quick: bool, serial: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The figures for the bench JSON; ``serial``: the bench's serial whole-suite run, if it made one."""
    try:
        find_tools()
    except GridToolMissing as exc:
        return {"skipped": str(exc)}
    local: list[dict[str, Any]] = []
    grid_runs: list[dict[str, Any]] = []
    figures: dict[str, Any] = {"mode": "hub + 1 node", "repeat": repeat}
    try:
        with local_grid("hub", log_dir=work / "grid-logs") as grid:
            figures["grid_ready_s"] = round(grid.ready_seconds, 3)
            print(f"  Grid ready after {grid.ready_seconds:.1f} s", flush=True)
            for i in range(repeat):
                order = (None, grid.url) if i % 2 == 0 else (grid.url, None)
                for url in order:
                    with _through(url):
                        entry = _e2e_process(work / f"grid-e2e-{i + 1}-{'grid' if url else 'local'}", extra)
                    (grid_runs if url else local).append(entry)
                    label = "grid " if url else "local"
                    shown = f"{entry['seconds']:.2f} s" if "seconds" in entry else f"FAILED {entry.get('counts')}"
                    print(f"  {label} #{i + 1}: {shown}", flush=True)
            if not quick:
                print("  whole suite through the Grid ...", flush=True)
                with _through(grid.url):
                    run = pytest_runs.run_pytest([pytest_runs.E2E_DIR], work / "grid-suite", extra)
                figures["suite"] = {
                    "wall_s": round(run.wall_seconds, 3),
                    "ok": run.ok,
                    "counts": run.counts,
                    "breakdown": breakdown(run.timings, run.wall_seconds),
                }
                print(f"  {run.wall_seconds:.1f} s, {run.counts}", flush=True)
    except GridFailed as exc:
        figures["failed"] = str(exc)
        return figures

    at_home, remote = _medians(local), _medians(grid_runs)
    figures.update(local=local, grid=grid_runs, local_median=at_home, grid_median=remote)
    figures["overhead_per_scenario_s"] = _difference(remote["seconds"], at_home["seconds"])
    figures["launch_overhead_s"] = _difference(remote["cold_seconds"], at_home["cold_seconds"])
    figures["session_teardown_overhead_s"] = _difference(remote["session_teardown_s"], at_home["session_teardown_s"])
    suite = figures.get("suite")
    if suite and serial and serial.get("wall_s") and suite["breakdown"]:
        scenarios = suite["breakdown"]["scenarios"]
        figures["suite_overhead_per_scenario_s"] = round((suite["wall_s"] - serial["wall_s"]) / scenarios, 4)
    figures["failures"] = sum(1 for r in local + grid_runs if "seconds" not in r) + (
        0 if not suite or suite["ok"] else 1
    )
    return figures


def _s(value: float | None, signed: bool = False) -> str:
    return "" if value is None else f"{value:+.2f} s" if signed else f"{value:.2f} s"


def table(figures: dict[str, Any], serial: dict[str, Any] | None = None) -> str:
    """The lines printed after the bench's main table: local, through the Grid, and the difference."""
    if "skipped" in figures:
        return f"Selenium Grid: skipped ({figures['skipped']})"
    if "failed" in figures:
        return f"Selenium Grid: did not start ({figures['failed'].splitlines()[0]})"
    at_home, remote = figures["local_median"], figures["grid_median"]
    rows = [("Grid (hub + 1 node) start to ready", "", _s(figures.get("grid_ready_s")), "")]
    for label, key, difference in (
        ("end-to-end scenario, mid-suite (median)", "seconds", "overhead_per_scenario_s"),
        ("  first in its process, browser launch (median)", "cold_seconds", "launch_overhead_s"),
        ("  last, session teardown (median)", "session_teardown_s", "session_teardown_overhead_s"),
    ):
        rows.append((label, _s(at_home[key]), _s(remote[key]), _s(figures.get(difference), signed=True)))
    suite = figures.get("suite")
    if suite:
        verdict = "" if suite["ok"] else f" ({suite['counts']})"
        per = figures.get("suite_overhead_per_scenario_s")
        rows.append(
            (
                "whole suite, serial (wall; difference per scenario)",
                _s((serial or {}).get("wall_s")),
                _s(suite["wall_s"]) + verdict,
                _s(per, signed=True),
            )
        )
    width = max(len(r[0]) for r in rows)
    lines = [f"{'Selenium Grid':<{width}}  {'local':>9}  {'grid':>9}  {'grid-local':>10}", "-" * (width + 36)]
    lines += [f"{a:<{width}}  {b:>9}  {c:>9}  {d:>10}".rstrip() for a, b, c, d in rows]
    return "\n".join(lines)
