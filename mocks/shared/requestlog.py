"""An in-memory request log a fixture can read for one scenario.

Each entry has a sequence number; ``mark()`` returns the current one so a
caller can later ask for ``since(mark)``: what the server saw in between.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any

from flask import Flask, Response, g, request

MAX_ENTRIES = 5000


class RequestLog:
    def __init__(self) -> None:
        self._entries: deque[dict[str, Any]] = deque(maxlen=MAX_ENTRIES)
        self._seq = 0
        self._lock = threading.Lock()

    def add(self, **fields: Any) -> None:
        with self._lock:
            self._seq += 1
            self._entries.append({"seq": self._seq, "time": time.time(), **fields})

    def mark(self) -> int:
        with self._lock:
            return self._seq

    def since(self, mark: int = 0) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(e) for e in self._entries if e["seq"] > mark]


def install(app: Flask, log: RequestLog) -> None:
    """Log every request the app answers (control API calls included, marked)."""

    @app.after_request
    def _log(response: Response) -> Response:
        entry: dict[str, Any] = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
        }
        if request.path.startswith("/_mock/"):
            entry["control"] = True
        for extra in ("gateway_verdict", "note"):
            if extra in g:
                entry[extra] = g.get(extra)
        log.add(**entry)
        return response
