"""The mock Commerce account portal and key-check gateway (app factory)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from mocks.shared.app import new_app
from mocks.shared.clock import to_iso
from mocks.shared.control import is_on
from mocks.shared.db import connect

DEFAULTS: dict[str, Any] = {
    "SEED_EMAIL": "merchant@example.com",
    "SEED_PASSWORD": "merchant123",
    "KEY_LIFETIME_SECONDS": 365 * 24 * 3600,
    "CONTROL_TOKEN": None,
}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    from mocks.portal import account, accounts, apiportal, control, gateway

    app = new_app(__name__, "PHPSESSID", "account_email", DEFAULTS, config)
    app.extensions["gateway_fault"] = gateway.GatewayFault()
    conn = connect(app.config["DATABASE"])
    try:
        accounts.seed(conn, app.config["SEED_EMAIL"], app.config["SEED_PASSWORD"], app.extensions["clock"].now())
    finally:
        conn.close()

    for blueprint in (account.bp, apiportal.bp, gateway.bp):
        app.register_blueprint(blueprint)
    if is_on(app):  # off: /_mock/... does not exist, whatever the method
        app.register_blueprint(control.bp)
    app.before_request(account.require_login)
    app.jinja_env.globals.update(current_account=account.current_account)
    app.jinja_env.filters["iso"] = to_iso
    return app
