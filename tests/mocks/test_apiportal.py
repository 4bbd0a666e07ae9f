"""My Account > API Portal: Add New, the keys listed by description, Copy, Revoke."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.mocks.conftest import AppFactory, Browser, Control, Db, Node

API_PORTAL = "/apiportal/index/index/"
ADD = "/apiportal/index/add/"
REVOKE = "/apiportal/index/revoke/"


def rows(portal: Browser) -> list[Node]:
    return portal.get(API_PORTAL).doc.select("table#api-keys-table tbody > tr.api-key-row")


def add_key(portal: Browser, description: str) -> str:
    """Add New with ``description``; the new key as the page shows it."""
    answer = portal.post(ADD, {"form_key": portal.form_key, "description": description})
    assert answer.status == 302, answer.messages("error")
    return str(rows(portal)[0].select_one("td.api-key-value").text)


def test_api_portal_page(portal: Browser) -> None:
    page = portal.get(API_PORTAL)

    assert page.doc.select_one("h1.page-title").text == "API Portal"
    assert page.doc.select_one(".account-nav .nav.item.current").text == "API Portal"
    form = page.doc.select_one("form#api-key-add-form")
    assert form.get("action") == ADD
    assert form.select_one('label[for="api-key-description"]').text == "Description"
    assert form.select_one("input#api-key-description").get("name") == "description"
    assert form.select_one("button.add-new").text == "Add New"
    assert page.doc.select_one("tr.api-keys-empty")
    assert "navigator.clipboard.writeText" in page.text


def test_add_new_creates_a_random_key_listed_under_its_description(portal: Browser, portal_db: Db) -> None:
    answer = portal.post(ADD, {"form_key": portal.form_key, "description": "  Amazon Sales Channel "})

    assert answer.status == 302
    assert answer.location == API_PORTAL
    page = portal.get(API_PORTAL)
    assert page.messages("success") == ['Your new API key "Amazon Sales Channel" was added. Use Copy to copy it.']
    [row] = page.doc.select("tr.api-key-row")
    assert row.select_one("th.api-key-name").text == "Amazon Sales Channel"
    key = row.select_one("td.api-key-value").text
    assert re.fullmatch(r"[0-9a-f]{32,}", key)
    assert row.select_one("td.api-key-status").text == "Active"
    copy = row.select_one("button.copy")
    assert (copy.text, copy.get("data-copy-key")) == ("Copy", key)
    assert portal_db.rows("SELECT name, api_key FROM api_key") == [("Amazon Sales Channel", key)]


def test_keys_are_different_each_time(portal: Browser) -> None:
    keys = {add_key(portal, f"key {n}") for n in range(5)}

    assert len(keys) == 5
    assert [r.select_one(".api-key-name").text for r in rows(portal)] == [f"key {n}" for n in reversed(range(5))]


def test_a_new_key_is_valid_at_the_gateway(portal: Browser, portal_browser: Browser) -> None:
    key = add_key(portal, "Amazon Sales Channel")

    assert portal_browser.get("/gateway/apikeycheck", headers={"magento-api-key": key}).status == 200


@pytest.mark.parametrize(
    ("description", "message"),
    [
        ("", "Description is a required field."),
        ("   ", "Description is a required field."),
        ("d" * 101, "Description can be at most 100 characters long."),
        ("tab\x00null", "Description contains characters that are not allowed."),
        ("two\nlines", "Description contains characters that are not allowed."),
    ],
)
def test_bad_description_is_refused(portal: Browser, portal_db: Db, description: str, message: str) -> None:
    answer = portal.post(ADD, {"form_key": portal.form_key, "description": description})

    assert answer.status == 400
    assert answer.messages("error") == [message]
    assert portal_db.rows("SELECT COUNT(*) FROM api_key") == [(0,)]


def test_missing_description_is_refused(portal: Browser, portal_db: Db) -> None:
    answer = portal.post(ADD, {"form_key": portal.form_key})

    assert answer.status == 400
    assert answer.messages("error") == ["Description is a required field."]
    assert portal_db.rows("SELECT COUNT(*) FROM api_key") == [(0,)]


def test_longest_description_is_accepted(portal: Browser) -> None:
    add_key(portal, "d" * 100)

    assert rows(portal)[0].select_one(".api-key-name").text == "d" * 100


def test_markup_in_a_description_is_shown_as_text(portal: Browser) -> None:
    name = '<img src=x onerror="alert(1)">'
    portal.post(ADD, {"form_key": portal.form_key, "description": name})

    page = portal.get(API_PORTAL)

    assert "<img src=x" not in page.text
    assert page.doc.select_one("tr.api-key-row .api-key-name").text == name
    assert page.messages("success") == [f'Your new API key "{name}" was added. Use Copy to copy it.']


def test_refused_description_is_shown_again_as_text(portal: Browser) -> None:
    typed = "<script>alert(1)</script>" + "d" * 100

    answer = portal.post(ADD, {"form_key": portal.form_key, "description": typed})

    assert answer.status == 400
    assert "<script>alert(1)" not in answer.text
    assert answer.doc.select_one("input#api-key-description").get("value") == typed


@pytest.mark.parametrize("form_key", [None, "wrong", "cl\u00e9"])
def test_add_without_the_form_key_is_refused(portal: Browser, portal_db: Db, form_key: str | None) -> None:
    answer = portal.post(ADD, {"description": "x"} | ({} if form_key is None else {"form_key": form_key}))

    assert answer.status == 403
    assert answer.messages("error") == ["Invalid security or form key. Please refresh the page."]
    assert portal_db.rows("SELECT COUNT(*) FROM api_key") == [(0,)]


def test_add_without_a_session_goes_to_login(portal_browser: Browser, portal_db: Db) -> None:
    form_key = portal_browser.get("/customer/account/login/").form_key()

    answer = portal_browser.post(ADD, {"form_key": form_key, "description": "x"})

    assert answer.location == "/customer/account/login/"
    assert portal_db.rows("SELECT COUNT(*) FROM api_key") == [(0,)]


def test_accounts_see_only_their_own_keys(portal: Browser, portal_control: Control) -> None:
    mine = add_key(portal, "merchant key")
    portal_control.ok("POST", "/accounts", {"email": "other@example.com", "password": "other1234"})
    other = portal.fresh().sign_in("other@example.com", "other1234")

    theirs = add_key(other, "other key")

    assert [r.select_one(".api-key-name").text for r in rows(other)] == ["other key"]
    assert mine not in other.get(API_PORTAL).text
    assert theirs not in portal.get(API_PORTAL).text


# --------------------------------------------------------------------------- revoke


def key_id(portal: Browser, name: str) -> str:
    row = next(r for r in rows(portal) if r.select_one(".api-key-name").text == name)
    value = row.get("data-key-id")
    assert value is not None
    return value


def test_revoke_own_key(portal: Browser, portal_browser: Browser) -> None:
    key = add_key(portal, "to revoke")
    form = rows(portal)[0].select_one("form.revoke")
    assert form.get("action") == REVOKE
    assert form.select_one("button.revoke").text == "Revoke"

    answer = portal.post(REVOKE, {"form_key": portal.form_key, "key_id": key_id(portal, "to revoke")})

    assert answer.status == 302
    page = portal.get(API_PORTAL)
    assert page.messages("success") == [
        'The API key "to revoke" was revoked. Commerce stores using it will ask for a new key.'
    ]
    [row] = page.doc.select("tr.api-key-row")
    assert "api-key-revoked" in row.classes
    assert row.select_one(".api-key-status").text == "Revoked"
    assert not row.select("button.copy")
    check = portal_browser.get("/gateway/apikeycheck", headers={"magento-api-key": key})
    assert (check.status, check.json()["reason"]) == (401, "revoked")


def test_revoking_twice_says_so(portal: Browser) -> None:
    add_key(portal, "once")
    kid = key_id(portal, "once")
    portal.post(REVOKE, {"form_key": portal.form_key, "key_id": kid})

    answer = portal.post(REVOKE, {"form_key": portal.form_key, "key_id": kid})

    assert answer.status == 409
    assert answer.messages("error") == ['The API key "once" is already revoked.']


def test_revoking_another_accounts_key_is_404(portal: Browser, portal_control: Control, portal_db: Db) -> None:
    portal_control.ok("POST", "/accounts", {"email": "other@example.com", "password": "other1234"})
    theirs = portal_control.ok("POST", "/keys", {"email": "other@example.com", "name": "theirs"})

    answer = portal.post(REVOKE, {"form_key": portal.form_key, "key_id": str(theirs["key_id"])})

    assert answer.status == 404
    assert answer.messages("error") == ["There is no such API key in your account."]
    assert portal_db.rows("SELECT revoked_at FROM api_key WHERE key_id = ?", [theirs["key_id"]]) == [(None,)]


@pytest.mark.parametrize(
    ("value", "status", "message"),
    [
        ("", 400, "Choose the key to revoke."),
        ("abc", 400, "Choose the key to revoke."),
        ("1.5", 400, "Choose the key to revoke."),
        ("99999", 404, "There is no such API key in your account."),
        ("-1", 404, "There is no such API key in your account."),
        ("9" * 30, 404, "There is no such API key in your account."),
    ],
)
def test_revoke_with_a_bad_key_id(portal: Browser, value: str, status: int, message: str) -> None:
    answer = portal.post(REVOKE, {"form_key": portal.form_key, "key_id": value})

    assert answer.status == status
    assert answer.messages("error") == [message]


def test_revoke_without_the_form_key_is_refused(portal: Browser, portal_db: Db) -> None:
    add_key(portal, "kept")

    answer = portal.post(REVOKE, {"key_id": key_id(portal, "kept")})

    assert answer.status == 403
    assert portal_db.rows("SELECT revoked_at FROM api_key") == [(None,)]


def test_keys_made_in_the_portal_expire_after_the_configured_lifetime(make_portal: AppFactory) -> None:
    browser = make_portal(KEY_LIFETIME_SECONDS=60)
    portal = browser.fresh().sign_in()
    key = add_key(portal, "short-lived")
    control = browser.control()
    assert browser.get("/gateway/apikeycheck", headers={"magento-api-key": key}).status == 200

    control.ok("POST", "/clock", {"advance_seconds": 61})

    check = browser.get("/gateway/apikeycheck", headers={"magento-api-key": key})
    assert (check.status, check.json()["reason"]) == (401, "expired")
    [row] = rows(portal)
    assert row.select_one(".api-key-status").text == "Expired"
    assert not row.select("button.copy")
