"""The documented happy path: the bare Playwright script against the suite's end-to-end scenario, with the
living doc on and with ``--step-screenshots off``, taking turns (each in each place of the order, so a
change in the machine's load hits all three alike).

The bare script runs in this process, one browser, a fresh context each time. The scenario runs three times
in one pytest process (``--keep-duplicates``) and the middle run is compared: its setup, steps and teardown,
with no browser launch, mock start or session end in it, as for a scenario in the middle of the suite. The
first run (with the launch and the start) is kept as ``cold``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping

from playwright.sync_api import sync_playwright

from bench.bare import happy_path
from bench.measurement import Bench, Figures, Row, against, joined, median, ratio, seconds, spread, times
from bench.runs import END_TO_END, run_pytest
from harness.chromium import LAUNCH_FLAGS, find_chromium
from harness.target import bundled_target
from mocks import start_mocks

NAME = "e2e"
COPIES = 3  # first (cold), measured, last (the session's end)
SCENARIO_FLAGS = {"on": [], "off": ["--step-screenshots", "off"]}
LIMITS = {"on": 1.15, "off": 1.05}  # issue 13's targets, over the bare script


def _scenario(bench: Bench, label: str, flags: list[str], i: int) -> tuple[float | None, float | None]:
    """(measured, cold) seconds of one pytest process, or Nones if it failed."""
    run = run_pytest(
        [*[END_TO_END] * COPIES, "--keep-duplicates", *flags, *bench.pytest_args],
        bench.work / f"e2e-{label}-{i}",
    )
    if not run.ok or len(run.cases) != COPIES:
        bench.say(f"  scenario, living doc {label}: FAILED {run.counts}\n{run.tail}")
        return None, None
    bench.say(f"  scenario, living doc {label}: {run.cases[1].seconds:.2f} s")
    return run.cases[1].seconds, run.cases[0].seconds


def measure(bench: Bench) -> Figures:
    series: dict[str, list[float | None]] = {"bare": [], "on": [], "off": [], "cold_on": [], "cold_off": []}
    token = secrets.token_hex(16)
    with start_mocks(control_token=token) as mocks, sync_playwright() as pw:
        target = bundled_target(mocks, token)
        browser = pw.chromium.launch(executable_path=find_chromium(headless=True), args=list(LAUNCH_FLAGS))
        happy_path(browser, target)  # warm-up: the first run pays for the browser's caches

        def bare(i: int) -> None:
            series["bare"].append(round(happy_path(browser, target), 4))
            bench.say(f"  bare script: {series['bare'][-1]:.2f} s")

        def scenario(label: str) -> Callable[[int], None]:
            def take(i: int) -> None:
                measured, cold = _scenario(bench, label, SCENARIO_FLAGS[label], i)
                series[label].append(measured)
                series[f"cold_{label}"].append(cold)

            return take

        takes = [bare, scenario("on"), scenario("off")]
        for i in range(bench.repeat):
            for take in takes[i % 3 :] + takes[: i % 3]:
                take(i)
        browser.close()
    bare_median = median(series["bare"])
    figures: Figures = {"runs": series, "bare_median_s": bare_median}
    for label in SCENARIO_FLAGS:
        figures[f"{label}_median_s"] = median(series[label])
        figures[f"{label}_ratio"] = ratio(figures[f"{label}_median_s"], bare_median)
        figures[f"{label}_ratio_per_iteration"] = [
            ratio(s, b) for s, b in zip(series[label], series["bare"], strict=True)
        ]
    figures["cold_median_s"] = median(series["cold_on"])
    figures["failures"] = series["on"].count(None) + series["off"].count(None)
    return figures


def rows(mine: Figures, measured: Mapping[str, Figures]) -> list[Row]:
    runs = mine["runs"]
    result = [Row(f"bare Playwright script, happy path (median of {len(runs['bare'])})",
                  joined(seconds(mine["bare_median_s"]), spread(runs["bare"])))]  # fmt: skip
    for label, what in (("on", "living doc on"), ("off", "`--step-screenshots off`")):
        value = mine[f"{label}_ratio"]
        shown = joined(seconds(mine[f"{label}_median_s"]), spread(runs[label]), "=", times(value),
                       spread(mine[f"{label}_ratio_per_iteration"], "x"))  # fmt: skip
        result.append(Row(f"suite's end-to-end scenario, {what}; over the bare script", shown,
                          against(value, LIMITS[label])))  # fmt: skip
    result.append(
        Row("same scenario, first in its process (browser launch, mocks start)", seconds(mine["cold_median_s"]))
    )
    return result
