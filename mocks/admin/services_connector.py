"""System > Services > Commerce Services Connector: where current Commerce keeps the API keys.

Served instead of Stores > Configuration > Services > Magento Services when the admin
runs as the current layout (``ADMIN_LAYOUT = "current"``). It stores the
Production API key under the same config path, so the channel's check reads it the same.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from mocks.admin.config_store import get_values, save_values
from mocks.shared.db import get_db
from mocks.shared.forms import INVALID_FORM_KEY, InputError, Text, form_key_is_valid, require_valid_utf8_form

bp = Blueprint("services_connector", __name__)

SAVED = "You saved the configuration."
PREFIX = "services_connector/services_connector_integration/"
FIELDS: tuple[tuple[str, str, str], ...] = (
    # (section, field id, label)
    ("Production API Keys", "production_api_key", "Production API Key"),
    ("Production API Keys", "production_private_key", "Production Private Key"),
    ("Sandbox API Keys", "sandbox_api_key", "Sandbox API Key"),
    ("Sandbox API Keys", "sandbox_private_key", "Sandbox Private Key"),
)
MAX_LENGTHS = {"production_private_key": 4096, "sandbox_private_key": 4096}


def rules(field_id: str, label: str) -> Text:
    """What the page accepts in one field: optional, several lines allowed (keys are pasted here)."""
    return Text(label, max_length=MAX_LENGTHS.get(field_id, 255), required=False, single_line=False)


def _render(status: int = 200, error: str | None = None, posted: dict[str, str] | None = None) -> Any:
    stored = get_values(get_db(), [PREFIX + f for _, f, _ in FIELDS])
    values = {f: (posted or {}).get(f, stored.get(PREFIX + f, "")) for _, f, _ in FIELDS}
    sections: dict[str, list[tuple[str, str]]] = {}
    for section, fid, label in FIELDS:
        sections.setdefault(section, []).append((fid, label))
    return render_template("services_connector.html", sections=sections, values=values, error=error), status


def _posted_once(field_id: str, label: str) -> str:
    """The field's value, cleaned; a field sent more than once is refused (as Save Config refuses it)."""
    if len(request.form.getlist(field_id)) != 1:
        raise InputError(f"{label} was sent more than once.")
    return rules(field_id, label).clean(request.form[field_id])


@bp.get("/servicesconnector/index/index/")
def index() -> Any:
    return _render()


@bp.post("/servicesconnector/index/save/")
def save() -> Any:
    require_valid_utf8_form()
    posted = {f: request.form.get(f, "") for _, f, _ in FIELDS if f in request.form}
    if not form_key_is_valid():
        return _render(403, INVALID_FORM_KEY, posted)
    try:
        values = {PREFIX + fid: _posted_once(fid, label) for _, fid, label in FIELDS if fid in posted}
    except InputError as exc:
        return _render(400, f"{exc} Nothing was saved.", posted)
    save_values(get_db(), values, current_app.extensions["clock"].now_iso())
    flash(SAVED, "success")
    return redirect(url_for("services_connector.index"))
