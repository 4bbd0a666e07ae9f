"""What a tab shows, in one line, for failure messages: its URL, headings and messages."""

from __future__ import annotations

from playwright.sync_api import Error, Page


def describe(page: Page) -> str:
    try:
        if page.is_closed():
            return "(the tab was closed)"
        headings = [t.strip() for t in page.locator("h1, h2").all_inner_texts() if t.strip()][:4]
        messages = [" ".join(t.split()) for t in page.locator(".message").all_inner_texts() if t.strip()][:3]
    except Error as exc:
        return f"{page.url} (could not read the page: {exc.message.splitlines()[0]})"
    parts = [page.url, f"headings {headings}"]
    if messages:
        parts.append(f"messages {messages}")
    return "; ".join(parts)
