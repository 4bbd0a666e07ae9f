"""Form keys (Magento's CSRF token) and input validation shared by both apps."""

from __future__ import annotations

import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass

from flask import abort, render_template, request, session

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
    return bool(sent and expected) and hmac.compare_digest(sent, str(expected))


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

    def clean(self, raw: str | None) -> str:
        value = (raw or "").strip()
        if "\ufffd" in value:
            raise InputError(f"{self.label} is not valid UTF-8 text.")
        if _CONTROL.search(value) or (self.single_line and ("\n" in value or "\r" in value)):
            raise InputError(f"{self.label} contains characters that are not allowed.")
        if self.required and not value:
            raise InputError(f"{self.label} is a required field.")
        if len(value) > self.max_length:
            raise InputError(f"{self.label} can be at most {self.max_length} characters long.")
        return unicodedata.normalize("NFC", value)


def require_valid_utf8_form() -> None:
    """Refuse a request whose form fields did not decode as UTF-8 (400)."""
    for key, values in request.form.lists():
        if "\ufffd" in key or any("\ufffd" in v for v in values):
            abort(400, description="The form data is not valid UTF-8 text.")


def render_error(template: str, status: int, **context: object) -> tuple[str, int]:
    return render_template(template, **context), status
