"""The mock Commerce Admin (app factory)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.security import generate_password_hash

from flowspec.commerce import LAYOUT_CURRENT, LAYOUT_DOC, LAYOUTS
from mocks.admin.admin_path import check_admin_path
from mocks.shared.app import new_app
from mocks.shared.control import is_on
from mocks.shared.db import connect

DEFAULTS: dict[str, Any] = {
    "ADMIN_PATH": "admin",
    "ADMIN_USERNAME": "admin",
    "ADMIN_PASSWORD": "admin123",
    "GATEWAY_URL": "http://127.0.0.1:8081",
    "PORTAL_URL": "http://127.0.0.1:8081",
    "GATEWAY_TIMEOUT": 3.0,
    "CONTROL_TOKEN": None,
    "SECRET_KEYS": False,  # Magento's "Add Secret Key to URLs"
    "ADMIN_LAYOUT": LAYOUT_DOC,  # "doc": Stores > Configuration > Magento Services; "current": Services Connector
}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    from mocks.admin import auth, channel, control, dashboard, secret_keys, services_connector, system_config
    from mocks.admin.menu import menu_for

    app = new_app(__name__, "admin", "admin_user", DEFAULTS, config)
    app.config["ADMIN_PATH"] = check_admin_path(str(app.config["ADMIN_PATH"]))
    if app.config["ADMIN_LAYOUT"] not in LAYOUTS:
        raise ValueError(f"ADMIN_LAYOUT must be one of {LAYOUTS}")
    app.config["ADMIN_PASSWORD_HASH"] = generate_password_hash(
        app.config["ADMIN_PASSWORD"], method="pbkdf2:sha256:1000"
    )
    conn = connect(app.config["DATABASE"])
    try:
        auth.seed_admin_user(conn, app.config["ADMIN_USERNAME"], app.config["ADMIN_PASSWORD_HASH"])
    finally:
        conn.close()

    prefix = "/" + app.config["ADMIN_PATH"]
    blueprints = [auth.bp, dashboard.bp, channel.bp, system_config.bp]
    if app.config["ADMIN_LAYOUT"] == LAYOUT_CURRENT:
        blueprints.append(services_connector.bp)
    for blueprint in blueprints:
        app.register_blueprint(blueprint, url_prefix=prefix)
    if is_on(app):  # off: /_mock/... does not exist, whatever the method
        app.register_blueprint(control.bp)
    app.before_request(auth.require_login)
    if app.config["SECRET_KEYS"]:
        secret_keys.install(app)
    app.jinja_env.globals.update(menu=menu_for(app.config["ADMIN_LAYOUT"]), current_user=auth.current_user)
    return app
