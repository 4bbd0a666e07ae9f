"""Commerce account login (customer/account/login)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.login_form import login_form_in
from pages.navigation import load_by_clicking

SECRET_PLACES = ("#email",)  # the account's email as typed


def account_login_in(html: str) -> bool:
    """Is this the Commerce account's login (Magento's customer login: ``#email``), seen over HTTP?"""
    return login_form_in(html) is not None and 'id="email"' in html


class PortalLoginPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.email = page.get_by_label("Email")
        self.password = page.get_by_label("Password")
        self.sign_in_button = page.get_by_role("button", name="Sign In")
        self.create_account_link = page.get_by_role("link", name="Create an Account").last
        self.error_message = page.locator(".messages .message-error")

    def sign_in(self, email: str, password: str) -> None:
        self.email.fill(email)
        self.password.fill(password)
        load_by_clicking(self.page, self.sign_in_button)

    def go_to_registration(self) -> None:
        load_by_clicking(self.page, self.create_account_link)
