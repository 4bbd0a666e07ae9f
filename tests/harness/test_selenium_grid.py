"""Selenium Grid 4: a scenario runs through a standalone Grid started by `python -m tools.grid`, and the
pieces that make it work (configs, session names, waiting for the Grid to let a session go)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from harness import selenium_grid
from tests.child_env import child_env
from tests.harness.conftest import ROOT, RunSuite
from tools.grid import NODE_CONFIG, GridToolMissing, GridTools, commands, find_tools

SCENARIO = "add_and_verify_the_amazon_api_key"  # the whole doc in English, clipboard included


def _tools_or_skip() -> GridTools:
    try:
        return find_tools()
    except GridToolMissing as exc:  # `make harness` installs them (make grid-tools); a bare pytest may not have
        pytest.skip(f"Selenium Grid parts missing: {exc}")


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in args:
            found.append(args)
    return found


def test_a_scenario_runs_through_a_standalone_grid(tmp_path: Path) -> None:
    _tools_or_skip()
    grid_dir = tmp_path / "grid"
    # No local Chromium for the suite: passing proves the browser ran in the Grid's node.
    suite = [
        "env", "CHROMIUM_PATH=/nonexistent/chromium",
        sys.executable, "-m", "pytest", "tests/e2e", "-q", "-p", "no:cacheprovider", "-k", SCENARIO,
        "--output", str(tmp_path / "test-results"), "--living-doc-dir", str(tmp_path / "reports"),
    ]  # fmt: skip
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "tools.grid", "standalone", "--log-dir", str(grid_dir), "--", *suite],
        cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert re.search(r"Selenium Grid \(standalone\) ready at http://127\.0\.0\.1:\d+", output), output[-2000:]
    assert "1 passed" in output, output[-2000:]
    log = (grid_dir / "standalone.log").read_text(encoding="utf-8", errors="replace")
    assert "Session created" in log and "commerce-e2e main" in log, log[-2000:]  # named by fixtures/browser.py
    assert "data:image/jpeg" in (tmp_path / "reports" / "living-doc.html").read_text(encoding="utf-8")
    assert _processes_mentioning(str(grid_dir)) == [], "the Grid's Java is still running"
    print(f"\nthrough a standalone Grid, start to stop: {elapsed:.1f} s")


def test_the_node_config_names_debians_driver_and_chromium_and_looks_for_nothing() -> None:
    node = tomllib.loads(NODE_CONFIG.read_text(encoding="utf-8"))["node"]
    assert node["detect-drivers"] is False and node["selenium-manager"] is False  # no internet here
    (driver,) = node["driver-configuration"]
    assert driver["webdriver-executable"] == "/usr/bin/chromedriver"
    stereotype = json.loads(driver["stereotype"])
    assert stereotype["browserName"] == "chrome"
    assert stereotype["goog:chromeOptions"]["binary"] == "/usr/bin/chromium"  # Playwright sends no binary


def _flag(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_hub_and_node_meet_on_one_loopback_event_bus_and_the_node_gets_the_extra_flags() -> None:
    tools = GridTools("java", Path("selenium-server.jar"), "/usr/bin/chromedriver", "/usr/bin/chromium")
    roles = commands("hub", tools, 4444, ["--max-sessions", "3"])
    hub, node = roles["hub"], roles["node"]
    for name in ("--publish-events", "--subscribe-events"):
        assert _flag(hub, name) == _flag(node, name)
        assert _flag(hub, name).startswith("tcp://127.0.0.1:")
    assert _flag(hub, "--publish-events") != _flag(hub, "--subscribe-events")
    assert _flag(hub, "--port") == "4444" and _flag(node, "--hub") == "http://127.0.0.1:4444"
    assert _flag(node, "--config") == str(NODE_CONFIG) and _flag(node, "--max-sessions") == "3"
    assert "--config" not in hub and "--max-sessions" not in hub
    (standalone,) = commands("standalone", tools, 4444).values()
    assert _flag(standalone, "--config") == str(NODE_CONFIG) and _flag(standalone, "--host") == "127.0.0.1"


def test_a_grid_that_does_not_come_up_is_exit_2_with_its_log(tmp_path: Path) -> None:
    _tools_or_skip()
    grid_dir = tmp_path / "grid"
    result = subprocess.run(
        [sys.executable, "-m", "tools.grid", "standalone", "--no-such-selenium-flag", "--log-dir", str(grid_dir),
         "--", "true"],
        cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert "exited before the Grid was ready" in result.stderr
    assert "standalone log" in result.stderr and "no-such-selenium-flag" in result.stderr
    assert _processes_mentioning(str(grid_dir)) == []


def test_session_name_joins_the_capabilities_playwright_sends() -> None:
    env = {selenium_grid.ENV_CAPABILITIES: '{"se:recordVideo": true}'}
    assert selenium_grid.name_sessions("run-1", env)
    assert json.loads(env[selenium_grid.ENV_CAPABILITIES]) == {"se:recordVideo": True, "se:name": "run-1"}
    unreadable = {selenium_grid.ENV_CAPABILITIES: "not json"}
    assert not selenium_grid.name_sessions("run-1", unreadable)
    assert unreadable[selenium_grid.ENV_CAPABILITIES] == "not json"


def test_only_chromium_goes_to_the_grid(run_suite: RunSuite) -> None:
    # No Grid listens there: the suite must refuse before it tries to launch anything.
    result = run_suite(
        "-k", "log_in_to_the_commerce_admin and not de", "--browser", "firefox",
        env={selenium_grid.ENV_URL: "http://127.0.0.1:9"},
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 4, output[-2000:]
    assert "drives only Chromium through a Selenium Grid, not firefox" in output, output[-2000:]


class FakeGrid(ThreadingHTTPServer):
    """A ``/status`` that lists a session named ``name`` for its first ``busy_answers`` answers."""

    def __init__(self, name: str, busy_answers: int) -> None:
        super().__init__(("127.0.0.1", 0), _StatusHandler)
        self.name, self.busy_answers, self.answers = name, busy_answers, 0

    def status(self) -> dict[str, object]:
        self.answers += 1
        session = {"capabilities": {"se:name": self.name}} if self.answers <= self.busy_answers else None
        other = {"capabilities": {"se:name": "someone else"}}
        return {"ready": True, "nodes": [{"slots": [{"session": session}, {"session": other}]}]}


class _StatusHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        assert isinstance(self.server, FakeGrid)
        body = json.dumps({"value": self.server.status()}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def fake_grid() -> Iterator[FakeGrid]:
    server = FakeGrid("run-1", busy_answers=4)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_teardown_waits_until_the_grid_lets_the_session_go(fake_grid: FakeGrid) -> None:
    url = f"http://127.0.0.1:{fake_grid.server_address[1]}"
    assert selenium_grid.wait_until_released(url, "run-1", poll=0.01)
    assert fake_grid.answers == 5  # four answers still listed it, the fifth did not


def test_teardown_gives_up_when_the_grid_keeps_the_session(fake_grid: FakeGrid) -> None:
    fake_grid.busy_answers = 10**6
    url = f"http://127.0.0.1:{fake_grid.server_address[1]}"
    assert not selenium_grid.wait_until_released(url, "run-1", timeout=0.3, poll=0.01)


def test_missing_java_names_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GridToolMissing, match="make grid-tools.*openjdk-17-jre-headless"):
        find_tools()


def test_the_stray_process_check_sees_running_processes() -> None:
    assert _processes_mentioning(sys.executable)  # this very process: an empty answer above means something
