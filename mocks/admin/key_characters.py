"""Which characters an API key can hold, and how to name the others for a person.

Magento Services API keys are printable ASCII. A key pasted from a web page or a chat can
bring along characters nobody sees (a zero-width space, a right-to-left mark, a line
separator) or be typed in another script; such a key can never be valid, and it cannot even
travel in the HTTP header the key check uses. The admin stores what was typed (as Magento's
config field does) and the key check calls such a key not valid without asking the gateway,
naming the characters so a person can see why.
"""

from __future__ import annotations

import unicodedata

FIRST_PRINTABLE, LAST_PRINTABLE = 0x20, 0x7E
MAX_NAMED = 3  # a hint names at most this many distinct characters

# C0 controls and DEL have no Unicode name of their own: the names from their aliases
CONTROL_NAMES = {
    0x00: "NULL",
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}


def foreign_characters(key: str) -> list[str]:
    """The distinct characters of ``key`` outside printable ASCII, in order of first appearance."""
    seen: list[str] = []
    for ch in key:
        if not FIRST_PRINTABLE <= ord(ch) <= LAST_PRINTABLE and ch not in seen:
            seen.append(ch)
    return seen


def describe(ch: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: the code point and, where Unicode has one, its name."""
    code = ord(ch)
    name = CONTROL_NAMES.get(code) or unicodedata.name(ch, "")
    if not name and unicodedata.category(ch) == "Cc":
        name = "CONTROL CHARACTER"
    return f"U+{code:04X} {name}".rstrip()


def describe_all(chars: list[str]) -> str:
    named = ", ".join(describe(ch) for ch in chars[:MAX_NAMED])
    more = len(chars) - MAX_NAMED
    return named + (f" and {more} more" if more > 0 else "")
