"""The mocks' input rules, written down again on their own, as the oracle of the property tests.

A text field stores its value normalised (NFC) and trimmed; it refuses U+FFFD (what undecodable
bytes become), control characters other than tab (and line breaks, unless the field takes several
lines), an empty value where one is required, and more characters than its limit, counted as stored.
A lone surrogate is no character: in a form it travels as bytes that are not UTF-8 (the whole form
is refused), in JSON as an escape the control API refuses (the whole call).
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

CONTROL = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F}
SURROGATE = re.compile(r"[\ud800-\udfff]")
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def is_text(value: str) -> bool:
    """Text a form can carry in UTF-8 and the server reads back as sent: no surrogate, no U+FFFD."""
    return "\ufffd" not in value and not SURROGATE.search(value)


def received(value: Any) -> Any:
    """``value`` as the server reads it from ``json.dumps(value)``: an escaped surrogate pair is one character."""
    return json.loads(json.dumps(value))


def holds_a_surrogate(value: Any) -> bool:
    """Any string in a JSON value (keys too, at any depth) with a surrogate."""
    if isinstance(value, str):
        return bool(SURROGATE.search(value))
    if isinstance(value, dict):
        return any(holds_a_surrogate(k) or holds_a_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(holds_a_surrogate(v) for v in value)
    return False


def stored_text(raw: str, max_length: int, *, required: bool = False, single_line: bool = True) -> str | None:
    """What a text field stores for ``raw`` ("" clears an optional field), or None when it refuses it."""
    if not is_text(raw):
        return None
    value = unicodedata.normalize("NFC", raw).strip()
    if any(ord(ch) in CONTROL for ch in value):
        return None
    if single_line and ("\n" in value or "\r" in value):
        return None
    if (required and not value) or len(value) > max_length:
        return None
    return value


def same_email(a: str, b: str) -> bool:
    """SQLite's NOCASE: ASCII letters only fold."""
    return a.translate(ASCII_LOWER) == b.translate(ASCII_LOWER)


BUSINESS_TABLES = {
    "admin": ["admin_user", "core_config_data"],
    "portal": ["account", "api_key"],
}


def snapshot(database: str | Path, site: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored value the site keeps (sessions left out: they change with every visit)."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return {
            table: sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {table}").fetchall())
            for table in BUSINESS_TABLES[site]
        }
    finally:
        conn.close()
