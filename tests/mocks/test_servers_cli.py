"""Running the mocks: ``start_mocks()`` for fixtures, ``commerce-mocks serve`` for people."""

from __future__ import annotations

import http.cookiejar
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from mocks import MockServers, start_mocks
from mocks import cookie_names as cookie_names_module
from mocks.cli import main

PRODUCTION_PATH = "services_connector/services_connector_integration/production_api_key"
STARTUP_TIMEOUT = 20.0  # a fresh interpreter importing Flask, on a busy machine


def fetch(
    url: str, headers: dict[str, str] | None = None, data: bytes | None = None, method: str = "GET"
) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {}, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read().decode()


def refuses_connections(base_url: str) -> bool:
    host, port = base_url.removeprefix("http://").split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=1):
            return False
    except OSError:
        return True


# --------------------------------------------------------------------------- start_mocks()


def test_start_mocks_is_well_under_a_second_and_stop_is_clean() -> None:
    starts, stops = [], []
    for _ in range(3):  # the best of three: scheduling noise on a busy machine is not startup time
        started = time.perf_counter()
        mocks = start_mocks()
        starts.append(time.perf_counter() - started)
        data_dir = mocks.data_dir
        admin_base, portal_base = mocks.admin.base_url, mocks.portal.base_url
        assert fetch(mocks.admin_url)[0] == 200
        assert fetch(mocks.portal_url + "customer/account/login/")[0] == 200

        started = time.perf_counter()
        mocks.stop()
        stops.append(time.perf_counter() - started)

        assert refuses_connections(admin_base)
        assert refuses_connections(portal_base)
        assert not mocks.admin.thread.is_alive()
        assert not mocks.portal.thread.is_alive()
        assert not data_dir.exists()
    assert min(starts) < 1.0, starts
    assert min(stops) < 0.5, stops


def test_urls_and_free_ports() -> None:
    with start_mocks() as first, start_mocks() as second:
        ports = {
            first.admin.server.server_port,
            first.portal.server.server_port,
            second.admin.server.server_port,
            second.portal.server.server_port,
        }
        assert len(ports) == 4
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/admin/", first.admin_url)
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", first.portal_url)
        status, body = fetch(first.admin_url)
        assert status == 200
        assert 'id="login-form"' in body


def test_admin_is_pointed_at_the_portal() -> None:
    with start_mocks() as mocks:
        assert mocks.admin.app.config["GATEWAY_URL"] == mocks.portal.base_url
        assert mocks.admin.app.config["PORTAL_URL"] == mocks.portal.base_url


def test_a_given_data_dir_is_kept_and_its_state_survives_a_restart(tmp_path: Path) -> None:
    with start_mocks(data_dir=tmp_path, control_token="t") as mocks:
        body = b'{"path": "%s", "value": "kept-key"}' % PRODUCTION_PATH.encode()
        headers = {"X-Mock-Control-Token": "t", "Content-Type": "application/json"}
        assert fetch(mocks.admin.base_url + "/_mock/config", headers, body, "PUT")[0] == 200

    assert {p.name for p in tmp_path.glob("*.sqlite3")} == {"admin.sqlite3", "portal.sqlite3"}
    with start_mocks(data_dir=tmp_path, control_token="t") as again:
        status, body_text = fetch(
            f"{again.admin.base_url}/_mock/config?path={PRODUCTION_PATH}", {"X-Mock-Control-Token": "t"}
        )
        assert status == 200
        assert '"kept-key"' in body_text


def test_a_port_in_use_fails_to_start() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(OSError, match=f"the admin cannot listen on 127.0.0.1:{port}"):
            start_mocks(admin_port=port)
        with pytest.raises(OSError, match=f"the portal cannot listen on 127.0.0.1:{port}"):
            start_mocks(portal_port=port)


def test_control_api_is_off_by_default() -> None:
    with start_mocks() as mocks:
        assert fetch(mocks.admin.base_url + "/_mock/log", {"X-Mock-Control-Token": "x"})[0] == 404
        assert fetch(mocks.portal.base_url + "/_mock/log", {"X-Mock-Control-Token": "x"})[0] == 404


# --------------------------------------------------------------------------- commerce-mocks serve


@dataclass
class Served:
    process: subprocess.Popen[str]
    lines: list[str]
    admin_url: str
    portal_url: str


def _pump(stream: object, out: queue.Queue[str | None]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        out.put(line)
    out.put(None)


@contextmanager
def serve(command: list[str], *args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """Run the CLI until it says it is ready (``env``: more environment); kill it on the way out if it still runs."""
    process = subprocess.Popen(
        [*command, "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not seen or "Press Ctrl-C" not in seen[-1]:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line is not None, f"the server exited early: {''.join(seen)}"
            seen.append(line)
        text = "".join(seen)
        admin = re.search(r"Commerce Admin:\s+(\S+)", text)
        portal = re.search(r"Account portal:\s+(\S+)", text)
        assert admin and portal, text
        served = Served(process, seen, admin.group(1), portal.group(1))
        yield served
        while (line := lines.get(timeout=10)) is not None:
            seen.append(line)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def stop(served: Served, sig: signal.Signals = signal.SIGINT) -> int:
    served.process.send_signal(sig)
    return served.process.wait(timeout=10)


PYTHON_M = [sys.executable, "-m", "mocks"]
CONSOLE_SCRIPT = [str(Path(sys.executable).with_name("commerce-mocks"))]


@pytest.mark.parametrize("command", [PYTHON_M, CONSOLE_SCRIPT], ids=["python-m-mocks", "commerce-mocks"])
def test_serve_prints_urls_and_credentials_and_exits_0_on_ctrl_c(command: list[str]) -> None:
    with serve(command, "--admin-port", "0", "--portal-port", "0", "--control-token", "tok") as served:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/admin/", served.admin_url)
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", served.portal_url)
        text = "".join(served.lines)
        assert "(user admin / admin123)" in text
        assert "(account merchant@example.com / merchant123)" in text
        assert f"API Portal:       {served.portal_url}apiportal/index/index/" in text
        assert "Control API:      on" in text
        status, body = fetch(served.admin_url)
        assert (status, 'id="login-form"' in body) == (200, True)
        assert fetch(served.portal_url + "gateway/apikeycheck")[0] == 401
        assert fetch(served.portal_url + "_mock/log/mark", {"X-Mock-Control-Token": "tok"})[0] == 200

        assert stop(served) == 0

    assert served.lines[-1].strip() == "Stopped."
    assert refuses_connections(served.admin_url.removesuffix("/admin/"))


def test_serve_exits_0_on_sigterm_too() -> None:
    with serve(PYTHON_M) as served:
        assert stop(served, signal.SIGTERM) == 0


def test_serve_with_given_ports_data_dir_and_admin_path(tmp_path: Path) -> None:
    ports = []
    for _ in range(2):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
    data_dir = tmp_path / "state"

    with serve(
        PYTHON_M,
        "--admin-port",
        str(ports[0]),
        "--portal-port",
        str(ports[1]),
        "--data-dir",
        str(data_dir),
        "--admin-path",
        "backend",
    ) as served:
        assert served.admin_url == f"http://127.0.0.1:{ports[0]}/backend/"
        assert served.portal_url == f"http://127.0.0.1:{ports[1]}/"
        assert "Control API:      off" in "".join(served.lines)
        assert fetch(served.admin_url)[0] == 200
        assert fetch(f"http://127.0.0.1:{ports[0]}/admin/")[0] == 404
        assert fetch(f"http://127.0.0.1:{ports[0]}/_mock/log", {"X-Mock-Control-Token": "x"})[0] == 404
        assert stop(served) == 0

    assert {p.name for p in data_dir.glob("*.sqlite3")} == {"admin.sqlite3", "portal.sqlite3"}


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_serve_refuses_a_port_out_of_range(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--admin-port", port]) == 2

    assert f"port {port} is out of range 0-65535" in capsys.readouterr().err


def test_serve_says_why_it_could_not_start() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])

        done = subprocess.run(
            [*PYTHON_M, "serve", "--portal-port", port], capture_output=True, text=True, timeout=30, check=False
        )

    assert done.returncode == 1
    assert done.stderr.startswith(f"commerce-mocks: could not start: the portal cannot listen on 127.0.0.1:{port}: ")
    assert len(done.stderr.splitlines()) == 1, done.stderr  # one message, not Werkzeug's lines before it


@pytest.mark.parametrize("host", ["256.1.1.1", "no such host.invalid"])
def test_serve_on_a_host_it_cannot_listen_on_says_so_in_one_line(
    host: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    assert main(["serve", "--host", host]) == 1

    captured = capsys.readouterr()
    assert captured.err.startswith(f"commerce-mocks: could not start: the portal cannot listen on {host}:0: ")
    assert len(captured.err.splitlines()) == 1, captured.err
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []


def test_serve_needs_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([])

    assert exited.value.code == 2
    assert "serve" in capsys.readouterr().err


# --------------------------------------------------------------------------- admin paths


@pytest.fixture
def no_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """``commerce-mocks serve`` must refuse before starting anything (and never block here)."""

    def refuse(**_kwargs: object) -> None:
        raise AssertionError("the mocks were started")

    monkeypatch.setattr("mocks.cli.start_mocks", refuse)


@pytest.mark.parametrize(
    "path", ["_mock", "/_mock/", "static", "<x>", "a b", "x/../y", "%2e%2e", "", "/", "a/b", "ädmin"]
)
@pytest.mark.usefixtures("no_start")
def test_serve_refuses_a_reserved_or_malformed_admin_path(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--admin-path", path])

    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "argument --admin-path:" in err
    assert "letters, digits and underscores" in err or "is reserved" in err


@pytest.mark.parametrize("path", ["_mock", "static"])
@pytest.mark.usefixtures("no_start")
def test_a_reserved_admin_path_says_what_it_collides_with(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--admin-path", path])

    assert f"'{path}' is reserved" in capsys.readouterr().err


@pytest.mark.parametrize("path", ["_mock", "x/../y", "<x>"])
def test_start_mocks_refuses_a_bad_admin_path_and_leaves_nothing_behind(
    path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    with pytest.raises(ValueError, match="admin path"):
        start_mocks(admin_config={"ADMIN_PATH": path})

    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("given", "url_path"), [("backend", "/backend/"), ("/backoffice_9x2/", "/backoffice_9x2/")])
def test_good_admin_paths_are_taken(given: str, url_path: str) -> None:
    with start_mocks(admin_config={"ADMIN_PATH": given}) as mocks:
        assert mocks.admin_url.endswith(url_path)
        assert fetch(mocks.admin_url)[0] == 200


# --------------------------------------------------------------------------- failed starts


@pytest.mark.parametrize("which", ["admin_port", "portal_port"])
def test_a_failed_start_leaves_no_temporary_folder(which: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()

        with pytest.raises(OSError, match="cannot listen"):
            start_mocks(**{which: taken.getsockname()[1]})

    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["admin.sqlite3", "portal.sqlite3"])
def test_a_corrupt_database_is_a_clear_could_not_start(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / name).write_bytes(b"this is not a database, " * 200)

    assert main(["serve", "--data-dir", str(tmp_path)]) == 1

    err = capsys.readouterr().err
    assert err.startswith("commerce-mocks: could not start: ")
    assert str(tmp_path / name) in err
    assert "Traceback" not in err


def test_a_data_dir_that_is_a_file_is_a_clear_could_not_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("x")

    assert main(["serve", "--data-dir", str(tmp_path / "file")]) == 1

    assert capsys.readouterr().err.startswith("commerce-mocks: could not start: ")


# --------------------------------------------------------------------------- the control token from the environment


def test_serve_takes_the_control_token_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMERCE_MOCKS_CONTROL_TOKEN", "from-env")

    with serve(PYTHON_M) as served:
        assert "Control API:      on" in "".join(served.lines)
        assert fetch(served.portal_url + "_mock/log/mark", {"X-Mock-Control-Token": "from-env"})[0] == 200
        assert fetch(served.portal_url + "_mock/log/mark", {"X-Mock-Control-Token": "other"})[0] == 403
        assert stop(served) == 0


def test_the_control_token_option_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMERCE_MOCKS_CONTROL_TOKEN", "from-env")

    with serve(PYTHON_M, "--control-token", "from-option") as served:
        assert fetch(served.portal_url + "_mock/log/mark", {"X-Mock-Control-Token": "from-option"})[0] == 200
        assert fetch(served.portal_url + "_mock/log/mark", {"X-Mock-Control-Token": "from-env"})[0] == 403
        assert stop(served) == 0


# --------------------------------------------------------------------------- cookie names per instance


def cookie_names(mocks: MockServers) -> tuple[str, str]:
    """The session cookie names the admin and the portal set."""
    names = []
    for url in (mocks.admin_url, mocks.portal_url + "customer/account/login/"):
        with urllib.request.urlopen(url, timeout=5) as response:
            [set_cookie] = response.headers.get_all("Set-Cookie")
            names.append(set_cookie.split("=", 1)[0])
    return names[0], names[1]


def ports(mocks: MockServers) -> tuple[int, int]:
    return mocks.admin.server.server_port, mocks.portal.server.server_port


@pytest.fixture
def own_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    """The host-wide claim on the real cookie names under a name of this test's own (other instances on this
    host, of other tests or of a person, hold the real one or may take it meanwhile)."""
    monkeypatch.setattr(cookie_names_module, "CLAIM_NAME", f"commerce-mocks-test.{uuid.uuid4()}")


@pytest.mark.usefixtures("own_claim")
def test_a_single_instance_keeps_the_real_cookie_names() -> None:
    with start_mocks() as mocks:
        assert cookie_names(mocks) == ("admin", "PHPSESSID")


@pytest.mark.usefixtures("own_claim")
def test_a_second_instance_on_the_host_gets_cookie_names_of_its_own() -> None:
    with start_mocks() as first, start_mocks() as second:
        admin_port, portal_port = ports(second)
        assert cookie_names(first) == ("admin", "PHPSESSID")
        assert cookie_names(second) == (f"admin-{admin_port}", f"PHPSESSID-{portal_port}")

    with start_mocks() as third:  # both stopped: the real names are free again
        assert cookie_names(third) == ("admin", "PHPSESSID")


@pytest.mark.usefixtures("own_claim")
def test_two_instances_do_not_sign_each_other_out() -> None:
    """A browser keeps one cookie jar per host (ports ignored): both sessions must fit in it."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with start_mocks() as first, start_mocks() as second:
        for mocks in (first, second):
            with opener.open(mocks.admin_url, timeout=5) as response:
                form_key = re.search(r'name="form_key" type="hidden" value="([^"]+)"', response.read().decode())
            assert form_key
            body = urllib.parse.urlencode(
                {"form_key": form_key.group(1), "login[username]": "admin", "login[password]": "admin123"}
            ).encode()
            with opener.open(mocks.admin_url, data=body, timeout=5) as response:
                assert "Dashboard" in response.read().decode()

        for mocks in (first, second):
            with opener.open(mocks.admin_url + "admin/dashboard/", timeout=5) as response:
                assert response.url.endswith("/admin/dashboard/"), "signed out"


@pytest.mark.parametrize(("mode", "expected"), [("real", ("admin", "PHPSESSID")), ("per-port", None)])
@pytest.mark.usefixtures("own_claim")
def test_cookie_names_can_be_chosen(mode: str, expected: tuple[str, str] | None) -> None:
    with start_mocks() as first, start_mocks(cookie_names=mode) as chosen:
        admin_port, portal_port = ports(chosen)
        assert cookie_names(chosen) == (expected or (f"admin-{admin_port}", f"PHPSESSID-{portal_port}"))
        assert cookie_names(first) == ("admin", "PHPSESSID")


def test_serve_takes_a_cookie_names_option(tmp_path: Path) -> None:
    with serve(PYTHON_M, "--cookie-names", "per-port") as served:
        admin_port = served.admin_url.split(":")[2].split("/")[0]
        with urllib.request.urlopen(served.admin_url, timeout=5) as response:
            assert response.headers["Set-Cookie"].startswith(f"admin-{admin_port}=")
        assert stop(served) == 0


@pytest.mark.usefixtures("own_claim")
def test_an_instance_with_the_real_names_forced_keeps_later_ones_off_them() -> None:
    with start_mocks(cookie_names="real") as forced, start_mocks() as later:
        admin_port, portal_port = ports(later)
        assert cookie_names(forced) == ("admin", "PHPSESSID")
        assert cookie_names(later) == (f"admin-{admin_port}", f"PHPSESSID-{portal_port}")


def served_cookie_names(served: Served) -> set[str]:
    found = re.search(r"Session cookies:\s+(\S+) \(admin\), (\S+) \(portal\)", "".join(served.lines))
    assert found, served.lines
    return {found.group(1), found.group(2)}


def test_two_instances_with_different_tmpdirs_never_share_a_cookie_name(tmp_path: Path) -> None:
    """The claim on the real names is the host's (one per network namespace), not a file in one TMPDIR."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    with (
        serve(PYTHON_M, env={"TMPDIR": str(tmp_path / "one")}) as first,
        serve(PYTHON_M, env={"TMPDIR": str(tmp_path / "two")}) as second,
    ):
        assert not served_cookie_names(first) & served_cookie_names(second)
        assert stop(second) == 0
        assert stop(first) == 0


# --------------------------------------------------------------------------- what an instance leaves behind


def data_folder(served: Served) -> Path:
    found = re.search(r"Data folder:\s+(\S+)", "".join(served.lines))
    assert found, served.lines
    return Path(found.group(1))


def test_a_clean_stop_leaves_nothing_in_tmpdir(tmp_path: Path) -> None:
    with serve(PYTHON_M, env={"TMPDIR": str(tmp_path)}) as served:
        assert data_folder(served).parent == tmp_path
        assert fetch(served.admin_url)[0] == 200

        assert stop(served) == 0

    assert list(tmp_path.iterdir()) == []


def test_the_data_folder_of_a_killed_instance_is_swept_by_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"TMPDIR": str(tmp_path)}
    older_version = tmp_path / "commerce-mocks-olderversion"  # no lock file: maybe running, never touched
    older_version.mkdir()
    (older_version / "admin.sqlite3").write_bytes(b"")
    with serve(PYTHON_M, env=env) as killed:
        killed.process.kill()  # SIGKILL: no clean-up of its own
        killed.process.wait(timeout=10)
    assert data_folder(killed).exists()

    with serve(PYTHON_M, env=env) as running:
        assert not data_folder(killed).exists()
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
        with start_mocks() as mocks:  # another sweep, while an instance runs
            assert data_folder(running).exists()  # its instance holds the lock
            assert mocks.data_dir.parent == tmp_path
        assert stop(running) == 0

    assert list(tmp_path.iterdir()) == [older_version]


# --------------------------------------------------------------------------- connections that stall


def test_a_half_sent_request_frees_its_thread_after_the_time_out() -> None:
    with start_mocks(request_timeout=0.5) as mocks:
        host, port = mocks.admin.base_url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as stalled:
            stalled.sendall(b"GET /admin/ HTTP/1.1\r\nHost: x\r\n")  # never the blank line that ends the head
            started = time.monotonic()

            assert stalled.recv(1024) == b""  # closed by the server

        assert time.monotonic() - started < 5
        assert fetch(mocks.admin_url)[0] == 200


def test_a_half_sent_body_is_a_400_after_the_time_out() -> None:
    with start_mocks(request_timeout=0.5) as mocks:
        host, port = mocks.admin.base_url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as stalled:
            stalled.sendall(
                b"POST /admin/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 100\r\n\r\nform_key=abc"
            )
            answer = b""
            while chunk := stalled.recv(4096):
                answer += chunk

        assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]


def test_an_idle_keep_alive_connection_is_closed_after_the_time_out() -> None:
    with start_mocks(request_timeout=0.5) as mocks:
        host, port = mocks.admin.base_url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as idle:
            idle.sendall(b"GET /static/admin.css HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = b""
            while chunk := idle.recv(4096):  # the answer, then the end once the server closes
                answer += chunk

        assert answer.startswith(b"HTTP/1.1 200 ")
