"""Remembering where a visitor wanted to go before the login page, safely."""

from __future__ import annotations

from flask import request, session


def remember_target(key: str) -> None:
    session[key] = request.full_path if request.query_string else request.path


def take_target(key: str) -> str | None:
    target = session.pop(key, None)
    return target if is_local_path(target) else None


def is_local_path(target: object) -> bool:
    """Only paths on this server: no scheme, no host, no backslash tricks, and nothing a ``Location``
    header cannot carry (a CR/LF or other control character from a percent-escape in the path)."""
    return (
        isinstance(target, str)
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and len(target) <= 2048
        and not any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target)
    )
