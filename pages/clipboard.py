"""The system clipboard as a page sees it (the context needs clipboard-read and clipboard-write)."""

from __future__ import annotations

from playwright.sync_api import Page


class Clipboard:
    def __init__(self, page: Page) -> None:
        self.page = page

    def put(self, text: str) -> None:
        """What a copy on any web page leaves on the clipboard."""
        self.page.evaluate("text => navigator.clipboard.writeText(text)", text)

    def text(self) -> str:
        """What the clipboard holds, read as the page would."""
        return str(self.page.evaluate("navigator.clipboard.readText()"))
