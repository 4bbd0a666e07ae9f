"""Clear 4xx pages (HTML for people, JSON for API clients) and no bare 500s."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def wants_json() -> bool:
    return request.path.startswith(("/_mock/", "/gateway/")) or request.accept_mimetypes.best == "application/json"


def install(app: Flask, template: str) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Any:
        status = exc.code or 500
        if wants_json():
            response = jsonify(error=exc.name, message=exc.description)
        else:
            response = app.make_response(
                (render_template(template, status=status, title=exc.name, message=exc.description), status)
            )
        response.status_code = status
        for name, value in exc.get_headers():
            if name.lower() == "allow":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        log.exception("unexpected error in %s", request.path)
        return _http_error(InternalServerError())
