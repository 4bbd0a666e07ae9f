"""The admin's side of the key check: ask the gateway, server to server, every time.

Follows Magento_ServicesConnector's KeyValidation: an empty key is "missing"
without a call; otherwise ``GET /gateway/apikeycheck`` with header
``magento-api-key``. 200 means valid; a 401/403 names why not; anything else,
or no answer within the timeout, means the key could not be verified.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

USER_AGENT = "Magento Services Connector (Magento: Commerce mock)"
REJECTION_REASONS = {"missing", "unknown", "expired", "revoked"}


@dataclass(frozen=True)
class Verdict:
    status: str  # valid | missing | unknown | expired | revoked | invalid | unavailable
    detail: str = ""

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


def _rejection(exc: urllib.error.HTTPError) -> Verdict:
    if exc.code >= 500:
        return Verdict("unavailable", f"gateway answered {exc.code}")
    try:
        reason = json.loads(exc.read().decode("utf-8")).get("reason")
    except (ValueError, AttributeError, OSError):
        reason = None
    if exc.code in (401, 403) and reason in REJECTION_REASONS:
        return Verdict(str(reason), f"gateway answered {exc.code}")
    return Verdict("invalid", f"gateway answered {exc.code}")
