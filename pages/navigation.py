"""Clicks that load a page, and how page objects wait for that page.

Playwright's ``click`` returns before a navigation it starts has finished; an ``expect`` right
after it checks the old page and re-polls after 100, 250, 500 ms ..., which turns small delays
into large ones on a busy machine, and can pass on the old page when it looks like the new one
(a second visit to the same URL). So every click that loads a page waits for that page:
``load_by_clicking`` listens for the next document's ``load`` event before it clicks.

Why not ``wait_for_url``: it returns at once when the URL already matches, so it cannot tell a
second visit to the same URL (the channel's re-check) or a form that answers on its own URL
(Save Config, a refused login) from the page as it was; a link that redirects (Stores >
Configuration) ends on another URL than its href. ``expect_navigation``, which did this before,
is deprecated. Listening for ``load`` before the click has neither problem.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page


def load_by_clicking(page: Page, control: Locator) -> None:
    """Click a link, button or submit that loads a page, and wait until that page has loaded."""
    with page.expect_event("load"):
        control.click()


def paste_into(field: Locator, replace: bool) -> None:
    """Click into a field and paste the clipboard (Ctrl+V), as a person does; ``replace``: select all it holds
    first (Ctrl+A), as a person replacing a value does."""
    field.click()
    if replace:
        field.press("ControlOrMeta+a")
    field.press("ControlOrMeta+v")
