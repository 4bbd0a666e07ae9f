"""Admin sign-in, sign-out and the rule that every admin page needs a session."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash

from mocks.shared import lockout
from mocks.shared.db import get_db
from mocks.shared.forms import INVALID_FORM_KEY, InputError, Text, form_key_is_valid, require_valid_utf8_form
from mocks.shared.navigation import remember_target, take_target
from mocks.shared.sessions import start_over

bp = Blueprint("auth", __name__)

BAD_LOGIN = (
    "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."
)
USERNAME = Text("User Name", max_length=40)
PASSWORD = Text("Password", max_length=256, as_typed=True)
PUBLIC_ENDPOINTS = {"auth.login", "auth.login_alias", "auth.logout", "static"}


def current_user() -> str | None:
    user = session.get("admin_user")
    return str(user) if user else None


def require_login() -> Any:
    """``before_request``: send visitors without a session to the login page."""
    endpoint = request.endpoint or ""
    if endpoint in PUBLIC_ENDPOINTS or endpoint.startswith("control.") or request.path.startswith("/_mock/"):
        return None
    if request.endpoint is None:
        return None  # unknown URL: let it 404
    if current_user():
        return None
    if request.method == "GET":
        remember_target("admin_next")
    return redirect(url_for("auth.login"))


@bp.route("/", methods=["GET", "POST"])
@bp.route("/admin/", methods=["GET", "POST"], endpoint="login_alias")
def login() -> Any:
    if request.method == "GET":
        if current_user():
            return redirect(url_for("dashboard.index"))
        return render_template("login.html")
    require_valid_utf8_form()
    if not form_key_is_valid():
        return render_template("login.html", error=INVALID_FORM_KEY), 403
    try:
        username = USERNAME.clean(request.form.get("login[username]"))
        password = PASSWORD.clean(request.form.get("login[password]"))
    except InputError as exc:
        return render_template("login.html", error=str(exc)), 400
    db, now = get_db(), current_app.extensions["clock"].now()
    row = db.execute(
        "SELECT password_hash FROM admin_user WHERE username = ? AND is_active = 1", (username,)
    ).fetchone()
    if row is None or lockout.is_locked(db, username, now):
        return render_template("login.html", error=BAD_LOGIN, username=username), 401
    if not check_password_hash(row["password_hash"], password):
        lockout.record_failure(db, username, now, lockout.ADMIN)
        return render_template("login.html", error=BAD_LOGIN, username=username), 401
    lockout.record_success(db, username)
    target = take_target("admin_next")
    start_over()  # a new session id: one known before sign-in is not the signed-in one
    session["admin_user"] = username
    return redirect(target or url_for("dashboard.index"))


@bp.get("/admin/auth/logout/")
def logout() -> Any:
    start_over()  # the session's row is deleted: every copy of its cookie is signed out
    flash("You have logged out.", "success")
    return redirect(url_for("auth.login"))


def seed_admin_user(db: Any, username: str, password_hash: str) -> None:
    db.execute(
        "INSERT INTO admin_user (username, password_hash) VALUES (?, ?)"
        " ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, is_active = 1",
        (username, password_hash),
    )
