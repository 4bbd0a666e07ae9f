"""CPU seconds a pytest run spends, by kind of process: the test process(es), Playwright's driver, the browser.

Wall time says how long a run took on this machine; CPU time says what it costs on any machine. While a
run goes on, ``CpuSampler`` reads the CPU times of its whole process tree (psutil) every ``interval``
seconds and keeps each process's last reading; when the run ends the exact total of the tree (its
``wait4`` resource usage) is kept beside them. Kinds: ``browser`` (Chromium's processes), ``driver``
(Playwright's Node.js driver) and ``test`` (pytest, its xdist workers and the mocks in their threads).
"""

from __future__ import annotations

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
    tree_total: float = 0.0  # exact: the run's process tree, from its resource usage

    def per(self, scenarios: int) -> dict[str, float]:
        """Seconds per scenario, by kind (the sampled split scaled to the exact total)."""
        sampled = sum(self.by_kind.values())
        scale = self.tree_total / sampled if sampled else 0.0
        count = max(scenarios, 1)
        split = {kind: round(seconds * scale / count, 3) for kind, seconds in self.by_kind.items()}
        return {**split, "total": round(self.tree_total / count, 3)}


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

    def use(self, tree_total: float) -> CpuUse:
        use = CpuUse(tree_total=tree_total)
        for kind, seconds in self.last.values():
            use.by_kind[kind] = use.by_kind.get(kind, 0.0) + seconds
        return use


def run_measured(
    command: list[str], timeout: float | None = None, **popen: object
) -> tuple[subprocess.CompletedProcess[str], float, CpuUse]:
    """Run ``command``; its result, wall seconds and CPU use. The exact total comes from this process's
    reaped children (``os.times()``), which include every descendant the command's processes reaped."""
    before, started = os.times(), time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)  # type: ignore[call-overload]
    with CpuSampler(process.pid) as sampler:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
    wall, after = time.perf_counter() - started, os.times()
    tree = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return subprocess.CompletedProcess(command, process.returncode, out, err), wall, sampler.use(tree)
