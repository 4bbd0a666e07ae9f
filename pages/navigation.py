"""Clicks that load a new page: wait for that page, not for the next assertion to poll.

Playwright's ``click`` returns before a navigation it starts has finished; an ``expect``
right after it then fails its first check on the old page and re-polls (after 100, 250,
500 ms ...), which turns small delays into large ones on a busy machine. Page objects use
``follow`` for every click that leaves the page.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page


def follow(page: Page, target: Locator) -> None:
    """Click ``target`` and wait until the page it leads to has loaded."""
    with page.expect_navigation(wait_until="load"):
        target.click()
