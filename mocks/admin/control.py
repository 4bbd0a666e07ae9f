"""The admin's control API (``/_mock/...``): reset, stored config values, the key check's time-out, log, clock."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, jsonify, request

from mocks.admin.auth import seed_admin_user
from mocks.admin.config_store import get_value, save_values
from mocks.admin.keycheck import KEYCHECK_TIMEOUT, MAX_TIMEOUT, MIN_TIMEOUT
from mocks.admin.settings import setting_rules
from mocks.shared.control import boolean, cleaned, json_body, make_blueprint, number, text
from mocks.shared.db import empty_tables, get_db, transaction
from mocks.shared.sessions import reset_sessions

bp = make_blueprint("control")


@bp.post("/reset")
def reset() -> Any:
    """Empty the database and seed the demo user again; the demo user's signed-in sessions stay signed in
    (emptied of everything else) unless ``{"end_sessions": true}``."""
    end_sessions = boolean(json_body(["end_sessions"]), "end_sessions")
    username = current_app.config["ADMIN_USERNAME"]
    db = get_db()
    with transaction(db):
        empty_tables(db, ["core_config_data", "admin_user", "login_failure"])
        seed_admin_user(db, username, current_app.config["ADMIN_PASSWORD_HASH"])
        reset_sessions(db, "admin_user", None if end_sessions else username)
    current_app.extensions["clock"].reset()
    current_app.extensions.pop(KEYCHECK_TIMEOUT, None)
    return jsonify(reset=True)


@bp.post("/keycheck")
def keycheck() -> Any:
    """``{"timeout_seconds": N}``: how long the channel waits for the key service (until the next reset),
    so a test can show a slow service without waiting the configured time-out."""
    seconds = number(json_body(["timeout_seconds"]), "timeout_seconds")
    if not MIN_TIMEOUT <= seconds <= MAX_TIMEOUT:
        abort(400, description=f"'timeout_seconds' must be from {MIN_TIMEOUT} to {MAX_TIMEOUT}.")
    current_app.extensions[KEYCHECK_TIMEOUT] = seconds
    return jsonify(timeout_seconds=seconds)


@bp.get("/config")
def get_config() -> Any:
    path = request.args.get("path", "")
    if not path:
        abort(400, description="Give the config path as ?path=...")
    return jsonify(path=path, value=get_value(get_db(), path))


def _known_path(path: str) -> str:
    if path not in setting_rules(current_app.config["ADMIN_LAYOUT"]):
        abort(400, description=f"'path' is not a setting this admin's configuration pages save: {path!r}.")
    return path


@bp.put("/config")
def set_config() -> Any:
    """``{"path", "value"}``: store ``value`` as the page that saves ``path`` would ("" clears it)."""
    body = json_body(["path", "value"])
    path = _known_path(text(body, "path", max_length=255))
    value = cleaned(body, "value", setting_rules(current_app.config["ADMIN_LAYOUT"])[path])
    save_values(get_db(), {path: value}, current_app.extensions["clock"].now_iso())
    return jsonify(path=path, value=get_value(get_db(), path))


@bp.delete("/config")
def clear_config() -> Any:
    path = request.args.get("path") or text(json_body(["path"]), "path", max_length=255)
    save_values(get_db(), {_known_path(path): ""}, current_app.extensions["clock"].now_iso())
    return jsonify(path=path, value=None)
