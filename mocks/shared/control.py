"""The control API's gatekeeping and strict reading of its JSON bodies.

Off unless a token is configured (then ``/_mock/...`` does not exist at all: 404 for any
method), refused without the token: any path under ``/_mock/``, any method, answers 403
before routing can say which paths or methods exist. Bodies are read strictly: a JSON
object, only the fields the call knows, each of the type it needs (``true``, not
``"true"``; a string, not ``null``), strings that are text (JSON can escape a lone UTF-16
surrogate, ``"\\ud800"``, which is no character and which SQLite cannot store), values
checked by the same rules as the UI. Anything else is a 400 that says which field and why,
and changes nothing.
"""

from __future__ import annotations

import hmac
import json
import math
import re
from collections.abc import Iterable
from typing import Any

from flask import Blueprint, Flask, abort, current_app, jsonify, request

from mocks.shared.forms import InputError, Text

TOKEN_HEADER = "X-Mock-Control-Token"
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")  # json.loads joins an escaped pair into one character
MAX_SECONDS = 100 * 365 * 24 * 3600


def is_on(app: Flask) -> bool:
    return bool(app.config.get("CONTROL_TOKEN"))


def make_blueprint(name: str) -> Blueprint:
    """A ``/_mock`` blueprint whose every route needs the control token (register it only when on)."""
    bp = Blueprint(name, __name__, url_prefix="/_mock")

    @bp.before_app_request  # every request of the app: a wrong method or path under /_mock/ is no route of the bp
    def _require_token() -> None:
        if request.path == "/_mock" or request.path.startswith("/_mock/"):
            expected = current_app.config.get("CONTROL_TOKEN")
            if not expected:
                abort(404)
            if not _token_matches(str(expected)):
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
        body = json_body(["advance_seconds", "reset"])
        clock = current_app.extensions["clock"]
        if set(body) == {"reset"} and boolean(body, "reset"):
            clock.reset()
        elif set(body) == {"advance_seconds"}:
            seconds = number(body, "advance_seconds")
            if abs(clock.offset + seconds) > MAX_SECONDS:
                abort(400, description="The mock clock stays within a century of the real time.")
            clock.advance(seconds)
        else:
            if "reset" in body:
                boolean(body, "reset")
            abort(400, description="Send {'advance_seconds': N} or {'reset': true}.")
        return jsonify(offset_seconds=clock.offset, now=clock.now_iso())

    return bp


def _token_matches(expected: str) -> bool:
    try:
        sent = request.headers.get(TOKEN_HEADER, "").encode("latin-1")  # the header's bytes, as sent
    except UnicodeEncodeError:  # not bytes from a wire (WSGI gives headers as latin-1 text)
        return False
    return bool(sent) and hmac.compare_digest(sent, expected.encode("utf-8"))


def json_body(fields: Iterable[str]) -> dict[str, Any]:
    """The body as a JSON object with only ``fields`` in it (no body: ``{}``); 400 otherwise."""
    raw = request.get_data(cache=True)
    if not raw:
        return {}
    if not request.is_json:
        abort(400, description="The body is not valid JSON.")
    try:
        body = json.loads(raw.decode("utf-8"))
    except RecursionError:
        abort(400, description="The body's JSON is nested too deeply.")
    except (ValueError, UnicodeDecodeError):
        abort(400, description="The body is not valid JSON.")
    if not isinstance(body, dict):
        abort(400, description="The body must be a JSON object.")
    if _holds_a_lone_surrogate(body):
        abort(400, description="The body's JSON holds a lone surrogate (\\ud800-\\udfff), which is not text.")
    known = list(fields)
    for key in body:
        if key not in known:
            expected = ", ".join(f"'{k}'" for k in known) or "none"
            abort(400, description=f"'{key}' is not a field of this call (it takes: {expected}).")
    return body


def _holds_a_lone_surrogate(value: object) -> bool:
    """Any string in ``value`` (keys too, at any depth) with a surrogate that no pair made into a character."""
    pending = [value]
    while pending:  # no recursion: the body may be nested as deeply as the JSON parser allowed
        item = pending.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


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


def boolean(body: dict[str, Any], key: str, default: bool = False) -> bool:
    """``true`` or ``false`` (missing: ``default``); nothing that merely looks like one."""
    if key not in body:
        return default
    value = body[key]
    if not isinstance(value, bool):
        abort(400, description=f"'{key}' must be true or false.")
    return value


def text(body: dict[str, Any], key: str, *, required: bool = True, max_length: int = 1024) -> str:
    """A string; when not ``required``, missing gives ``""`` (but ``null`` is still refused)."""
    if key not in body and not required:
        return ""
    value = body.get(key)
    if not isinstance(value, str) or (required and not value.strip()):
        abort(400, description=f"'{key}' must be a non-empty string.")
    if len(value) > max_length:
        abort(400, description=f"'{key}' can be at most {max_length} characters long.")
    return value


def cleaned(body: dict[str, Any], key: str, rules: Text) -> str:
    """A string field checked and cleaned by the UI's ``rules`` (the message names the field as the API does)."""
    value = body.get(key)
    if not isinstance(value, str):
        abort(400, description=f"'{key}' must be a string.")
    try:
        return rules.clean(value)
    except InputError as exc:
        abort(400, description=f"'{key}': {exc}")


def _int_arg(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        abort(400, description=f"'{name}' must be a whole number.")
