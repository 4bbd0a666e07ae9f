"""The account site's sign-in, registration, sign-out and My Account pages."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for

from mocks.portal import accounts
from mocks.portal.accounts import Account
from mocks.shared import lockout
from mocks.shared.db import get_db
from mocks.shared.forms import INVALID_FORM_KEY, InputError, form_key_is_valid, require_valid_utf8_form
from mocks.shared.navigation import remember_target, take_target
from mocks.shared.sessions import start_over

bp = Blueprint("account", __name__)

BAD_LOGIN = (
    "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."
)
PUBLIC_ENDPOINTS = {
    "account.login",
    "account.login_post",
    "account.create",
    "account.create_post",
    "account.logout",
    "static",
}


def current_account() -> Account | None:
    if "account" not in g:
        email = session.get("account_email")
        g.account = accounts.find(get_db(), str(email)) if email else None
    account: Account | None = g.account
    return account


def require_login() -> Any:
    """``before_request``: My Account pages send visitors without a session to the login page."""
    endpoint = request.endpoint or ""
    if not endpoint or endpoint in PUBLIC_ENDPOINTS or endpoint.startswith(("control.", "gateway.")):
        return None
    if current_account() is not None:
        return None
    if request.method == "GET":
        remember_target("portal_next")
    flash("Sign in to your Commerce account to continue.", "notice")
    return redirect(url_for("account.login"))


def _sign_in(account: Account) -> Any:
    target = take_target("portal_next")
    start_over()  # a new session id: one known before sign-in is not the signed-in one
    session["account_email"] = account.email
    return redirect(target or url_for("account.dashboard"))


@bp.get("/")
def home() -> Any:
    return redirect(url_for("account.dashboard"))


@bp.get("/customer/account/index/")
@bp.get("/customer/account/")
def dashboard() -> str:
    return render_template("dashboard.html", title="My Account", nav="dashboard")


@bp.get("/customer/account/login/")
def login() -> Any:
    if current_account() is not None:
        return redirect(take_target("portal_next") or url_for("account.dashboard"))
    return render_template("login.html", title="Customer Login")


@bp.post("/customer/account/loginPost/")
def login_post() -> Any:
    require_valid_utf8_form()
    if not form_key_is_valid():
        return render_template("login.html", title="Customer Login", error=INVALID_FORM_KEY), 403
    try:
        email = accounts.EMAIL.clean(request.form.get("login[username]"))
        password = accounts.PASSWORD.clean(request.form.get("login[password]"))
    except InputError as exc:
        return render_template("login.html", title="Customer Login", error=str(exc)), 400
    db, now = get_db(), current_app.extensions["clock"].now()
    known = accounts.find(db, email)  # the address as registered: the lock is the account's, whatever the case
    if known is not None and lockout.is_locked(db, known.email, now):
        return render_template("login.html", title="Customer Login", error=BAD_LOGIN, email=email), 401
    account = accounts.authenticate(db, email, password)
    if account is None:
        if known is not None:
            lockout.record_failure(db, known.email, now, lockout.CUSTOMER)
        return render_template("login.html", title="Customer Login", error=BAD_LOGIN, email=email), 401
    lockout.record_success(db, account.email)
    return _sign_in(account)


@bp.get("/customer/account/create/")
def create() -> Any:
    if current_account() is not None:
        return redirect(url_for("account.dashboard"))
    return render_template("create.html", title="Create New Customer Account", form={})


@bp.post("/customer/account/createpost/")
def create_post() -> Any:
    require_valid_utf8_form()
    form = {k: request.form.get(k, "") for k in ("firstname", "lastname", "email")}
    if not form_key_is_valid():
        return render_template(
            "create.html", title="Create New Customer Account", form=form, error=INVALID_FORM_KEY
        ), 403
    try:
        firstname = accounts.NAME.clean(form["firstname"])
        lastname = accounts.NAME.clean(form["lastname"])
        email = accounts.clean_email(form["email"])
        raw_password = request.form.get("password", "")
        password = accounts.PASSWORD.clean(raw_password)
        accounts.check_password_rules(password)
        if raw_password != request.form.get("password_confirmation", ""):
            raise InputError("Please enter the same password in both password fields.")
        account = accounts.create(get_db(), email, password, current_app.extensions["clock"].now(), firstname, lastname)
    except InputError as exc:
        return render_template("create.html", title="Create New Customer Account", form=form, error=str(exc)), 400
    response = _sign_in(account)
    flash("Thank you for registering with your Commerce account.", "success")
    return response


@bp.get("/customer/account/logout/")
def logout() -> Any:
    start_over()  # the session's row is deleted: every copy of its cookie is signed out
    flash("You are signed out.", "success")
    return redirect(url_for("account.login"))
