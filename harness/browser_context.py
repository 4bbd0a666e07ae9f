"""The browser context every scenario (and the benchmark's bare script) gets, defined once."""

from __future__ import annotations

CONTEXT_ARGS: dict[str, object] = {"viewport": {"width": 1280, "height": 800}, "locale": "en-US"}
CLIPBOARD_PERMISSIONS = ["clipboard-read", "clipboard-write"]
