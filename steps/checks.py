"""Assertions that say which documented step broke and what the browser showed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Error, Page

from flowspec.doc_steps import label


def describe(page: Page) -> str:
    """A one-line account of what a tab shows: URL, headings and messages."""
    try:
        headings = [t.strip() for t in page.locator("h1, h2").all_inner_texts() if t.strip()][:4]
        messages = [" ".join(t.split()) for t in page.locator(".message").all_inner_texts() if t.strip()][:3]
    except Error as exc:
        return f"{page.url} (could not read the page: {exc.message.splitlines()[0]})"
    parts = [page.url, f"headings {headings}"]
    if messages:
        parts.append(f"messages {messages}")
    return "; ".join(parts)


@contextmanager
def doc_expectation(doc_tag: str, expected: str, page: Page) -> Iterator[None]:
    """Re-raise a failed ``expect`` as: which doc step, what was expected, what was seen."""
    try:
        yield
    except AssertionError as exc:
        detail = str(exc).strip().splitlines()
        raise AssertionError(
            f"{label(doc_tag)}: {expected}\n  seen: {describe(page)}\n  detail: {detail[0] if detail else ''}"
        ) from exc
