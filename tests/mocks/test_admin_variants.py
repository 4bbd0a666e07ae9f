"""The admin's optional variants: secret keys in URLs, and the current admin layout.

Neither is on by default; the default admin is the one the doc describes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.mocks.conftest import AppFactory, Browser, TestBrowser

CONFIG_PAGE = "/admin/admin/system_config/edit/section/services_connector/"
CONNECTOR = "/admin/servicesconnector/index/index/"
CONNECTOR_SAVE = "/admin/servicesconnector/index/save/"
PRODUCTION_PATH = "services_connector/services_connector_integration/production_api_key"
KEYED = re.compile(r"/key/[0-9a-f]{64}/$")

# --------------------------------------------------------------------------- secret keys


@pytest.fixture
def keyed(make_admin: AppFactory) -> TestBrowser:
    """Signed in to an admin that adds and checks Magento's secret keys in URLs."""
    browser = make_admin(SECRET_KEYS=True)
    assert browser.submit_login("admin", "admin123").status == 302
    return browser


def menu_links(browser: Browser) -> dict[str, str]:
    page = browser.get("/admin/admin/dashboard/", follow_redirects=True)
    return {a.text: a.get("href") or "" for a in page.doc.select("ul#nav li.level-2 > a")}


def test_secret_keys_are_added_to_admin_links(keyed: TestBrowser) -> None:
    links = menu_links(keyed)

    assert set(links) == {"Amazon Sales Channel", "Configuration", "Notifications"}
    for href in links.values():
        assert KEYED.search(href), href
        assert keyed.get(href, follow_redirects=True).status == 200


@pytest.mark.parametrize("key", [None, "0" * 64])
def test_a_missing_or_wrong_secret_key_goes_to_the_dashboard(keyed: TestBrowser, key: str | None) -> None:
    path = CONFIG_PAGE + ("" if key is None else f"key/{key}/")

    answer = keyed.get(path)

    assert answer.status == 302
    assert answer.location is not None
    assert answer.location.startswith("/admin/admin/dashboard/")
    assert KEYED.search(answer.location)
    dashboard = keyed.get(answer.location)
    assert dashboard.messages("error") == ["Invalid security or form key. Please refresh the page."]


def test_another_sessions_secret_key_is_refused(keyed: TestBrowser) -> None:
    config = menu_links(keyed)["Configuration"]
    other = keyed.fresh()
    assert other.submit_login("admin", "admin123").status == 302

    answer = other.get(config)

    assert answer.status == 302
    assert answer.location is not None
    assert answer.location.startswith("/admin/admin/dashboard/")


def test_save_config_works_through_the_keyed_form(keyed: TestBrowser) -> None:
    general = keyed.get(menu_links(keyed)["Configuration"], follow_redirects=True)
    [section] = [
        a for a in general.doc.select("#system_config_tabs a.admin__page-nav-link") if a.text == "Magento Services"
    ]
    page = keyed.get(section.get("href") or "")
    form = page.doc.select_one("form#config-edit-form")
    action = form.get("action") or ""
    assert KEYED.search(action)

    answer = keyed.post(
        action,
        {
            "form_key": page.form_key(),
            "groups[services_connector_integration][fields][production_api_key][value]": " k-1 ",
        },
    )

    assert answer.status == 302
    assert keyed.control().ok("GET", f"/config?path={PRODUCTION_PATH}")["value"] == "k-1"


def test_login_page_needs_no_secret_key(make_admin: AppFactory) -> None:
    browser = make_admin(SECRET_KEYS=True)

    assert 'id="login-form"' in browser.get("/admin/").text
    assert browser.get("/admin/admin/dashboard/").location == "/admin/"


# --------------------------------------------------------------------------- current admin layout


@pytest.fixture
def current(make_admin: AppFactory) -> Browser:
    """Signed in to an admin of the current layout (System > Services > Commerce Services Connector)."""
    return make_admin(ADMIN_LAYOUT="current").sign_in(form_page=CONNECTOR)


def test_current_admin_has_the_services_connector_under_system(current: Browser) -> None:
    system = current.get("/admin/admin/dashboard/").doc.select_one("li#menu-magento-backend-system")

    groups = [t.text for t in system.select("strong.submenu-group-title")]
    assert groups == ["Other Settings", "Services"]
    link = system.select_one('li[data-ui-id="menu-magento-servicesconnector-services-connector"] > a')
    assert (link.text, link.get("href")) == ("Commerce Services Connector", CONNECTOR)


def test_current_admin_has_no_magento_services_section(current: Browser) -> None:
    assert current.get(CONFIG_PAGE).status == 404
    tabs = current.get("/admin/admin/system_config/edit/section/general/").doc.select(
        '#system_config_tabs [data-role="title"] > strong'
    )
    assert [t.text for t in tabs] == ["General"]


def test_current_admin_add_the_key_leads_to_the_services_connector(current: Browser) -> None:
    button = current.get("/admin/channel/amazon/").doc.select_one("#amazon-api-key-prompt button.action-primary")

    assert button.get("data-href") == CONNECTOR


def test_current_admin_saves_the_key_under_the_same_path(current: Browser, make_admin: AppFactory) -> None:
    page = current.get(CONNECTOR)
    assert page.doc.select_one("form#services-connector-form").get("action") == CONNECTOR_SAVE
    assert page.doc.select_one('label[for="production_api_key"]').text == "Production API Key"
    assert page.doc.select_one("button#save").text == "Save"

    answer = current.post(CONNECTOR_SAVE, {"form_key": current.form_key, "production_api_key": "  key-2\n"})

    assert answer.status == 302
    assert answer.location == CONNECTOR
    back = current.get(CONNECTOR)
    assert back.messages("success") == ["You saved the configuration."]
    assert back.doc.select_one("input#production_api_key").get("value") == "key-2"
    assert current.control().ok("GET", f"/config?path={PRODUCTION_PATH}")["value"] == "key-2"


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"production_api_key": "x"}, 403, "Invalid security or form key. Please refresh the page."),
        (
            {"form_key": "", "production_api_key": "k" * 256},
            403,
            "Invalid security or form key. Please refresh the page.",
        ),
        (
            {"production_api_key": "k" * 256, "with_form_key": "1"},
            400,
            "Production API Key can be at most 255 characters long. Nothing was saved.",
        ),
        (
            {"production_api_key": "bad\x00key", "with_form_key": "1"},
            400,
            "Production API Key contains characters that are not allowed. Nothing was saved.",
        ),
    ],
)
def test_current_admin_refuses_bad_saves(current: Browser, fields: dict[str, str], status: int, message: str) -> None:
    current.control().ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "kept"})
    data = {k: v for k, v in fields.items() if k != "with_form_key"}
    if "with_form_key" in fields:
        data["form_key"] = current.form_key

    answer = current.post(CONNECTOR_SAVE, data)

    assert answer.status == status
    assert answer.messages("error") == [message]
    assert current.control().ok("GET", f"/config?path={PRODUCTION_PATH}")["value"] == "kept"


@pytest.mark.parametrize("times", [2, 50])
def test_current_admin_refuses_a_field_sent_more_than_once(current: Browser, times: int) -> None:
    """As Save Config on the doc's layout: which of the values would be the one meant?"""
    current.control().ok("PUT", "/config", {"path": PRODUCTION_PATH, "value": "kept"})

    answer = current.post(
        CONNECTOR_SAVE, [("form_key", current.form_key), *[("production_api_key", f"key-{n}") for n in range(times)]]
    )

    assert answer.status == 400
    assert answer.messages("error") == ["Production API Key was sent more than once. Nothing was saved."]
    assert current.control().ok("GET", f"/config?path={PRODUCTION_PATH}")["value"] == "kept"


def test_doc_admin_has_no_services_connector_page(admin: Browser) -> None:
    assert admin.get(CONNECTOR).status == 404


def test_unknown_admin_layout_is_refused(make_admin: AppFactory) -> None:
    with pytest.raises(ValueError, match="ADMIN_LAYOUT"):
        make_admin(ADMIN_LAYOUT="future")


@pytest.mark.parametrize(
    "key",
    ["ключ", "%FF%FE", "caf%C3%A9", "\u200b" * 64, "%00"],
    ids=["cyrillic", "invalid-utf8", "accented", "zero-width", "nul"],
)
def test_a_secret_key_with_any_characters_is_a_wrong_key(keyed: TestBrowser, key: str) -> None:
    answer = keyed.get(f"{CONFIG_PAGE}key/{key}/")

    assert answer.status == 302
    assert answer.location is not None
    assert answer.location.startswith("/admin/admin/dashboard/")
