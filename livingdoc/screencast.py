"""Screenshots that cost the scenario nothing: Playwright's screencast of each tab.

With ``page.screencast.start(on_frame=...)`` (Playwright 1.65; on Chromium, DevTools' screencast) the
browser sends a JPEG frame whenever a tab repaints, while the scenario goes on; Playwright acknowledges
each frame itself without waiting (our own DevTools session had to wait about 10 ms for each of some 40
acknowledgements per scenario), and we keep the frames in memory with their paint time. The picture of a
tab "after step N" is then chosen later, from the frames painted before the next step could change
anything: up to ``PAINT_GRACE`` after step N ended, and no later than ``PAINT_GRACE`` after step N+1's
code started (a paint that late is the next step's). A tab that did not repaint keeps its last picture.
Only the front tab paints; a tab in the background keeps the picture it had.

The last step has no next step to wait for: ``repaint`` restarts a tab's screencast, which makes Chromium
paint the tab once more, and a frame painted after the restart is the tab as the scenario left it. The
tabs repaint at the same time, so the wait is about one frame's (some 30 to 40 ms here) rather than one
capture per tab. Like the choice of a step's frames, this compares the browser's paint times with this
process's clock: a browser on another machine needs a clock that agrees (else the wait runs out and the
picture is captured as before).
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, ScreencastFrame, ScreencastSize

FRAME_QUALITY = 50
FRAME_SIZE: ScreencastSize = {"width": 960, "height": 600}  # the thumbnails are 260 px wide, the enlarged picture 960
PAINT_GRACE = 0.05  # seconds a step's last paint may come after it ended
REPAINT_WAIT = 0.5  # seconds to wait for the frames ``repaint`` asked for, before falling back to a capture
REPAINT_POLL_MS = 5


@dataclass
class Frame:
    painted: float  # epoch seconds, the browser's own timestamp of the paint
    data: bytes  # JPEG

    def jpeg(self) -> bytes:
        return self.data


@dataclass
class TabFrames:
    """One tab's screencast: every frame it sent, oldest first."""

    page: Page
    frames: list[Frame] = field(default_factory=list)
    repaint_at: float | None = None  # when ``repaint`` restarted the screencast (the frames' clock)

    def on_frame(self, frame: ScreencastFrame) -> None:
        self.frames.append(Frame(float(frame["timestamp"]) / 1000, frame["data"]))  # Playwright gives ms

    def painted_by(self, moment: float) -> Frame | None:
        """The last frame painted at or before ``moment``."""
        chosen = None
        for frame in self.frames:
            if frame.painted > moment:
                break
            chosen = frame
        return chosen

    def repaint(self) -> bool:
        """Ask for a fresh frame of the tab as it is now; False where the screencast cannot restart."""
        try:
            self.page.screencast.stop()
            self.repaint_at = now()
            self.page.screencast.start(on_frame=self.on_frame, quality=FRAME_QUALITY, size=FRAME_SIZE)
        except PlaywrightError:
            self.repaint_at = None
            return False
        return True

    def repainted(self) -> Frame | None:
        """The newest frame painted after ``repaint`` (a frame painted before it can still arrive after it)."""
        if self.repaint_at is None or not self.frames or self.frames[-1].painted < self.repaint_at:
            return None
        return self.frames[-1]

    def stop(self) -> None:
        if not self.page.is_closed():
            with contextlib.suppress(PlaywrightError):
                self.page.screencast.stop()


def start(page: Page) -> TabFrames | None:
    """Start the screencast of ``page``; None where the browser cannot."""
    tab = TabFrames(page)
    try:
        page.screencast.start(on_frame=tab.on_frame, quality=FRAME_QUALITY, size=FRAME_SIZE)
    except PlaywrightError:
        return None
    return tab


def wait_for_repaints(tabs: list[TabFrames], timeout: float = REPAINT_WAIT) -> None:
    """Let Playwright deliver the frames ``repaint`` asked for (in small waits, at most ``timeout``)."""
    deadline = time.monotonic() + timeout
    pending = [tab for tab in tabs if tab.repainted() is None and not tab.page.is_closed()]
    while pending and time.monotonic() < deadline:
        try:
            pending[0].page.wait_for_timeout(REPAINT_POLL_MS)
        except PlaywrightError:
            return
        pending = [tab for tab in pending if tab.repainted() is None and not tab.page.is_closed()]


def now() -> float:
    """The clock the frames' paint times use (epoch seconds)."""
    return time.time()
