"""System > Services > Commerce Services Connector: the API keys page of current Commerce.

Current Commerce moved the doc's "Magento Services > Api Keys" here, with
"Production API Key" and "Production Private Key" fields and a "Save" button.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from flowspec.commerce import LAYOUT_CURRENT, LAYOUT_LOCATIONS
from pages.admin_chrome import AdminChrome
from pages.admin_menu import AdminMenu
from pages.navigation import load_by_clicking, paste_into


class CommerceServicesConnectorPage:
    layout = LAYOUT_CURRENT
    location = LAYOUT_LOCATIONS[LAYOUT_CURRENT]
    title = "Commerce Services Connector"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.menu = AdminMenu(page)
        chrome = AdminChrome(page)
        self.page_title = chrome.page_title
        self.production_keys = page.get_by_role("group", name="Production API Keys")
        self.production_api_key = page.get_by_label("Production API Key", exact=True)
        self.save_config_button = page.get_by_role("button", name="Save", exact=True)
        self.success_message = chrome.success_message

    def open_configuration(self) -> None:
        """Stores > Settings > Configuration (where the doc looks; current Commerce has the keys elsewhere)."""
        self.menu.open_configuration()

    def choose_api_keys(self) -> None:
        """Current Commerce keeps the keys under System > Services > Commerce Services Connector."""
        self.menu.open_services_connector()

    def open_by_hand(self) -> None:
        self.choose_api_keys()

    def open_markers(self) -> list[Locator]:
        return [self.page_title.filter(has_text=self.title), self.production_keys]

    def reveal_production_api_key(self) -> None:
        return None  # never collapsed

    def paste_production_api_key(self, replace: bool) -> None:
        paste_into(self.production_api_key, replace)

    def clear_production_api_key(self) -> None:
        self.production_api_key.fill("")

    def save_config(self) -> None:
        load_by_clicking(self.page, self.save_config_button)
