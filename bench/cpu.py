"""CPU seconds of process trees, by kind: the test process(es), Playwright's driver, the browser.

psutil reads every process of the trees every 0.1 s and keeps each one's last reading. Sampling, not the
tree's ``wait4`` usage: Chromium's renderers are never reaped by their parents, and ``wait4`` saw less than
half of a suite run's CPU. A process that ends between two readings loses at most that interval. The
sampling itself costs the run it watches a few per cent of its wall time, so a run timed for its wall
clock is not sampled.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

import psutil

KINDS = ("test", "driver", "browser")


def kind_of(process: psutil.Process) -> str:
    try:
        name, command = process.name().lower(), [part.lower() for part in process.cmdline()]
    except psutil.Error:
        return "test"
    exe = command[0] if command else ""
    if "chrom" in name or "chrom" in exe or any(part.startswith("--type=") for part in command):
        return "browser"  # Chromium's processes, its helpers started as /proc/self/exe included
    if name.startswith("node") or exe.endswith("/node"):
        return "driver"
    return "test"  # pytest, its xdist workers, the mocks in their threads


@dataclass
class CpuUse:
    by_kind: dict[str, float] = field(default_factory=lambda: dict.fromkeys(KINDS, 0.0))
    wall: float = 0.0

    def per(self, scenarios: int) -> dict[str, float]:
        """Seconds per scenario by kind and in total, and ``busy_share``: the part of the machine's CPUs the
        run kept busy (1.0 = every CPU, the whole time)."""
        count = max(scenarios, 1)
        figures = {kind: round(spent / count, 3) for kind, spent in self.by_kind.items()}
        figures["total"] = round(sum(self.by_kind.values()) / count, 3)
        if self.wall > 0:
            figures["busy_share"] = round(sum(self.by_kind.values()) / (self.wall * (os.cpu_count() or 1)), 3)
        return figures


class Sampler:
    """``with Sampler([pid, ...]) as sampler:`` reads the trees below those pids until the block ends."""

    def __init__(self, roots: list[int], interval: float = 0.1) -> None:
        self.roots, self.interval = roots, interval
        self.last: dict[int, tuple[str, float]] = {}  # pid -> (kind, CPU seconds at its last reading)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        for root in self.roots:
            try:
                top = psutil.Process(root)
                tree = [top, *top.children(recursive=True)]
            except psutil.Error:
                continue
            for process in tree:
                try:
                    spent = sum(process.cpu_times()[:2])  # user + system
                    kind = self.last[process.pid][0] if process.pid in self.last else kind_of(process)
                except psutil.Error:
                    continue
                self.last[process.pid] = (kind, max(spent, self.last.get(process.pid, (kind, 0.0))[1]))

    def use(self, wall: float) -> CpuUse:
        use = CpuUse(wall=wall)
        for kind, spent in self.last.values():
            use.by_kind[kind] += spent
        return use
