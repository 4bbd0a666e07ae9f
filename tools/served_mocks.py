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

COMMERCE_MOCKS = Path(sys.executable).with_name("commerce-mocks")
URL_LINE = re.compile(r"^(Commerce Admin|Account portal):\s+(\S+)", re.MULTILINE)
CREDENTIALS = {
    "COMMERCE_ADMIN_USER": "admin",
    "COMMERCE_ADMIN_PASSWORD": "admin123",
    "COMMERCE_PORTAL_EMAIL": "merchant@example.com",
    "COMMERCE_PORTAL_PASSWORD": "merchant123",
}


@dataclass(frozen=True)
class ServedMocks:
    admin_url: str
    portal_url: str

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
        yield ServedMocks(urls["Commerce Admin"], urls["Account portal"])
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
