"""Pointed at someone's Commerce (a `commerce-mocks serve` stand-in, its control token kept from the suite and
used only to observe), a run leaves the store and the account as it found them, serial, with -n 2 and after
a Ctrl-C; and a dead or wrong target is one usage error, in seconds."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from flowspec.commerce import SANDBOX_API_KEY_PATH
from tests.child_env import child_env
from tests.harness.conftest import ROOT, RunSuite
from tools.served_mocks import CREDENTIALS, Observer, ServedMocks, serve

OBSERVER_TOKEN = "observer-only-5e1f"
# Every scenario that changes a store without a control API: clears or saves Production Api key, makes,
# copies and revokes keys in the API Portal.
CHANGING = "end_to_end or save_config_stores or still_bad_after_saving or add_new_lists or copy_puts or first_access"


@pytest.fixture
def observed_target(tmp_path: Path) -> Iterator[tuple[ServedMocks, Observer]]:
    with serve("--control-token", OBSERVER_TOKEN, data_dir=tmp_path / "data") as target:
        observer = Observer(target, OBSERVER_TOKEN)
        observer.store_key()
        observer.store_key(SANDBOX_API_KEY_PATH, name="Store's sandbox key")
        yield target, observer


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "n2"])
def test_a_run_leaves_the_store_and_the_account_as_found(
    run_suite: RunSuite, observed_target: tuple[ServedMocks, Observer], workers: list[str]
) -> None:
    target, observer = observed_target
    before = observer.state()
    result = run_suite("-k", CHANGING, *target.suite_args(), *workers, env=CREDENTIALS)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "target restored: Production Api key put back" in output, output[-2000:]
    after = observer.state()
    assert after == before, f"the run left the target changed:\nbefore {before}\nafter  {after}"
    made = observer.all_keys() - before.active_keys
    assert made, "the run should have made keys in the account (and revoked them)"


def test_an_interrupted_run_still_puts_the_target_back(
    observed_target: tuple[ServedMocks, Observer], tmp_path: Path
) -> None:
    target, observer = observed_target
    before = observer.state()
    command = [
        sys.executable, "-m", "pytest", "tests/e2e", "-q", "-p", "no:cacheprovider", "-k", CHANGING,
        *target.suite_args(), f"--output={tmp_path / 'out'}", f"--living-doc-dir={tmp_path / 'reports'}",
    ]  # fmt: skip
    log = tmp_path / "output.txt"
    with log.open("w") as out:
        run = subprocess.Popen(command, cwd=ROOT, env=child_env(CREDENTIALS), stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and observer.state() == before and run.poll() is None:
            time.sleep(0.3)  # polling another process's effect: there is nothing to wait on
        assert observer.state() != before, "the run should have changed the target before the interrupt"
        run.send_signal(signal.SIGINT)
        run.wait(timeout=120)
    output = log.read_text()
    assert run.returncode in (1, 2), f"an interrupted run does not pass:\n{output[-3000:]}"
    assert "target restored" in output, output[-3000:]
    assert observer.state() == before


def test_keep_target_changes_leaves_them(run_suite: RunSuite, observed_target: tuple[ServedMocks, Observer]) -> None:
    target, observer = observed_target
    before = observer.state()
    result = run_suite("-k", "save_config_stores", *target.suite_args(), "--keep-target-changes", env=CREDENTIALS)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "target restored" not in result.stdout
    assert observer.state() != before


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


@pytest.fixture
def not_commerce(tmp_path: Path) -> Iterator[str]:
    """A web server that is not Commerce: a directory listing."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("kind", ["refused", "silent", "not-commerce"])
def test_a_dead_or_wrong_admin_url_is_one_usage_error_in_seconds(
    run_suite: RunSuite, kind: str, silent_port: int, not_commerce: str
) -> None:
    url = {
        "refused": f"http://127.0.0.1:{_free_port()}/admin/",
        "silent": f"http://127.0.0.1:{silent_port}/admin/",
        "not-commerce": not_commerce,
    }[kind]
    started = time.monotonic()
    result = run_suite("--admin-url", url, "--portal-url", "http://127.0.0.1:9/", env=CREDENTIALS, timeout=60)
    took = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode == 4, output[-2000:]
    assert took < 30, f"took {took:.0f} s"
    assert output.count("ERROR") == 1 and url in output, output[-2000:]
    assert "Traceback" not in output and "passed" not in output and "failed" not in output, output[-2000:]
    said = {"refused": "refused", "silent": "no answer within", "not-commerce": "not the Commerce Admin's login"}
    assert said[kind] in output, output[-2000:]


def test_swapped_urls_and_wrong_credentials_name_what_to_fix(
    run_suite: RunSuite, observed_target: tuple[ServedMocks, Observer]
) -> None:
    target, _ = observed_target
    swapped = run_suite("--admin-url", target.portal_url, "--portal-url", target.admin_url, env=CREDENTIALS)
    assert swapped.returncode == 4 and "swapped" in swapped.stdout + swapped.stderr
    wrong = {**CREDENTIALS, "COMMERCE_PORTAL_PASSWORD": "not-the-password-1"}
    refused = run_suite(*target.suite_args(), env=wrong)
    output = refused.stdout + refused.stderr
    assert refused.returncode == 4, output[-2000:]
    assert "COMMERCE_PORTAL_EMAIL / COMMERCE_PORTAL_PASSWORD" in output and "not-the-password-1" not in output


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (["--step-timeout", "-5"], {}, "--step-timeout must be more than 0"),
        ([], {"CHROMIUM_PATH": "/bin/true"}, "/bin/true is not a Chromium browser"),
        (["--reveal-keys", "--admin-url", "http://127.0.0.1:9/a/", "--portal-url", "http://127.0.0.1:9/"], CREDENTIALS,
         "only against the bundled mocks"),
    ],
    ids=["step-timeout", "chromium-path", "reveal-keys-on-a-real-target"],
)  # fmt: skip
def test_bad_options_are_one_usage_error(run_suite: RunSuite, args: list[str], env: dict[str, str], said: str) -> None:
    result = run_suite(*args, env=env, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 4 and said in output and output.count("ERROR") == 1, output[-2000:]
    assert "Traceback" not in output
