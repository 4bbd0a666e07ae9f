"""Session cookies: the names Magento uses, HttpOnly and SameSite=Lax, on both mocks."""

from __future__ import annotations

from http.cookies import SimpleCookie
from typing import TYPE_CHECKING

import pytest

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
