"""Stores > Settings > Configuration: the edit page and Save Config.

Follows Magento's Config module: ``system_config/edit/section/<id>/`` shows a
section, ``system_config/save/section/<id>/`` saves it (form key checked, every
field validated, all or nothing) and redirects back with
"You saved the configuration.".
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for

from flowspec.commerce import LAYOUT_CURRENT
from mocks.admin.config_sections import DEFAULT_SECTION, SECTIONS, Section, tabs
from mocks.admin.config_store import get_values, save_values
from mocks.shared.db import get_db
from mocks.shared.forms import INVALID_FORM_KEY, InputError, form_key_is_valid, require_valid_utf8_form

bp = Blueprint("system_config", __name__)

SAVED = "You saved the configuration."


MOVED_IN_CURRENT_ADMIN = {"services_connector"}  # now System > Services > Commerce Services Connector


def _available(section: Section) -> bool:
    return not (current_app.config["ADMIN_LAYOUT"] == LAYOUT_CURRENT and section.id in MOVED_IN_CURRENT_ADMIN)


def _section_or_404(section_id: str) -> Section:
    section = SECTIONS.get(section_id)
    if section is None or not _available(section):
        abort(404, description=f"There is no configuration section '{section_id}'.")
    return section


def _render(section: Section, status: int = 200, error: str | None = None, posted: dict[str, str] | None = None) -> Any:
    stored = get_values(get_db(), section.all_paths())
    values = {**stored, **(posted or {})}
    open_groups = session.get("config_state", {})
    return (
        render_template(
            "config_edit.html",
            section=section,
            tabs=[t for t in tabs() if any(_available(s) for s in t.sections)],
            values=values,
            open_groups=open_groups,
            error=error,
        ),
        status,
    )


@bp.get("/admin/system_config/index/")
@bp.get("/admin/system_config/")
def index() -> Any:
    return redirect(url_for("system_config.edit", section=DEFAULT_SECTION))


@bp.get("/admin/system_config/edit/section/<section>/")
def edit(section: str) -> Any:
    return _render(_section_or_404(section))


@bp.post("/admin/system_config/save/section/<section>/")
def save(section: str) -> Any:
    sec = _section_or_404(section)
    require_valid_utf8_form()
    if not form_key_is_valid():
        return _render(sec, 403, error=INVALID_FORM_KEY)
    _remember_group_state(sec)
    try:
        values = _posted_values(sec)
    except InputError as exc:
        return _render(sec, 400, error=str(exc), posted=_raw_posted(sec))
    save_values(get_db(), values, current_app.extensions["clock"].now_iso())
    flash(SAVED, "success")
    return redirect(url_for("system_config.edit", section=sec.id))


def _posted_values(section: Section) -> dict[str, str]:
    """``groups[<group>][fields][<field>][value]`` -> {config path: cleaned value}."""
    known = {
        f"groups[{g.id}][fields][{f.id}][value]": (section.path(g, f), f) for g in section.groups for f in g.fields
    }
    values: dict[str, str] = {}
    for name in request.form:
        if not name.startswith("groups["):
            continue
        if name not in known:
            raise InputError(f"'{name}' is not a setting of the {section.label} section. Nothing was saved.")
        path, fld = known[name]
        if len(request.form.getlist(name)) != 1:
            raise InputError(f"{fld.label} was sent more than once. Nothing was saved.")
        try:
            values[path] = fld.rules().clean(request.form[name])
        except InputError as exc:
            raise InputError(f"{exc} Nothing was saved.") from exc
    return values


def _raw_posted(section: Section) -> dict[str, str]:
    """What was typed, to show it again beside the error (never stored)."""
    return {
        section.path(g, f): request.form[name]
        for g in section.groups
        for f in g.fields
        if (name := f"groups[{g.id}][fields][{f.id}][value]") in request.form
    }


def _remember_group_state(section: Section) -> None:
    state = dict(session.get("config_state", {}))
    for group in section.groups:
        raw = request.form.get(f"config_state[{section.html_id(group)}]")
        if raw in ("0", "1"):
            state[section.html_id(group)] = raw
    session["config_state"] = state
