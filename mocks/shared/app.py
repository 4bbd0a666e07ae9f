"""What both mock apps' factories share: config, session cookie, database, clock, log, errors, headers."""

from __future__ import annotations

import os
import secrets
import urllib.parse
from typing import Any, NoReturn

from flask import Flask, Request, Response, request
from werkzeug.routing import RequestRedirect

from mocks.shared import errors, requestlog
from mocks.shared.clock import MockClock
from mocks.shared.db import init_db
from mocks.shared.forms import form_key
from mocks.shared.sessions import SqliteSessionInterface

# What Magento sends with every page it renders: nothing a page shows (a stored key, a form key) is kept in a cache,
# and no other site may frame the page (clickjacking). Style sheets stay cacheable.
PAGE_HEADERS = {
    "Cache-Control": "max-age=0, must-revalidate, no-cache, no-store",
    "Pragma": "no-cache",
    "X-Frame-Options": "SAMEORIGIN",
}


class MockFlask(Flask):
    """Flask, but a routing redirect (a missing trailing slash, a doubled one) points at a path on this server.

    Werkzeug builds that ``Location`` as an absolute URL from the request's ``Host`` header, which the
    client chose: a request sent with ``Host: elsewhere.example`` was sent there."""

    def raise_routing_exception(self, request: Request) -> NoReturn:
        exc = request.routing_exception
        if isinstance(exc, RequestRedirect):
            target = urllib.parse.urlsplit(exc.new_url)
            path = target.path + (f"?{target.query}" if target.query else "")
            raise RequestRedirect(path) from None
        super().raise_routing_exception(request)


def new_app(
    import_name: str, cookie_name: str, user_key: str, defaults: dict[str, Any], config: dict[str, Any] | None
) -> Flask:
    """A Flask app with ``defaults`` overridden by ``config``, sessions kept on the server (``user_key``: the
    session entry naming who is signed in) behind an HttpOnly/SameSite=Lax cookie named ``cookie_name``, its
    SQLite schema (``<package>/schema.sql``) created, a mock clock and a request log (``config["CLOCK"]``/
    ``["REQUEST_LOG"]`` to share them), clear 4xx error pages and Magento's page headers."""
    app = MockFlask(import_name)
    app.config.from_mapping(defaults)
    app.config.update(
        SECRET_KEY=secrets.token_hex(32),
        SESSION_COOKIE_NAME=cookie_name,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.config.update(config or {})
    if "DATABASE" not in app.config:
        raise ValueError(f"{import_name} needs config['DATABASE'] (a SQLite file path)")
    os.makedirs(os.path.dirname(os.path.abspath(app.config["DATABASE"])), exist_ok=True)
    app.extensions["clock"] = app.config.get("CLOCK") or MockClock()
    app.extensions["request_log"] = app.config.get("REQUEST_LOG") or requestlog.RequestLog()
    init_db(app, import_name)
    app.session_interface = SqliteSessionInterface(user_key)
    app.jinja_env.globals.update(form_key=form_key)
    errors.install(app, "error.html")
    requestlog.install(app, app.extensions["request_log"])
    app.after_request(_page_headers)
    return app


def _page_headers(response: Response) -> Response:
    if request.endpoint != "static":
        for name, value in PAGE_HEADERS.items():
            response.headers.setdefault(name, value)
    return response
