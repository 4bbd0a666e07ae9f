"""The targets, the breakdown of a suite run's time, and the printed table."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# A step that takes this long is waiting on something (the mock gateway's 3 s timeout, a slow fault).
SLOW_STEP_SECONDS = 2.5


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    limit: float
    unit: str

    def met(self, value: float | None) -> bool | None:
        return None if value is None else value <= self.limit


TARGETS = (
    Target("e2e_ratio", "end-to-end scenario, living doc on / bare script", 1.15, "x"),
    Target("e2e_ratio_no_shots", "end-to-end scenario, --step-screenshots off / bare", 1.05, "x"),
    Target("suite_over_bare", "whole suite serial / bare happy path", 15.0, "x"),
    Target("n2_ratio", "suite -n 2 / serial (wall; never slower)", 1.0, "x"),
    Target("mocks_ready_s", "mocks start to ready", 0.3, "s"),
)


# The targets that compare one end-to-end run with one bare run, and the series of runs each reads.
PER_ITERATION_SERIES = {"e2e_ratio": "suite", "e2e_ratio_no_shots": "no_shots"}


def median(values: Iterable[float]) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def spread(values: Iterable[float | None]) -> tuple[float, float] | None:
    """The lowest and the highest of the measured values (None: nothing measured)."""
    kept = [v for v in values if v is not None]
    return (min(kept), max(kept)) if kept else None


def paired_ratios(e2e: dict[str, Any], series: str) -> list[float]:
    """Each iteration's suite scenario (``series``: "suite" or "no_shots") over the same iteration's bare
    script: how far the ratio moves from one iteration to the next."""
    ratios = []
    for bare, suite in zip(e2e.get("bare", []), e2e.get(series, []), strict=False):
        value = ratio(suite.get("seconds"), bare.get("seconds"))
        if value is not None:
            ratios.append(value)
    return ratios


def test_seconds(record: dict[str, Any]) -> float:
    return float(sum(record["phases"].values()))


def breakdown(timings: list[dict[str, Any]], wall: float | None = None) -> dict[str, Any]:
    """Where a suite run's time went, from the timing plugin's lines."""
    if not timings:
        return {}
    total = sum(test_seconds(r) for r in timings)
    phases: dict[str, float] = defaultdict(float)
    fixtures: dict[str, dict[str, float]] = defaultdict(lambda: {"count": 0, "seconds": 0.0})
    workers: dict[str, float] = defaultdict(float)
    slow_steps: list[dict[str, Any]] = []
    step_total = after_hooks_total = 0.0
    for record in timings:
        workers[record["worker"]] += test_seconds(record)
        for phase, seconds in record["phases"].items():
            phases[phase] += seconds
        for name, scope, seconds, _phase in record["fixtures"]:
            entry = fixtures[f"{name} ({scope})"]
            entry["count"] += 1
            entry["seconds"] += seconds
        for step, seconds, hooks in record["steps"]:
            step_total += seconds
            after_hooks_total += hooks
            if seconds >= SLOW_STEP_SECONDS:
                slow_steps.append({"test": record["nodeid"], "step": step, "seconds": round(seconds, 3)})
    n = len(timings)
    top_fixtures = sorted(fixtures.items(), key=lambda kv: -kv[1]["seconds"])
    result: dict[str, Any] = {
        "scenarios": n,
        "scenario_seconds_total": round(total, 3),
        "phase_seconds_total": {k: round(v, 3) for k, v in phases.items()},
        "step_seconds_total": round(step_total, 3),
        "after_step_hooks_seconds_total": round(after_hooks_total, 3),
        "fixture_setup_seconds": {
            name: {"count": int(v["count"]), "seconds": round(v["seconds"], 3)}
            for name, v in top_fixtures
            if v["seconds"] >= 0.01
        },
        "slow_steps": slow_steps,
        "slow_step_seconds_total": round(sum(s["seconds"] for s in slow_steps), 3),
        "worker_busy_seconds": {k: round(v, 3) for k, v in sorted(workers.items())},
        "slowest_scenarios": [
            {"test": r["nodeid"], "seconds": round(test_seconds(r), 3)}
            for r in sorted(timings, key=lambda r: -test_seconds(r))[:5]
        ],
    }
    if wall is not None:
        result["outside_scenarios_seconds"] = round(wall - max(workers.values()), 3)
    return result


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}x" if unit == "x" else f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


def _range(bounds: tuple[float, float] | None, unit: str) -> str:
    """``1.55 to 2.08 s``: the lowest and the highest value measured."""
    return "" if bounds is None else f"{_fmt(bounds[0], unit).removesuffix(' s')} to {_fmt(bounds[1], unit)}"


def table(figures: dict[str, Any]) -> str:
    """The summary printed at the end of a run; a median is followed by the lowest and highest value measured."""
    rows: list[tuple[str, str, str, str]] = []
    e2e, suite, mocks = figures.get("e2e", {}), figures.get("suite", {}), figures.get("mocks", {})
    if e2e:
        for label, key, series in (
            ("bare script, happy path", "bare_median_s", "bare"),
            ("suite end-to-end scenario", "suite_median_s", "suite"),
            ("  same, --step-screenshots off", "no_shots_median_s", "no_shots"),
        ):
            bounds = spread(entry.get("seconds") for entry in e2e.get(series, []))
            where = f"; {_range(bounds, 's')}" if bounds else ""
            rows.append((f"{label} (median{where})", _fmt(e2e.get(key), "s"), "", ""))
        phases = e2e.get("suite_phases_median_s", {})
        for label, key in (("steps", "call.steps"), ("after-step hooks", "call.after_step_hooks")):
            rows.append((f"  of which {label} (median)", _fmt(phases.get(key), "s"), "", ""))
        fixtures = sum(phases.get(k, 0.0) for k in ("setup", "call.fixtures", "call.other", "teardown"))
        rows.append(
            ("  of which fixtures, set-up, teardown, pictures", _fmt(fixtures if phases else None, "s"), "", "")
        )
        rows.append(("  same, first in its process (median)", _fmt(e2e.get("suite_cold_median_s"), "s"), "", ""))
        rows.append(("  pytest process wall time (median)", _fmt(e2e.get("suite_process_median_s"), "s"), "", ""))
    for mode in ("serial", "n2", "auto"):
        run = suite.get(mode)
        if run:
            verdict = "" if run.get("ok") else f"  ({run.get('counts')}, exit {run.get('returncode')})"
            rows.append((f"whole suite, {run['label']} (wall)", _fmt(run.get("wall_s"), "s") + verdict, "", ""))
            cpu = run.get("cpu_per_scenario_s") or {}
            if cpu:
                split = ", ".join(f"{kind} {cpu.get(kind, 0):.2f}" for kind in ("test", "driver", "browser"))
                sampled_wall = (run.get("cpu_run") or {}).get("wall_s")
                where = f" (a second run, sampled, {sampled_wall:.1f} s)" if sampled_wall else ""
                rows.append((f"  CPU per scenario{where}: {split}", _fmt(cpu.get("total"), "s"), "", ""))
                if cpu.get("busy_share") is not None:
                    rows.append(("  share of the machine's CPUs the run kept busy", f"{cpu['busy_share']:.0%}", "", ""))
    if mocks:
        rows.append(
            (
                f"mocks start to ready (median of {len(mocks.get('ready_s', []))})",
                _fmt(mocks.get("ready_median_s"), "s"),
                "",
                "",
            )
        )
    for target in TARGETS:
        measured = figures.get("targets", {}).get(target.key, {})
        value = measured.get("value")
        met = target.met(value)
        bounds = spread(measured.get("per_iteration", []))
        rows.append(
            (
                target.label + ("" if bounds is None else f" (per iteration {_range(bounds, target.unit)})"),
                _fmt(value, target.unit),
                f"<= {target.limit:g}{'x' if target.unit == 'x' else ' s'}",
                "not measured" if met is None else "MET" if met else "NOT MET",
            )
        )
    width = max(len(r[0]) for r in rows)
    lines = [f"{'figure':<{width}}  {'value':>12}  {'target':>9}  result", "-" * (width + 36)]
    lines += [f"{a:<{width}}  {b:>12}  {c:>9}  {d}".rstrip() for a, b, c, d in rows]
    return "\n".join(lines)
