"""The Commerce account's My Account page (customer/account), and its login page's address.

The doc sends a person without an account to the account's login page to register (doc step 3's link); a
person already signed in who opens it lands in My Account, as on Magento's customer account.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

from flowspec.doc_steps import ACCOUNT_PAGE

LOGIN_PATH = urlsplit(ACCOUNT_PAGE).path.lstrip("/")  # customer/account/login/, below the portal's base URL


class PortalAccountPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.title = page.get_by_role("heading", name="My Account", level=1)
        self.my_account_nav = page.get_by_role("navigation", name="My Account")
        self.login_form = page.locator("#login-form")

    def open_login_page(self, portal_url: str) -> None:
        """The account's login page, the address the doc links for registering."""
        self.page.goto(portal_url.rstrip("/") + "/" + LOGIN_PATH)
