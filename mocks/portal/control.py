"""The portal's control API (``/_mock/...``): reset, accounts, keys, gateway faults, log, clock."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, jsonify, request

from mocks.portal import accounts, keys
from mocks.portal.gateway import MODES
from mocks.shared.control import json_body, make_blueprint, number, text
from mocks.shared.db import get_db, reset_tables
from mocks.shared.forms import InputError

bp = make_blueprint("control")


def _now() -> float:
    return float(current_app.extensions["clock"].now())


@bp.post("/reset")
def reset() -> Any:
    db = get_db()
    reset_tables(db, ["api_key", "account"])
    current_app.extensions["clock"].reset()
    current_app.extensions["gateway_fault"].set("ok", 10.0)
    accounts.seed(db, current_app.config["SEED_EMAIL"], current_app.config["SEED_PASSWORD"], _now())
    return jsonify(reset=True)


@bp.post("/accounts")
def create_account() -> Any:
    body = json_body()
    try:
        email = accounts.clean_email(text(body, "email", max_length=254))
        password = text(body, "password", max_length=128)
        account = accounts.create(get_db(), email, password, _now())
    except InputError as exc:
        abort(409 if "already" in str(exc) else 400, description=str(exc))
    return jsonify(email=account.email, account_id=account.account_id), 201


@bp.post("/keys")
def create_key() -> Any:
    """{email, name?, expires_in_seconds?, revoked?, key?} -> the new key."""
    body = json_body()
    db = get_db()
    account = accounts.find(db, text(body, "email", max_length=254))
    if account is None:
        abort(404, description="No account has that email.")
    name = text(body, "name", required=False, max_length=100) or "Amazon Sales Channel"
    default_lifetime = float(current_app.config["KEY_LIFETIME_SECONDS"])
    lifetime = number(body, "expires_in_seconds") if "expires_in_seconds" in body else default_lifetime
    value = text(body, "key", required=False, max_length=128) or None
    if value is not None and keys.verdict(db, value, _now()) != "unknown":
        abort(409, description="That key value exists already.")
    key = keys.create(db, account.account_id, name, _now(), lifetime, value)
    if body.get("revoked") is True:
        keys.revoke(db, account.account_id, key.key_id, _now())
        key = keys.get(db, account.account_id, key.key_id) or key
    return jsonify(key.as_json(_now())), 201


@bp.get("/keys")
def list_keys() -> Any:
    account = accounts.find(get_db(), request.args.get("email", ""))
    if account is None:
        abort(404, description="No account has that email.")
    return jsonify(keys=[k.as_json(_now()) for k in keys.list_for(get_db(), account.account_id)])


@bp.post("/keys/revoke")
def revoke_key() -> Any:
    value = text(json_body(), "key", max_length=128)
    if not keys.revoke_value(get_db(), value, _now()):
        abort(404, description="No active key has that value.")
    return jsonify(key=value, status="revoked")


@bp.post("/gateway")
def gateway_fault() -> Any:
    body = json_body()
    mode = text(body, "mode", max_length=16)
    if mode not in MODES:
        abort(400, description=f"'mode' must be one of {', '.join(MODES)}.")
    delay = number(body, "delay_seconds") if "delay_seconds" in body else None
    fault = current_app.extensions["gateway_fault"]
    fault.set(mode, delay)
    current_mode, current_delay = fault.get()
    return jsonify(mode=current_mode, delay_seconds=current_delay)
