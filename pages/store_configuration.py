"""Stores > Settings > Configuration > Services > Magento Services > Api Keys (the doc's admin).

Ids are Magento's own: ``#system_config_tabs``, ``#config-edit-form``, ``#save``
and the field id made from the config path.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from flowspec.commerce import API_KEYS_GROUP, API_KEYS_SECTION, LAYOUT_DOC, LAYOUT_LOCATIONS
from pages.admin_menu import AdminMenu
from pages.navigation import follow

API_KEYS_GROUP_ID = f"{API_KEYS_SECTION}_{API_KEYS_GROUP}"  # Magento's element id: the path with "_"
PRODUCTION_API_KEY_ID = f"{API_KEYS_GROUP_ID}_production_api_key"


class StoreConfigurationPage:
    layout = LAYOUT_DOC
    location = LAYOUT_LOCATIONS[LAYOUT_DOC]

    def __init__(self, page: Page) -> None:
        self.page = page
        self.page_title = page.locator(".page-header h1.page-title")
        self.tabs = page.locator("#system_config_tabs")
        self.services_tab = self.tabs.locator("[data-role=title]", has_text="Services")
        self.magento_services_link = self.tabs.get_by_role("link", name="Magento Services")
        self.form = page.locator("#config-edit-form")
        self.section_title = self.form.locator(".section-title")
        self.api_keys_head = page.locator(f"#{API_KEYS_GROUP_ID}-head")
        self.api_keys_group = page.locator(f"fieldset#{API_KEYS_GROUP_ID}")
        self.production_api_key = page.get_by_label("Production Api key", exact=False)
        self.save_config_button = page.get_by_role("button", name="Save Config")
        self.success_message = page.locator("#messages .message-success")
        self.error_message = page.locator("#messages .message-error")

    def open_by_hand(self) -> None:
        """Stores > Settings > Configuration, expand Services, choose Magento Services."""
        if self.tabs.count() == 0:
            AdminMenu(self.page).open_configuration()
        self.open_magento_services()

    def open_magento_services(self) -> None:
        """Expand Services in the left panel and choose Magento Services."""
        if self.magento_services_link.is_hidden():
            self.services_tab.click()
        follow(self.page, self.magento_services_link)

    def open_markers(self) -> list[Locator]:
        """What shows when the page is open at the Api Keys."""
        return [self.form, self.api_keys_head]

    def reveal_production_api_key(self) -> None:
        if self.api_keys_group.is_hidden():
            self.api_keys_head.click()

    def paste_production_api_key(self) -> None:
        """Replace the field's content with the clipboard, as a person does: Ctrl+A, Ctrl+V."""
        self.reveal_production_api_key()
        self.production_api_key.click()
        self.production_api_key.press("ControlOrMeta+a")
        self.production_api_key.press("ControlOrMeta+v")

    def save_config(self) -> None:
        follow(self.page, self.save_config_button)
