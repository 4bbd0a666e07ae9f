"""How a scenario checks the doc's promises, and how a failure names the doc step whose promise broke.

A scenario's promise bookkeeping lives in its test item's ``user_properties`` (they travel under xdist):
``("promise-due", id)`` when the scenario did what the promise is about, ``("promise-kept", id)`` when its check
passed, and on a failure ``("promise-broken", id)`` and ``("doc-step-broken", tag)`` (``"set-up"`` for a
failure that belongs to no promise), recorded before the failure leaves the step. The living doc diffs them
around each Gherkin step to know which doc steps each step checked.

A failure's first line names the broken promise's doc step, wherever it broke: "Doc step 4 (Create and copy a
key in the API Portal): Copy should ... (while setting up a doc step 5 scenario)".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError

from flowspec.doc_steps import label, short_label
from flowspec.promises import broken_doc_steps
from harness.control_api import ControlApiError

DUE, KEPT, BROKEN, DOC_STEP_BROKEN, NOTE = "promise-due", "promise-kept", "promise-broken", "doc-step-broken", "note"
SET_UP = "set-up"
STORE = "store"  # a verified store needs attention: the product kept the doc's promises, the store's key did not
CHECK_ERRORS = (AssertionError, PlaywrightError, ControlApiError)


class DocStepFailure(AssertionError):
    """A failed promise or action; its first line names the doc step whose promise broke."""

    def __init__(self, message: str, doc_steps: tuple[str, ...], promise: str | None) -> None:
        super().__init__(message)
        self.doc_steps = doc_steps  # ("doc-step-4",), or ("set-up",)
        self.promise = promise


@dataclass
class PromiseLog:
    """One scenario's promises: what it made due, kept and broke."""

    doc_tags: tuple[str, ...]  # the scenario's doc steps, from its tags
    properties: list[tuple[str, object]] = field(default_factory=list, repr=False)  # the item's user_properties
    setting_up: bool = False  # the current Gherkin step is a Given (set by the step hook)

    def record(self, name: str, value: str) -> None:
        if (name, value) not in self.properties:
            self.properties.append((name, value))

    def due(self, promise_id: str) -> None:
        """The scenario did what the promise is about: a later step must check it."""
        self.record(DUE, promise_id)

    def note(self, text: str) -> None:
        """A fact about the target the scenario met (which admin layout, say)."""
        self.record(NOTE, text)

    @contextmanager
    def keeping(self, promises: str | Sequence[str] | None, expected: str, seen: Callable[[], str]) -> Iterator[None]:
        """Check what the promise(s) say: due on entry, kept when the block passes. Any failure inside (an
        assertion, a Playwright time-out, a refused control call) becomes a ``DocStepFailure`` naming the first
        promise's doc step, what was expected and what ``seen()`` describes. A failure named further in is
        passed on as it is."""
        ids = [promises] if isinstance(promises, str) else list(promises or [])
        for promise_id in ids:
            self.due(promise_id)
        with self.acting(ids[0] if ids else None, expected, seen):
            yield
        for promise_id in ids:
            self.record(KEPT, promise_id)

    @contextmanager
    def acting(self, promise: str | None, expected: str, seen: Callable[[], str], due: bool = True) -> Iterator[None]:
        """Do what a promise is about (a click, a paste) without checking it yet: the promise is due (unless
        ``due=False``: only getting ready for it), and a failure is named after it. ``promise=None``: the
        scenario's set-up."""
        if promise is not None and due:
            self.due(promise)
        try:
            yield
        except DocStepFailure:
            raise
        except CHECK_ERRORS as exc:
            doc_steps = broken_doc_steps(promise, self.doc_tags) if promise else (SET_UP,)
            if promise is not None:
                self.record(BROKEN, promise)
            for doc_step in doc_steps:
                self.record(DOC_STEP_BROKEN, doc_step)
            raise DocStepFailure(self.failure_text(doc_steps, expected, seen(), exc), doc_steps, promise) from exc

    def failure_text(self, doc_steps: tuple[str, ...], expected: str, seen: str, exc: BaseException) -> str:
        lines = [line for line in str(exc).strip().splitlines() if line.strip()]
        detail = lines[0] if lines else type(exc).__name__
        waiting = next((line.strip(" -") for line in lines if "waiting for" in line), "")
        where = " / ".join(self.where(doc_step) for doc_step in doc_steps)
        text = f"{where}: {expected}{self.context(doc_steps[0])}\n  seen: {seen}\n  detail: {detail}"
        return text + (f"\n  while {waiting}" if waiting else "")

    def where(self, doc_step: str) -> str:
        return "Scenario set-up" if doc_step == SET_UP else label(doc_step)

    def context(self, doc_step: str) -> str:
        """' (while setting up a doc step 5 scenario)' when the broken promise is not one of the scenario's."""
        if doc_step in self.doc_tags or not self.doc_tags:
            return ""
        about = " / ".join(short_label(tag) for tag in self.doc_tags)
        return f" (while setting up a {about} scenario)" if self.setting_up else f" (in a {about} scenario)"
