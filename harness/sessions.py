"""Signing in over HTTP: the real login form is fetched and posted (its form key included) with Playwright's
``APIRequestContext``, and the cookies of the signed-in answer are the session a browser context can start
with (Playwright's storage state). Milliseconds instead of a browser page; the login *UI* has scenarios of
its own. A login that fails is reported under the documented step it belongs to, naming the variables to
check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from playwright.sync_api import APIRequestContext
from playwright.sync_api import Error as PlaywrightError

from flowspec.promises import BY_ID
from harness.target import ENV_CREDENTIALS, CommerceTarget
from pages.admin_menu import menu_in
from pages.api_portal import api_portal_in
from pages.login_form import login_form_in

StorageState = dict[str, Any]


class SignInFailed(AssertionError):
    """A login over HTTP did not work; its message names the documented step."""


@dataclass(frozen=True)
class Login:
    """One login form to post: where it is, what to fill in, how a signed-in answer looks, whom it concerns."""

    page_url: str
    username: str
    password: str
    signed_in: Callable[[str], bool]
    promise: str  # the doc's promise a failure is named after
    who: str  # "the Commerce Admin as 'admin'"
    variables: tuple[str, str]  # where the credentials come from


def sign_in_over_http(api: APIRequestContext, login: Login) -> StorageState:
    """Fetch the page with the login form, post it with the credentials and the form key, follow the
    redirects; return the cookies if the answer is a signed-in page, else raise, naming the doc step."""
    try:
        page = api.get(login.page_url)
        form = login_form_in(page.text())
        if form is None:
            raise SignInFailed(f"no login form (#login-form) at {page.url} (HTTP {page.status})")
        answer = api.post(urljoin(page.url, form.action), form=form.fields(login.username, login.password))
        if not login.signed_in(answer.text()):
            raise SignInFailed(
                f"the form at {page.url} answered {answer.status} at {answer.url} without signing in: "
                f"check {' / '.join(login.variables)}"
            )
    except (SignInFailed, PlaywrightError) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SignInFailed(f"{BY_ID[login.promise].label()}: signing in to {login.who} failed: {detail}") from None
    state: StorageState = dict(api.storage_state())
    return state


def admin_login(target: CommerceTarget) -> Login:
    return Login(
        target.admin_url,
        target.admin_user,
        target.admin_password,
        menu_in,
        "admin-sign-in",
        f"the Commerce Admin at {target.admin_url} as {target.admin_user!r}",
        (ENV_CREDENTIALS["admin_user"], ENV_CREDENTIALS["admin_password"]),
    )


def portal_login(target: CommerceTarget) -> Login:
    return Login(
        target.api_portal_url,
        target.portal_email,
        target.portal_password,
        api_portal_in,
        "login-first-then-api-portal",
        f"the Commerce account at {target.portal_url} as {target.portal_email!r}",
        (ENV_CREDENTIALS["portal_email"], ENV_CREDENTIALS["portal_password"]),
    )
