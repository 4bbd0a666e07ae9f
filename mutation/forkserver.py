"""A warm process that forks one pytest run per mutant: the imports are paid once, not per mutant.

``python -m mutation.forkserver <socket>`` (started by the runner in the project copy) imports pytest,
Playwright, pytest-bdd and Flask, and nothing of this project: every run imports the mocks afresh from
disk, with the mutant cosmic-ray has just written. For each request (one JSON line: pytest's arguments,
the environment, the working folder and a log file) it forks a child that starts its own session (so
its process group can be killed whole), sends its output to the log file and runs ``pytest.main``. The
server answers the child's pid at once and its exit code when it ends; when the client goes away first
(a timeout), it kills the child's process group.

``run(...)`` is the client side, used by the oracle.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

ENV_SOCKET = "MUTATION_FORKSERVER"
WARM_MODULES = (  # heavy imports of every run; not the pytest plugins themselves (pytest must rewrite them)
    "pytest",
    "_pytest.assertion.rewrite",
    "_pytest.junitxml",
    "playwright.sync_api",
    "mako.lookup",
    "gherkin.parser",
    "parse_type.cfparse",
    "slugify",
    "flask",
    "werkzeug.serving",
    "jinja2",
)


class ForkServerTimeout(Exception):
    """The run did not end in time; its process group has been killed."""


def serve(socket_path: Path) -> None:
    for name in WARM_MODULES:
        importlib.import_module(name)
    project = [m for m in sys.modules if m == "mocks" or m.startswith("mocks.")]
    if project:
        raise SystemExit(f"the fork server must not import the mocks (imported: {project[:3]})")
    if socket_path.exists():
        socket_path.unlink()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(socket_path))
    listener.listen(1)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            conn, _ = listener.accept()
            with conn:
                _handle(listener, conn)
    finally:
        listener.close()
        socket_path.unlink(missing_ok=True)


def _handle(listener: socket.socket, conn: socket.socket) -> None:
    request = json.loads(_read_line(conn, bytearray(), None) or b"{}")
    pid = os.fork()
    if pid == 0:
        listener.close()
        conn.close()
        _child(request)
    conn.sendall((json.dumps({"pid": pid}) + "\n").encode())
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            conn.sendall((json.dumps({"exit": os.waitstatus_to_exitcode(status)}) + "\n").encode())
            return
        readable, _, _ = select.select([conn], [], [], 0.2)
        if readable and not conn.recv(1, socket.MSG_PEEK):  # the client went away: stop the run
            _kill_group(pid)
            os.waitpid(pid, 0)
            return


def _child(request: dict[str, Any]) -> None:
    code = 70
    try:
        os.setsid()
        sys.dont_write_bytecode = True  # a mutant and the original can share a size and a timestamp
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        sys.argv = ["pytest", *request["args"]]
        import pytest

        code = int(pytest.main(request["args"]))
    except BaseException as exc:  # report it in the log; the exit code says it failed
        print(f"fork server child: {type(exc).__name__}: {exc}", file=sys.stderr)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def run(socket_path: str, args: list[str], env: dict[str, str], cwd: Path, log: Path, timeout: float) -> int:
    """Run pytest with ``args`` in a forked child; its exit code, or ``ForkServerTimeout``."""
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.connect(socket_path)
        request = {"args": args, "env": env, "cwd": str(cwd), "log": str(log)}
        client.sendall((json.dumps(request) + "\n").encode())
        buffer = bytearray()
        first = _read_line(client, buffer, None)
        if not first:
            raise RuntimeError("the fork server closed the connection without starting pytest")
        pid = int(json.loads(first)["pid"])
        try:
            line = _read_line(client, buffer, deadline)
        except TimeoutError:
            _kill_group(pid)
            raise ForkServerTimeout(f"pytest (pid {pid}) did not finish within {timeout:g} s") from None
        if not line:
            raise RuntimeError("the fork server closed the connection without an exit code")
        return int(json.loads(line)["exit"])


def _read_line(sock: socket.socket, buffer: bytearray, deadline: float | None) -> bytes:
    """One line from ``sock`` (``buffer`` keeps what came after it); b"" at end of stream."""
    while b"\n" not in buffer:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            readable, _, _ = select.select([sock], [], [], max(remaining, 0.0))
            if not readable:
                raise TimeoutError()
        chunk = sock.recv(65536)
        if not chunk:
            return b""
        buffer += chunk
    line, _, rest = bytes(buffer).partition(b"\n")
    buffer[:] = rest
    return line


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
