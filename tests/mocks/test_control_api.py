"""The ``/_mock`` control API on both servers: guarded by a token, and each endpoint."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.mocks.conftest import AppFactory, Browser, Control, Db, Live

PRODUCTION_PATH = "services_connector/services_connector_integration/production_api_key"
MERCHANT = "merchant@example.com"

ADMIN_CALLS = [
    ("POST", "/reset"),
    ("GET", f"/config?path={PRODUCTION_PATH}"),
    ("PUT", "/config"),
    ("DELETE", f"/config?path={PRODUCTION_PATH}"),
    ("POST", "/clock"),
    ("GET", "/log"),
    ("GET", "/log/mark"),
]
PORTAL_CALLS = [
    ("POST", "/reset"),
    ("POST", "/accounts"),
    ("POST", "/keys"),
    ("GET", f"/keys?email={MERCHANT}"),
    ("POST", "/keys/revoke"),
    ("POST", "/gateway"),
    ("POST", "/clock"),
    ("GET", "/log"),
    ("GET", "/log/mark"),
]
SITE_CALLS = [("admin", m, p) for m, p in ADMIN_CALLS] + [("portal", m, p) for m, p in PORTAL_CALLS]


@pytest.fixture
def site(admin_browser: Browser, portal_browser: Browser) -> dict[str, Browser]:
    """An anonymous browser on each (shared, just reset) app, by name."""
    return {"admin": admin_browser, "portal": portal_browser}


# --------------------------------------------------------------------------- the guard


@pytest.mark.parametrize(("name", "calls"), [("admin", ADMIN_CALLS), ("portal", PORTAL_CALLS)])
def test_off_without_a_token_configured(
    make_admin: AppFactory, make_portal: AppFactory, name: str, calls: list[tuple[str, str]]
) -> None:
    browser = (make_admin if name == "admin" else make_portal)(CONTROL_TOKEN=None)

    for method, path in calls:
        for token in ("", "anything"):
            answer = browser.control(token).call(method, path, {})
            assert answer.status == 404, (method, path, token)


@pytest.mark.parametrize(("name", "method", "path"), SITE_CALLS)
@pytest.mark.parametrize("token", ["", "wrong-token", "test-control-token-but-longer", "tök\u00e9n"])
def test_refused_without_the_right_token(
    site: dict[str, Browser], name: str, method: str, path: str, token: str
) -> None:
    answer = site[name].control(token).call(method, path, {})

    assert answer.status == 403
    assert answer.json()["message"] == "The control API needs a valid X-Mock-Control-Token header."


@pytest.mark.parametrize("name", ["admin", "portal"])
@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/_mock/reset"), ("PUT", "/_mock/log"), ("DELETE", "/_mock/keys"), ("PATCH", "/_mock/config"),
     ("GET", "/_mock/nothing-here"), ("POST", "/_mock/")],
)  # fmt: skip
@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_without_the_token_a_wrong_method_or_path_is_403_too(
    site: dict[str, Browser], name: str, method: str, path: str, token: str | None
) -> None:
    """Refused before routing: no 405 with an Allow header, no 404, telling which calls exist."""
    answer = site[name].request(method, path, headers={} if token is None else {"X-Mock-Control-Token": token})

    assert answer.status == 403
    assert "Allow" not in answer.headers


def test_with_the_token_a_wrong_method_is_405(admin_control: Control) -> None:
    answer = admin_control.call("GET", "/reset")

    assert answer.status == 405
    assert set(answer.headers["Allow"].split(", ")) == {"OPTIONS", "POST"}


def test_refused_without_the_header_at_all(admin_browser: Browser) -> None:
    answer = admin_browser.request("POST", "/_mock/reset")

    assert answer.status == 403


def test_refused_calls_change_nothing(admin_browser: Browser, admin_control: Control) -> None:
    admin_control.ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "kept"})

    admin_browser.control("wrong").call("DELETE", f"/config?path={PRODUCTION_PATH}")
    admin_browser.control("wrong").call("POST", "/reset")

    assert admin_control.ok("GET", f"/config?path={PRODUCTION_PATH}")["value"] == "kept"


def test_works_over_http_on_both_real_servers(live: Live) -> None:
    assert live.admin_control.ok("GET", "/log/mark")["mark"] >= 1
    assert live.portal_control.ok("GET", "/log/mark")["mark"] >= 1
    assert live.admin_browser().control("wrong").call("GET", "/log").status == 403


# --------------------------------------------------------------------------- bad bodies


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("admin", "/config"),
        ("admin", "/clock"),
        ("portal", "/accounts"),
        ("portal", "/keys"),
        ("portal", "/gateway"),
        ("portal", "/clock"),
        ("portal", "/keys/revoke"),
    ],
)
@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "The body is not valid JSON."),
        (b"\xff\xfe", "The body is not valid JSON."),
        (b"[1, 2]", "The body must be a JSON object."),
        (b'"text"', "The body must be a JSON object."),
    ],
)
def test_bad_json_is_400(site: dict[str, Browser], name: str, path: str, raw: bytes, message: str) -> None:
    control = site[name].control()
    method = "PUT" if path == "/config" else "POST"

    answer = control.call(method, path, raw=raw)

    assert answer.status == 400
    assert answer.json()["message"] == message


# every string field of every call, and a field's name: "\ud800" is valid JSON, and no text SQLite can store
LONE_SURROGATE_BODIES = [
    ("admin", "PUT", "/config", {"path": PRODUCTION_PATH, "value": "key-\ud800"}),
    ("admin", "PUT", "/config", {"path": PRODUCTION_PATH + "\udfff", "value": "key"}),
    ("admin", "DELETE", "/config", {"path": "\ud800"}),
    ("portal", "POST", "/keys", {"email": "\ud800"}),
    ("portal", "POST", "/keys", {"email": MERCHANT, "name": "name \udc00"}),
    ("portal", "POST", "/keys", {"email": MERCHANT, "key": "\ud800"}),
    ("portal", "POST", "/accounts", {"email": "new\ud800@example.com", "password": "pass-word-1"}),
    ("portal", "POST", "/accounts", {"email": "new@example.com", "password": "pass-word-1\ud800"}),
    ("portal", "POST", "/keys/revoke", {"key": "\ud800"}),
    ("portal", "POST", "/gateway", {"mode": "ok\ud800"}),
    ("portal", "POST", "/reset", {"\ud800": True}),
    ("admin", "POST", "/clock", {"advance_seconds": 1, "\udbff": [{"x": "\udc00"}]}),
]


@pytest.mark.parametrize(
    ("name", "method", "path", "body"),
    LONE_SURROGATE_BODIES,
    ids=[f"{name}-{method}-{path}-{n}" for n, (name, method, path, _) in enumerate(LONE_SURROGATE_BODIES)],
)  # ids of plain text: a failure's report then travels between xdist workers
def test_a_lone_surrogate_anywhere_in_the_json_is_400_and_changes_nothing(
    site: dict[str, Browser], name: str, method: str, path: str, body: dict[str, object]
) -> None:
    control = site[name].control()
    if name == "admin":
        control.ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "kept"})
    keys_before = control.ok("GET", f"/keys?email={MERCHANT}") if name == "portal" else None

    answer = control.call(method, path, body)

    assert answer.status == 400, answer.text
    assert answer.json()["message"] == "The body's JSON holds a lone surrogate (\\ud800-\\udfff), which is not text."
    if name == "admin":
        assert control.ok("GET", f"/config?path={PRODUCTION_PATH}")["value"] == "kept"
    else:
        assert control.ok("GET", f"/keys?email={MERCHANT}") == keys_before
        assert control.call("POST", "/keys", {"email": "new@example.com"}).status == 404  # no account was made


def test_a_surrogate_pair_is_one_character(portal_control: Control) -> None:
    """JSON escapes a character beyond the BMP as a pair: that is text, and kept."""
    made = portal_control.ok("POST", "/keys", {"email": MERCHANT, "name": "key \ud83d\udd11"})

    assert made["name"] == "key \U0001f511"


# --------------------------------------------------------------------------- admin endpoints


def test_admin_config_set_get_clear(admin_control: Control, admin_db: Db) -> None:
    assert admin_control.ok("GET", f"/config?path={PRODUCTION_PATH}") == {"path": PRODUCTION_PATH, "value": None}

    assert admin_control.ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "abc"}) == {
        "path": PRODUCTION_PATH,
        "value": "abc",
    }
    assert admin_db.config() == [("default", 0, PRODUCTION_PATH, "abc")]
    assert admin_control.ok("GET", f"/config?path={PRODUCTION_PATH}")["value"] == "abc"

    assert admin_control.ok("DELETE", f"/config?path={PRODUCTION_PATH}") == {"path": PRODUCTION_PATH, "value": None}
    assert admin_db.config() == []


def test_admin_config_clear_by_json_body(admin_control: Control, admin_db: Db) -> None:
    admin_control.ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "abc"})

    admin_control.ok("DELETE", "/config", {"path": PRODUCTION_PATH})

    assert admin_db.config() == []


def test_admin_config_value_shows_on_the_config_page(admin_control: Control, admin: Browser) -> None:
    admin_control.ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "from-control"})

    page = admin.get("/admin/admin/system_config/edit/section/services_connector/")

    field = page.doc.select_one("#services_connector_services_connector_integration_production_api_key")
    assert field.get("value") == "from-control"


@pytest.mark.parametrize(
    ("method", "path", "body", "message"),
    [
        ("GET", "/config", None, "Give the config path as ?path=..."),
        ("PUT", "/config", {"value": "x"}, "'path' must be a non-empty string."),
        ("PUT", "/config", {"path": "  ", "value": "x"}, "'path' must be a non-empty string."),
        ("PUT", "/config", {"path": "a" * 256, "value": "x"}, "'path' can be at most 255 characters long."),
        ("PUT", "/config", {"path": PRODUCTION_PATH, "value": 5}, "'value' must be a string."),
        (
            "PUT",
            "/config",
            {"path": PRODUCTION_PATH, "value": "v" * 256},
            "'value': Production Api key can be at most 255 characters long.",
        ),
        ("DELETE", "/config", None, "'path' must be a non-empty string."),
    ],
)
def test_admin_config_bad_calls(
    admin_control: Control, admin_db: Db, method: str, path: str, body: object, message: str
) -> None:
    admin_control.ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "kept"})

    answer = admin_control.call(method, path, body)

    assert answer.status == 400
    assert answer.json()["message"] == message
    assert admin_db.config_value(PRODUCTION_PATH) == "kept"


def test_admin_reset(admin_control: Control, admin_db: Db, admin: Browser) -> None:
    admin_control.ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "abc"})
    admin_control.ok("POST", "/clock", {"advance_seconds": 60})

    assert admin_control.ok("POST", "/reset") == {"reset": True}

    assert admin_db.config() == []
    assert admin_control.ok("POST", "/clock", {"advance_seconds": 0})["offset_seconds"] == 0
    assert admin.fresh().submit_login("admin", "admin123").status == 302


# --------------------------------------------------------------------------- portal endpoints


def test_portal_accounts(portal_control: Control, portal_browser: Browser) -> None:
    made = portal_control.call("POST", "/accounts", {"email": "new@example.com", "password": "pw-1234x"})

    assert made.status == 201
    assert made.json()["email"] == "new@example.com"
    assert portal_browser.submit_login("new@example.com", "pw-1234x").status == 302


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (
            {"email": MERCHANT, "password": "merchant-pw-2"},
            409,
            "There is already an account with this email address. Sign in, or use another address.",
        ),
        ({"email": "bad", "password": "x"}, 400, "Please enter a valid email address (Ex: johndoe@domain.com)."),
        ({"email": "a@example.com"}, 400, "'password' must be a non-empty string."),
        ({"password": "x"}, 400, "'email' must be a non-empty string."),
    ],
)
def test_portal_accounts_bad_calls(
    portal_control: Control, portal_db: Db, body: dict[str, str], status: int, message: str
) -> None:
    answer = portal_control.call("POST", "/accounts", body)

    assert answer.status == status
    assert answer.json()["message"] == message
    assert portal_db.rows("SELECT COUNT(*) FROM account") == [(1,)]


def test_portal_keys_create_and_list(portal_control: Control) -> None:
    made = portal_control.call("POST", "/keys", {"email": MERCHANT, "name": "Amazon", "expires_in_seconds": 3600})

    assert made.status == 201
    key = made.json()
    assert key["name"] == "Amazon"
    assert key["status"] == "active"
    assert len(key["key"]) >= 32
    listed = portal_control.ok("GET", f"/keys?email={MERCHANT}")["keys"]
    assert [k["key"] for k in listed] == [key["key"]]


def test_portal_keys_with_expiry_revoked_or_a_given_value(portal_control: Control) -> None:
    expired = portal_control.ok("POST", "/keys", {"email": MERCHANT, "expires_in_seconds": -1})
    revoked = portal_control.ok("POST", "/keys", {"email": MERCHANT, "revoked": True})
    given = portal_control.ok("POST", "/keys", {"email": MERCHANT, "key": "my-own-key-value"})

    assert expired["status"] == "expired"
    assert revoked["status"] == "revoked"
    assert (given["key"], given["status"], given["name"]) == ("my-own-key-value", "active", "Amazon Sales Channel")


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"email": "nobody@example.com"}, 404, "No account has that email."),
        ({}, 400, "'email' must be a non-empty string."),
        ({"email": MERCHANT, "expires_in_seconds": "soon"}, 400, "'expires_in_seconds' must be a number."),
        ({"email": MERCHANT, "expires_in_seconds": True}, 400, "'expires_in_seconds' must be a number."),
        (
            {"email": MERCHANT, "expires_in_seconds": 1e300},
            400,
            "'expires_in_seconds' can be at most 3153600000 seconds (a century) either way.",
        ),
        (
            {"email": MERCHANT, "expires_in_seconds": 10**400},
            400,
            "'expires_in_seconds' can be at most 3153600000 seconds (a century) either way.",
        ),
        ({"email": MERCHANT, "name": "n" * 101}, 400, "'name': Description can be at most 100 characters long."),
        ({"email": MERCHANT, "key": "taken-key"}, 409, "That key value exists already."),
    ],
)
def test_portal_keys_bad_calls(
    portal_control: Control, portal_db: Db, body: dict[str, object], status: int, message: str
) -> None:
    portal_control.ok("POST", "/keys", {"email": MERCHANT, "key": "taken-key"})

    answer = portal_control.call("POST", "/keys", body)

    assert answer.status == status
    assert answer.json()["message"] == message
    assert portal_db.rows("SELECT api_key FROM api_key") == [("taken-key",)]


def test_portal_keys_list_for_an_unknown_account_is_404(portal_control: Control) -> None:
    assert portal_control.call("GET", "/keys?email=nobody@example.com").status == 404


def test_portal_keys_revoke(portal_control: Control) -> None:
    key = portal_control.ok("POST", "/keys", {"email": MERCHANT})["key"]

    assert portal_control.ok("POST", "/keys/revoke", {"key": key}) == {"key": key, "status": "revoked"}
    assert portal_control.ok("GET", f"/keys?email={MERCHANT}")["keys"][0]["status"] == "revoked"
    again = portal_control.call("POST", "/keys/revoke", {"key": key})
    assert (again.status, again.json()["message"]) == (404, "No active key has that value.")


@pytest.mark.parametrize("mode", ["ok", "down", "slow", "error"])
def test_portal_gateway_modes(portal_control: Control, mode: str) -> None:
    assert portal_control.ok("POST", "/gateway", {"mode": mode, "delay_seconds": 1.5}) == {
        "mode": mode,
        "delay_seconds": 1.5,
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"mode": "sideways"}, "'mode' must be one of ok, down, slow, error."),
        ({}, "'mode' must be a non-empty string."),
        ({"mode": "slow", "delay_seconds": "long"}, "'delay_seconds' must be a number."),
    ],
)
def test_portal_gateway_bad_calls(portal_control: Control, portal_browser: Browser, body: object, message: str) -> None:
    answer = portal_control.call("POST", "/gateway", body)

    assert answer.status == 400
    assert answer.json()["message"] == message
    assert portal_browser.get("/gateway/apikeycheck").status == 401  # still answering normally


def test_portal_gateway_delay_is_capped(portal_control: Control) -> None:
    assert portal_control.ok("POST", "/gateway", {"mode": "slow", "delay_seconds": 999})["delay_seconds"] == 30.0
    assert portal_control.ok("POST", "/gateway", {"mode": "slow", "delay_seconds": -3})["delay_seconds"] == 0.0


def test_portal_reset(portal_control: Control, portal_db: Db, portal_browser: Browser) -> None:
    portal_control.ok("POST", "/accounts", {"email": "new@example.com", "password": "pw-1234x"})
    portal_control.ok("POST", "/keys", {"email": MERCHANT})
    portal_control.ok("POST", "/gateway", {"mode": "error"})
    portal_control.ok("POST", "/clock", {"advance_seconds": 99})

    assert portal_control.ok("POST", "/reset") == {"reset": True}

    assert portal_db.rows("SELECT email FROM account") == [(MERCHANT,)]
    assert portal_db.rows("SELECT COUNT(*) FROM api_key") == [(0,)]
    assert portal_browser.get("/gateway/apikeycheck").status == 401
    assert portal_control.ok("POST", "/clock", {"advance_seconds": 0})["offset_seconds"] == 0
    assert portal_browser.submit_login(MERCHANT, "merchant123").status == 302


# --------------------------------------------------------------------------- clock and log (both)


@pytest.mark.parametrize("name", ["admin", "portal"])
def test_clock_moves_and_resets(site: dict[str, Browser], name: str) -> None:
    control = site[name].control()

    assert control.ok("POST", "/clock", {"advance_seconds": 3600})["offset_seconds"] == 3600
    assert control.ok("POST", "/clock", {"advance_seconds": -600})["offset_seconds"] == 3000
    assert control.ok("POST", "/clock", {"reset": True})["offset_seconds"] == 0


@pytest.mark.parametrize("name", ["admin", "portal"])
@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{}", "Send {'advance_seconds': N} or {'reset': true}."),
        (b'{"advance_seconds": "1h"}', "'advance_seconds' must be a number."),
        (b'{"advance_seconds": null}', "'advance_seconds' must be a number."),
        (b'{"advance_seconds": NaN}', "'advance_seconds' must be a finite number."),
        (b'{"advance_seconds": Infinity}', "'advance_seconds' must be a finite number."),
        (b'{"advance_seconds": 1e300}', "'advance_seconds' can be at most 3153600000 seconds (a century) either way."),
    ],
)
def test_clock_bad_calls_leave_it_alone(site: dict[str, Browser], name: str, raw: bytes, message: str) -> None:
    control = site[name].control()
    control.ok("POST", "/clock", {"advance_seconds": 10})

    answer = control.call("POST", "/clock", raw=raw)

    assert answer.status == 400
    assert answer.json()["message"] == message
    assert control.ok("POST", "/clock", {"advance_seconds": 0})["offset_seconds"] == 10


def test_clock_stays_within_a_century(portal_control: Control, portal_browser: Browser) -> None:
    portal_control.ok("POST", "/clock", {"advance_seconds": 3_000_000_000})

    answer = portal_control.call("POST", "/clock", {"advance_seconds": 3_000_000_000})

    assert answer.status == 400
    assert portal_browser.get("/gateway/apikeycheck").status == 401


@pytest.mark.parametrize("name", ["admin", "portal"])
def test_log_lists_requests_since_a_mark(site: dict[str, Browser], name: str) -> None:
    browser = site[name]
    control = browser.control()
    mark = control.ok("GET", "/log/mark")["mark"]
    path = "/admin/" if name == "admin" else "/customer/account/login/"

    browser.get(path)
    browser.get("/no/such/page")

    entries = control.ok("GET", f"/log?since={mark}")["entries"]
    visits = [(e["method"], e["path"], e["status"]) for e in entries if not e.get("control")]
    assert visits == [("GET", path, 200), ("GET", "/no/such/page", 404)]
    assert all(e["seq"] > mark for e in entries)
    assert [e["path"] for e in entries if e.get("control")] == ["/_mock/log/mark"]
    later = control.ok("GET", f"/log?since={entries[-1]['seq']}")["entries"]
    assert [(e["path"], e["control"]) for e in later] == [("/_mock/log", True)]


def test_log_since_must_be_a_number(admin_control: Control) -> None:
    answer = admin_control.call("GET", "/log?since=yesterday")

    assert answer.status == 400
    assert answer.json()["message"] == "'since' must be a whole number."


# --------------------------------------------------------------------------- off means absent


@pytest.mark.parametrize("name", ["admin", "portal"])
@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/_mock/reset"), ("PUT", "/_mock/log"), ("DELETE", "/_mock/keys"), ("PATCH", "/_mock/config")],
)
def test_off_means_404_for_every_method_without_an_allow_header(
    make_admin: AppFactory, make_portal: AppFactory, name: str, method: str, path: str
) -> None:
    browser = (make_admin if name == "admin" else make_portal)(CONTROL_TOKEN=None)

    answer = browser.request(method, path, headers={"X-Mock-Control-Token": "x"})

    assert answer.status == 404
    assert "Allow" not in answer.headers


# --------------------------------------------------------------------------- deeply nested JSON

DEEP_BODIES = {
    "arrays": b"[" * 40_000,
    "objects": b'{"a":' * 9_000 + b"1" + b"}" * 9_000,
    "inside a field": b'{"email": ' + b"[" * 30_000 + b"]" * 30_000 + b"}",
}


BODY_CALLS = [(n, m, p.split("?")[0]) for n, m, p in SITE_CALLS if m != "GET"]  # DELETE: the path in the body


@pytest.mark.parametrize("body", DEEP_BODIES.values(), ids=DEEP_BODIES.keys())
@pytest.mark.parametrize(("name", "method", "path"), BODY_CALLS)
def test_deeply_nested_json_is_400(site: dict[str, Browser], name: str, method: str, path: str, body: bytes) -> None:
    answer = site[name].control().call(method, path, raw=body)

    assert answer.status == 400
    assert answer.json()["message"] in ("The body's JSON is nested too deeply.", "The body is not valid JSON.")


# --------------------------------------------------------------------------- strict types


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"path": PRODUCTION_PATH}, "'value' must be a string."),
        ({"path": PRODUCTION_PATH, "value": None}, "'value' must be a string."),
        ({"path": PRODUCTION_PATH, "value": ["k"]}, "'value' must be a string."),
        ({"path": PRODUCTION_PATH, "value": "a\x00b"}, "'value': Production Api key contains characters that are not allowed."),
        ({"path": PRODUCTION_PATH, "value": "two\nlines"}, "'value': Production Api key contains characters that are not allowed."),
        ({"path": "web/secure/base_url", "value": "x"}, "'path' is not a setting this admin's configuration pages save: 'web/secure/base_url'."),
        ({"path": PRODUCTION_PATH, "value": "k", "scope": "websites"}, "'scope' is not a field of this call (it takes: 'path', 'value')."),
    ],
)  # fmt: skip
def test_admin_config_is_set_by_the_rules_of_its_page(
    admin_control: Control, admin_db: Db, body: dict[str, object], message: str
) -> None:
    admin_control.ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "kept"})

    answer = admin_control.call("PUT", "/config", body)

    assert (answer.status, answer.json()["message"]) == (400, message)
    assert admin_db.config_value(PRODUCTION_PATH) == "kept"


@pytest.mark.parametrize(
    ("sent", "stored"),
    [("  padded-key \t", "padded-key"), ("e\u0301-key", "\u00e9-key"), ("abc\u200bdef", "abc\u200bdef"), ("", None)],
)
def test_admin_config_value_is_stored_as_its_page_would_store_it(
    admin_control: Control, admin_db: Db, sent: str, stored: str | None
) -> None:
    admin_control.ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "before"})

    assert admin_control.ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": sent})["value"] == stored

    assert admin_db.config_value(PRODUCTION_PATH) == stored


def test_admin_config_on_the_current_layout_takes_several_lines(make_admin: AppFactory) -> None:
    control = make_admin(ADMIN_LAYOUT="current").control()

    answer = control.ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "line one\nline two"})

    assert answer["value"] == "line one\nline two"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"reset": "no"}, "'reset' must be true or false."),
        ({"reset": 1}, "'reset' must be true or false."),
        ({"reset": False}, "Send {'advance_seconds': N} or {'reset': true}."),
        ({"reset": True, "advance_seconds": 5}, "Send {'advance_seconds': N} or {'reset': true}."),
        ({"advance": 5}, "'advance' is not a field of this call (it takes: 'advance_seconds', 'reset')."),
    ],
)
def test_clock_refuses_loose_types_and_stays(portal_control: Control, body: dict[str, object], message: str) -> None:
    before = portal_control.ok("POST", "/clock", {"advance_seconds": 600})["offset_seconds"]

    answer = portal_control.call("POST", "/clock", body)

    assert (answer.status, answer.json()["message"]) == (400, message)
    assert portal_control.ok("POST", "/clock", {"advance_seconds": 0})["offset_seconds"] == before == 600


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"email": MERCHANT, "revoked": "true"}, "'revoked' must be true or false."),
        ({"email": MERCHANT, "revoked": 1}, "'revoked' must be true or false."),
        ({"email": MERCHANT, "key": " padded "}, "'key' must be 1 to 128 printable ASCII characters without spaces."),
        ({"email": MERCHANT, "key": "nul\x00key"}, "'key' must be 1 to 128 printable ASCII characters without spaces."),
        ({"email": MERCHANT, "key": "new\nline"}, "'key' must be 1 to 128 printable ASCII characters without spaces."),
        ({"email": MERCHANT, "key": "zero\u200bwidth"}, "'key' must be 1 to 128 printable ASCII characters without spaces."),
        ({"email": MERCHANT, "key": ""}, "'key' must be 1 to 128 printable ASCII characters without spaces."),
        ({"email": MERCHANT, "key": None}, "'key' must be 1 to 128 printable ASCII characters without spaces."),
        ({"email": MERCHANT, "name": None}, "'name' must be a string."),
        ({"email": MERCHANT, "name": "  "}, "'name': Description is a required field."),
        ({"email": MERCHANT, "name": "a\x07b"}, "'name': Description contains characters that are not allowed."),
        ({"email": MERCHANT, "revoke": True}, "'revoke' is not a field of this call (it takes: 'email', 'name', 'expires_in_seconds', 'revoked', 'key')."),
    ],
)  # fmt: skip
def test_keys_refuse_loose_types_and_store_nothing(
    portal_control: Control, portal_db: Db, body: dict[str, object], message: str
) -> None:
    answer = portal_control.call("POST", "/keys", body)

    assert (answer.status, answer.json()["message"]) == (400, message)
    assert portal_db.rows("SELECT COUNT(*) FROM api_key") == [(0,)]


def test_a_key_name_is_cleaned_as_the_api_portal_cleans_it(portal_control: Control) -> None:
    made = portal_control.ok("POST", "/keys", {"email": MERCHANT, "name": "  Cafe\u0301 key "})

    assert made["name"] == "Caf\u00e9 key"


@pytest.mark.parametrize(
    ("password", "message"),
    [("short1", "The password needs at least 8 characters."), ("lettersonly", "The password needs at least one letter and one digit.")],
)  # fmt: skip
def test_accounts_follow_the_registration_rules(
    portal_control: Control, portal_db: Db, password: str, message: str
) -> None:
    answer = portal_control.call("POST", "/accounts", {"email": "new@example.com", "password": password})

    assert (answer.status, answer.json()["message"]) == (400, message)
    assert portal_db.rows("SELECT COUNT(*) FROM account") == [(1,)]


# --------------------------------------------------------------------------- calls at the same moment


def _status(control: Control, method: str, path: str, body: object) -> int:
    return control.call(method, path, body).status


def _at_once(calls: Sequence[Callable[[], int]]) -> list[int]:
    """Run ``calls`` in threads released together; their statuses."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], int]) -> int:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def test_the_same_key_twice_at_once_is_one_201_and_one_409(live: Live) -> None:
    for round_ in range(15):
        body = {"email": MERCHANT, "key": f"same-key-{round_}"}
        statuses = _at_once([partial(_status, live.portal_control, "POST", "/keys", body)] * 3)
        assert sorted(statuses) == [201, 409, 409], statuses


def test_keys_made_during_a_reset_are_made_or_refused_never_a_500(live: Live) -> None:
    for _ in range(40):
        statuses = _at_once(
            [partial(_status, live.portal_control, "POST", "/reset", None)]
            + [partial(_status, live.portal_control, "POST", "/keys", {"email": MERCHANT})] * 6
        )
        assert statuses[0] == 200
        assert set(statuses[1:]) <= {201, 404}, statuses


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"timeout_seconds": 0.01}, "'timeout_seconds' must be from 0.05 to 30.0."),
        ({"timeout_seconds": 31}, "'timeout_seconds' must be from 0.05 to 30.0."),
        ({"timeout_seconds": "1"}, "'timeout_seconds' must be a number."),
        ({"timeout_seconds": 1, "more": 1}, None),
    ],
)
def test_admin_keycheck_time_out_bad_calls(admin_control: Control, body: object, message: str | None) -> None:
    answer = admin_control.call("POST", "/keycheck", body)
    assert answer.status == 400
    if message:
        assert answer.json()["message"] == message
