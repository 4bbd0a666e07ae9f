"""Fast screenshots for the living doc.

On Chromium a screenshot goes straight through the DevTools protocol
(``Page.captureScreenshot``, JPEG, ``optimizeForSpeed``): about half the time of
``page.screenshot``, which adds waits a report does not need. Any other browser, or a
protocol error, falls back to ``page.screenshot``.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from playwright.sync_api import CDPSession, Page
from playwright.sync_api import Error as PlaywrightError

JPEG_QUALITY = 55
FALLBACK_OPTIONS: dict[str, Any] = {"type": "jpeg", "quality": JPEG_QUALITY, "caret": "initial", "timeout": 5_000}


class Camera:
    """Takes screenshots of the pages of one browser context, reusing a DevTools session per page."""

    def __init__(self) -> None:
        self._sessions: dict[int, CDPSession | None] = {}

    def _session(self, page: Page) -> CDPSession | None:
        key = id(page)
        if key not in self._sessions:
            try:
                self._sessions[key] = page.context.new_cdp_session(page)
            except PlaywrightError:  # not Chromium
                self._sessions[key] = None
        return self._sessions[key]

    def shoot(self, page: Page, path: Path) -> None:
        session = self._session(page)
        if session is not None:
            try:
                answer = session.send(
                    "Page.captureScreenshot", {"format": "jpeg", "quality": JPEG_QUALITY, "optimizeForSpeed": True}
                )
                path.write_bytes(base64.b64decode(answer["data"]))
                return
            except PlaywrightError:
                self._sessions[id(page)] = None
        page.screenshot(path=path, **FALLBACK_OPTIONS)
