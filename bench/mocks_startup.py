"""The bundled mocks' start-up: ``start_mocks()`` until the admin and the portal both answer HTTP."""

from __future__ import annotations

import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Mapping

from bench.measurement import Bench, Figures, Row, against, joined, median, seconds, spread
from mocks import start_mocks

NAME = "mocks"
SAMPLES = 7
LIMIT_S = 0.3  # issue 13


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2).close()
    except urllib.error.HTTPError:
        return True  # a 3xx/4xx: up and routing
    except OSError:
        return False
    return True


def _time_to_ready() -> float:
    started = time.perf_counter()
    mocks = start_mocks(control_token=secrets.token_hex(16))
    try:
        pending = [mocks.admin_url, mocks.portal_url]
        while pending := [url for url in pending if not _answers(url)]:
            if time.perf_counter() - started > 30:
                raise RuntimeError(f"the mocks did not answer within 30 s: {pending}")
            time.sleep(0.002)
        return time.perf_counter() - started
    finally:
        mocks.stop()


def measure(bench: Bench) -> Figures:
    ready = [round(_time_to_ready(), 4) for _ in range(SAMPLES)]
    return {"ready_s": ready, "ready_median_s": median(ready)}


def rows(mine: Figures, measured: Mapping[str, Figures]) -> list[Row]:
    value = mine["ready_median_s"]
    shown = joined(seconds(value), spread(mine["ready_s"]))
    return [Row(f"mocks, start to ready (median of {len(mine['ready_s'])})", shown, against(value, LIMIT_S, "s"))]
