"""A forked pytest run: what it records, and a timeout that stops it whole (browsers in their own groups too)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil

from tests.child_env import child_env

ROOT = Path(__file__).resolve().parents[2]
# In a process of its own: a pytest forked from this test's process would inherit this run's plugin state.
RUN = (
    "import json, sys; from pathlib import Path; from mutation.runner import Work, pytest_in_child; "
    "print(json.dumps(pytest_in_child(Work(Path(sys.argv[1])), ['test_x.py', '-q', '-p', 'no:cacheprovider'], "
    "sys.argv[2], float(sys.argv[3]))))"
)


def run(tmp_path: Path, test: str, layout: str, timeout: float) -> dict[str, Any]:
    project = tmp_path / "project"
    (project / "mocks" / "admin").mkdir(parents=True)
    (project / "mocks" / "__init__.py").write_text("", encoding="utf-8")
    (project / "mocks" / "admin" / "__init__.py").write_text("DEFAULTS = {'ADMIN_LAYOUT': 'doc'}\n", encoding="utf-8")
    (project / "test_x.py").write_text(test, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(tmp_path), layout, str(timeout)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_a_run_records_the_first_failing_scenario_in_the_layout_it_was_given(tmp_path: Path) -> None:
    test = (
        "import mocks.admin\n\n"
        "def test_layout():\n    assert mocks.admin.DEFAULTS['ADMIN_LAYOUT'] == 'current'\n\n"
        "def test_step():\n    assert 1 == 2, 'Doc step 1 (Log in): no'\n"
    )
    done = run(tmp_path, test, "current", 60.0)
    assert (done["exit"], done["failed"]) == (1, "test_x.py::test_step"), done
    assert done["message"].startswith("AssertionError: Doc step 1 (Log in): no"), done
    assert set(done["seconds"]) == {"test_x.py::test_layout", "test_x.py::test_step"}


def test_a_timeout_stops_the_run_and_what_it_started_in_a_session_of_its_own(tmp_path: Path) -> None:
    test = (
        "import subprocess, time\n\n"
        "def test_hangs():\n"
        "    sleeper = subprocess.Popen(['sleep', '300'], start_new_session=True)  # as Playwright starts a browser\n"
        "    open('sleeper.pid', 'w').write(str(sleeper.pid))\n"
        "    time.sleep(300)\n"
    )
    started = time.monotonic()
    done = run(tmp_path, test, "doc", 3.0)
    assert done["exit"] is None and time.monotonic() - started < 30, done
    sleeper = int((tmp_path / "project" / "sleeper.pid").read_text(encoding="utf-8"))
    deadline = time.monotonic() + 5
    while psutil.pid_exists(sleeper) and psutil.Process(sleeper).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, "the sleeper outlived the timeout"
        time.sleep(0.1)
