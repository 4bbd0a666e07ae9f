"""A local Selenium Grid 4 on loopback, for the suite and for people.

    python -m tools.grid [hub|standalone] [--port N] [--max-sessions N] [--log-dir DIR]       (make grid)
    python -m tools.grid hub -- pytest tests/e2e                                                (make grid-e2e)

Writes the TOML configs into a folder (a temporary one unless ``--log-dir``), starts a hub and
one node, or one standalone server, on free loopback ports, waits until ``GET /status`` says
ready and prints the URL. With a command after ``--`` it runs the command with
``SELENIUM_REMOTE_URL`` set, stops the Grid and exits with the command's status; without one it
serves until Ctrl-C or SIGTERM. Each Java process runs in its own process group, and stopping
it stops the whole group: the node's chromedriver and Chromium go with it, no Java is left over.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from tools.grid_config import (
    LOOPBACK,
    GridToolMissing,
    GridTools,
    find_tools,
    hub_toml,
    node_toml,
    standalone_toml,
)

ENV_URL = "SELENIUM_REMOTE_URL"
MODES = ("hub", "standalone")
READY_TIMEOUT = 120.0  # Java start-up on a busy 2-core machine
# A short-lived proxy needs no optimising JIT or parallel GC: C1 only and the serial GC halve the JVMs' CPU
# time at start-up and cut it by about 40 % while the suite runs (measured on 2 cores, see docs/decisions.md).
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
STOP_TIMEOUT = 15.0


class GridFailed(RuntimeError):
    """The Grid did not come up; the message ends with the logs' last lines."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def _die_with_parent() -> list[str]:
    """A command prefix that SIGTERMs the server if this process dies without stopping it (util-linux's
    setpriv, on every Debian; without it a killed runner can leave the Grid running)."""
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []


@dataclass
class JavaProcess:
    """One Selenium server process (hub, node or standalone), its config and its log."""

    role: str
    process: subprocess.Popen[bytes]
    log: Path

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """SIGTERM to the process group (Java, chromedriver, Chromium), SIGKILL if it lingers."""
        group = self.process.pid  # start_new_session: the group id is the leader's pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)  # whatever the server left behind in its group

    def tail(self, lines: int = 15) -> str:
        """The log's last lines, without Java stack frames (the exception's message says more)."""
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.is_file() else ""
        kept = [line for line in text.splitlines() if not line.lstrip().startswith(("at ", "..."))]
        return f"--- {self.role} log ({self.log}) ---\n" + "\n".join(kept[-lines:])


@dataclass
class RunningGrid:
    mode: str
    url: str
    work_dir: Path
    processes: list[JavaProcess] = field(default_factory=list)
    ready_seconds: float = 0.0

    def alive(self) -> bool:
        return all(p.alive() for p in self.processes)

    def process_groups(self) -> list[int]:
        return [p.process.pid for p in self.processes]

    def describe(self) -> str:
        return "hub + 1 node" if self.mode == "hub" else "standalone"


def status(url: str, timeout: float = 2.0) -> dict[str, Any]:
    """The Grid's ``GET /status`` answer (its ``value``)."""
    with urllib.request.urlopen(f"{url.rstrip('/')}/status", timeout=timeout) as answer:
        return dict(json.load(answer)["value"])


def _start(tools: GridTools, role: str, config: str, work_dir: Path) -> JavaProcess:
    config_file = work_dir / f"{role}.toml"
    config_file.write_text(config, encoding="utf-8")
    log = work_dir / f"{role}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                *_die_with_parent(),
                tools.java,
                *JAVA_OPTIONS,
                "-jar",
                str(tools.jar),
                role,
                "--config",
                str(config_file),
            ],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=work_dir,
            start_new_session=True,
        )
    return JavaProcess(role, process, log)


def _wait_ready(grid: RunningGrid, timeout: float) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        dead = [p for p in grid.processes if not p.alive()]
        if dead:
            raise GridFailed(
                f"the Selenium {dead[0].role} exited with {dead[0].process.returncode}\n"
                + "\n".join(p.tail() for p in grid.processes)
            )
        with contextlib.suppress(OSError, ValueError, KeyError):
            if status(grid.url, timeout=1.0).get("ready") is True:
                return
        time.sleep(0.2)
    raise GridFailed(
        f"the Grid at {grid.url} was not ready after {timeout:.0f} s\n" + "\n".join(p.tail() for p in grid.processes)
    )


@contextlib.contextmanager
def local_grid(
    mode: str = "hub",
    *,
    port: int = 0,
    max_sessions: int | None = None,
    log_dir: Path | None = None,
    ready_timeout: float = READY_TIMEOUT,
    tools: GridTools | None = None,
) -> Iterator[RunningGrid]:
    """A ready Grid on loopback for the ``with`` block; stopped (node first) however the block ends."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    tools = tools or find_tools()
    sessions = max_sessions or os.cpu_count() or 1
    with contextlib.ExitStack() as stack:
        if log_dir is None:
            work_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="selenium-grid-")))
        else:
            work_dir = log_dir.resolve()
            work_dir.mkdir(parents=True, exist_ok=True)
            for role in ("hub", "node", "standalone"):  # an earlier run's, which would be mistaken for this one's
                for stale in (work_dir / f"{role}.toml", work_dir / f"{role}.log"):
                    stale.unlink(missing_ok=True)
        port = port or free_port()
        grid = RunningGrid(mode, f"http://{LOOPBACK}:{port}", work_dir)
        try:
            started = time.monotonic()
            if mode == "standalone":
                grid.processes.append(_start(tools, "standalone", standalone_toml(tools, port, sessions), work_dir))
            else:
                publish, subscribe = free_port(), free_port()
                grid.processes.append(_start(tools, "hub", hub_toml(port, publish, subscribe), work_dir))
                node = node_toml(tools, free_port(), port, publish, subscribe, sessions)
                grid.processes.append(_start(tools, "node", node, work_dir))
            _wait_ready(grid, ready_timeout)
            grid.ready_seconds = time.monotonic() - started
            yield grid
        finally:
            for process in reversed(grid.processes):  # the node before the hub
                process.stop()


def run_command(url: str, command: Sequence[str]) -> int:
    """Run ``command`` with SELENIUM_REMOTE_URL set; SIGTERM is passed on, Ctrl-C lets it finish its teardown."""
    child = subprocess.Popen(list(command), env={**os.environ, ENV_URL: url})

    def forward(signum: int, _frame: FrameType | None) -> None:
        child.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, forward)
    interrupts = 0
    try:
        while True:
            try:
                code = child.wait()
                return 128 - code if code < 0 else code  # killed by a signal: the shell's 128 + N
            except KeyboardInterrupt:  # the child, in our process group, got the same Ctrl-C
                interrupts += 1
                if interrupts > 1:
                    child.kill()
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(grid: RunningGrid) -> int:
    """Until Ctrl-C or SIGTERM; 1 if a Grid process dies on its own."""

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"export {ENV_URL}={grid.url}", flush=True)
    print("Ctrl-C (or SIGTERM) stops the Grid.", flush=True)
    try:
        while grid.alive():
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    print("A Grid process exited on its own:\n" + "\n".join(p.tail() for p in grid.processes), file=sys.stderr)
    return 1


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    argv = list(argv)
    command = argv[argv.index("--") + 1 :] if "--" in argv else []
    own = argv[: argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(prog="python -m tools.grid", description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", choices=MODES, default="hub", help="hub + one node (default) or standalone")
    parser.add_argument("--port", type=int, default=0, help="the Grid's port (default: a free one)")
    parser.add_argument("--max-sessions", type=int, default=None, help="browsers at once (default: CPU count)")
    parser.add_argument("--log-dir", type=Path, default=None, help="keep configs and logs here (default: temporary)")
    parser.add_argument("--ready-timeout", type=float, default=READY_TIMEOUT, help="seconds to wait for ready")
    args = parser.parse_args(own)
    if "--" in argv and not command:
        parser.error("nothing to run after --")
    return args, command


def main(argv: Sequence[str] | None = None) -> int:
    args, command = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        with local_grid(
            args.mode,
            port=args.port,
            max_sessions=args.max_sessions,
            log_dir=args.log_dir,
            ready_timeout=args.ready_timeout,
        ) as grid:
            print(f"Selenium Grid ({grid.describe()}) ready at {grid.url} after {grid.ready_seconds:.1f} s", flush=True)
            code = run_command(grid.url, command) if command else serve(grid)
            print("Stopping the Selenium Grid ...", flush=True)
    except (GridToolMissing, GridFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C while starting: the Grid is stopped already
        return 130
    return code


if __name__ == "__main__":
    raise SystemExit(main())
