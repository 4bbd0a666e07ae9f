"""Magento's login form as a page answers it over HTTP, before any browser: the Commerce Admin's and the
Commerce account's both render ``<form id="login-form">`` with a ``form_key`` and ``login[username]`` /
``login[password]`` fields. Used to sign in over HTTP and to tell whether a page asks to sign in."""

from __future__ import annotations

import re
from dataclasses import dataclass

FORM = re.compile(r"<form\b[^>]*\bid=\"login-form\"[^>]*>", re.IGNORECASE)
ACTION = re.compile(r"\baction=\"([^\"]*)\"")
FORM_KEY = re.compile(r"<input\b[^>]*\bname=\"form_key\"[^>]*\bvalue=\"([^\"]*)\"")
USERNAME_FIELD, PASSWORD_FIELD = "login[username]", "login[password]"


@dataclass(frozen=True)
class LoginForm:
    action: str  # as written in the form ("" posts back to the page's own URL)
    form_key: str | None

    def fields(self, username: str, password: str) -> dict[str, str | float | bool]:
        key = {"form_key": self.form_key} if self.form_key is not None else {}
        return {**key, USERNAME_FIELD: username, PASSWORD_FIELD: password}


def login_form_in(html: str) -> LoginForm | None:
    """The login form a page holds, or None when it holds none."""
    form = FORM.search(html)
    if form is None:
        return None
    action = ACTION.search(form.group(0))
    form_key = FORM_KEY.search(html[form.start() :])
    return LoginForm(action.group(1) if action else "", form_key.group(1) if form_key else None)
