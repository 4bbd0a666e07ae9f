"""The browser: a clear error without Chromium, and a remote Playwright server instead of a local launch."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.chromium import find_chromium
from tests.harness.conftest import ROOT, RunSuite

PLAYWRIGHT = Path(sys.executable).with_name("playwright")


def test_missing_chromium_names_the_fix(run_suite: RunSuite) -> None:
    result = run_suite("-k", "log_in_to_the_commerce_admin and not de", env={"CHROMIUM_PATH": "/nonexistent/chromium"})
    output = result.stdout + result.stderr
    assert result.returncode == 4, output[-2000:]
    assert "CHROMIUM_PATH=/nonexistent/chromium is not an executable file" in output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def browser_server() -> Iterator[str]:
    """A local `playwright run-server --unsafe` (it must honour our executablePath)."""
    port = _free_port()
    server = subprocess.Popen(
        [str(PLAYWRIGHT), "run-server", "--port", str(port), "--host", "127.0.0.1", "--unsafe"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("playwright run-server did not start listening")
        yield f"ws://127.0.0.1:{port}/"
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the CLI wrapper and the node server it started
        server.wait(timeout=10)


def test_scenarios_run_through_a_remote_browser_server(run_suite: RunSuite, browser_server: str) -> None:
    # No local Chromium for this run: passing proves the browser ran in the server.
    result = run_suite(
        "-k", "(log_in_to_the_commerce_admin or copy_puts_exactly or add_the_key_leaves) and not de",
        "--browser-server", browser_server, "--remote-executable-path", find_chromium(),
        env={"CHROMIUM_PATH": "/nonexistent/chromium"},
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "3 passed" in output, output[-1000:]
