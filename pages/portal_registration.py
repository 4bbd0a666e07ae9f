"""Commerce account registration (customer/account/create)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.navigation import load_by_clicking

SECRET_PLACES = ("#email_address",)


class PortalRegistrationPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.first_name = page.get_by_label("First Name")
        self.last_name = page.get_by_label("Last Name")
        self.email = page.get_by_label("Email")
        self.password = page.get_by_label("Password", exact=True)
        self.confirm_password = page.get_by_label("Confirm Password")
        self.create_button = page.get_by_role("button", name="Create an Account")
        self.password_rules = page.locator("#password-rules")
        self.error_message = page.locator(".messages .message-error")

    def register(
        self,
        email: str,
        password: str,
        confirmation: str | None = None,
        first_name: str = "Test",
        last_name: str = "Merchant",
    ) -> None:
        """Fill in the form and Create an Account (the confirmation is the password unless given)."""
        self.first_name.fill(first_name)
        self.last_name.fill(last_name)
        self.email.fill(email)
        self.password.fill(password)
        self.confirm_password.fill(password if confirmation is None else confirmation)
        load_by_clicking(self.page, self.create_button)
