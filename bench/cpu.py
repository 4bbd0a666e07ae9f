"""CPU seconds a pytest run spends, by kind of process: the test process(es), Playwright's driver, the browser.

Wall time says how long a run took on this machine; CPU time says what it costs on any machine. While a
run goes on, ``CpuSampler`` reads the CPU times of its whole process tree (psutil) every ``interval``
seconds and keeps each process's last reading: that sum is the figure (a process that ends between two
readings loses at most ``interval`` of its time). Two cross-checks are kept beside it. The tree's
``wait4`` resource usage counts only processes their parents reaped: Chromium's renderers are not, and
it measured less than half the sampled CPU of a suite run here (figures in docs/decisions.md). The
machine's busy time over the run (``/proc/stat``, Linux) counts everything else running too. Kinds: ``browser`` (Chromium's
processes), ``driver`` (Playwright's Node.js driver) and ``test`` (pytest, its xdist workers and the
mocks in their threads).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
from dataclasses import dataclass, field

import psutil

KINDS = ("test", "driver", "browser")


def kind_of(process: psutil.Process) -> str:
    try:
        name = process.name().lower()
        command = [part.lower() for part in process.cmdline()]
    except (psutil.Error, OSError):
        return "test"
    exe = command[0] if command else ""
    if "chrom" in name or "chrom" in exe or any(part.startswith("--type=") for part in command):
        return "browser"  # Chromium's own processes, its helpers started as /proc/self/exe included
    if name.startswith("node") or exe.endswith("/node"):
        return "driver"
    return "test"


@dataclass
class CpuUse:
    by_kind: dict[str, float] = field(default_factory=lambda: dict.fromkeys(KINDS, 0.0))  # sampled
    reaped: float = 0.0  # the tree's wait4 usage: only processes their parents reaped (a lower bound)
    machine_busy: float | None = None  # every CPU's busy seconds over the run (/proc/stat), when readable
    wall: float = 0.0
    cpus: int = field(default_factory=lambda: os.cpu_count() or 1)

    @property
    def sampled(self) -> float:
        return sum(self.by_kind.values())

    def per(self, scenarios: int) -> dict[str, float]:
        """Seconds per scenario, by kind, their total, and the cross-checks; ``busy_share``: the part of
        the machine's CPUs the run kept busy (1.0 = every CPU, the whole time)."""
        count = max(scenarios, 1)
        figures = {kind: round(seconds / count, 3) for kind, seconds in self.by_kind.items()}
        figures["total"] = round(self.sampled / count, 3)
        figures["reaped_total"] = round(self.reaped / count, 3)
        if self.machine_busy is not None:
            figures["machine_busy"] = round(self.machine_busy / count, 3)
        if self.wall > 0:
            figures["busy_share"] = round(self.sampled / (self.wall * self.cpus), 3)
        return figures


def machine_busy_seconds() -> float | None:
    """Seconds all CPUs have been busy since boot (user, nice, system, irq, softirq, steal), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    ticks = [int(value) for value in fields[1:9]]
    busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]
    return busy / os.sysconf("SC_CLK_TCK")


class CpuSampler:
    def __init__(self, root_pid: int, interval: float = 0.1) -> None:
        self.root_pid = root_pid
        self.interval = interval
        self.last: dict[int, tuple[str, float]] = {}  # pid -> (kind, CPU seconds at its last reading)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)

    def __enter__(self) -> CpuSampler:
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
        try:
            root = psutil.Process(self.root_pid)
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        for process in processes:
            try:
                times = process.cpu_times()
                seconds = times.user + times.system
                kind = self.last[process.pid][0] if process.pid in self.last else kind_of(process)
            except psutil.Error:
                continue
            self.last[process.pid] = (kind, max(seconds, self.last.get(process.pid, ("", 0.0))[1]))

    def use(self, reaped: float, machine_busy: float | None, wall: float) -> CpuUse:
        use = CpuUse(reaped=reaped, machine_busy=machine_busy, wall=wall)
        for kind, seconds in self.last.values():
            use.by_kind[kind] = use.by_kind.get(kind, 0.0) + seconds
        return use


def run_measured(
    command: list[str], timeout: float | None = None, sample: bool = True, **popen: object
) -> tuple[subprocess.CompletedProcess[str], float, CpuUse | None]:
    """Run ``command``; its result, wall seconds and CPU use (sampled, with the cross-checks). ``sample=False``:
    wall time only, CPU None. Sampling reads /proc every ``interval`` and costs the run it watches a few per
    cent of its wall time, so the runs whose wall times the benchmark compares are not sampled."""
    before, busy_before, started = os.times(), machine_busy_seconds(), time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)  # type: ignore[call-overload]
    with CpuSampler(process.pid) if sample else contextlib.nullcontext() as sampler:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
    wall, after, busy_after = time.perf_counter() - started, os.times(), machine_busy_seconds()
    reaped = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    busy = None if busy_before is None or busy_after is None else busy_after - busy_before
    use = sampler.use(reaped, busy, wall) if sampler is not None else None
    return subprocess.CompletedProcess(command, process.returncode, out, err), wall, use
