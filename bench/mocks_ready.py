"""The mocks' time from start to ready: ``start_mocks()`` until both servers answer HTTP."""

from __future__ import annotations

import secrets
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from mocks import start_mocks

POLL_SECONDS = 0.002
GIVE_UP_SECONDS = 30.0


@dataclass(frozen=True)
class Startup:
    returned: float  # start_mocks() returned (servers bound, threads started)
    ready: float  # both answered an HTTP request


def answers_http(url: str) -> bool:
    """True once the server sends any HTTP response (a 3xx/4xx counts: it is up and routing)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            response.read()
        return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def time_to_ready() -> Startup:
    """Seconds from calling ``start_mocks()`` until the admin and the portal both answer; then stop them."""
    started = time.perf_counter()
    mocks = start_mocks(control_token=secrets.token_hex(16))
    returned = time.perf_counter() - started
    try:
        pending = [mocks.admin_url, mocks.portal_url]
        while pending:
            pending = [url for url in pending if not answers_http(url)]
            if pending:
                if time.perf_counter() - started > GIVE_UP_SECONDS:
                    raise RuntimeError(f"mocks not answering after {GIVE_UP_SECONDS:g} s: {pending}")
                time.sleep(POLL_SECONDS)
        return Startup(returned, time.perf_counter() - started)
    finally:
        mocks.stop()
