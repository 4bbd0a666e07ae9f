"""The Commerce Admin: signing in (doc step 1) and its menu."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import expect

from harness.journey import Journey
from harness.sessions import StorageState
from pages.admin_chrome import DASHBOARD_PATH
from pages.admin_menu import menu_in
from pages.amazon_sales_channel import CHANNEL_PATH
from pages.login_form import login_form_in


def open_login_page(journey: Journey) -> None:
    with journey.acting("admin-sign-in", "the Commerce Admin should show its login form", due=False):
        journey.admin_login.open()
        expect(journey.admin_login.form).to_be_visible()


def sign_in(journey: Journey) -> None:
    """Sign in with the admin user name and password."""
    with journey.acting("admin-sign-in", "the login form should take the admin user name and password"):
        journey.admin_login.sign_in(journey.target.admin_user, journey.target.admin_password)


def sign_in_with_wrong_password(journey: Journey) -> None:
    with journey.acting("admin-wrong-password", "the login form should take a wrong password and answer"):
        journey.admin_login.sign_in(journey.target.admin_user, journey.target.admin_password + "-wrong")


def sign_in_as_nobody(journey: Journey) -> None:
    """A user name with no Admin user behind it (a typo at doc step 1): refused like a wrong password."""
    with journey.acting("admin-wrong-password", "the login form should take a user name that does not exist"):
        journey.admin_login.sign_in(f"nobody-{secrets.token_hex(3)}", journey.target.admin_password)


def sign_in_without_password(journey: Journey) -> None:
    """The user name, then Enter at once (the form asks for nothing more before it is sent)."""
    with journey.acting("admin-password-required", "the login form should take a user name without a password"):
        journey.admin_login.sign_in(journey.target.admin_user, "")


def check_password_required(journey: Journey) -> None:
    with journey.keeping("admin-password-required", "the login page should say the password is required"):
        expect(journey.admin_login.error_message).to_contain_text(re.compile(r"password.*required", re.IGNORECASE))
        expect(journey.admin_login.form).to_be_visible()


def check_dashboard(journey: Journey) -> None:
    with journey.keeping("admin-sign-in", "after signing in, the Admin should show its dashboard and menu"):
        expect(journey.admin_chrome.page_title).to_have_text("Dashboard")
        expect(journey.admin_menu.marketing).to_be_visible()


def check_sign_in_refused(journey: Journey) -> None:
    login = journey.admin_login
    with journey.keeping("admin-wrong-password", "a wrong password should be refused with the sign-in error"):
        expect(login.error_message).to_contain_text("sign-in was incorrect")
        expect(login.form).to_be_visible()


def check_still_signed_out(journey: Journey, promise: str = "admin-wrong-password") -> None:
    """The Admin asks to sign in: a page behind the login (its dashboard) is asked for without touching the
    tab, over the tab's own cookies, and answers with the login form."""
    with journey.keeping(promise, "the Admin should ask this browser to sign in"):
        status, url, body = journey.fetch(journey.target.admin_url + DASHBOARD_PATH)
        assert login_form_in(body) is not None and not menu_in(body), (
            f"the Admin at {url} answered {status} with its menu instead of the login form"
        )


def use_admin_session(journey: Journey, session: StorageState, path: str = "") -> None:
    """Start signed in: the shared admin session's cookies, then the Admin (at ``path`` below its base URL,
    as from a bookmark) must open with its menu."""
    with journey.keeping("admin-sign-in", "the shared admin session should open the Admin with its menu"):
        journey.admin_tab.context.add_cookies(session["cookies"])
        journey.admin_tab.goto(journey.target.admin_url + path)
        expect(journey.admin_menu.nav).to_be_visible()


def on_channel_url(journey: Journey) -> bool:
    """Is the Admin tab at Amazon Sales Channel's URL (not, say, the dashboard a secret-key Admin sends to)?"""
    return CHANNEL_PATH in journey.admin_tab.url


def open_channel_from_bookmark(journey: Journey) -> None:
    """Open Amazon Sales Channel by its URL, as from a bookmark."""
    with journey.acting("admin-sign-in-returns", "Amazon Sales Channel's URL should answer"):
        journey.admin_tab.goto(journey.target.admin_url + CHANNEL_PATH)


def check_asked_to_sign_in(journey: Journey) -> None:
    with journey.keeping("admin-sign-in-returns", "without a session, the Admin should ask to sign in first"):
        expect(journey.admin_login.form).to_be_visible()
        expect(journey.admin_menu.nav).to_have_count(0)


def check_on_channel_page(journey: Journey) -> None:
    """Signed in after asking for Amazon Sales Channel: the channel opens, not the dashboard."""
    with journey.keeping("admin-sign-in", "the Admin should show its menu after signing in"):
        expect(journey.admin_menu.nav).to_be_visible()
        secret_keys = journey.admin_menu.uses_secret_keys()
    if secret_keys:
        journey.note("This Admin adds secret keys to its URLs: after sign-in it opens the dashboard by design.")
        pytest.skip("the Admin adds secret keys to its URLs, so Magento opens the dashboard after sign-in")
    with journey.keeping("admin-sign-in-returns", "signing in should open Amazon Sales Channel, the page asked for"):
        expect(journey.channel.page_title).to_have_text("Amazon Sales Channel")
        assert on_channel_url(journey), f"the Admin opened {journey.admin_tab.url}"
