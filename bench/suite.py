"""The whole BDD suite, serially and with ``-n 2``: wall time, and CPU seconds per scenario by process kind.

Each mode runs twice: once for its wall time, unwatched, and once with its process tree sampled for CPU
(``bench/cpu.py``; the sampling would slow the timed run). CPU per scenario compares across machines of any
size; the share of the machine's CPUs the run kept busy says why a second worker helps or does not.
"""

from __future__ import annotations

from collections.abc import Mapping

from bench.measurement import Bench, Figures, Row, against, ratio, seconds, times
from bench.runs import SUITE, run_pytest

NAME = "suite"
MODES = {"serial": ("serial", []), "n2": ("`-n 2`", ["-n", "2"])}  # key: (shown as, flags)
SUITE_OVER_BARE_LIMIT = 15.0  # issue 13: the whole suite, serially, over the bare happy path
N2_LIMIT = 1.0  # -n 2 never slower than serial


def measure(bench: Bench) -> Figures:
    figures: Figures = {"failures": 0}
    for mode, (shown, flags) in MODES.items():
        timed = run_pytest([SUITE, *flags, *bench.pytest_args], bench.work / f"suite-{mode}")
        sampled = run_pytest([SUITE, *flags, *bench.pytest_args], bench.work / f"suite-{mode}-cpu", cpu=True)
        for run in (timed, sampled):
            bench.say(f"  whole suite, {shown}: {run.wall:.1f} s, {run.counts}" + ("" if run.ok else f"\n{run.tail}"))
            figures["failures"] += 0 if run.ok else 1
        figures[mode] = {
            "wall_s": round(timed.wall, 2),
            "counts": timed.counts,
            "cpu_run_wall_s": round(sampled.wall, 2),
            "cpu_per_scenario_s": sampled.cpu.per(len(sampled.cases)) if sampled.cpu else None,
        }
    figures["n2_over_serial"] = ratio(figures["n2"]["wall_s"], figures["serial"]["wall_s"])
    return figures


def rows(mine: Figures, measured: Mapping[str, Figures]) -> list[Row]:
    serial, n2 = mine["serial"], mine["n2"]
    over_bare = ratio(serial["wall_s"], measured.get("e2e", {}).get("bare_median_s"))
    scenarios = sum(serial["counts"].values())
    result = [
        Row(f"whole suite, serial ({scenarios} scenarios); over the bare script",
            f"{seconds(serial['wall_s'])} = {times(over_bare)}", against(over_bare, SUITE_OVER_BARE_LIMIT)),
        Row("whole suite, `-n 2`; over serial", f"{seconds(n2['wall_s'])} = {times(mine['n2_over_serial'])}",
            against(mine["n2_over_serial"], N2_LIMIT)),
    ]  # fmt: skip
    for mode, (shown, _flags) in MODES.items():
        cpu = mine[mode]["cpu_per_scenario_s"] or {}
        if cpu:
            split = " / ".join(f"{cpu[kind]:.2f}" for kind in ("test", "driver", "browser"))
            result.append(
                Row(f"CPU per scenario, {shown}: test / driver / browser (total); CPUs kept busy",
                    f"{split} s ({cpu['total']:.2f} s); {cpu.get('busy_share', 0):.0%}")
            )  # fmt: skip
    return result
