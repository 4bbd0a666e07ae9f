"""Headers both mocks read (Host) and send (Location, caching, framing), on every route."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mocks.shared.control import TOKEN_HEADER
from mocks.shared.errors import BAD_HOST
from tests.mocks.conftest import CONTROL_TOKEN, every_route

if TYPE_CHECKING:
    from tests.mocks.conftest import AppFactory, TestBrowser

# Host names no URL can be built for (IDNA refuses them); all are made of characters a host name has
MALFORMED_HOSTS = {
    "empty-label": "a..b",
    "label-of-64": "x" * 64 + ".example",
    "name-of-254": "a" * 254,
}


@pytest.fixture(params=["doc", "current", "secret-keys", "portal"])
def browsers(request: pytest.FixtureRequest, make_admin: AppFactory, make_portal: AppFactory) -> list[TestBrowser]:
    """An anonymous and a signed-in browser on one kind of app."""
    if request.param == "portal":
        anonymous = make_portal()
    elif request.param == "secret-keys":
        anonymous = make_admin(SECRET_KEYS=True)
    else:
        anonymous = make_admin(ADMIN_LAYOUT=request.param)
    signed_in = anonymous.fresh()
    user, password = ("merchant@example.com", "merchant123") if request.param == "portal" else ("admin", "admin123")
    assert signed_in.submit_login(user, password).status == 302
    return [anonymous, signed_in]


@pytest.mark.parametrize("host", MALFORMED_HOSTS.values(), ids=MALFORMED_HOSTS.keys())
def test_a_malformed_host_is_a_400_on_every_route(browsers: list[TestBrowser], host: str) -> None:
    """Werkzeug cannot make a URL adapter for such a Host: the 400 page must not need one."""
    routes = every_route(browsers[0].app)
    assert len(routes) > 10
    for browser in browsers:
        for method, path in routes:
            answer = browser.request_as_sent(method, path, [("Host", host)])

            control = path.startswith("/_mock/")  # without the token: refused before anything else
            assert answer.status == (403 if control else 400), (method, path, answer.status, answer.text[:200])
            assert control or BAD_HOST in answer.text


def test_a_malformed_host_is_a_400_for_the_control_api_too(admin_browser: TestBrowser) -> None:
    answer = admin_browser.request_as_sent("GET", "/_mock/log/mark", [("Host", "a..b"), (TOKEN_HEADER, CONTROL_TOKEN)])

    assert answer.status == 400
    assert answer.json() == {"error": "Bad Request", "message": BAD_HOST}


@pytest.mark.parametrize("host", ["elsewhere.example", "127.0.0.1:1", "[::1]:8080"])
@pytest.mark.parametrize(
    ("site", "path", "location"),
    [
        ("admin", "/admin/admin/dashboard", "/admin/admin/dashboard/"),
        ("admin", "/admin/channel/amazon?x=1", "/admin/channel/amazon/?x=1"),
        ("portal", "/customer/account/login", "/customer/account/login/"),
        ("portal", "/apiportal//index/index/", "/apiportal/index/index/"),
    ],
)
def test_routing_redirects_stay_on_this_server_whatever_the_host_header(
    admin_browser: TestBrowser, portal_browser: TestBrowser, host: str, site: str, path: str, location: str
) -> None:
    browser = admin_browser if site == "admin" else portal_browser

    answer = browser.request_as_sent("GET", path, [("Host", host)])

    assert answer.status == 308
    assert answer.location == location


CONFIG_PAGES = {
    "doc": "/admin/admin/system_config/edit/section/services_connector/",
    "current": "/admin/servicesconnector/index/index/",
}


@pytest.mark.parametrize("layout", CONFIG_PAGES)
def test_the_page_that_shows_the_stored_key_is_neither_cached_nor_framed(make_admin: AppFactory, layout: str) -> None:
    admin = make_admin(ADMIN_LAYOUT=layout).sign_in(form_page=CONFIG_PAGES[layout])

    page = admin.get(CONFIG_PAGES[layout])

    assert page.status == 200
    assert "no-store" in (page.headers.get("Cache-Control") or "")
    assert page.headers.get("X-Frame-Options") == "SAMEORIGIN"


@pytest.mark.parametrize(
    ("site", "path"),
    [("admin", "/admin/"), ("admin", "/admin/nope"), ("portal", "/customer/account/login/"), ("portal", "/apiportal/")],
)
def test_every_page_is_neither_cached_nor_framed(
    admin_browser: TestBrowser, portal_browser: TestBrowser, site: str, path: str
) -> None:
    page = (admin_browser if site == "admin" else portal_browser).get(path)

    assert page.headers.get("Cache-Control") == "max-age=0, must-revalidate, no-cache, no-store"
    assert page.headers.get("Pragma") == "no-cache"
    assert page.headers.get("X-Frame-Options") == "SAMEORIGIN"


def test_style_sheets_stay_cacheable(admin_browser: TestBrowser, portal_browser: TestBrowser) -> None:
    for browser, sheet in ((admin_browser, "/static/admin.css"), (portal_browser, "/static/portal.css")):
        answer = browser.get(sheet)

        assert answer.status == 200
        assert "no-store" not in (answer.headers.get("Cache-Control") or "")
