"""My Account > API Portal: Add New, the keys listed by name, Copy, Revoke."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for

from mocks.portal import keys
from mocks.portal.account import current_account
from mocks.shared.db import get_db
from mocks.shared.forms import INVALID_FORM_KEY, InputError, form_key_is_valid, require_valid_utf8_form

bp = Blueprint("apiportal", __name__)


def _now() -> float:
    return float(current_app.extensions["clock"].now())


def _render(status: int = 200, error: str | None = None, description: str = "") -> Any:
    account = current_account()
    assert account is not None  # require_login ran first
    return (
        render_template(
            "apiportal.html",
            title="API Portal",
            nav="apiportal",
            api_keys=keys.list_for(get_db(), account.account_id),
            now=_now(),
            error=error,
            description=description,
        ),
        status,
    )


@bp.get("/apiportal/")
@bp.get("/apiportal/index/")
@bp.get("/apiportal/index/index/")
def index() -> Any:
    return _render()


@bp.post("/apiportal/index/add/")
def add() -> Any:
    require_valid_utf8_form()
    raw = request.form.get("description", "")
    if not form_key_is_valid():
        return _render(403, INVALID_FORM_KEY, raw)
    try:
        name = keys.DESCRIPTION.clean(raw)
    except InputError as exc:
        return _render(400, str(exc), raw)
    account = current_account()
    assert account is not None
    lifetime = float(current_app.config["KEY_LIFETIME_SECONDS"])
    keys.create(get_db(), account.account_id, name, _now(), lifetime)
    flash(f'Your new API key "{name}" was added. Use Copy to copy it.', "success")
    return redirect(url_for("apiportal.index"))


@bp.post("/apiportal/index/revoke/")
def revoke() -> Any:
    require_valid_utf8_form()
    if not form_key_is_valid():
        return _render(403, INVALID_FORM_KEY)
    try:
        key_id = int(request.form.get("key_id", ""))
    except ValueError:
        return _render(400, "Choose the key to revoke.")
    account = current_account()
    assert account is not None
    key = keys.get(get_db(), account.account_id, key_id)
    if key is None:
        abort(404, description="There is no such API key in your account.")
    if not keys.revoke(get_db(), account.account_id, key_id, _now()):
        return _render(409, f'The API key "{key.name}" is already revoked.')
    flash(f'The API key "{key.name}" was revoked. Commerce stores using it will ask for a new key.', "success")
    return redirect(url_for("apiportal.index"))
