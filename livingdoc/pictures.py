"""The living doc's pictures: each open tab after each Gherkin step, and the doc's illustrations.

Screenshots that cost the scenario nothing: Playwright's screencast of each tab. With
``page.screencast.start(on_frame=...)`` (Playwright 1.65; on Chromium, DevTools' screencast) the browser
sends a JPEG frame whenever a tab repaints, while the scenario goes on; Playwright acknowledges each frame
itself without waiting, and we keep the frames in memory with their paint time. The picture of a tab
"after step N" is then chosen later, from the frames painted before the next step could change anything:
up to ``PAINT_GRACE`` after step N ended, and no later than ``PAINT_GRACE`` after step N+1's code started.
A tab that did not repaint keeps its last picture. Only the front tab paints; a tab in the background keeps
the picture it had.

The last step has no next step to wait for: ``repaint`` restarts a tab's screencast, which makes Chromium
paint the tab once more, and a frame painted after the restart is the tab as the scenario left it. The tabs
repaint at the same time, so the wait is about one frame's rather than one capture per tab. Like the choice
of a step's frames, this compares the browser's paint times with this process's clock: a browser on another
machine needs a clock that agrees (else the wait runs out and the picture is captured as before).

A failing step, and a tab without a screencast, are captured at once: on Chromium straight through the
DevTools protocol (``Page.captureScreenshot``, JPEG, ``optimizeForSpeed``), about half the time of
``page.screenshot``; any other browser, or a protocol error, falls back to ``page.screenshot``. A tab whose
URL, DOM, form values, scroll and focus did not change since its last screenshot keeps that screenshot.

The doc's three illustrations are re-created from the mocks during the end-to-end scenario: each is the
screenshot of one tab right after a given Gherkin step of a scenario tagged ``@end-to-end``; the file names
are the doc's own (``assets/<name>``).
"""

from __future__ import annotations

import base64
import contextlib
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import CDPSession, Page, ScreencastFrame, ScreencastSize
from playwright.sync_api import Error as PlaywrightError

from livingdoc.model import Shot, StepResult

# ---- the screencast's frames ----

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


def start_screencast(page: Page) -> TabFrames | None:
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


# ---- the camera ----

JPEG_QUALITY = 55
FALLBACK_OPTIONS: dict[str, Any] = {"type": "jpeg", "quality": JPEG_QUALITY, "caret": "initial", "timeout": 5_000}
PNG_FALLBACK_OPTIONS: dict[str, Any] = {"type": "png", "timeout": 5_000}  # the illustrations
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


@dataclass
class Mark:
    """Step ``index`` ended at ``ended`` with these tabs open; its pictures are chosen from the screencast later."""

    index: int
    ended: float
    tabs: list[tuple[str, Page]]
    urls: dict[str, str]  # each tab's URL when the step ended
    record: StepResult
    limit: float = 0.0  # frames painted up to this moment show this step's outcome


class Camera:
    """The screenshots of one scenario's tabs.

    ``screencast=True`` (Chromium): after each step the tabs are only marked; their pictures are chosen
    at the end of the scenario from the frames Chromium sent while it ran (``livingdoc.screencast``); the
    last step's come from one more frame each tab paints when its screencast restarts. A tab without a
    screencast and a failing step are captured at once instead, over DevTools (``Page.captureScreenshot``)
    or with ``page.screenshot``. A tab that did not change keeps its last picture.
    """

    def __init__(self, run_dir: Path, nodeid: str, screencast: bool = False) -> None:
        self.run_dir = run_dir
        self.folder = Path("shots") / folder_name(nodeid)
        self.screencast = screencast
        self._sessions: dict[int, CDPSession | None] = {}
        self._last: dict[str, tuple[str, Shot]] = {}  # tab name -> (its signature or frame id, its last shot)
        self._casts: dict[int, TabFrames | None] = {}
        self._marks: list[Mark] = []
        self._watched: set[int] = set()
        self._latest_step = -1  # the last step that got pictures (marked, or taken at once)

    # ---- after each step ----

    def step_started(self, tabs: list[tuple[str, Page]]) -> None:
        """A step's code starts: what the step before showed has been painted by now; every open tab is
        screencast from here on (and a tab the browser opens later, from its creation)."""
        if self._marks and not self._marks[-1].limit:
            mark = self._marks[-1]
            mark.limit = max(mark.ended + PAINT_GRACE, now())
        if not self.screencast:
            return
        self._watch_new_pages(tabs)
        for _, page in tabs:
            if id(page) not in self._casts and not page.is_closed():
                self._casts[id(page)] = start_screencast(page)

    def after_step(self, index: int, tabs: list[tuple[str, Page]], record: StepResult) -> None:
        """Pictures of every tab for this step: chosen later from the screencast, or at once where a tab
        has none (not Chromium, or opened by something the camera did not watch)."""
        self._latest_step = max(self._latest_step, index)
        tabs = [(name, page) for name, page in tabs if not page.is_closed() and not is_blank(page)]
        at_once = [(n, p) for n, p in tabs if not self.screencast or self._casts.get(id(p)) is None]
        if at_once:
            record.shots = self.shots_now(index, at_once)
        if self.screencast:
            urls = {name: page.url for name, page in tabs}
            self._marks.append(Mark(index, now(), tabs, urls, record))

    def finish(self, tabs: list[tuple[str, Page]]) -> None:
        """The steps are over: each marked step gets the frames painted before the next step started. The
        last step, when it was the last to run, gets a fresh frame of each tab in front: restarting a tab's
        screencast makes Chromium paint it again (``TabFrames.repaint``), all tabs at once; a tab whose frame
        does not come is captured instead. The other tabs have not repainted since."""
        if not self._marks:
            return
        last = self._marks[-1]
        refresh = last.index == self._latest_step  # else a failing step after it has its own pictures
        if not last.limit:
            last.limit = now()
        front = [(name, page) for name, page in last.tabs if refresh and not page.is_closed() and _in_front(page)]
        repainting: dict[str, TabFrames] = {}
        for name, page in front:
            cast = self._casts.get(id(page))
            if cast is not None and cast.repaint():
                repainting[name] = cast
        for mark in self._marks:
            self._choose(mark)
        wait_for_repaints(list(repainting.values()))
        fresh: dict[str, Shot] = {}
        for name, cast in repainting.items():
            frame = cast.repainted()
            if frame is not None:
                fresh[name] = self._write(last, name, cast.page, frame, cast.page.url)
        missing = [(name, page) for name, page in front if name not in fresh]
        if missing:
            fresh.update({shot.tab: shot for shot in self.shots_now(last.index, missing, always=True)})
        if fresh:
            last.record.shots = [fresh.get(shot.tab, shot) for shot in last.record.shots] + [
                shot for tab, shot in fresh.items() if tab not in {s.tab for s in last.record.shots}
            ]
        for cast in self._casts.values():
            if cast is not None:
                cast.stop()
        self._marks.clear()

    def _watch_new_pages(self, tabs: list[tuple[str, Page]]) -> None:
        """Start screencasting a tab the moment the browser opens it, so its first paints are kept too."""

        def cast(new: Page) -> None:
            self._casts.setdefault(id(new), start_screencast(new))

        for _, page in tabs:
            context = page.context
            if id(context) not in self._watched:
                self._watched.add(id(context))
                context.on("page", cast)

    def _choose(self, mark: Mark) -> None:
        limit = mark.limit or (mark.ended + PAINT_GRACE)
        taken = {shot.tab for shot in mark.record.shots}
        for name, page in mark.tabs:
            if name in taken:
                continue
            cast = self._casts.get(id(page))
            frame = cast.painted_by(limit) if cast is not None else None
            previous = self._last.get(name)
            if frame is None:
                if previous is not None:
                    mark.record.shots.append(previous[1])
                continue
            if previous is not None and previous[0] == _frame_key(page, frame):
                mark.record.shots.append(previous[1])
                continue
            mark.record.shots.append(self._write(mark, name, page, frame, mark.urls.get(name, "")))

    def _write(self, mark: Mark, name: str, page: Page, frame: Frame, url: str) -> Shot:
        """A screencast frame as the picture of tab ``name`` after step ``mark``."""
        relative = self.folder / f"{mark.index + 1:02d}-{re.sub(r'[^a-z0-9]', '', name)}.jpg"
        (self.run_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        (self.run_dir / relative).write_bytes(frame.jpeg())
        shot = Shot(tab=name, path=relative.as_posix(), url=url)
        self._last[name] = (_frame_key(page, frame), shot)
        return shot

    # ---- at once ----

    def shots_now(self, index: int, tabs: list[tuple[str, Page]], always: bool = False) -> list[Shot]:
        """A screenshot of every open tab that shows something, taken now; a tab that did not change keeps
        its last one (``always``: take them anew, e.g. at a failure)."""
        shots = []
        self._latest_step = max(self._latest_step, index)
        (self.run_dir / self.folder).mkdir(parents=True, exist_ok=True)
        for name, page in tabs:
            if page.is_closed() or is_blank(page):
                continue
            signature = "" if always else _signature(page)  # at a failure or the end: no later step compares
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

    def _shoot(self, page: Page, path: Path, png: bool = False) -> None:
        """A JPEG (or, ``png``, a PNG) of one tab over DevTools, else with ``page.screenshot``."""
        session = self._session(page)
        if session is not None:
            params: dict[str, Any] = {"format": "png"} if png else {"format": "jpeg", "quality": JPEG_QUALITY}
            try:
                answer = session.send("Page.captureScreenshot", {**params, "optimizeForSpeed": True})
                path.write_bytes(base64.b64decode(answer["data"]))
                return
            except PlaywrightError:
                self._sessions[id(page)] = None
        page.screenshot(path=path, **(PNG_FALLBACK_OPTIONS if png else FALLBACK_OPTIONS))

    def illustration(self, page: Page, path: Path) -> bool:
        """A full-size PNG of one tab, for the doc's illustrations (over DevTools where it can: about half
        the time of ``page.screenshot``); False if the tab could not be captured."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._shoot(page, path, png=True)
        except PlaywrightError:
            return False
        return True


def _frame_key(page: Page, frame: Frame) -> str:
    """What tells one tab's frame from another (a tab keeps its last picture while this stays the same)."""
    return f"frame:{id(page)}:{frame.painted}"


def _in_front(page: Page) -> bool:
    """Is this the tab the browser shows (the only one that paints)?"""
    try:
        return bool(page.evaluate("document.visibilityState === 'visible'"))
    except PlaywrightError:
        return False


def _signature(page: Page) -> str:
    """The page's signature (see SIGNATURE_JS); empty when it cannot be read (then always capture)."""
    try:
        return str(page.evaluate(SIGNATURE_JS))
    except PlaywrightError:
        return ""


# ---- the doc's illustrations ----

SCENARIO_TAG = "end-to-end"


@dataclass(frozen=True)
class Illustration:
    filename: str
    doc_tag: str
    caption: str
    step: re.Pattern[str]  # matched against the step text (without keyword)
    tab: str  # "admin" or "portal"

    def matches(self, step_text: str) -> bool:
        return bool(self.step.search(step_text))


ILLUSTRATIONS: tuple[Illustration, ...] = (
    Illustration(
        "amazon-api-verification-prompt.png",
        "doc-step-2",
        "The prompt to get an Amazon API key and add it (Welcome to Amazon Sales Channel)",
        re.compile(r'^the "Welcome to Amazon Sales Channel" prompt is shown$'),
        "admin",
    ),
    Illustration(
        "amazon-add-api-key.png",
        "doc-step-4",
        "API Portal in the Commerce account: a new key, listed under its description, copied",
        re.compile(r"^I copy the key named "),
        "portal",
    ),
    Illustration(
        "config-magento-services-api-screen.png",
        "doc-step-8",
        "Stores > Configuration > Services > Magento Services, Api Keys: the key saved",
        re.compile(r'^the message "You saved the configuration\." is shown$'),
        "admin",
    ),
)


def illustrations_due(tags: Iterable[str], step_text: str, done: Iterable[str] = ()) -> list[Illustration]:
    """The illustrations to capture after this step (each one once per run and process)."""
    if SCENARIO_TAG not in set(tags):
        return []
    finished = set(done)
    return [i for i in ILLUSTRATIONS if i.filename not in finished and i.matches(step_text)]


def for_doc_step(doc_tag: str) -> list[Illustration]:
    return [i for i in ILLUSTRATIONS if i.doc_tag == doc_tag]
