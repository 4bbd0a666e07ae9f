"""The control API's gatekeeping: off unless a token is configured, refused without it."""

from __future__ import annotations

import hmac
import math
from typing import Any

from flask import Blueprint, abort, current_app, jsonify, request

TOKEN_HEADER = "X-Mock-Control-Token"
MAX_SECONDS = 100 * 365 * 24 * 3600


def make_blueprint(name: str) -> Blueprint:
    """A ``/_mock`` blueprint whose every route needs the control token."""
    bp = Blueprint(name, __name__, url_prefix="/_mock")

    @bp.before_request
    def _require_token() -> None:
        expected = current_app.config.get("CONTROL_TOKEN")
        if not expected:
            abort(404)
        sent = request.headers.get(TOKEN_HEADER, "").encode("latin-1")  # the header's bytes, as sent
        if not sent or not hmac.compare_digest(sent, str(expected).encode("utf-8")):
            abort(403, description=f"The control API needs a valid {TOKEN_HEADER} header.")

    @bp.get("/log")
    def log() -> Any:
        since = _int_arg("since", 0)
        return jsonify(entries=current_app.extensions["request_log"].since(since))

    @bp.get("/log/mark")
    def log_mark() -> Any:
        return jsonify(mark=current_app.extensions["request_log"].mark())

    @bp.post("/clock")
    def clock() -> Any:
        body = json_body()
        clock = current_app.extensions["clock"]
        if body.get("reset"):
            clock.reset()
        elif "advance_seconds" in body:
            seconds = number(body, "advance_seconds")
            if abs(clock.offset + seconds) > MAX_SECONDS:
                abort(400, description="The mock clock stays within a century of the real time.")
            clock.advance(seconds)
        else:
            abort(400, description="Send {'advance_seconds': N} or {'reset': true}.")
        return jsonify(offset_seconds=clock.offset, now=clock.now_iso())

    return bp


def json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if body is None and request.get_data():
        abort(400, description="The body is not valid JSON.")
    if body is None:
        return {}
    if not isinstance(body, dict):
        abort(400, description="The body must be a JSON object.")
    return body


def number(body: dict[str, Any], key: str) -> float:
    """A finite number of seconds, at most a century either way (so it stays a date)."""
    value = body.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        abort(400, description=f"'{key}' must be a number.")
    if isinstance(value, float) and not math.isfinite(value):
        abort(400, description=f"'{key}' must be a finite number.")
    if abs(value) > MAX_SECONDS:
        abort(400, description=f"'{key}' can be at most {MAX_SECONDS} seconds (a century) either way.")
    return float(value)


def text(body: dict[str, Any], key: str, *, required: bool = True, max_length: int = 1024) -> str:
    value = body.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        abort(400, description=f"'{key}' must be a non-empty string.")
    if len(value) > max_length:
        abort(400, description=f"'{key}' can be at most {max_length} characters long.")
    return value


def _int_arg(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        abort(400, description=f"'{name}' must be a whole number.")
