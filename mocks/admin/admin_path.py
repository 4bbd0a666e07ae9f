"""The admin's URL path (Magento's backend frontName): what it may be, and what it must not collide with.

Magento's installer takes letters, digits and underscores for the backend frontName. The mock
admin also serves ``/_mock/`` (the control API) and ``/static/`` on the same host: an admin path
of that name would shadow them (``_mock`` silently switched admin sign-in off), so both are refused.
"""

from __future__ import annotations

import re

FRONT_NAME = re.compile(r"[A-Za-z0-9_]+")
RESERVED = {"_mock": "the control API at /_mock/", "static": "the admin's style sheets at /static/"}


def check_admin_path(raw: str) -> str:
    """``raw`` without surrounding slashes, or ValueError saying why it cannot be the admin path."""
    name = raw.strip("/")
    if not FRONT_NAME.fullmatch(name):
        raise ValueError(
            f"the admin path {raw!r} can only hold letters, digits and underscores"
            " (Magento's backend frontName), e.g. 'admin' or 'backoffice_9x2'"
        )
    if name in RESERVED:
        raise ValueError(f"the admin path '{name}' is reserved: it would collide with {RESERVED[name]}")
    return name
