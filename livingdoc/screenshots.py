"""Screenshots for the living doc: each open tab after each Gherkin step, and the doc's illustrations.

On Chromium a screenshot goes straight through the DevTools protocol (``Page.captureScreenshot``,
JPEG, ``optimizeForSpeed``): about half the time of ``page.screenshot``, which adds waits a report
does not need. Any other browser, or a protocol error, falls back to ``page.screenshot``. A tab
whose URL, DOM, form values, scroll and focus did not change since its last screenshot keeps that
screenshot (a cheap signature tells).
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import CDPSession, Page
from playwright.sync_api import Error as PlaywrightError

from livingdoc.model import Shot

JPEG_QUALITY = 55
FALLBACK_OPTIONS: dict[str, Any] = {"type": "jpeg", "quality": JPEG_QUALITY, "caret": "initial", "timeout": 5_000}
# What a tab shows, cheaply: URL, scroll position, focus, the DOM and the form values. Equal
# signatures after two steps mean nothing visible changed, so the earlier screenshot is reused.
SIGNATURE_JS = """() => {
  const values = Array.from(document.querySelectorAll('input,textarea,select'),
    e => e.type === 'checkbox' || e.type === 'radio' ? String(e.checked) : e.value).join('\\u0001');
  const text = location.href + '|' + scrollX + ',' + scrollY + '|' + innerWidth + 'x' + innerHeight + '|' +
    (document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : '') + '|' +
    (document.documentElement ? document.documentElement.outerHTML : '') + '|' + values;
  let h1 = 0x811c9dc5, h2 = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619); h2 = (Math.imul(h2, 31) + c) | 0;
  }
  return text.length + ':' + (h1 >>> 0).toString(16) + ':' + (h2 >>> 0).toString(16);
}"""


def folder_name(nodeid: str) -> str:
    """A file-system-safe folder name for one scenario's screenshots."""
    return re.sub(r"[^A-Za-z0-9]+", "-", nodeid).strip("-")[:150]


def is_blank(page: Page) -> bool:
    """A tab that has loaded nothing yet (``about:blank``): nothing to show."""
    return page.url in ("", "about:blank")


class Camera:
    """Takes the screenshots of one scenario's tabs, reusing a DevTools session per page and the last
    screenshot of a tab that did not change."""

    def __init__(self, run_dir: Path, nodeid: str) -> None:
        self.run_dir = run_dir
        self.folder = Path("shots") / folder_name(nodeid)
        self._sessions: dict[int, CDPSession | None] = {}
        self._last: dict[str, tuple[str, Shot]] = {}  # tab name -> (its signature, its last shot)

    def shots_after_step(self, index: int, tabs: list[tuple[str, Page]], always: bool = False) -> list[Shot]:
        """A screenshot of every open tab that shows something; a tab that did not change keeps its last one
        (``always``: take them anew, e.g. at a failure)."""
        shots = []
        (self.run_dir / self.folder).mkdir(parents=True, exist_ok=True)
        for name, page in tabs:
            if page.is_closed() or is_blank(page):
                continue
            signature = _signature(page)
            previous = self._last.get(name)
            if not always and signature and previous and previous[0] == signature:
                shots.append(previous[1])
                continue
            relative = self.folder / f"{index + 1:02d}-{re.sub(r'[^a-z0-9]', '', name)}.jpg"
            try:
                self._shoot(page, self.run_dir / relative)
            except PlaywrightError:
                continue
            shot = Shot(tab=name, path=relative.as_posix(), url=page.url)
            self._last[name] = (signature, shot)
            shots.append(shot)
        return shots

    def _session(self, page: Page) -> CDPSession | None:
        key = id(page)
        if key not in self._sessions:
            try:
                self._sessions[key] = page.context.new_cdp_session(page)
            except PlaywrightError:  # not Chromium
                self._sessions[key] = None
        return self._sessions[key]

    def _shoot(self, page: Page, path: Path) -> None:
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


def take_illustration(page: Page, path: Path) -> bool:
    """A full-quality PNG of one tab, for the doc's illustrations; False if the tab could not be captured."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=path, type="png", timeout=5_000)
    except PlaywrightError:
        return False
    return True


def _signature(page: Page) -> str:
    """The page's signature (see SIGNATURE_JS); empty when it cannot be read (then always capture)."""
    try:
        return str(page.evaluate(SIGNATURE_JS))
    except PlaywrightError:
        return ""
