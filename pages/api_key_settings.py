"""Which admin are we facing? The API key settings live in one of two places.

* the doc's admin: Stores > Configuration > Services > Magento Services > Api Keys;
* current Commerce: System > Services > Commerce Services Connector.

``api_key_settings(page)`` looks at the admin's menu (present, if hidden, on every
admin page) and returns the matching page object; both offer the same intents.
"""

from __future__ import annotations

from typing import Protocol

from playwright.sync_api import Locator, Page

from pages.admin_menu import AdminMenu
from pages.services_connector import CommerceServicesConnectorPage
from pages.store_configuration import StoreConfigurationPage


class ApiKeySettingsPage(Protocol):
    layout: str
    location: str
    title: str
    page_title: Locator
    production_api_key: Locator
    success_message: Locator

    def open_configuration(self) -> None: ...
    def choose_api_keys(self) -> None: ...
    def open_by_hand(self) -> None: ...
    def open_markers(self) -> list[Locator]: ...
    def reveal_production_api_key(self) -> None: ...
    def paste_production_api_key(self, replace: bool) -> None: ...
    def clear_production_api_key(self) -> None: ...
    def save_config(self) -> None: ...


def api_key_settings(page: Page) -> ApiKeySettingsPage:
    if AdminMenu(page).has_services_connector():
        return CommerceServicesConnectorPage(page)
    return StoreConfigurationPage(page)
