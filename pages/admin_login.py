"""The Commerce Admin's login form (Magento_Backend::admin/login.phtml): ``#login-form``, ``#username``, ``#login``."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.login_form import login_form_in
from pages.navigation import load_by_clicking

SECRET_PLACES = ("#username",)  # the user name as typed (the password field shows dots)


def admin_login_in(html: str) -> bool:
    """Is this the Commerce Admin's login (its form's user name field is ``#username``), seen over HTTP?"""
    return login_form_in(html) is not None and 'id="username"' in html


class AdminLoginPage:
    def __init__(self, page: Page, admin_url: str) -> None:
        self.page = page
        self.url = admin_url
        self.form = page.locator("#login-form")
        self.username = page.get_by_label("Username")
        self.password = page.get_by_label("Password")
        self.sign_in_button = page.get_by_role("button", name="Sign in")
        self.error_message = page.locator(".login-content .messages .message-error")

    def open(self) -> None:
        self.page.goto(self.url)

    def sign_in(self, username: str, password: str) -> None:
        self.username.fill(username)
        self.password.fill(password)
        load_by_clicking(self.page, self.sign_in_button)
