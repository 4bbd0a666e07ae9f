"""The step pictures the screencast gives: each step's picture shows its own effect and none of the next step's,
however soon the next step acts; the last step's shows the tab as the scenario left it."""

from __future__ import annotations

import base64
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page

from livingdoc import pictures as screencast
from livingdoc.model import StepResult
from livingdoc.pictures import Camera

RED, BLUE, GREEN = (255, 0, 0), (0, 0, 255), (0, 128, 0)
PAGE = "<body style='margin:0'><div id=box style='width:100vw;height:100vh;background:rgb(255,0,0)'></div>"
PAINT_BLUE = "document.getElementById('box').style.background = 'rgb(0,0,255)'"
PAINT_GREEN = "document.getElementById('box').style.background = 'rgb(0,128,0)'"
DECODE_JS = """async src => {
  const img = new Image(); img.src = src; await img.decode();
  const canvas = document.createElement('canvas'); canvas.width = img.width; canvas.height = img.height;
  const context = canvas.getContext('2d'); context.drawImage(img, 0, 0);
  return Array.from(context.getImageData(img.width >> 1, img.height >> 1, 1, 1).data.slice(0, 3));
}"""


def colour(page: Page, picture: Path) -> tuple[int, ...]:
    """The colour in the middle of a JPEG, decoded by the browser (another tab of ``page``'s context)."""
    decoder = page.context.new_page()
    try:
        rgb = decoder.evaluate(DECODE_JS, "data:image/jpeg;base64," + base64.b64encode(picture.read_bytes()).decode())
    finally:
        decoder.close()
    return tuple(rgb)


def near(rgb: tuple[int, ...], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 40 for a, b in zip(rgb, expected, strict=True))


def first_frame(camera: Camera, page: Page) -> None:
    """Wait (at most 2 s) until the tab's screencast has sent a frame."""
    cast = camera._casts[id(page)]
    assert cast is not None, "Chromium should screencast the tab"
    deadline = time.monotonic() + 2
    while not cast.frames and time.monotonic() < deadline:
        page.wait_for_timeout(10)
    assert cast.frames, "the tab sent no screencast frame in 2 s"


def step(index: int) -> StepResult:
    return StepResult(keyword="Then", text=f"step {index + 1}", line=index + 1)


def last_step_turning_blue(tabs: list[tuple[str, Page]], tmp_path: Path, nodeid: str) -> StepResult:
    """A one-step scenario whose step turns the red tab blue just before it ends; its record after the camera's
    finish."""
    camera, record = Camera(tmp_path, nodeid, screencast=True), step(0)
    camera.step_started(tabs)
    first_frame(camera, tabs[0][1])
    tabs[0][1].evaluate(PAINT_BLUE)
    camera.after_step(0, tabs, record)
    camera.finish(tabs)
    return record


@pytest.fixture
def red_tab(page: Page) -> list[tuple[str, Page]]:
    page.goto("data:text/html," + PAGE)  # not about:blank, which gets no picture
    return [("admin", page)]


def test_the_last_picture_shows_a_change_made_just_before_the_scenario_ended(
    red_tab: list[tuple[str, Page]], tmp_path: Path
) -> None:
    record = last_step_turning_blue(red_tab, tmp_path, "t::last")
    assert [shot.tab for shot in record.shots] == ["admin"]
    seen = colour(red_tab[0][1], tmp_path / record.shots[0].path)
    assert near(seen, BLUE), f"the last step's picture is {seen}, not the blue the tab ended with"


def test_a_change_whose_frame_does_not_come_is_captured(
    red_tab: list[tuple[str, Page]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screencast.TabFrames, "painted_since", lambda self, moment: False)
    record = last_step_turning_blue(red_tab, tmp_path, "t::fallback")
    seen = colour(red_tab[0][1], tmp_path / record.shots[0].path)
    assert near(seen, BLUE), f"the captured picture is {seen}, not blue"


def test_a_step_before_a_failing_one_keeps_the_picture_from_before_the_failure(
    red_tab: list[tuple[str, Page]], tmp_path: Path
) -> None:
    camera, passed, failed = Camera(tmp_path, "t::failed", screencast=True), step(0), step(1)
    camera.step_started(red_tab)
    first_frame(camera, red_tab[0][1])
    camera.after_step(0, red_tab, passed)
    camera.step_started(red_tab)
    red_tab[0][1].evaluate(PAINT_BLUE)  # the failing step changes the tab at once
    failed.shots = camera.shots_now(1, red_tab, always=True)
    camera.finish(red_tab)
    before, at_failure = (colour(red_tab[0][1], tmp_path / s.shots[0].path) for s in (passed, failed))
    assert near(before, RED), f"the passing step's picture is {before}, not the red it ended with"
    assert near(at_failure, BLUE), f"the failing step's picture is {at_failure}, not blue"


def test_a_steps_picture_shows_none_of_the_next_steps_effect(red_tab: list[tuple[str, Page]], tmp_path: Path) -> None:
    """A Given leaves the tab red (a login form), the next step changes it at once (types a user name): the
    Given's picture is the red tab, however soon the next step paints."""
    camera, given, when = Camera(tmp_path, "t::next", screencast=True), step(0), step(1)
    page = red_tab[0][1]
    camera.step_started(red_tab)
    first_frame(camera, page)
    camera.after_step(0, red_tab, given)
    camera.step_started(red_tab)
    page.evaluate(PAINT_BLUE)
    page.wait_for_timeout(100)  # painted well before the step ends
    camera.after_step(1, red_tab, when)
    camera.finish(red_tab)
    seen = [colour(page, tmp_path / s.shots[0].path) for s in (given, when)]
    assert near(seen[0], RED), f"the Given's picture is {seen[0]}, not the red it left: the next step's effect"
    assert near(seen[1], BLUE), f"the next step's picture is {seen[1]}, not blue"


def test_a_change_at_the_end_of_a_step_shows_in_its_picture(red_tab: list[tuple[str, Page]], tmp_path: Path) -> None:
    """A step turns the tab blue as its last act and the next one turns it green at once: the first step's
    picture is blue (its own effect), the second's green."""
    camera, first, second = Camera(tmp_path, "t::end", screencast=True), step(0), step(1)
    page = red_tab[0][1]
    camera.step_started(red_tab)
    first_frame(camera, page)
    page.evaluate(PAINT_BLUE)
    camera.after_step(0, red_tab, first)
    camera.step_started(red_tab)
    page.evaluate(PAINT_GREEN)
    camera.after_step(1, red_tab, second)
    camera.finish(red_tab)
    seen = [colour(page, tmp_path / s.shots[0].path) for s in (first, second)]
    assert near(seen[0], BLUE), f"the first step's picture is {seen[0]}, not the blue it ended with"
    assert near(seen[1], GREEN), f"the second step's picture is {seen[1]}, not green"
