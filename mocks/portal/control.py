"""The portal's control API (``/_mock/...``): reset, accounts, keys, gateway faults, log, clock."""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import abort, current_app, jsonify, request

from mocks.portal import accounts, keys
from mocks.portal.gateway import MODES
from mocks.shared.control import boolean, cleaned, json_body, make_blueprint, number, text
from mocks.shared.db import empty_tables, get_db, transaction
from mocks.shared.forms import InputError
from mocks.shared.sessions import reset_sessions

bp = make_blueprint("control")

KEY_TAKEN = "That key value exists already."


def _now() -> float:
    return float(current_app.extensions["clock"].now())


@bp.post("/reset")
def reset() -> Any:
    """Empty the database and seed the demo account again; its signed-in sessions stay signed in (emptied of
    everything else) unless ``{"end_sessions": true}``; every other session ends."""
    end_sessions = boolean(json_body(["end_sessions"]), "end_sessions")
    email = current_app.config["SEED_EMAIL"]
    db = get_db()
    with transaction(db):
        empty_tables(db, ["api_key", "account", "login_failure"])
        accounts.seed(db, email, current_app.config["SEED_PASSWORD"], _now())
        reset_sessions(db, "account_email", None if end_sessions else email)
    current_app.extensions["clock"].reset()
    current_app.extensions["gateway_fault"].set("ok", 10.0)
    return jsonify(reset=True)


@bp.post("/accounts")
def create_account() -> Any:
    """``{"email", "password"}``, by the registration page's rules."""
    body = json_body(["email", "password"])
    try:
        email = accounts.clean_email(text(body, "email", max_length=254))
        password = accounts.PASSWORD.clean(text(body, "password", max_length=128))
        accounts.check_password_rules(password)
        account = accounts.create(get_db(), email, password, _now())
    except InputError as exc:
        abort(409 if "already" in str(exc) else 400, description=str(exc))
    return jsonify(email=account.email, account_id=account.account_id), 201


@bp.post("/keys")
def create_key() -> Any:
    """{email, name?, expires_in_seconds?, revoked?, key?} -> the new key."""
    body = json_body(["email", "name", "expires_in_seconds", "revoked", "key"])
    email = text(body, "email", max_length=254)
    name = cleaned(body, "name", keys.DESCRIPTION) if "name" in body else "Amazon Sales Channel"
    lifetime = (
        number(body, "expires_in_seconds")
        if "expires_in_seconds" in body
        else float(current_app.config["KEY_LIFETIME_SECONDS"])
    )
    value = _key_value(body) if "key" in body else None
    revoked = boolean(body, "revoked")
    db = get_db()
    try:
        with transaction(db):  # the checks and the insert as one: a reset or a twin call cannot come between
            account = accounts.find(db, email)
            if account is None:
                abort(404, description="No account has that email.")
            if value is not None and keys.exists(db, value):
                abort(409, description=KEY_TAKEN)
            key = keys.create(db, account.account_id, name, _now(), lifetime, value)
            if revoked:
                keys.revoke(db, account.account_id, key.key_id, _now())
                key = keys.get(db, account.account_id, key.key_id) or key
    except sqlite3.IntegrityError:
        abort(409, description=KEY_TAKEN)
    return jsonify(key.as_json(_now())), 201


def _key_value(body: dict[str, Any]) -> str:
    value = body["key"]
    if not isinstance(value, str) or not keys.is_valid_value(value):
        abort(400, description=f"'key' must be {keys.VALUE_RULE}.")
    return value


@bp.get("/keys")
def list_keys() -> Any:
    account = accounts.find(get_db(), request.args.get("email", ""))
    if account is None:
        abort(404, description="No account has that email.")
    return jsonify(keys=[k.as_json(_now()) for k in keys.list_for(get_db(), account.account_id)])


@bp.post("/keys/revoke")
def revoke_key() -> Any:
    value = text(json_body(["key"]), "key", max_length=128)
    if not keys.revoke_value(get_db(), value, _now()):
        abort(404, description="No active key has that value.")
    return jsonify(key=value, status="revoked")


@bp.post("/gateway")
def gateway_fault() -> Any:
    body = json_body(["mode", "delay_seconds"])
    mode = text(body, "mode", max_length=16)
    if mode not in MODES:
        abort(400, description=f"'mode' must be one of {', '.join(MODES)}.")
    delay = number(body, "delay_seconds") if "delay_seconds" in body else None
    fault = current_app.extensions["gateway_fault"]
    fault.set(mode, delay)
    current_mode, current_delay = fault.get()
    return jsonify(mode=current_mode, delay_seconds=current_delay)
