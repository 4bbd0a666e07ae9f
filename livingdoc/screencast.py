"""Screenshots that cost the scenario nothing: Chromium's screencast frames.

With ``Page.startScreencast`` (DevTools) Chromium sends a JPEG frame whenever a tab repaints, while the
scenario goes on; each frame is acknowledged at once and kept in memory with its paint time. The picture
of a tab "after step N" is then chosen later, from the frames painted before the next step could change
anything: up to ``PAINT_GRACE`` after step N ended, and no later than ``PAINT_GRACE`` after step N+1's
code started (a paint that late is the next step's). A tab that did not repaint keeps its last picture.
Only the front tab paints; a tab in the background keeps the picture it had.
"""

from __future__ import annotations

import base64
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import CDPSession, Page
from playwright.sync_api import Error as PlaywrightError

FRAME_OPTIONS = {"format": "jpeg", "quality": 50, "maxWidth": 960, "maxHeight": 600}  # thumbnails are 260 px wide
PAINT_GRACE = 0.05  # seconds a step's last paint may come after it ended


@dataclass
class Frame:
    painted: float  # epoch seconds, Chromium's own timestamp of the paint
    data: str  # base64 JPEG

    def jpeg(self) -> bytes:
        return base64.b64decode(self.data)


@dataclass
class TabFrames:
    """One tab's screencast: every frame it sent, oldest first."""

    session: CDPSession
    frames: list[Frame] = field(default_factory=list)

    def on_frame(self, params: dict[str, Any]) -> None:
        self.frames.append(Frame(float(params["metadata"]["timestamp"]), str(params["data"])))
        with contextlib.suppress(PlaywrightError):
            self.session.send("Page.screencastFrameAck", {"sessionId": params["sessionId"]})

    def painted_by(self, moment: float) -> Frame | None:
        """The last frame painted at or before ``moment``."""
        chosen = None
        for frame in self.frames:
            if frame.painted > moment:
                break
            chosen = frame
        return chosen

    def stop(self) -> None:
        with contextlib.suppress(PlaywrightError):
            self.session.send("Page.stopScreencast")
            self.session.detach()


def start(page: Page) -> TabFrames | None:
    """Start screencasting ``page``; None where the browser cannot (not Chromium, no DevTools)."""
    try:
        session = page.context.new_cdp_session(page)
        tab = TabFrames(session)
        session.on("Page.screencastFrame", tab.on_frame)
        session.send("Page.startScreencast", FRAME_OPTIONS)
    except PlaywrightError:
        return None
    return tab


def now() -> float:
    """The clock the frames' paint times use (epoch seconds)."""
    return time.time()
