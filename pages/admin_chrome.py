"""What every Commerce Admin page has around its content: the page title and the messages
(MFTF's ``AdminHeaderSection`` and ``AdminMessagesSection``)."""

from __future__ import annotations

from playwright.sync_api import Page

DASHBOARD_PATH = "admin/dashboard/"  # Magento's adminhtml/dashboard, below the admin's base URL


class AdminChrome:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.page_title = page.locator(".page-header h1.page-title")
        self.success_message = page.locator("#messages .message-success")
        self.error_message = page.locator("#messages .message-error")
