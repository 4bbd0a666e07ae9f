"""What running through a Selenium Grid costs: a local Grid, hub + one node (``tools/grid.py``), against a
local browser, both on the node's Chromium (the full ``chromium``), so the two differ by the Grid only.

- the Grid's start-up, until ``/status`` says ready;
- a DevTools round trip (``page.evaluate``), many times, local and through the Grid in alternating blocks:
  every Playwright call is such a message, and through a Grid it passes the hub's and the node's proxies;
- the suite's end-to-end scenario, three times per pytest process, local and through the Grid taking turns:
  the middle run is a scenario mid-suite, the first one launches the browser, the last one ends the session
  (through a Grid: until the Grid has let it go).

Skipped, with the reason, when the Grid's parts are missing (``make grid-tools``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from unittest import mock

from playwright.sync_api import sync_playwright

from bench.measurement import Bench, Figures, Row, median, seconds
from bench.runs import END_TO_END, run_pytest
from harness import selenium_grid
from harness.chromium import ENV_VAR as CHROMIUM_PATH
from harness.chromium import LAUNCH_FLAGS
from tools.grid import GridFailed, GridToolMissing, find_tools, local_grid

NAME = "grid"
COPIES = 3  # first (browser launch), mid-suite, last (session end)
ROUND_TRIP_BLOCKS, ROUND_TRIPS_PER_BLOCK = 4, 150


def _round_trips(url: str | None, chromium: str) -> list[float]:
    """Timed ``page.evaluate("1")`` calls in a browser launched locally (``url`` None) or through the Grid."""
    name = selenium_grid.session_name("bench")
    env: dict[str, str] = {}
    if url:  # the session named, so that closing can wait until the Grid has let it go
        env = {
            selenium_grid.ENV_URL: url,
            selenium_grid.ENV_CAPABILITIES: os.environ.get(selenium_grid.ENV_CAPABILITIES, ""),
        }
        selenium_grid.name_sessions(name, env)
    with mock.patch.dict(os.environ, env), sync_playwright() as pw:  # Playwright's driver reads the variables
        browser = pw.chromium.launch(args=list(LAUNCH_FLAGS), executable_path=None if url else chromium)
        page = browser.new_page()
        page.evaluate("1")
        spent = []
        for _ in range(ROUND_TRIPS_PER_BLOCK):
            started = time.perf_counter()
            page.evaluate("1")
            spent.append(time.perf_counter() - started)
        browser.close()
        if url:
            selenium_grid.wait_until_released(url, name)
    return spent


def _scenarios(bench: Bench, url: str | None, chromium: str, i: int) -> list[float] | None:
    """First, mid-suite and last scenario's seconds of one pytest process, or None if it failed."""
    env = {selenium_grid.ENV_URL: url} if url else {CHROMIUM_PATH: chromium}
    where = "grid" if url else "local"
    run = run_pytest([*[END_TO_END] * COPIES, "--keep-duplicates", *bench.pytest_args],
                     bench.work / f"grid-e2e-{where}-{i}", env=env)  # fmt: skip
    ok = run.ok and len(run.cases) == COPIES
    bench.say(
        f"  scenario, {where}: " + (f"{run.cases[1].seconds:.2f} s" if ok else f"FAILED {run.counts}\n{run.tail}")
    )
    return run.seconds() if ok else None


def measure(bench: Bench) -> Figures:
    try:
        chromium = find_tools().chromium
        with local_grid("hub", log_dir=bench.work / "grid") as grid:
            bench.say(f"  Grid ready after {grid.ready_seconds:.1f} s")
            trips: dict[str, list[float]] = {"local": [], "grid": []}
            for block in range(ROUND_TRIP_BLOCKS):
                where = ("local", "grid")[block % 2]
                trips[where] += _round_trips(grid.url if where == "grid" else None, chromium)
            runs: dict[str, list[list[float] | None]] = {"local": [], "grid": []}
            for i in range(bench.repeat):
                for where in ("local", "grid") if i % 2 == 0 else ("grid", "local"):
                    runs[where].append(_scenarios(bench, grid.url if where == "grid" else None, chromium, i))
            ready = grid.ready_seconds
    except (GridToolMissing, GridFailed) as exc:
        return {"skipped": str(exc).splitlines()[0]}
    figures: Figures = {"mode": grid.describe(), "ready_s": round(ready, 2), "runs": runs}
    figures["round_trip_ms"] = {w: round(1000 * (median(t) or 0.0), 2) for w, t in trips.items()}
    figures["round_trips_each"] = len(trips["local"])
    for where, series in runs.items():
        ok = [s for s in series if s is not None]
        figures[where] = {part: median(s[i] for s in ok) for i, part in enumerate(("first_s", "mid_s", "last_s"))}
    figures["failures"] = sum(s is None for series in runs.values() for s in series)
    return figures


def _difference(mine: Figures, part: str) -> float | None:
    grid, local = mine["grid"][part], mine["local"][part]
    return None if grid is None or local is None else grid - local


def rows(mine: Figures, measured: Mapping[str, Figures]) -> list[Row]:
    trip = mine["round_trip_ms"]
    mid, first, last = (_difference(mine, part) for part in ("mid_s", "first_s", "last_s"))
    launch, session_end = (None if end is None or mid is None else end - mid for end in (first, last))
    return [
        Row(f"Selenium Grid ({mine['mode']} on loopback): start to ready", seconds(mine["ready_s"])),
        Row(f"Grid: a DevTools round trip, local / through the Grid (median of {mine['round_trips_each']})",
            f"{trip['local']:.1f} / {trip['grid']:.1f} ms"),
        Row("Grid: end-to-end scenario mid-suite, local / through the Grid",
            f"{seconds(mine['local']['mid_s'])} / {seconds(mine['grid']['mid_s'])} ({seconds(mid, signed=True)})"),
        Row("Grid: browser launch (first scenario over a mid one), more through the Grid", seconds(launch, signed=True)),
        Row("Grid: end of the session (last scenario over a mid one), more through the Grid",
            seconds(session_end, signed=True)),
    ]  # fmt: skip
