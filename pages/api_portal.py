"""My Account > API Portal: Add New, the keys by name, Copy, Revoke."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from pages.login_form import login_form_in
from pages.navigation import load_by_clicking


def api_portal_in(html: str) -> bool:
    """Does a page's HTML show the API Portal (a signed-in account), not the account's login?"""
    return "API Portal" in html and "Add New" in html and login_form_in(html) is None


@dataclass(frozen=True)
class ListedKey:
    """One row of the API Portal's list, as a person reads it."""

    name: str
    key: str
    status: str  # as shown, lower case: "active", "expired", "revoked"
    offers_copy: bool


class ApiPortalPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.title = page.get_by_role("heading", name="API Portal", level=1)
        self.my_account_nav = page.get_by_role("navigation", name="My Account")
        self.description = page.get_by_label("Description")
        self.add_new_button = page.get_by_role("button", name="Add New")
        self.keys_table = page.get_by_role("table", name="Your API keys")
        self.key_rows = self.keys_table.locator("tbody tr.api-key-row")
        self.copy_status = page.locator("#copy-status")
        self.error_message = page.locator(".messages .message-error")
        self.success_message = page.locator(".messages .message-success")

    def open(self, api_portal_url: str) -> None:
        self.page.goto(api_portal_url)

    def add_key(self, description: str) -> None:
        self.description.fill(description)
        load_by_clicking(self.page, self.add_new_button)

    def key_row(self, description: str) -> Locator:
        """The newest row listed under ``description``."""
        name = self.page.get_by_role("rowheader", name=description, exact=True)
        return self.key_rows.filter(has=name).first

    def key_values(self) -> list[str]:
        """Every key listed, newest first."""
        return [v.strip() for v in self.key_rows.locator(".api-key-value code").all_inner_texts()]

    def key_value(self, description: str) -> Locator:
        return self.key_row(description).locator(".api-key-value code")

    def key_status(self, description: str) -> Locator:
        return self.key_row(description).locator(".api-key-status")

    def listed_keys(self) -> list[ListedKey]:
        """Every row: its name, key, shown status and whether it offers Copy, newest first."""
        listed = []
        for row in self.key_rows.all():
            listed.append(
                ListedKey(
                    row.get_by_role("rowheader").inner_text().strip(),
                    row.locator(".api-key-value code").inner_text().strip(),
                    row.locator(".api-key-status").inner_text().strip().lower(),
                    row.get_by_role("button", name="Copy").count() > 0,
                )
            )
        return listed

    def copy_key(self, description: str) -> None:
        self.key_row(description).get_by_role("button", name="Copy").click()

    def revoke_key(self, description: str) -> None:
        load_by_clicking(self.page, self.key_row(description).get_by_role("button", name="Revoke"))
