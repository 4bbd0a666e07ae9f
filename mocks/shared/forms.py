"""Form keys (Magento's CSRF token) and input validation shared by both apps."""

from __future__ import annotations

import hmac
import re
import secrets
import unicodedata
import urllib.parse
from dataclasses import dataclass

from flask import abort, request, session

INVALID_FORM_KEY = "Invalid security or form key. Please refresh the page."


def form_key() -> str:
    """The session's form key, made on first use (exposed to templates)."""
    key = session.get("form_key")
    if not key:
        key = secrets.token_urlsafe(12)
        session["form_key"] = key
    return str(key)


def form_key_is_valid() -> bool:
    sent = request.form.get("form_key", "")
    expected = session.get("form_key", "")
    return bool(sent and expected) and hmac.compare_digest(sent.encode("utf-8"), str(expected).encode("utf-8"))


class InputError(ValueError):
    """Bad user input; the message is shown to the user as is."""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Text:
    """Rules for one text field."""

    label: str
    max_length: int = 255
    required: bool = True
    single_line: bool = True
    as_typed: bool = False  # a password: Magento compares it exactly as typed, neither normalised nor trimmed

    def clean(self, raw: str | None) -> str:
        """The value as stored: normalised (NFC) and trimmed first (unless ``as_typed``), so every
        check, the length included, applies to what is stored."""
        value = (raw or "") if self.as_typed else unicodedata.normalize("NFC", raw or "").strip()
        if "\ufffd" in value:
            raise InputError(f"{self.label} is not valid UTF-8 text.")
        if _CONTROL.search(value) or (self.single_line and ("\n" in value or "\r" in value)):
            raise InputError(f"{self.label} contains characters that are not allowed.")
        if self.required and not value:
            raise InputError(f"{self.label} is a required field.")
        if len(value) > self.max_length:
            raise InputError(f"{self.label} can be at most {self.max_length} characters long.")
        return value


INVALID_UTF8 = "The form data is not valid UTF-8 text."
UNREADABLE_FORM = "The form data could not be read. Send the form again from the page."


def require_valid_utf8_form() -> None:
    """Refuse (400) a form that is not UTF-8 or that could not be read at all.

    Call it before anything reads ``request.form``: for a URL-encoded body it
    checks the raw bytes, because Werkzeug keeps undecodable ``%XX`` escapes
    as text instead of failing.
    """
    if request.mimetype == "application/x-www-form-urlencoded" and not _is_utf8_query(request.get_data(cache=True)):
        abort(400, description=INVALID_UTF8)
    for key, values in request.form.lists():
        if "\ufffd" in key or any("\ufffd" in v for v in values):
            abort(400, description=INVALID_UTF8)
    if request.content_length and not request.form and not request.files:
        abort(400, description=UNREADABLE_FORM)


def _is_utf8_query(raw: bytes) -> bool:
    try:
        urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return False
    return True
