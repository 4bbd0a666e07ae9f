"""The key-check gateway: ``GET /gateway/apikeycheck`` with header ``magento-api-key``.

200 for a valid key; 401 with ``{"reason": missing|unknown|expired|revoked}``
otherwise. The control API can make it fail: down (connection dropped),
slow (answers late) or error (500).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, current_app, g, jsonify, request

from mocks.portal import keys
from mocks.shared.db import get_db

bp = Blueprint("gateway", __name__)

MODES = ("ok", "down", "slow", "error")
MAX_DELAY_SECONDS = 30.0


@dataclass
class GatewayFault:
    mode: str = "ok"
    delay_seconds: float = 10.0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def set(self, mode: str, delay_seconds: float | None = None) -> None:
        with self._lock:
            self.mode = mode
            if delay_seconds is not None:
                self.delay_seconds = min(max(delay_seconds, 0.0), MAX_DELAY_SECONDS)

    def get(self) -> tuple[str, float]:
        with self._lock:
            return self.mode, self.delay_seconds


class DropConnection(Exception):
    """Raised after the socket was shut down: the client sees no answer."""


@bp.app_errorhandler(DropConnection)
def _dropped(_exc: DropConnection) -> Any:
    g.note = "connection dropped (gateway down)"
    return "", 503  # never reaches the client: its socket is closed


@bp.get("/gateway/apikeycheck")
def apikeycheck() -> Any:
    mode, delay = current_app.extensions["gateway_fault"].get()
    if mode == "down":
        _drop_connection()
    if mode == "slow":
        time.sleep(delay)
    if mode == "error":
        return jsonify(error="gateway error", message="The key service failed."), 500
    value = request.headers.get("magento-api-key", "").strip()
    verdict = keys.verdict(get_db(), value, current_app.extensions["clock"].now())
    if verdict == "valid":
        return jsonify(valid=True)
    return jsonify(valid=False, reason=verdict), 401


def _drop_connection() -> None:
    sock = request.environ.get("werkzeug.socket")
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
    raise DropConnection()
