"""The admin's left menu, shaped like Magento's (ids and classes the real admin uses)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.mocks.conftest import Browser, TestBrowser


def test_menu_is_nav_admin_menu_with_ul_nav(admin: Browser) -> None:
    doc = admin.get("/admin/admin/dashboard/").doc

    top = doc.select("nav.admin__menu > ul#nav > li.level-0")
    assert [li.get("id") for li in top] == [
        "menu-magento-backend-dashboard",
        "menu-magento-backend-marketing",
        "menu-magento-backend-stores",
        "menu-magento-backend-system",
    ]
    assert [li.select_one("a > span").text for li in top] == ["Dashboard", "Marketing", "Stores", "System"]
    assert doc.select_one("ul#nav").get("role") == "menubar"
    assert not doc.select("nav.admin__menu > li")  # the items are in the list, not straight in the nav


@pytest.mark.parametrize(
    ("item", "group", "link", "href"),
    [
        ("menu-magento-backend-marketing", "Channels", "Amazon Sales Channel", "/admin/channel/amazon/"),
        (
            "menu-magento-backend-stores",
            "Settings",
            "Configuration",
            "/admin/admin/system_config/",
        ),
    ],
)
def test_submenu_has_group_title_and_link(admin: Browser, item: str, group: str, link: str, href: str) -> None:
    li = admin.get("/admin/admin/dashboard/").doc.select_one(f"ul#nav > li#{item}")

    assert "parent" in li.classes
    assert li.get("aria-haspopup") == "true"
    submenu = li.select_one("div.submenu")
    assert [t.text for t in submenu.select("strong.submenu-group-title > span")] == [group]
    links = {a.text: a.get("href") for a in submenu.select("li.level-2 > a")}
    assert links == {link: href}


def test_menu_links_lead_to_the_pages(admin: Browser) -> None:
    doc = admin.get("/admin/admin/dashboard/").doc
    channel = doc.select_one('li[data-ui-id="menu-magento-amazon-channel-amazon-index"] > a').get("href")
    config = doc.select_one('#nav li[data-ui-id="menu-magento-config-system-config"] > a').get("href")
    assert channel is not None
    assert config is not None

    assert admin.get(channel).status == 200
    opened = admin.get(config, follow_redirects=True)
    assert opened.status == 200
    assert 'id="system_config_tabs"' in opened.text
    assert (
        admin.get("/admin/admin/dashboard/").doc.select_one("li#menu-magento-backend-dashboard > a").get("href")
        == "/admin/admin/dashboard/"
    )


def test_current_page_marks_its_menu_item(admin: Browser) -> None:
    doc = admin.get("/admin/admin/system_config/edit/section/services_connector/").doc

    assert "_active" in doc.select_one("li#menu-magento-backend-stores").classes
    assert "_active" not in doc.select_one("li#menu-magento-backend-marketing").classes
    assert "_active" in doc.select_one('li[data-ui-id="menu-magento-config-system-config"] > a').classes


def test_no_menu_and_no_user_on_the_login_page(admin_browser: TestBrowser) -> None:
    doc = admin_browser.get("/admin/").doc

    assert not doc.select("nav.admin__menu")
    assert not doc.select(".account-signout")


def test_header_has_sign_out(admin: Browser) -> None:
    link = admin.get("/admin/admin/dashboard/").doc.select_one(".admin-user a.account-signout")

    assert link.text == "Sign Out"
    assert link.get("href") == "/admin/admin/auth/logout/"
