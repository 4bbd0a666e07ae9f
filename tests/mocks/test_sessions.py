"""Session cookies: the names Magento uses, HttpOnly and SameSite=Lax, on both mocks."""

from __future__ import annotations

import json
import re
import time
from http.cookies import SimpleCookie
from typing import TYPE_CHECKING

import pytest

from mocks.shared import sessions
from tests.mocks.conftest import Db

if TYPE_CHECKING:
    from tests.mocks.conftest import AppFactory, Browser, Live, Page, TestBrowser


def session_cookie(page: Page, name: str) -> dict[str, str]:
    """The attributes of cookie ``name`` set by ``page`` (lower-case keys), and its value as 'value'."""
    for header in page.headers.get_all("Set-Cookie"):
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        if name in jar:
            morsel = jar[name]
            attrs = {k.lower(): str(v) for k, v in morsel.items() if v}
            attrs["value"] = morsel.value
            attrs["raw"] = header
            return attrs
    raise AssertionError(f"no {name} cookie set; Set-Cookie: {page.headers.get_all('Set-Cookie')}")


def flags(cookie: dict[str, str]) -> set[str]:
    return {part.strip().lower() for part in cookie["raw"].split(";")[1:]}


@pytest.mark.parametrize(
    ("site", "path", "name"), [("admin", "/admin/", "admin"), ("portal", "/customer/account/login/", "PHPSESSID")]
)
def test_session_cookie_name_and_flags(
    admin_browser: Browser, portal_browser: Browser, site: str, path: str, name: str
) -> None:
    browser = admin_browser if site == "admin" else portal_browser

    cookie = session_cookie(browser.get(path), name)

    assert "httponly" in flags(cookie)
    assert "samesite=lax" in flags(cookie)
    assert cookie["path"] == "/"


def test_admin_sign_in_sets_a_new_httponly_session(admin_browser: Browser) -> None:
    before = session_cookie(admin_browser.get("/admin/"), "admin")["value"]

    answer = admin_browser.submit_login("admin", "admin123")

    cookie = session_cookie(answer, "admin")
    assert cookie["value"] != before
    assert {"httponly", "samesite=lax"} <= flags(cookie)


def test_portal_sign_in_sets_a_new_httponly_session(portal_browser: Browser) -> None:
    answer = portal_browser.submit_login("merchant@example.com", "merchant123")

    cookie = session_cookie(answer, "PHPSESSID")
    assert {"httponly", "samesite=lax"} <= flags(cookie)


def test_cookies_over_real_http(live: Live) -> None:
    admin = session_cookie(live.admin_browser().get("/admin/"), "admin")
    portal = session_cookie(live.portal_browser().get("/customer/account/login/"), "PHPSESSID")

    for cookie in (admin, portal):
        assert {"httponly", "samesite=lax"} <= flags(cookie)


def test_a_session_cookie_is_not_valid_on_another_server(admin_browser: TestBrowser, make_admin: AppFactory) -> None:
    """Each app signs its cookies with its own secret: a copied cookie is worthless elsewhere."""
    signed = session_cookie(admin_browser.submit_login("admin", "admin123"), "admin")["value"]
    same, other = admin_browser.fresh(), make_admin()

    same.client.set_cookie("admin", signed)
    other.client.set_cookie("admin", signed)

    assert same.get("/admin/admin/dashboard/").status == 200
    assert other.get("/admin/admin/dashboard/").status == 302


# --------------------------------------------------------------------------- sessions live on the server

ADMIN_DASHBOARD = "/admin/admin/dashboard/"
ADMIN_LOGOUT = "/admin/admin/auth/logout/"
CONFIG_PAGE = "/admin/admin/system_config/edit/section/services_connector/"
CONFIG_SAVE = "/admin/admin/system_config/save/section/services_connector/"
PRODUCTION = "groups[services_connector_integration][fields][production_api_key][value]"
PRODUCTION_PATH = "services_connector/services_connector_integration/production_api_key"
API_PORTAL = "/apiportal/index/index/"


def cookie_value(browser: TestBrowser, name: str) -> str:
    cookie = browser.client.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    return cookie.value


def copy_of(browser: TestBrowser, name: str) -> TestBrowser:
    """Another browser holding a copy of ``browser``'s session cookie (as if copied from its jar)."""
    other = browser.fresh()
    other.client.set_cookie(name, cookie_value(browser, name))
    return other


def signed_in_admin(admin_browser: TestBrowser) -> TestBrowser:
    browser = admin_browser.fresh()
    browser.sign_in()
    return browser


def test_the_cookie_holds_only_a_random_session_id(admin_browser: TestBrowser) -> None:
    browser = signed_in_admin(admin_browser)

    value = cookie_value(browser, "admin")

    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", value), value  # 32 random bytes; nothing of the session in it


def test_admin_logout_ends_the_session_for_every_copy_of_its_cookie(admin_browser: TestBrowser, admin_db: Db) -> None:
    browser = signed_in_admin(admin_browser)
    copied = copy_of(browser, "admin")
    assert copied.get(ADMIN_DASHBOARD).status == 200

    browser.get(ADMIN_LOGOUT)

    assert copied.get(CONFIG_PAGE).status == 302
    assert copied.get(CONFIG_PAGE).location == "/admin/"
    saved = copied.post(CONFIG_SAVE, {"form_key": browser.form_key, PRODUCTION: "saved-after-logout"})
    assert saved.status == 302
    assert saved.location == "/admin/"
    assert admin_db.config_value(PRODUCTION_PATH) is None


def test_admin_logout_deletes_the_session_row(admin_browser: TestBrowser, admin_db: Db) -> None:
    browser = signed_in_admin(admin_browser)
    session_id = cookie_value(browser, "admin")
    assert admin_db.rows("SELECT user FROM session WHERE session_id = ?", (session_id,)) == [("admin",)]

    browser.get(ADMIN_LOGOUT)

    assert admin_db.rows("SELECT user FROM session WHERE session_id = ?", (session_id,)) == []


def test_portal_logout_ends_the_session_for_every_copy_of_its_cookie(
    portal_browser: TestBrowser, portal_db: Db
) -> None:
    browser = portal_browser.fresh()
    browser.sign_in()
    copied = copy_of(browser, "PHPSESSID")
    assert copied.get(API_PORTAL).status == 200

    browser.get("/customer/account/logout/")

    assert copied.get(API_PORTAL).status == 302
    added = copied.post("/apiportal/index/add/", {"form_key": browser.form_key, "description": "after logout"})
    assert added.status == 302
    assert added.location == "/customer/account/login/"
    assert portal_db.rows("SELECT COUNT(*) FROM api_key") == [(0,)]


def test_sign_in_replaces_the_session_id(admin_browser: TestBrowser, admin_db: Db) -> None:
    """A session id known before sign-in (a planted cookie) is not the signed-in one."""
    browser = admin_browser.fresh()
    browser.get("/admin/")
    before = cookie_value(browser, "admin")

    browser.sign_in()

    assert cookie_value(browser, "admin") != before
    assert admin_db.rows("SELECT COUNT(*) FROM session WHERE session_id = ?", (before,)) == [(0,)]


@pytest.mark.parametrize("value", ["x" * 43, "", "ü" * 10, "a" * 4000, "..", "%00"])
def test_an_unknown_or_malformed_session_cookie_is_signed_out(admin_browser: TestBrowser, value: str) -> None:
    browser = admin_browser.fresh()
    browser.client.set_cookie("admin", value)

    assert browser.get(ADMIN_DASHBOARD).status == 302
    assert browser.get("/admin/").status == 200


def test_a_session_whose_row_is_gone_starts_afresh_and_is_not_revived(admin_browser: TestBrowser, admin_db: Db) -> None:
    """A request still running when its session ended must not write the session back."""
    browser = signed_in_admin(admin_browser)
    ended = cookie_value(browser, "admin")
    copied = copy_of(browser, "admin")
    browser.get(ADMIN_LOGOUT)

    copied.get("/admin/")  # the login page writes a form key: into a new session, never the ended one

    assert admin_db.rows("SELECT COUNT(*) FROM session WHERE session_id = ?", (ended,)) == [(0,)]
    assert cookie_value(copied, "admin") != ended


# --------------------------------------------------------------------------- reset and sessions


def test_reset_keeps_the_demo_users_sessions_signed_in_and_empties_the_rest(
    admin_browser: TestBrowser, admin_db: Db
) -> None:
    """A test process signs in once and reuses the cookie across resets (the BDD suite's shortcut)."""
    browser = signed_in_admin(admin_browser)
    anonymous = admin_browser.fresh()
    anonymous.get("/admin/")
    browser.post(CONFIG_SAVE, {"form_key": browser.form_key, "config_state[x]": "1"})  # remembered panel state

    assert admin_browser.control().ok("POST", "/reset") == {"reset": True}

    assert browser.get(ADMIN_DASHBOARD).status == 200
    [(data,)] = admin_db.rows("SELECT data FROM session WHERE session_id = ?", (cookie_value(browser, "admin"),))
    assert set(json.loads(data)) == {"admin_user", "form_key"}
    assert admin_db.rows("SELECT COUNT(*) FROM session WHERE user IS NULL") == [(0,)]


@pytest.mark.parametrize("site", ["admin", "portal"])
def test_reset_with_end_sessions_signs_everybody_out(
    admin_browser: TestBrowser, portal_browser: TestBrowser, site: str
) -> None:
    start, name, page = (
        (admin_browser, "admin", ADMIN_DASHBOARD) if site == "admin" else (portal_browser, "PHPSESSID", API_PORTAL)
    )
    browser = start.fresh()
    browser.sign_in()

    assert start.control().ok("POST", "/reset", {"end_sessions": True}) == {"reset": True}

    assert browser.get(page).status == 302


def test_reset_ends_the_sessions_of_accounts_it_deletes(portal_browser: TestBrowser, portal_db: Db) -> None:
    control = portal_browser.control()
    control.ok("POST", "/accounts", {"email": "ann@example.com", "password": "ann-pw-123"})
    ann = portal_browser.fresh()
    ann.sign_in("ann@example.com", "ann-pw-123")
    merchant = portal_browser.fresh()
    merchant.sign_in()

    control.ok("POST", "/reset")
    control.ok("POST", "/accounts", {"email": "ann@example.com", "password": "ann-pw-123"})  # the same address again

    assert ann.get(API_PORTAL).status == 302
    assert merchant.get(API_PORTAL).status == 200
    assert portal_db.rows("SELECT user FROM session WHERE user IS NOT NULL") == [("merchant@example.com",)]


@pytest.mark.parametrize("body", [{"end_sessions": "yes"}, {"end_sessions": 1}, {"end_sessions": None}])
def test_reset_refuses_a_malformed_end_sessions(admin_browser: TestBrowser, body: dict[str, object]) -> None:
    answer = admin_browser.control().call("POST", "/reset", body)

    assert answer.status == 400
    assert answer.json()["message"] == "'end_sessions' must be true or false."


# --------------------------------------------------------------------------- visitors nobody signed in to


def anonymous_rows(db: Db) -> int:
    [(count,)] = db.rows("SELECT COUNT(*) FROM session WHERE user IS NULL")
    return int(count)


@pytest.mark.parametrize("site", ["admin", "portal"])
def test_views_of_the_login_page_keep_a_bounded_number_of_rows(
    admin_browser: TestBrowser, portal_browser: TestBrowser, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each view by a browser without a cookie makes a form key, so a session row: a flood must not grow the file."""
    monkeypatch.setattr(sessions, "MAX_ANONYMOUS_SESSIONS", 20)
    start = admin_browser if site == "admin" else portal_browser
    login = "/admin/" if site == "admin" else "/customer/account/login/"
    signed_in = start.fresh().sign_in()
    db = Db(start.app.config["DATABASE"])

    visitors = [start.fresh() for _ in range(60)]
    for visitor in visitors:
        assert visitor.get(login).status == 200

    assert anonymous_rows(db) == 20
    assert signed_in.get(ADMIN_DASHBOARD if site == "admin" else API_PORTAL).status == 200  # never evicted
    last = visitors[-1]  # the newest visitor's form key still works
    assert last.submit_login(*(("admin", "admin123") if site == "admin" else ("merchant@example.com", "merchant123"))).status == 302  # fmt: skip


def test_a_visitor_nobody_signed_in_to_is_forgotten_after_its_lifetime(
    admin_browser: TestBrowser, admin_db: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    visitor = admin_browser.fresh()
    form_key = visitor.get("/admin/").form_key()
    signed_in = signed_in_admin(admin_browser)
    later = time.time() + sessions.ANONYMOUS_LIFETIME_SECONDS + 1
    monkeypatch.setattr(sessions.time, "time", lambda: later)

    answer = visitor.post("/admin/", {"form_key": form_key, "login[username]": "admin", "login[password]": "admin123"})

    assert answer.status == 403  # its form key went with its session, as Magento's does
    assert signed_in.get(ADMIN_DASHBOARD).status == 200  # a signed-in session lives a day
    admin_browser.fresh().get("/admin/")  # a new row prunes the old ones
    assert anonymous_rows(admin_db) == 2  # the expired visitor's is gone: the two made after the clock moved
