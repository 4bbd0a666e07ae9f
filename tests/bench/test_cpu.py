"""The benchmark's CPU figures: sampled per process, so processes nobody reaps (Chromium's renderers) count."""

from __future__ import annotations

import sys
import textwrap

import pytest

from bench.cpu import CpuUse, machine_busy_seconds, run_measured

# A parent that starts a child burning 0.6 s of CPU, waits for it to end without reaping it (WNOWAIT) and
# exits: the child's time never reaches the parent's wait4 usage, as with a browser's renderer processes.
UNREAPED_CHILD = textwrap.dedent(
    """
    import os, sys, time
    burn = "import time\\nstart = time.process_time()\\nwhile time.process_time() - start < 0.6: pass"
    pid = os.spawnv(os.P_NOWAIT, sys.executable, [sys.executable, "-c", burn])
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    time.sleep(0.3)
    os._exit(0)
    """
)


def test_a_child_its_parent_never_reaped_is_counted() -> None:
    done, _wall, cpu = run_measured([sys.executable, "-c", UNREAPED_CHILD])

    assert done.returncode == 0, done.stderr
    assert cpu is not None
    assert cpu.sampled >= 0.45, f"sampled {cpu.by_kind} for a child that burnt 0.6 s"
    assert cpu.reaped < cpu.sampled - 0.3, f"wait4 saw {cpu.reaped:.2f} s: the child was reaped after all?"


def test_a_run_timed_for_its_wall_clock_is_not_sampled() -> None:
    done, wall, cpu = run_measured([sys.executable, "-c", "pass"], sample=False)

    assert done.returncode == 0, done.stderr
    assert cpu is None
    assert wall > 0


def test_per_scenario_figures_use_the_samples_and_keep_the_cross_checks() -> None:
    use = CpuUse(by_kind={"test": 1.0, "driver": 2.0, "browser": 7.0}, reaped=4.0, machine_busy=12.0, wall=5.0, cpus=2)

    assert use.per(10) == {
        "test": 0.1,
        "driver": 0.2,
        "browser": 0.7,
        "total": 1.0,
        "reaped_total": 0.4,
        "machine_busy": 1.2,
        "busy_share": 1.0,
    }


def test_without_proc_stat_or_wall_the_cross_checks_are_left_out() -> None:
    figures = CpuUse(by_kind={"test": 1.0, "driver": 0.0, "browser": 0.0}).per(0)

    assert figures == {"test": 1.0, "driver": 0.0, "browser": 0.0, "total": 1.0, "reaped_total": 0.0}


def test_machine_busy_time_only_grows() -> None:
    first = machine_busy_seconds()
    if first is None:
        pytest.skip("no /proc/stat on this system")
    sum(range(2_000_000))
    second = machine_busy_seconds()
    assert second is not None and second >= first
