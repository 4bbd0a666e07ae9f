"""Clear 4xx pages (HTML for people, JSON for API clients) and no bare 500s."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, render_template, render_template_string, request
from flask.globals import request_ctx
from werkzeug.exceptions import BadHost, HTTPException, InternalServerError

log = logging.getLogger(__name__)

# For a request no URL can be built for (a Host header that is no host name): the app's error page
# links its style sheet and pages through url_for, which needs the URL adapter that such a Host has not.
BARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ status }} {{ title }}</title></head>
<body class="error-page"><main><h1>{{ status }} {{ title }}</h1>
<div class="messages"><div class="message message-error error" role="alert"><div>{{ message }}</div></div></div>
</main></body></html>
"""


BAD_HOST = "The Host header is not a host name this server can answer for."


def wants_json() -> bool:
    return request.path.startswith(("/_mock/", "/gateway/")) or request.accept_mimetypes.best == "application/json"


def install(app: Flask, template: str) -> None:
    def page(status: int, title: str, message: str | None) -> Response:
        fields = {"status": status, "title": title, "message": message}
        if request_ctx.url_adapter is not None:
            try:
                return app.make_response((render_template(template, **fields), status))
            except Exception:  # the page itself failed: the bare one still says what went wrong
                log.exception("the error page failed for %s", request.path)
        return app.make_response((render_template_string(BARE_PAGE, **fields), status))

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Any:
        status = exc.code or 500
        message = BAD_HOST if isinstance(exc, BadHost) else exc.description
        response = jsonify(error=exc.name, message=message) if wants_json() else page(status, exc.name, message)
        response.status_code = status
        for name, value in exc.get_headers():
            if name.lower() == "allow":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        log.exception("unexpected error in %s", request.path)
        return _http_error(InternalServerError())
