"""Every control call under any JSON body, raw body, token or query: a 4xx changes nothing; a 2xx does
what the call says, by the UI's rules. Every string field draws from all of Unicode, lone surrogates
included: the oracle reads a body as the server does (``received``) and expects one with a lone
surrogate anywhere refused."""

from __future__ import annotations

import json
import math
import re
import urllib.parse
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.mocks.conftest import CONTROL_TOKEN, TestBrowser, as_on_the_wire
from tests.mocks.properties.oracle import holds_a_surrogate, received, snapshot, stored_text
from tests.mocks.properties.strategies import json_objects, json_values, texts

if TYPE_CHECKING:
    from tests.mocks.conftest import Page
    from tests.mocks.properties.conftest import AppMaker

MERCHANT = "merchant@example.com"
PRODUCTION_PATH = "services_connector/services_connector_integration/production_api_key"
CONFIG_PATHS = [
    PRODUCTION_PATH,
    "services_connector/services_connector_integration/sandbox_api_key",
    "general/store_information/name",
    "general/store_information/phone",
]
LIMITS = {"general/store_information/phone": 64}
MAX_SECONDS = 100 * 365 * 24 * 3600
KEY_VALUE = re.compile(r"[!-~]{1,128}")


def never_5xx(page: Page) -> None:
    assert page.status < 500, f"{page.status} for {page.url}: {page.text[:300]}"


@pytest.fixture(scope="module")
def admin(make_app: AppMaker) -> TestBrowser:
    return TestBrowser("admin", make_app("admin"))


@pytest.fixture(scope="module")
def portal(make_app: AppMaker) -> TestBrowser:
    return TestBrowser("portal", make_app("portal"))


def state(browser: TestBrowser) -> dict[str, Any]:
    """What a refused call must leave alone: the stored data, the clock, the gateway's mode."""
    found: dict[str, Any] = dict(snapshot(str(browser.app.config["DATABASE"]), browser.site))
    found["clock"] = browser.app.extensions["clock"].offset
    if browser.site == "portal":
        found["gateway"] = browser.app.extensions["gateway_fault"].get()
    return found


def call(browser: TestBrowser, method: str, path: str, body: object) -> Page:
    return browser.control().call(method, path, raw=json.dumps(body).encode())


def plausible(fields: dict[str, st.SearchStrategy[object]]) -> st.SearchStrategy[dict[str, object]]:
    """Bodies with the call's fields, each either plausible or any JSON value, now and then a stranger."""
    return st.one_of(
        st.fixed_dictionaries({}, optional={k: v | json_values() for k, v in fields.items()}),
        json_objects(list(fields)),
    )


# --------------------------------------------------------------------------- admin: config


@given(body=plausible({"path": st.sampled_from(CONFIG_PATHS) | texts(30), "value": texts(260)}))
def test_put_config_stores_by_the_rules_of_its_page_or_nothing(admin: TestBrowser, body: dict[str, object]) -> None:
    before = state(admin)

    answer = call(admin, "PUT", "/config", body)

    never_5xx(answer)
    body = received(body)
    path, value = body.get("path"), body.get("value")
    expected = stored_text(value, LIMITS.get(path, 255)) if isinstance(value, str) and path in CONFIG_PATHS else None
    if set(body) == {"path", "value"} and expected is not None and not holds_a_surrogate(body):
        assert answer.status == 200, answer.text
        assert answer.json() == {"path": path, "value": expected or None}
        after = state(admin)
        assert [r[4] for r in after["core_config_data"] if r[3] == path] == ([expected] if expected else [])
    else:
        assert 400 <= answer.status < 500
        assert state(admin) == before


@given(path=texts(30) | st.sampled_from(CONFIG_PATHS), method=st.sampled_from(["GET", "DELETE"]))
def test_get_and_delete_config_by_query(admin: TestBrowser, path: str, method: str) -> None:
    call(admin, "PUT", "/config", {"path": PRODUCTION_PATH, "value": "kept-unless-deleted"})
    before = state(admin)

    answer = admin.control().call(method, "/config?" + urllib.parse.urlencode({"path": path}, errors="surrogatepass"))

    never_5xx(answer)
    if method == "GET" or answer.status >= 400:
        assert state(admin) == before
    if method == "DELETE" and answer.status == 200:
        assert path in CONFIG_PATHS
        assert not [r for r in state(admin)["core_config_data"] if r[3] == path]


# --------------------------------------------------------------------------- portal: accounts and keys


@given(
    body=plausible(
        {
            "email": st.builds(lambda n: f"user{n}@example.com", st.integers(0, 10**6))
            | st.just(MERCHANT)
            | st.builds(lambda local: f"{local}@example.com", texts(8)),
            "password": st.builds(lambda n: f"pw-{n}-word", st.integers(0, 10**6))
            | st.builds(lambda n, odd: f"pw-{n}-{odd}", st.integers(0, 10**6), texts(6))
            | texts(12),
        }
    )
)
def test_accounts_are_made_by_the_registration_rules_or_not_at_all(
    portal: TestBrowser, body: dict[str, object]
) -> None:
    before = state(portal)

    answer = call(portal, "POST", "/accounts", body)

    never_5xx(answer)
    after = state(portal)
    body = received(body)
    if answer.status == 201:
        [new] = [row for row in after["account"] if row not in before["account"]]
        assert not holds_a_surrogate(body)
        assert new[1] == stored_text(str(body["email"]), 254, required=True) == answer.json()["email"]
        assert isinstance(body["password"], str) and len(body["password"]) >= 8
    else:
        assert 400 <= answer.status < 500
        assert after == before


@given(
    body=plausible(
        {
            "email": st.just(MERCHANT) | st.just("nobody@example.com") | texts(30),
            "name": texts(102),
            "expires_in_seconds": st.floats(-1e10, 1e10) | st.integers(-(10**12), 10**12),
            "revoked": st.booleans(),
            "key": st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=0, max_size=130) | texts(20),
        }
    )
)
def test_keys_are_made_as_asked_or_not_at_all(portal: TestBrowser, body: dict[str, object]) -> None:
    before = state(portal)

    answer = call(portal, "POST", "/keys", body)

    never_5xx(answer)
    after = state(portal)
    body = received(body)
    if answer.status != 201:
        assert 400 <= answer.status < 500
        assert after == before
        return
    assert not holds_a_surrogate(body)
    made = answer.json()
    [row] = [r for r in after["api_key"] if r not in before["api_key"]]
    assert body["email"] == MERCHANT
    assert set(body) <= {"email", "name", "expires_in_seconds", "revoked", "key"}
    assert (
        row[2]
        == made["name"]
        == (stored_text(str(body["name"]), 100, required=True) if "name" in body else "Amazon Sales Channel")
    )
    assert row[3] == made["key"]
    if "key" in body:
        assert isinstance(body["key"], str) and KEY_VALUE.fullmatch(body["key"]) and row[3] == body["key"]
    lifetime = body.get("expires_in_seconds", 365 * 24 * 3600)
    assert isinstance(lifetime, (int, float)) and not isinstance(lifetime, bool)
    assert math.isfinite(lifetime) and abs(lifetime) <= MAX_SECONDS
    assert row[5] - row[4] == pytest.approx(float(lifetime), abs=1e-3)
    assert (row[6] is not None) == (body.get("revoked") is True)


@given(body=plausible({"key": st.sampled_from(["key-a", "key-b", "nope"]) | texts(20)}))
def test_revoke_by_value_revokes_that_active_key_or_nothing(portal: TestBrowser, body: dict[str, object]) -> None:
    control = portal.control()
    control.ok("POST", "/reset")
    for value in ("key-a", "key-b"):
        control.ok("POST", "/keys", {"email": MERCHANT, "key": value})
    before = state(portal)

    answer = call(portal, "POST", "/keys/revoke", body)

    never_5xx(answer)
    after = state(portal)
    body = received(body)
    if answer.status == 200:
        [changed] = [r for r in after["api_key"] if r not in before["api_key"]]
        assert not holds_a_surrogate(body)
        assert changed[3] == body["key"] and changed[6] is not None
    else:
        assert 400 <= answer.status < 500
        assert after == before


@given(
    body=plausible(
        {"mode": st.sampled_from(["ok", "down", "slow", "error"]) | texts(8), "delay_seconds": st.floats(-100, 100)}
    )
)
def test_gateway_faults_are_set_as_asked_or_left_alone(portal: TestBrowser, body: dict[str, object]) -> None:
    before = state(portal)

    answer = call(portal, "POST", "/gateway", body)

    never_5xx(answer)
    after = state(portal)
    body = received(body)
    if answer.status == 200:
        assert not holds_a_surrogate(body)
        assert after["gateway"][0] == body["mode"]
        delay = body.get("delay_seconds")
        if delay is not None:
            assert isinstance(delay, (int, float)) and after["gateway"][1] == min(max(float(delay), 0.0), 30.0)
    else:
        assert 400 <= answer.status < 500
        assert after == before
    portal.control().ok("POST", "/gateway", {"mode": "ok"})


# --------------------------------------------------------------------------- both: clock, reset, log


@given(
    site=st.sampled_from(["admin", "portal"]),
    body=plausible({"advance_seconds": st.floats(-1e6, 1e6) | st.integers(-(10**10), 10**10), "reset": st.booleans()}),
)
def test_the_clock_moves_as_asked_or_stays(
    admin: TestBrowser, portal: TestBrowser, site: str, body: dict[str, object]
) -> None:
    browser = admin if site == "admin" else portal
    before = state(browser)

    answer = call(browser, "POST", "/clock", body)

    never_5xx(answer)
    after = state(browser)
    if answer.status != 200:
        assert 400 <= answer.status < 500
        assert after == before
    elif body == {"reset": True}:
        assert after["clock"] == 0
    else:
        assert set(body) == {"advance_seconds"}
        assert after["clock"] == pytest.approx(before["clock"] + float(body["advance_seconds"]))  # type: ignore[arg-type]
    browser.control().ok("POST", "/clock", {"reset": True})


@given(site=st.sampled_from(["admin", "portal"]), body=plausible({"end_sessions": st.booleans()}))
def test_reset_resets_or_changes_nothing(
    admin: TestBrowser, portal: TestBrowser, site: str, body: dict[str, object]
) -> None:
    browser = admin if site == "admin" else portal
    if site == "admin":
        browser.control().ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "some-key"})
    else:
        browser.control().ok("POST", "/keys", {"email": MERCHANT})
    before = state(browser)

    answer = call(browser, "POST", "/reset", body)

    never_5xx(answer)
    after = state(browser)
    if answer.status == 200:
        assert set(body) <= {"end_sessions"} and isinstance(body.get("end_sessions", False), bool)
        assert (after["core_config_data"] if site == "admin" else after["api_key"]) == []
    else:
        assert 400 <= answer.status < 500
        assert after == before


# --------------------------------------------------------------------------- any call, any body, any token

CALLS = [
    ("admin", "POST", "/reset"),
    ("admin", "PUT", "/config"),
    ("admin", "DELETE", "/config"),
    ("admin", "POST", "/clock"),
    ("portal", "POST", "/reset"),
    ("portal", "POST", "/accounts"),
    ("portal", "POST", "/keys"),
    ("portal", "POST", "/keys/revoke"),
    ("portal", "POST", "/gateway"),
    ("portal", "POST", "/clock"),
]
GETS = ["/log?since={}", "/log/mark", "/config?path={}", "/keys?email={}"]


@given(
    target=st.sampled_from(CALLS),
    raw=st.one_of(
        st.binary(max_size=200),
        json_values().map(lambda v: json.dumps(v).encode()),
        st.tuples(st.sampled_from([b"[", b'{"a":', b'{"email":[']), st.integers(1, 12_000)).map(lambda t: t[0] * t[1]),
    ),
    content_type=st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded", ""]),
)
def test_any_raw_body_to_any_call_is_answered_without_a_5xx(
    admin: TestBrowser, portal: TestBrowser, target: tuple[str, str, str], raw: bytes, content_type: str
) -> None:
    site, method, path = target
    browser = admin if site == "admin" else portal
    before = state(browser)
    headers = {"X-Mock-Control-Token": CONTROL_TOKEN, **({"Content-Type": content_type} if content_type else {})}

    answer = browser.request(method, "/_mock" + path, body=raw, headers=headers)

    never_5xx(answer)
    if answer.status >= 400:
        assert state(browser) == before
    browser.control().ok(
        "POST", "/gateway" if site == "portal" else "/clock", {"mode": "ok"} if site == "portal" else {"reset": True}
    )


@given(
    site=st.sampled_from(["admin", "portal"]),
    path=st.sampled_from([p for _, _, p in CALLS] + GETS),
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
    token=st.one_of(texts(30), st.just(CONTROL_TOKEN + " "), st.just(CONTROL_TOKEN.upper())),
    arg=texts(20),
)
def test_without_the_right_token_nothing_changes(
    admin: TestBrowser, portal: TestBrowser, site: str, path: str, method: str, token: str, arg: str
) -> None:
    browser = admin if site == "admin" else portal
    before = state(browser)

    answer = browser.request(
        method,
        "/_mock" + path.format(urllib.parse.quote(arg, errors="surrogatepass")),
        body=b"{}",
        headers={"X-Mock-Control-Token": as_on_the_wire(token), "Content-Type": "application/json"},
    )

    never_5xx(answer)
    assert answer.status == 403  # whatever the path and method: nothing tells which calls exist
    assert state(browser) == before


@given(site=st.sampled_from(["admin", "portal"]), path=st.sampled_from(GETS), arg=texts(30))
def test_reads_with_any_query_are_answered_without_a_5xx(
    admin: TestBrowser, portal: TestBrowser, site: str, path: str, arg: str
) -> None:
    browser = admin if site == "admin" else portal
    before = state(browser)

    answer = browser.control().call("GET", path.format(urllib.parse.quote(arg, errors="surrogatepass")))

    never_5xx(answer)
    assert state(browser) == before
