"""`commerce-mocks serve` as a separate process: the stand-in for "your own Commerce"."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from flowspec.commerce import PRODUCTION_API_KEY_PATH, SANDBOX_API_KEY_PATH
from harness.control_api import AdminControl, PortalControl
from harness.target import ENV_CREDENTIALS
from mocks import admin, portal

COMMERCE_MOCKS = Path(sys.executable).with_name("commerce-mocks")
URL_LINE = re.compile(r"^(Commerce Admin|Account portal):\s+(\S+)", re.MULTILINE)
# The served mocks' demo users, in the variables a run against "your own Commerce" reads them from.
CREDENTIALS = {
    ENV_CREDENTIALS["admin_user"]: str(admin.DEFAULTS["ADMIN_USERNAME"]),
    ENV_CREDENTIALS["admin_password"]: str(admin.DEFAULTS["ADMIN_PASSWORD"]),
    ENV_CREDENTIALS["portal_email"]: str(portal.DEFAULTS["SEED_EMAIL"]),
    ENV_CREDENTIALS["portal_password"]: str(portal.DEFAULTS["SEED_PASSWORD"]),
}


@dataclass(frozen=True)
class ServedMocks:
    admin_url: str
    portal_url: str
    pid: int = 0  # the serving process

    def suite_args(self) -> list[str]:
        return ["--admin-url", self.admin_url, "--portal-url", self.portal_url]


@contextmanager
def serve(*extra_args: str, data_dir: Path) -> Iterator[ServedMocks]:
    """Start the mocks on free ports with ``extra_args``; yield their URLs once they print them."""
    process = subprocess.Popen(
        [str(COMMERCE_MOCKS), "serve", "--data-dir", str(data_dir), *extra_args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert process.stdout is not None
    seen = ""
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and "Press Ctrl-C" not in seen:
            line = process.stdout.readline()
            if not line:
                break
            seen += line
        urls = dict(URL_LINE.findall(seen))
        if "Commerce Admin" not in urls or "Account portal" not in urls:
            raise RuntimeError(f"commerce-mocks serve did not start:\n{seen}")
        yield ServedMocks(urls["Commerce Admin"], urls["Account portal"], process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass(frozen=True)
class ObservedState:
    """What a run may change on a Commerce, read through the control API (the suite itself never gets it)."""

    production_key: str | None
    sandbox_key: str | None
    active_keys: frozenset[str]


class Observer:
    """Sets up and reads a served target through a control token the suite is not given."""

    def __init__(self, target: ServedMocks, token: str) -> None:
        self.admin = AdminControl(_origin(target.admin_url), token)
        self.portal = PortalControl(_origin(target.portal_url), token)
        self.email = CREDENTIALS["COMMERCE_PORTAL_EMAIL"]

    def store_key(self, field: str = PRODUCTION_API_KEY_PATH, name: str = "Store's own key") -> str:
        """A key of the account, saved in the store configuration as the store had it before any run."""
        key = str(self.portal.create_key(self.email, name=name)["key"])
        self.admin.set_config(field, key)
        return key

    def give_key(self, state: str) -> None:
        """Save a Production API key that is "valid", "expired" or "revoked" (or none: "missing")."""
        if state == "missing":
            return
        made = self.portal.create_key(self.email, expires_in_seconds=-60 if state == "expired" else None)
        if state == "revoked":
            self.portal.revoke_key(str(made["key"]))
        self.admin.set_config(PRODUCTION_API_KEY_PATH, str(made["key"]))

    def state(self) -> ObservedState:
        listed = self.portal.call("GET", f"keys?email={self.email}")["keys"]
        return ObservedState(
            self.admin.get_config(PRODUCTION_API_KEY_PATH),
            self.admin.get_config(SANDBOX_API_KEY_PATH),
            frozenset(str(k["key"]) for k in listed if k["status"] == "active"),
        )

    def all_keys(self) -> set[str]:
        """Every key the account holds, whatever its status (the run's own ones included)."""
        return {str(k["key"]) for k in self.portal.call("GET", f"keys?email={self.email}")["keys"]}


def targets_file(stores: dict[str, str], path: Path, user_env: str, password_env: str) -> Path:
    """A ``--targets`` file: one [[target]] per store name and admin URL, credentials from the two variables."""
    path.write_text(
        "\n".join(
            f'[[target]]\nname = "{name}"\nadmin_url = "{url}"\n'
            f'admin_user_env = "{user_env}"\nadmin_password_env = "{password_env}"\n'
            for name, url in stores.items()
        ),
        encoding="utf-8",
    )
    return path


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
