"""The admin's control API (``/_mock/...``): reset, stored config values, log, clock."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, jsonify, request

from mocks.admin.auth import seed_admin_user
from mocks.admin.config_store import get_value, save_values
from mocks.shared.control import json_body, make_blueprint, text
from mocks.shared.db import get_db, reset_tables

bp = make_blueprint("control")


@bp.post("/reset")
def reset() -> Any:
    db = get_db()
    reset_tables(db, ["core_config_data", "admin_user"])
    seed_admin_user(db, current_app.config["ADMIN_USERNAME"], current_app.config["ADMIN_PASSWORD_HASH"])
    current_app.extensions["clock"].reset()
    return jsonify(reset=True)


@bp.get("/config")
def get_config() -> Any:
    path = request.args.get("path", "")
    if not path:
        abort(400, description="Give the config path as ?path=...")
    return jsonify(path=path, value=get_value(get_db(), path))


@bp.put("/config")
def set_config() -> Any:
    body = json_body()
    path = text(body, "path", max_length=255)
    value = text(body, "value", required=False)
    save_values(get_db(), {path: value}, current_app.extensions["clock"].now_iso())
    return jsonify(path=path, value=get_value(get_db(), path))


@bp.delete("/config")
def clear_config() -> Any:
    path = request.args.get("path") or text(json_body(), "path", max_length=255)
    save_values(get_db(), {path: ""}, current_app.extensions["clock"].now_iso())
    return jsonify(path=path, value=None)
