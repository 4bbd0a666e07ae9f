"""The key-check gateway: ``GET /gateway/apikeycheck`` with header ``magento-api-key``."""

from __future__ import annotations

import http.client
import time
import urllib.parse
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.mocks.conftest import AppFactory, Browser, Control, Live

CHECK = "/gateway/apikeycheck"
MERCHANT = "merchant@example.com"


def check(browser: Browser, key: str | None) -> tuple[int, dict[str, object]]:
    headers = {} if key is None else {"magento-api-key": key}
    answer = browser.get(CHECK, headers=headers)
    assert answer.headers.get("Content-Type") == "application/json"
    return answer.status, answer.json()


def test_valid_key_is_200(portal_browser: Browser, portal_control: Control) -> None:
    key = portal_control.ok("POST", "/keys", {"email": MERCHANT})["key"]

    assert check(portal_browser, key) == (200, {"valid": True})


def test_surrounding_white_space_in_the_header_is_ignored(portal_browser: Browser, portal_control: Control) -> None:
    key = portal_control.ok("POST", "/keys", {"email": MERCHANT})["key"]

    assert check(portal_browser, f"  {key} ")[0] == 200


@pytest.mark.parametrize(
    ("key", "reason"), [(None, "missing"), ("", "missing"), ("   ", "missing"), ("nope", "unknown")]
)
def test_missing_or_unknown_key_is_401(portal_browser: Browser, key: str | None, reason: str) -> None:
    assert check(portal_browser, key) == (401, {"valid": False, "reason": reason})


def test_a_key_that_differs_in_case_is_unknown(portal_browser: Browser, portal_control: Control) -> None:
    key = portal_control.ok("POST", "/keys", {"email": MERCHANT, "key": "abcdef0123456789abcdef0123456789"})["key"]

    assert check(portal_browser, key.upper()) == (401, {"valid": False, "reason": "unknown"})


def test_revoked_key_is_401(portal_browser: Browser, portal_control: Control) -> None:
    key = portal_control.ok("POST", "/keys", {"email": MERCHANT, "revoked": True})["key"]

    assert check(portal_browser, key) == (401, {"valid": False, "reason": "revoked"})


def test_key_expires_by_the_mock_clock(portal_browser: Browser, portal_control: Control) -> None:
    key = portal_control.ok("POST", "/keys", {"email": MERCHANT, "expires_in_seconds": 100})["key"]
    portal_control.ok("POST", "/clock", {"advance_seconds": 99})
    assert check(portal_browser, key)[0] == 200

    portal_control.ok("POST", "/clock", {"advance_seconds": 1})

    assert check(portal_browser, key) == (401, {"valid": False, "reason": "expired"})
    portal_control.ok("POST", "/clock", {"reset": True})
    assert check(portal_browser, key)[0] == 200


def test_revoked_wins_over_expired(portal_browser: Browser, portal_control: Control) -> None:
    key = portal_control.ok("POST", "/keys", {"email": MERCHANT, "expires_in_seconds": -5, "revoked": True})["key"]

    assert check(portal_browser, key)[1]["reason"] == "revoked"


def test_default_lifetime_is_the_configured_one(make_portal: AppFactory) -> None:
    browser = make_portal(KEY_LIFETIME_SECONDS=30)
    control = browser.control()
    key = control.ok("POST", "/keys", {"email": MERCHANT})["key"]

    control.ok("POST", "/clock", {"advance_seconds": 31})

    assert check(browser, key)[1]["reason"] == "expired"


def test_gateway_needs_no_session(portal_browser: Browser) -> None:
    answer = portal_browser.get(CHECK)

    assert answer.status == 401
    assert "Set-Cookie" not in answer.headers


def test_error_mode_is_500_json(portal_browser: Browser, portal_control: Control) -> None:
    portal_control.ok("POST", "/gateway", {"mode": "error"})

    answer = portal_browser.get(CHECK, headers={"magento-api-key": "x"})

    assert answer.status == 500
    assert answer.json() == {"error": "gateway error", "message": "The key service failed."}


# --------------------------------------------------------------------------- faults on the wire


def raw_check(live: Live, timeout: float = 5.0) -> http.client.HTTPResponse:
    url = urllib.parse.urlsplit(live.portal_base)
    conn = http.client.HTTPConnection(url.hostname or "", url.port, timeout=timeout)
    conn.request("GET", CHECK, headers={"magento-api-key": live.new_key()})
    return conn.getresponse()


def test_down_mode_drops_the_connection(live: Live) -> None:
    live.portal_control.ok("POST", "/gateway", {"mode": "down"})

    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        raw_check(live)

    # the server logs the request after it dropped the socket: the client may hear of it first
    deadline = time.monotonic() + 5
    while not (entries := [e for e in live.portal_log() if e["path"] == CHECK]) and time.monotonic() < deadline:
        time.sleep(0.02)
    [entry] = entries
    assert entry["note"] == "connection dropped (gateway down)"


def test_slow_mode_answers_late(live: Live) -> None:
    live.portal_control.ok("POST", "/gateway", {"mode": "slow", "delay_seconds": 0.4})

    started = time.monotonic()
    response = raw_check(live)

    assert response.status == 200
    assert time.monotonic() - started >= 0.4


def test_back_to_ok_mode(live: Live) -> None:
    live.portal_control.ok("POST", "/gateway", {"mode": "error"})
    live.portal_control.ok("POST", "/gateway", {"mode": "ok"})

    assert raw_check(live).status == 200
