"""Stores > Settings > Configuration > Services > Magento Services > Api Keys (the doc's admin).

Ids are Magento's own: ``#system_config_tabs``, ``#config-edit-form``, ``#save`` and the
group and field ids made from the config path (``/`` replaced by ``_``).
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from flowspec.commerce import API_KEYS_GROUP, API_KEYS_SECTION, LAYOUT_DOC, LAYOUT_LOCATIONS
from pages.admin_chrome import AdminChrome
from pages.admin_menu import AdminMenu
from pages.navigation import load_by_clicking, paste_into

API_KEYS_GROUP_ID = f"{API_KEYS_SECTION}_{API_KEYS_GROUP}"


class StoreConfigurationPage:
    layout = LAYOUT_DOC
    location = LAYOUT_LOCATIONS[LAYOUT_DOC]
    title = "Configuration"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.menu = AdminMenu(page)
        chrome = AdminChrome(page)
        self.page_title = chrome.page_title
        tabs = page.locator("#system_config_tabs")
        self.services_tab = tabs.locator(".config-nav-block").filter(
            has=page.locator("[data-role=title]", has_text="Services")
        )
        self.services_tab_title = self.services_tab.locator("[data-role=title]")
        self.magento_services_link = tabs.get_by_role("link", name="Magento Services")
        self.form = page.locator("#config-edit-form")
        self.api_keys_head = page.locator(f"#{API_KEYS_GROUP_ID}-head")
        self.production_api_key = page.get_by_label("Production Api key", exact=False)
        self.save_config_button = page.get_by_role("button", name="Save Config")
        self.success_message = chrome.success_message

    def open_configuration(self) -> None:
        """Stores > Settings > Configuration."""
        self.menu.open_configuration()

    def choose_api_keys(self) -> None:
        """On the configuration page: expand Services in the left panel and choose Magento Services."""
        # Magento renders a tab collapsed unless it holds the section on show; read that state, then act.
        if "_collapsed" in (self.services_tab.get_attribute("class") or ""):
            self.services_tab_title.click()
        load_by_clicking(self.page, self.magento_services_link)

    def open_by_hand(self) -> None:
        self.open_configuration()
        self.choose_api_keys()

    def open_markers(self) -> list[Locator]:
        """What shows when the page is open at the Api Keys."""
        return [self.form, self.api_keys_head]

    def reveal_production_api_key(self) -> None:
        """Expand the Api Keys group if the page rendered it collapsed (Magento remembers it per user)."""
        if self.api_keys_head.get_attribute("aria-expanded") == "false":
            self.api_keys_head.click()

    def paste_production_api_key(self, replace: bool) -> None:
        """Click into the field and paste (Ctrl+V), as a person does; ``replace``: select what it holds first."""
        self.reveal_production_api_key()
        paste_into(self.production_api_key, replace)

    def clear_production_api_key(self) -> None:
        self.reveal_production_api_key()
        self.production_api_key.fill("")

    def save_config(self) -> None:
        load_by_clicking(self.page, self.save_config_button)
