"""The admin's left menu (Magento_Backend::menu.phtml): Marketing, Stores and System, by Magento's ids."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.navigation import load_by_clicking


def menu_in(html: str) -> bool:
    """Does a page's HTML carry the Admin's menu (a signed-in Admin page)?"""
    return 'id="nav"' in html


class AdminMenu:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.nav = page.locator("nav.admin__menu #nav")
        self.marketing = page.locator("#menu-magento-backend-marketing")
        self.stores = page.locator("#menu-magento-backend-stores")
        self.system = page.locator("#menu-magento-backend-system")
        # the menu item's own link, hidden in its submenu until Marketing is opened (its href can still be read)
        self.amazon_sales_channel_link = self.marketing.locator("li.level-2 a", has_text="Amazon Sales Channel")

    def _open(self, top: Locator, title: str, group: str, link: str) -> None:
        top.get_by_role("link", name=title, exact=True).click()
        column = top.locator("li.level-1").filter(has=self.page.locator(".submenu-group-title", has_text=group))
        load_by_clicking(self.page, column.get_by_role("link", name=link, exact=True))

    def open_amazon_sales_channel(self) -> None:
        """Marketing > Channels > Amazon Sales Channel."""
        self._open(self.marketing, "Marketing", "Channels", "Amazon Sales Channel")

    def open_services_connector(self) -> None:
        """System > Services > Commerce Services Connector (current Commerce)."""
        self._open(self.system, "System", "Services", "Commerce Services Connector")

    def open_configuration(self) -> None:
        """Stores > Settings > Configuration."""
        self._open(self.stores, "Stores", "Settings", "Configuration")

    def uses_secret_keys(self) -> bool:
        """True when the Admin adds secret keys to its URLs (``.../key/<hash>/``, Magento's security option)."""
        return "/key/" in (self.amazon_sales_channel_link.get_attribute("href") or "")

    def has_services_connector(self) -> bool:
        """True on current Commerce, whose System menu links the Commerce Services Connector.
        Read from the menu the server rendered into a loaded admin page."""
        self.nav.wait_for(state="attached")
        return self.system.locator("a", has_text="Commerce Services Connector").count() > 0
