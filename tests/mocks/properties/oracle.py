"""The mocks' input rules, written down again on their own, as the oracle of the property tests.

A text field stores its value normalised (NFC) and trimmed; it refuses U+FFFD (what undecodable
bytes become), control characters other than tab (and line breaks, unless the field takes several
lines), an empty value where one is required, and more characters than its limit, counted as stored.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

CONTROL = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F}
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def stored_text(raw: str, max_length: int, *, required: bool = False, single_line: bool = True) -> str | None:
    """What a text field stores for ``raw`` ("" clears an optional field), or None when it refuses it."""
    value = unicodedata.normalize("NFC", raw).strip()
    if "\ufffd" in value or any(ord(ch) in CONTROL for ch in value):
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
