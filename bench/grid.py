"""``python -m bench --grid``: what running the suite through a Selenium Grid 4 costs per scenario.

A local Grid (hub + one node, ``tools/grid.py``) starts once and its start-up is timed. Then:

- **DevTools round trips**: ``page.evaluate("1")`` many times with a local browser and through the
  Grid, in alternating blocks. Every Playwright call goes over DevTools, and through a Grid each
  message passes the hub's and the node's proxies: this is the overhead's mechanism, and a median of
  hundreds of calls stays readable on a busy machine where whole scenarios do not.
- **The suite's end-to-end scenario**, three times per pytest process, with a local browser and through
  the Grid alternately (ABBA), N times each. Per process the middle run is compared (a scenario in the
  middle of a suite: the browser is up), the first shows the launch and the last one's teardown the end
  of the session (through the Grid: waiting until it lets the session go).
- Unless ``--quick``, **the whole suite** locally and then through the Grid, back to back; the
  difference of the summed scenario times divided by the scenarios is the overhead per scenario.

Skipped, with the reason, when the Grid's parts are missing (``make grid-tools``).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench import pytest_runs
from bench.report import breakdown, median, test_seconds
from harness import selenium_grid
from harness.chromium import ENV_VAR, LAUNCH_FLAGS, find_chromium
from tools.grid import GridFailed, local_grid
from tools.grid_config import GridToolMissing, find_tools

E2E_COPIES = 3  # cold (browser launch), measured, last (session teardown)
ROUND_TRIP_BLOCKS = 4  # local, grid, local, grid
ROUND_TRIPS_PER_BLOCK = 150


@contextlib.contextmanager
def _environment(values: dict[str, str | None]) -> Iterator[None]:
    """Set (None: remove) environment variables for what starts inside: Playwright drivers, pytest processes."""
    before = {key: os.environ.get(key) for key in values}

    def apply(wanted: dict[str, str | None]) -> None:
        for key, value in wanted.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    apply(values)
    try:
        yield
    finally:
        apply(before)


def _through(url: str | None) -> contextlib.AbstractContextManager[None]:
    """SELENIUM_REMOTE_URL set to ``url`` (None: a local browser)."""
    return _environment({selenium_grid.ENV_URL: url})


def _round_trip_block(url: str | None, count: int) -> list[float]:
    """``count`` timed ``page.evaluate`` calls in a browser launched locally or through the Grid at ``url``."""
    from playwright.sync_api import sync_playwright

    name = selenium_grid.session_name("bench")
    named = dict(os.environ)
    selenium_grid.name_sessions(name, named)
    capabilities = named.get(selenium_grid.ENV_CAPABILITIES) if url else os.environ.get(selenium_grid.ENV_CAPABILITIES)
    with (
        _environment({selenium_grid.ENV_URL: url, selenium_grid.ENV_CAPABILITIES: capabilities}),
        sync_playwright() as pw,
    ):
        launch: dict[str, Any] = {"args": list(LAUNCH_FLAGS)}
        if not url:
            launch["executable_path"] = find_chromium()
        browser = pw.chromium.launch(**launch)
        page = browser.new_page()
        page.evaluate("1")  # warm
        times = []
        for _ in range(count):
            started = time.perf_counter()
            page.evaluate("1")
            times.append(time.perf_counter() - started)
        browser.close()
        if url:
            selenium_grid.wait_until_released(url, name)
    return times


def round_trips(url: str) -> dict[str, Any]:
    samples: dict[str, list[float]] = {"local": [], "grid": []}
    for block in range(ROUND_TRIP_BLOCKS):
        where = "local" if block % 2 == 0 else "grid"
        samples[where] += _round_trip_block(url if where == "grid" else None, ROUND_TRIPS_PER_BLOCK)
    local_ms, grid_ms = (1000 * (median(samples[w]) or 0.0) for w in ("local", "grid"))
    return {
        "calls_each": len(samples["local"]),
        "local_median_ms": round(local_ms, 3),
        "grid_median_ms": round(grid_ms, 3),
        "overhead_ms": round(grid_ms - local_ms, 3),
    }


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


def _suite(url: str | None, work: Path, extra: list[str]) -> dict[str, Any]:
    with _through(url):
        run = pytest_runs.run_pytest([pytest_runs.E2E_DIR], work, extra)
    print(f"  {'grid ' if url else 'local'}: {run.wall_seconds:.1f} s, {run.counts}", flush=True)
    return {
        "wall_s": round(run.wall_seconds, 3),
        "ok": run.ok,
        "counts": run.counts,
        "breakdown": breakdown(run.timings),
    }


def measure(repeat: int, work: Path, extra: list[str], quick: bool) -> dict[str, Any]:
    """The figures for the bench JSON (under ``grid``)."""
    try:
        tools = find_tools()
    except GridToolMissing as exc:
        return {"skipped": str(exc)}
    # Every browser of the measure, local or on the Grid's node, is the node's Chromium (the full chromium), so
    # the two sides differ by the Grid only.
    with _environment({ENV_VAR: tools.chromium}):
        return _measure(repeat, work, extra, quick)


def _measure(repeat: int, work: Path, extra: list[str], quick: bool) -> dict[str, Any]:
    local: list[dict[str, Any]] = []
    grid_runs: list[dict[str, Any]] = []
    figures: dict[str, Any] = {"mode": "hub + 1 node", "repeat": repeat}
    try:
        with local_grid("hub", log_dir=work / "grid-logs") as grid:
            figures["grid_ready_s"] = round(grid.ready_seconds, 3)
            print(f"  Grid ready after {grid.ready_seconds:.1f} s; DevTools round trips ...", flush=True)
            figures["round_trip"] = round_trips(grid.url)
            for i in range(repeat):
                order = (None, grid.url) if i % 2 == 0 else (grid.url, None)
                for url in order:
                    with _through(url):
                        entry = _e2e_process(work / f"grid-e2e-{i + 1}-{'grid' if url else 'local'}", extra)
                    (grid_runs if url else local).append(entry)
                    shown = f"{entry['seconds']:.2f} s" if "seconds" in entry else f"FAILED {entry.get('counts')}"
                    print(f"  end-to-end, {'grid ' if url else 'local'} #{i + 1}: {shown}", flush=True)
            if not quick:
                print("  whole suite, locally and then through the Grid ...", flush=True)
                figures["suite"] = {
                    "local": _suite(None, work / "grid-suite-local", extra),
                    "grid": _suite(grid.url, work / "grid-suite-grid", extra),
                }
    except GridFailed as exc:
        figures["failed"] = str(exc)
        return figures

    at_home, remote = _medians(local), _medians(grid_runs)
    figures.update(local=local, grid=grid_runs, local_median=at_home, grid_median=remote)
    figures["overhead_per_scenario_s"] = _difference(remote["seconds"], at_home["seconds"])
    figures["launch_overhead_s"] = _difference(remote["cold_seconds"], at_home["cold_seconds"])
    figures["session_teardown_overhead_s"] = _difference(remote["session_teardown_s"], at_home["session_teardown_s"])
    suite = figures.get("suite")
    failures = sum(1 for r in local + grid_runs if "seconds" not in r)
    if suite:
        failures += sum(1 for run in suite.values() if not run["ok"])
        sums = [run["breakdown"].get("scenario_seconds_total") for run in (suite["local"], suite["grid"])]
        scenarios = suite["local"]["breakdown"].get("scenarios")
        if None not in sums and scenarios:
            figures["suite_overhead_per_scenario_s"] = round((sums[1] - sums[0]) / scenarios, 4)
    figures["failures"] = failures
    return figures


def _s(value: float | None, signed: bool = False) -> str:
    return "" if value is None else f"{value:+.2f} s" if signed else f"{value:.2f} s"


def table(figures: dict[str, Any]) -> str:
    """The lines printed after the bench's main table: local, through the Grid, and the difference."""
    if "skipped" in figures:
        return f"Selenium Grid: skipped ({figures['skipped']})"
    if "failed" in figures:
        return f"Selenium Grid: did not start ({figures['failed'].splitlines()[0]})"
    at_home, remote = figures["local_median"], figures["grid_median"]
    rows = [("Grid (hub + 1 node) start to ready", "", _s(figures.get("grid_ready_s")), "")]
    trip = figures.get("round_trip")
    if trip:
        rows.append(
            (
                f"DevTools round trip (median of {trip['calls_each']})",
                f"{trip['local_median_ms']:.1f} ms",
                f"{trip['grid_median_ms']:.1f} ms",
                f"{trip['overhead_ms']:+.1f} ms",
            )
        )
    for label, key, difference in (
        ("end-to-end scenario, mid-suite (median)", "seconds", "overhead_per_scenario_s"),
        ("  first in its process, browser launch (median)", "cold_seconds", "launch_overhead_s"),
        ("  last, session teardown (median)", "session_teardown_s", "session_teardown_overhead_s"),
    ):
        rows.append((label, _s(at_home[key]), _s(remote[key]), _s(figures.get(difference), signed=True)))
    suite = figures.get("suite")
    if suite:
        local_run, grid_run = suite["local"], suite["grid"]
        rows.append(
            (
                "whole suite (wall; grid-local: per scenario)",
                _s(local_run["wall_s"]) + ("" if local_run["ok"] else " FAILED"),
                _s(grid_run["wall_s"]) + ("" if grid_run["ok"] else " FAILED"),
                _s(figures.get("suite_overhead_per_scenario_s"), signed=True),
            )
        )
    width = max(len(r[0]) for r in rows)
    lines = [f"{'Selenium Grid':<{width}}  {'local':>9}  {'grid':>9}  {'grid-local':>10}", "-" * (width + 36)]
    lines += [f"{a:<{width}}  {b:>9}  {c:>9}  {d:>10}".rstrip() for a, b, c, d in rows]
    return "\n".join(lines)
