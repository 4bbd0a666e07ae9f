"""The benchmark's CPU figures: sampled per process, so processes nobody reaps (Chromium's renderers) count."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from bench.cpu import CpuUse, Sampler

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
    before = os.times()
    process = subprocess.Popen([sys.executable, "-c", UNREAPED_CHILD])
    with Sampler([process.pid]) as sampler:
        assert process.wait(timeout=30) == 0
    after = os.times()
    sampled = sum(sampler.use(wall=1.0).by_kind.values())
    reaped = after.children_user + after.children_system - before.children_user - before.children_system

    assert sampled >= 0.45, f"sampled {sampler.last} for a child that burnt 0.6 s"
    assert reaped < sampled - 0.3, f"wait4 saw {reaped:.2f} s: the child was reaped after all, the test proves nothing"


def test_per_scenario_figures_by_kind_with_the_share_of_the_cpus_kept_busy() -> None:
    use = CpuUse(by_kind={"test": 1.0, "driver": 2.0, "browser": 7.0}, wall=5.0)
    figures = use.per(10)

    assert {k: figures[k] for k in ("test", "driver", "browser", "total")} == {
        "test": 0.1,
        "driver": 0.2,
        "browser": 0.7,
        "total": 1.0,
    }
    assert figures["busy_share"] == round(10.0 / (5.0 * (os.cpu_count() or 1)), 3)
