"""Verifying a fleet: N stand-ins (``commerce-mocks serve``, each its own data and process, keys valid,
expired, revoked or missing in turn) verified in one run, ``pytest -m verify --targets FILE -n 2``, for N = 1,
5 and 20: the run's wall time, how it grows with N, and CPU per store (a second, sampled run that also reads
the stand-ins' processes). The work per store is a login and one page; the browser is shared by each worker,
each store gets a fresh context.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path

from bench.measurement import Bench, Figures, Row, against, joined, median, ratio, seconds, spread, times
from bench.runs import run_pytest
from tools.served_mocks import CREDENTIALS, Observer, serve, targets_file

NAME = "fleet"
SIZES = (1, 5, 20)
STATES = ("valid", "expired", "revoked", "missing")
TOKEN = "bench-fleet-observer"
LIMIT = 3.0  # issue 23: 20 stores in at most 3 times the time of 1
ENV = {"FLEET_USER": CREDENTIALS["COMMERCE_ADMIN_USER"], "FLEET_PASSWORD": CREDENTIALS["COMMERCE_ADMIN_PASSWORD"]}


def _verdicts(work: Path) -> dict[str, str]:
    try:
        report = json.loads((work / "living-doc" / "living-doc.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(store["name"]): str(store["verdict"]) for store in report.get("stores", [])}


def _one_size(bench: Bench, size: int) -> Figures:
    work = bench.work / f"fleet-{size}"
    with ExitStack() as stack:
        stores = []
        for index in range(size):
            state = STATES[index % len(STATES)]
            served = stack.enter_context(serve("--control-token", TOKEN, data_dir=work / f"store-{index}"))
            Observer(served, TOKEN).give_key(state)
            stores.append((f"store-{index:02d}-{state}", served))
        wanted = {name: name.rsplit("-", 1)[1] for name, _ in stores}
        targets = targets_file({name: s.admin_url for name, s in stores}, work / "targets.toml", *ENV)
        args = ["-m", "verify", f"--targets={targets}", "-n", "2", *bench.pytest_args]
        walls, failures = [], 0
        for _ in range(min(bench.repeat, 3)):
            run = run_pytest(args, work / "run", env=ENV)
            walls.append(round(run.wall, 3))
            failures += _verdicts(work / "run") != wanted
        sampled = run_pytest(args, work / "cpu", cpu=True, also_sample=[served.pid for _, served in stores], env=ENV)
    cpu = sampled.cpu.per(size) if sampled.cpu else {}
    return {"wall_s": walls, "wall_median_s": median(walls), "cpu_per_store_s": cpu, "failures": failures}


def measure(bench: Bench) -> Figures:
    figures: Figures = {"sizes": {}}
    for size in SIZES:
        bench.say(f"fleet: {size} store(s), verified with -n 2")
        figures["sizes"][str(size)] = _one_size(bench, size)
    figures["failures"] = sum(one["failures"] for one in figures["sizes"].values())
    first, last = figures["sizes"][str(SIZES[0])], figures["sizes"][str(SIZES[-1])]
    figures["growth"] = ratio(last["wall_median_s"], first["wall_median_s"])
    return figures


def rows(mine: Figures, measured: Mapping[str, Figures]) -> list[Row]:
    found = []
    for size, one in mine["sizes"].items():
        cpu = one["cpu_per_store_s"].get("total")
        shown = f"{joined(seconds(one['wall_median_s']), spread(one['wall_s']))}; CPU {seconds(cpu)} a store"
        found.append(Row(f"verify {size} store(s), -n 2 (median of {len(one['wall_s'])})", shown))
    growth = mine["growth"]
    found.append(Row(f"verify {SIZES[-1]} stores over {SIZES[0]}", times(growth), against(growth, LIMIT)))
    return found
