"""The ``/_mock`` control API on both servers: guarded by a token, and each endpoint."""

from __future__ import annotations

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
        ("PUT", "/config", {"path": PRODUCTION_PATH, "value": 5}, "'value' must be a non-empty string."),
        (
            "PUT",
            "/config",
            {"path": PRODUCTION_PATH, "value": "v" * 1025},
            "'value' can be at most 1024 characters long.",
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
            {"email": MERCHANT, "password": "x"},
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
        ({"email": MERCHANT, "name": "n" * 101}, 400, "'name' can be at most 100 characters long."),
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
