"""The admin's side of the key check: ask the gateway, server to server, every time.

Follows Magento_ServicesConnector's KeyValidation: an empty key is "missing"
without a call; otherwise ``GET /gateway/apikeycheck`` with header
``magento-api-key``. 200 means valid; a 401/403 names why not; anything else,
or no answer within the timeout, means the key could not be verified.

A key with a character no API key has (see ``key_characters``) is "unknown"
without a call: it could not travel in the header, and no gateway would know it.
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from mocks.admin.key_characters import describe_all, foreign_characters

USER_AGENT = "Magento Services Connector (Magento: Commerce mock)"
REJECTION_REASONS = {"missing", "unknown", "expired", "revoked"}
# The channel waits GATEWAY_TIMEOUT (app config) for the key service; the control API can set another
# time-out until the next reset, kept in app.extensions[KEYCHECK_TIMEOUT].
KEYCHECK_TIMEOUT = "keycheck_timeout"
MIN_TIMEOUT, MAX_TIMEOUT = 0.05, 30.0


@dataclass(frozen=True)
class Verdict:
    status: str  # valid | missing | unknown | expired | revoked | invalid | unavailable
    detail: str = ""
    foreign_characters: tuple[str, ...] = ()  # what in the stored key no API key has, for the prompt's hint

    @property
    def is_valid(self) -> bool:
        return self.status == "valid"

    @property
    def is_unavailable(self) -> bool:
        return self.status == "unavailable"

    def for_log(self) -> str:
        return f"{self.status} ({self.detail})" if self.detail else self.status


def check_key(gateway_url: str, api_key: str | None, timeout: float) -> Verdict:
    if not api_key:
        return Verdict("missing", "no key is stored; gateway not asked")
    foreign = foreign_characters(api_key)
    if foreign:
        return Verdict("unknown", f"the key holds {describe_all(foreign)}; gateway not asked", tuple(foreign))
    request = urllib.request.Request(
        gateway_url.rstrip("/") + "/gateway/apikeycheck",
        headers={"magento-api-key": api_key, "User-Agent": USER_AGENT, "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Verdict("valid", f"gateway answered {response.status}")
    except urllib.error.HTTPError as exc:
        return _rejection(exc)
    except TimeoutError:
        return Verdict("unavailable", f"no answer within {timeout:g} s")
    except (urllib.error.URLError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return Verdict("unavailable", f"no answer within {timeout:g} s")
        return Verdict("unavailable", f"gateway unreachable: {reason}")
    except http.client.HTTPException as exc:  # an answer that is not HTTP
        return Verdict("unavailable", f"gateway answered something that is not HTTP ({type(exc).__name__})")


def _rejection(exc: urllib.error.HTTPError) -> Verdict:
    if exc.code >= 500:
        return Verdict("unavailable", f"gateway answered {exc.code}")
    try:
        reason = json.loads(exc.read().decode("utf-8")).get("reason")
    except (ValueError, AttributeError, OSError, RecursionError, http.client.HTTPException):
        reason = None
    if exc.code in (401, 403) and isinstance(reason, str) and reason in REJECTION_REASONS:
        return Verdict(str(reason), f"gateway answered {exc.code}")
    return Verdict("invalid", f"gateway answered {exc.code}")
