"""The living doc's pictures: each open tab after each Gherkin step, and the doc's illustrations.

Screenshots that cost the scenario little: Playwright's screencast of each tab. With
``page.screencast.start(on_frame=...)`` (Playwright 1.65; on Chromium, DevTools' screencast) the browser
sends a JPEG frame whenever a tab repaints, while the scenario goes on; Playwright acknowledges each frame
itself without waiting, and we keep the frames in memory with their paint time. The picture of a tab
"after step N" is chosen later, from the frames painted before step N+1's code started, so it never shows
step N+1's effect (a login form with the next step's user name already typed). To make sure it shows step
N's own effect, every page carries a small change tracker (``TRACKER_JS``: the moment its DOM, form input,
scroll or focus last changed), and at that boundary each tab tells when it last changed (one evaluate): a tab
unchanged since the step before keeps its last picture, marked unchanged; a changed tab in front that has not
painted since its change gets a paint fence (``FENCE_JS``) and a short wait for the frame of its change, else
is captured at once. Only the front tab paints; a changed tab in the background is captured at once. The
choice does not depend on how soon the next step acts, or on how loaded the machine is.

The frames are chosen by the browser's own paint times against this process's clock: a browser on another
machine needs a clock that agrees (else a changed tab's frame seems not to come, and the tab is captured).

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
import itertools
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from playwright.sync_api import CDPSession, Page, ScreencastFrame, ScreencastSize
from playwright.sync_api import Error as PlaywrightError

from flowspec.doc_steps import BY_TAG
from livingdoc.model import Shot, StepResult, folder_name

# ---- the screencast's frames ----

FRAME_QUALITY = 50
FRAME_SIZE: ScreencastSize = {"width": 960, "height": 600}  # the thumbnails are 260 px wide, the enlarged picture 960
POLL_MS = 5
DATE_NOW_RESOLUTION = 0.001  # seconds: the tracker's clock (Date.now) counts whole milliseconds
CHANGE_WAIT = 0.05  # seconds to wait for the frame of a change, before capturing the tab instead
# When a tab last changed, kept by the tab itself (a script the camera adds to every page of the context): the
# DOM, form input, scrolling, focus, a details element opening. A frame painted after that moment shows the tab
# as it is; none painted since means the change is still to be drawn.
CHANGES = "Symbol.for('livingdoc.changed')"
TRACKER_JS = f"""(() => {{
  if (window[{CHANGES}]) return;
  const seen = {{at: Date.now()}}, mark = () => {{ seen.at = Date.now(); }};
  Object.defineProperty(window, {CHANGES}, {{value: seen}});
  new MutationObserver(mark).observe(document, {{subtree: true, childList: true, attributes: true, characterData: true}});
  for (const type of ['input', 'change', 'scroll', 'focusin', 'focusout', 'toggle']) addEventListener(type, mark, true);
}})()"""
STATE_JS = f"() => window[{CHANGES}] ? window[{CHANGES}].at / 1000 : null"
ARRIVALS = itertools.count()  # every tab's frames in the order they arrive: the tab that sent the last one is in front
# A paint fence: resolves once the tab has run a rendering update, so a change made before it is committed.
FENCE_JS = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))"


@dataclass
class Frame:
    painted: float  # epoch seconds, the browser's own timestamp of the paint
    data: bytes  # JPEG
    arrived: int = 0  # its place among every tab's frames

    def jpeg(self) -> bytes:
        return self.data


@dataclass
class TabFrames:
    """One tab's screencast: every frame it sent, oldest first."""

    page: Page
    frames: list[Frame] = field(default_factory=list)

    def on_frame(self, frame: ScreencastFrame) -> None:
        self.frames.append(Frame(float(frame["timestamp"]) / 1000, frame["data"], next(ARRIVALS)))  # in ms

    def painted_since(self, moment: float) -> bool:
        return bool(self.frames) and self.frames[-1].painted >= moment

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


def wait_for_frames(tabs: list[tuple[TabFrames, float]], timeout: float) -> None:
    """Let Playwright deliver frames (in small waits, at most ``timeout``) until each tab has one painted since
    its moment."""
    since = {id(tab): moment for tab, moment in tabs}

    def arrived(tab: TabFrames) -> bool:
        return tab.painted_since(since[id(tab)])

    deadline = time.monotonic() + timeout
    pending = [tab for tab, _ in tabs if not arrived(tab) and not tab.page.is_closed()]
    while pending and time.monotonic() < deadline:
        try:
            pending[0].page.wait_for_timeout(POLL_MS)
        except PlaywrightError:
            return
        pending = [tab for tab in pending if not arrived(tab) and not tab.page.is_closed()]


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
    settled: bool = False  # its pictures are fixed: the next step began, or the scenario ended
    arrived: dict[str, int] = field(default_factory=dict)  # tab -> how many frames had arrived when it settled
    unchanged: set[str] = field(default_factory=set)  # tabs that look as they did after the step before


class Camera:
    """The screenshots of one scenario's tabs.

    ``screencast=True`` (Chromium): after each step the tabs are only marked. Before the next step's code
    runs, each tab's signature (URL, DOM, form values, scroll, focus) tells whether the step changed it; a
    changed tab in front gets a paint fence and the frame of the change; the moment after that is the step's
    limit. Its pictures are chosen at the end of the scenario from the frames painted up to that limit, so a
    picture never shows the next step's effect, and shows the step's own. The last step's come from one more
    frame each changed tab paints when its screencast restarts. A tab without a screencast, a changed tab in
    the background and a failing step are captured at once instead, over DevTools
    (``Page.captureScreenshot``) or with ``page.screenshot``. A tab that did not change keeps its last
    picture, marked unchanged.
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
        self._changed_at: dict[str, float | None] = {}  # tab name -> when it last changed, as it told at a settle
        self._tracked: set[int] = set()  # pages the change tracker was added to

    # ---- after each step ----

    def step_started(self, tabs: list[tuple[str, Page]]) -> None:
        """A step's code starts: what the step before showed has been painted by now; every open tab is
        screencast from here on (and a tab the browser opens later, from its creation)."""
        if self._marks and not self._marks[-1].settled:
            self._settle(self._marks[-1])
        if not self.screencast:
            return
        self._watch_new_pages(tabs)
        for _, page in tabs:
            if id(page) not in self._casts and not page.is_closed():
                self._casts[id(page)] = start_screencast(page)

    def after_step(self, index: int, tabs: list[tuple[str, Page]], record: StepResult) -> None:
        """Pictures of every tab for this step: chosen later from the screencast, or at once where a tab
        has none (not Chromium, or opened by something the camera did not watch)."""
        tabs = [(name, page) for name, page in tabs if not page.is_closed() and not is_blank(page)]
        at_once = [(n, p) for n, p in tabs if not self.screencast or self._casts.get(id(p)) is None]
        if at_once:
            record.shots = self.shots_now(index, at_once)
        if self.screencast:
            urls = {name: page.url for name, page in tabs}
            self._marks.append(Mark(index, now(), tabs, urls, record))

    def finish(self, tabs: list[tuple[str, Page]]) -> None:
        """The steps are over: each marked step gets the frames painted up to its limit (the last step's is
        settled now, as the others were when the next step began)."""
        if not self._marks:
            return
        last = self._marks[-1]
        if not last.settled:
            self._settle(last)
        for mark in self._marks:
            self._choose(mark)
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
                with contextlib.suppress(PlaywrightError):
                    context.add_init_script(script=TRACKER_JS)
            if id(page) not in self._tracked:
                self._tracked.add(id(page))
                with contextlib.suppress(PlaywrightError):
                    page.evaluate(TRACKER_JS)

    def _settle(self, mark: Mark) -> None:
        """The step of ``mark`` is over and the next one has not begun: find the tabs it changed (each tab
        tells when it last changed), wait until each changed tab in front has painted its change (a paint
        fence, then its frame), capture a changed tab in the background or whose frame does not come, and set
        which frames show the step: those that had arrived by then, before the next step's code changed anything.
        The order the frames arrive in decides, not their paint times (the browser's clock runs a few ms ahead
        of this process's); a change is matched with its frame on the browser's clocks alone."""
        waiting: dict[str, tuple[TabFrames, float]] = {}
        front = self._front(mark.tabs)
        capture: list[tuple[str, Page]] = []
        taken = {shot.tab for shot in mark.record.shots}
        for name, page in mark.tabs:
            if page.is_closed() or name in taken:
                continue
            try:
                changed_at = page.evaluate(STATE_JS)
            except PlaywrightError:
                changed_at = None
            if changed_at is not None and self._changed_at.get(name) == changed_at:
                mark.unchanged.add(name)
                continue
            self._changed_at[name] = changed_at
            cast = self._casts.get(id(page))
            if cast is None:
                continue
            # no tracker: capture it. Date.now() drops the fraction of its millisecond, the frames' paint times
            # keep it: a frame painted in the change's own millisecond may be from before the change.
            changed = float("inf") if changed_at is None else float(changed_at) + DATE_NOW_RESOLUTION
            if not cast.painted_since(changed):
                if cast is front:
                    waiting[name] = (cast, changed)
                else:
                    capture.append((name, page))  # a tab in the background does not paint
        for cast, _ in waiting.values():
            with contextlib.suppress(PlaywrightError):
                cast.page.evaluate(FENCE_JS)
        wait_for_frames(list(waiting.values()), CHANGE_WAIT)
        capture += [(name, cast.page) for name, (cast, changed) in waiting.items() if not cast.painted_since(changed)]
        if capture:
            mark.record.shots.extend(self.shots_now(mark.index, capture, always=True))
        mark.settled = True
        for name, page in mark.tabs:
            cast = self._casts.get(id(page))
            mark.arrived[name] = len(cast.frames) if cast is not None else 0

    def _front(self, tabs: list[tuple[str, Page]]) -> TabFrames | None:
        """The tab in front: the one that sent the last frame (only the front tab paints; in a headless browser
        every tab says it is visible and focused)."""
        casts = [cast for _, page in tabs if (cast := self._casts.get(id(page))) is not None and cast.frames]
        return max(casts, key=lambda cast: cast.frames[-1].arrived, default=None)

    def _choose(self, mark: Mark) -> None:
        taken = {shot.tab for shot in mark.record.shots}
        for name, page in mark.tabs:
            if name in taken:
                continue
            previous = self._last.get(name)
            if name in mark.unchanged and previous is not None:
                mark.record.shots.append(replace(previous[1], changed=False))
                continue
            cast = self._casts.get(id(page))
            count = mark.arrived.get(name, 0)
            frame = cast.frames[count - 1] if cast is not None and count else None
            if frame is None or (previous is not None and previous[0] == _frame_key(page, frame)):
                if previous is not None:
                    mark.record.shots.append(replace(previous[1], changed=False))
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
        (self.run_dir / self.folder).mkdir(parents=True, exist_ok=True)
        for name, page in tabs:
            if page.is_closed() or is_blank(page):
                continue
            signature = "" if always else _signature(page)  # at a failure or the end: no later step compares
            previous = self._last.get(name)
            if not always and signature and previous and previous[0] == signature:
                shots.append(replace(previous[1], changed=False))
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


def _doc_picture(doc_tag: str) -> str:
    """The file name of the picture the doc shows at this step (``flowspec``'s facts of the doc)."""
    return BY_TAG[doc_tag].facts.pictures[0]


ILLUSTRATIONS: tuple[Illustration, ...] = (
    Illustration(
        _doc_picture("doc-step-2"),
        "doc-step-2",
        "The prompt to get an Amazon API key and add it (Welcome to Amazon Sales Channel)",
        re.compile(r'^the "Welcome to Amazon Sales Channel" prompt is shown$'),
        "admin",
    ),
    Illustration(
        _doc_picture("doc-step-4"),
        "doc-step-4",
        "API Portal in the Commerce account: a new key, listed under its description, copied",
        re.compile(r"^I copy the key named "),
        "portal",
    ),
    Illustration(
        _doc_picture("doc-step-8"),
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
