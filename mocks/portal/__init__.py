"""The mock Commerce account portal and key-check gateway (app factory)."""

from __future__ import annotations

import os
import secrets
from typing import Any

from flask import Flask

from mocks.shared import errors, requestlog
from mocks.shared.clock import MockClock, to_iso
from mocks.shared.db import connect, init_db
from mocks.shared.forms import form_key

DEFAULTS: dict[str, Any] = {
    "SEED_EMAIL": "merchant@example.com",
    "SEED_PASSWORD": "merchant123",
    "KEY_LIFETIME_SECONDS": 365 * 24 * 3600,
    "CONTROL_TOKEN": None,
}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    from mocks.portal import account, accounts, apiportal, control, gateway

    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.update(
        SECRET_KEY=secrets.token_hex(32),
        SESSION_COOKIE_NAME="PHPSESSID",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.config.update(config or {})
    if "DATABASE" not in app.config:
        raise ValueError("the portal app needs config['DATABASE'] (a SQLite file path)")
    os.makedirs(os.path.dirname(os.path.abspath(app.config["DATABASE"])), exist_ok=True)

    clock = app.config.get("CLOCK") or MockClock()
    app.extensions["clock"] = clock
    app.extensions["request_log"] = app.config.get("REQUEST_LOG") or requestlog.RequestLog()
    app.extensions["gateway_fault"] = gateway.GatewayFault()

    init_db(app, "mocks.portal")
    conn = connect(app.config["DATABASE"])
    try:
        accounts.seed(conn, app.config["SEED_EMAIL"], app.config["SEED_PASSWORD"], clock.now())
    finally:
        conn.close()

    for blueprint in (account.bp, apiportal.bp, gateway.bp, control.bp):
        app.register_blueprint(blueprint)
    app.before_request(account.require_login)

    app.jinja_env.globals.update(form_key=form_key, current_account=account.current_account)
    app.jinja_env.filters["iso"] = to_iso
    errors.install(app, "error.html")
    requestlog.install(app, app.extensions["request_log"])
    return app
