"""Magento's "Add Secret Key to URLs": ``.../key/<hash>/`` on every admin URL.

With ``SECRET_KEYS`` on, every admin route also answers with a ``key/<hash>/`` suffix,
``url_for`` adds the right hash (made from the endpoint and the session's form key, as
Magento makes it from route, controller, action and form key), and a request whose
key is missing or wrong is sent back to the dashboard, like Magento's
``_validateSecretKey`` failing.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from flask import Flask, flash, g, redirect, request, session, url_for

from mocks.shared.forms import form_key

KEY_ARG = "key"
EXEMPT_ENDPOINTS = {"auth.login", "auth.login_alias", "auth.logout", "static"}
INVALID_KEY = "Invalid security or form key. Please refresh the page."


def secret_key(endpoint: str) -> str:
    return hashlib.sha256(f"{endpoint}{form_key()}".encode()).hexdigest()


def _is_admin_endpoint(endpoint: str | None) -> bool:
    return bool(endpoint) and endpoint not in EXEMPT_ENDPOINTS and not str(endpoint).startswith("control.")


def install(app: Flask) -> None:
    """Turn secret keys on: ``key/<key>/`` twins of the admin rules, and the hooks that fill and check them.

    Call after the blueprints are registered and after the login check's ``before_request``."""
    for rule in list(app.url_map.iter_rules()):
        if _is_admin_endpoint(rule.endpoint) and rule.rule.endswith("/"):
            app.add_url_rule(
                rule.rule + "key/<key>/", endpoint=rule.endpoint, view_func=app.view_functions[rule.endpoint],
                methods=rule.methods,
            )  # fmt: skip

    @app.url_defaults
    def _add_key(endpoint: str, values: dict[str, Any]) -> None:
        if _is_admin_endpoint(endpoint) and KEY_ARG not in values and session.get("admin_user"):
            values[KEY_ARG] = secret_key(endpoint)

    @app.url_value_preprocessor
    def _take_key(endpoint: str | None, values: dict[str, Any] | None) -> None:
        g.url_secret_key = values.pop(KEY_ARG, None) if values else None

    app.before_request(require_valid_key)


def require_valid_key() -> Any:
    """``before_request`` (after the login check): a missing or wrong key goes back to the dashboard."""
    endpoint = request.endpoint
    if not _is_admin_endpoint(endpoint) or not session.get("admin_user"):
        return None
    sent = str(g.get("url_secret_key") or "").encode("utf-8", "surrogatepass")  # any text; compare_digest
    if hmac.compare_digest(sent, secret_key(str(endpoint)).encode("ascii")):  # takes non-ASCII only as bytes
        return None
    if endpoint != "dashboard.index":
        flash(INVALID_KEY, "error")
    return redirect(url_for("dashboard.index"))
