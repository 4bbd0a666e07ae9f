"""Plain admin pages that exist so the menu and redirects land somewhere real."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("dashboard", __name__)


@bp.get("/admin/dashboard/index/")
@bp.get("/admin/dashboard/")
def index() -> str:
    return render_template("dashboard.html", title="Dashboard")


@bp.get("/admin/notification/")
def notifications() -> str:
    return render_template("dashboard.html", title="Notifications")
