"""Admin sign-in, the session every admin page needs, and sign-out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.mocks.conftest import AppFactory, Browser, TestBrowser

ADMIN_LOGIN = "/admin/"
ADMIN_DASHBOARD = "/admin/admin/dashboard/"
CHANNEL = "/admin/channel/amazon/"
CONFIG_PAGE = "/admin/admin/system_config/edit/section/services_connector/"

ADMIN_PAGES = [
    "/admin/admin/dashboard/",
    "/admin/admin/dashboard/index/",
    "/admin/admin/notification/",
    "/admin/channel/amazon/",
    "/admin/channel/amazon/index/",
    "/admin/channel/amazon/store/new/",
    "/admin/admin/system_config/",
    "/admin/admin/system_config/index/",
    "/admin/admin/system_config/edit/section/services_connector/",
    "/admin/admin/system_config/edit/section/general/",
]


def test_login_page_has_the_magento_login_form(admin_browser: TestBrowser) -> None:
    page = admin_browser.get(ADMIN_LOGIN)

    assert page.status == 200
    form = page.doc.select_one("form#login-form")
    assert form.get("method") == "post"
    username = form.select_one("input#username")
    assert username.get("name") == "login[username]"
    password = form.select_one("input#login")
    assert (password.get("name"), password.get("type")) == ("login[password]", "password")
    assert form.select_one('input[name="form_key"]').get("type") == "hidden"
    assert page.form_key()
    button = form.select_one("button.action-login.action-primary")
    assert button.text == "Sign in"


def test_login_page_also_answers_at_the_admin_alias(admin_browser: TestBrowser) -> None:
    assert 'id="login-form"' in admin_browser.get("/admin/admin/").text


def test_right_credentials_open_the_dashboard(admin_browser: TestBrowser) -> None:
    answer = admin_browser.submit_login("admin", "admin123")

    assert answer.status == 302
    assert answer.location == ADMIN_DASHBOARD
    dashboard = admin_browser.get(ADMIN_DASHBOARD)
    assert dashboard.status == 200
    assert dashboard.doc.select_one(".admin-user-account-text").text == "admin"


@pytest.mark.parametrize(("username", "password"), [("admin", "wrong-password"), ("nobody", "admin123")])
def test_wrong_credentials_show_an_error_and_open_no_session(
    admin_browser: TestBrowser, username: str, password: str
) -> None:
    answer = admin_browser.submit_login(username, password)

    assert answer.status == 401
    assert answer.messages("error") == [
        "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."
    ]
    assert 'id="login-form"' in answer.text
    assert admin_browser.get(ADMIN_DASHBOARD).status == 302


def test_a_configured_user_replaces_the_default(make_admin: AppFactory) -> None:
    browser = make_admin(ADMIN_USERNAME="ops", ADMIN_PASSWORD="s3cret-pw")

    assert browser.submit_login("admin", "admin123").status == 401
    assert browser.submit_login("ops", "s3cret-pw").status == 302


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_every_admin_page_needs_a_session(admin_browser: TestBrowser, path: str) -> None:
    answer = admin_browser.get(path)

    assert answer.status == 302
    assert answer.location == ADMIN_LOGIN


@pytest.mark.parametrize("path", [CONFIG_PAGE, CHANNEL, "/admin/admin/notification/?page=2"])
def test_login_returns_to_the_page_asked_for(admin_browser: TestBrowser, path: str) -> None:
    admin_browser.get(path)

    answer = admin_browser.submit_login("admin", "admin123")

    assert answer.status == 302
    assert answer.location == path


def test_the_page_asked_for_is_used_once(admin_browser: TestBrowser) -> None:
    admin_browser.get(CONFIG_PAGE)
    admin_browser.submit_login("admin", "admin123")
    admin_browser.get("/admin/admin/auth/logout/")

    assert admin_browser.submit_login("admin", "admin123").location == ADMIN_DASHBOARD


def test_a_post_without_a_session_goes_to_login(admin_browser: TestBrowser) -> None:
    answer = admin_browser.post("/admin/admin/system_config/save/section/services_connector/", {"form_key": "x"})

    assert answer.status == 302
    assert answer.location == ADMIN_LOGIN


def test_signed_in_login_page_goes_to_the_dashboard(admin: Browser) -> None:
    answer = admin.get(ADMIN_LOGIN)

    assert answer.status == 302
    assert answer.location == ADMIN_DASHBOARD


def test_logout_ends_the_session(admin: Browser) -> None:
    answer = admin.get("/admin/admin/auth/logout/", follow_redirects=True)

    assert answer.url == ADMIN_LOGIN
    assert answer.messages("success") == ["You have logged out."]
    assert admin.get(CONFIG_PAGE).status == 302


def test_logout_without_a_session_does_not_sign_out_the_next_login(admin_browser: TestBrowser) -> None:
    admin_browser.get("/admin/admin/auth/logout/")

    answer = admin_browser.submit_login("admin", "admin123")

    assert answer.location == ADMIN_DASHBOARD
    assert admin_browser.get(CONFIG_PAGE).status == 200


def test_login_without_form_key_is_refused(admin_browser: TestBrowser) -> None:
    admin_browser.get(ADMIN_LOGIN)

    answer = admin_browser.post(ADMIN_LOGIN, {"login[username]": "admin", "login[password]": "admin123"})

    assert answer.status == 403
    assert answer.messages("error") == ["Invalid security or form key. Please refresh the page."]
    assert admin_browser.get(ADMIN_DASHBOARD).status == 302


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"login[password]": "admin123"}, "User Name is a required field."),
        ({"login[username]": "admin"}, "Password is a required field."),
        ({"login[username]": "a" * 41, "login[password]": "admin123"}, "User Name can be at most 40 characters long."),
    ],
)
def test_login_with_missing_or_overlong_fields_says_why(
    admin_browser: TestBrowser, fields: dict[str, str], message: str
) -> None:
    form_key = admin_browser.get(ADMIN_LOGIN).form_key()

    answer = admin_browser.post(ADMIN_LOGIN, {"form_key": form_key, **fields})

    assert answer.status == 400
    assert answer.messages("error") == [message]


def test_the_username_typed_is_shown_again_escaped(admin_browser: TestBrowser) -> None:
    answer = admin_browser.submit_login("<b>x</b>", "nope")

    assert answer.status == 401
    assert "<b>x</b>" not in answer.text
    assert answer.doc.select_one("input#username").get("value") == "<b>x</b>"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/admin/system_config/edit/section/a%0D%0Ab/",
        "/admin/admin/system_config/edit/section/a%0Ab/",
        "/admin/admin/system_config/edit/section/a%0Db/",
        "/admin/admin/system_config/edit/section/a%09b/",
    ],
)
def test_a_remembered_page_with_a_control_character_falls_back_to_the_dashboard(
    admin_browser: TestBrowser, path: str
) -> None:
    assert admin_browser.get(path).status == 302  # remembered on the way to the login page

    answer = admin_browser.submit_login("admin", "admin123")

    assert answer.status == 302
    assert answer.location == ADMIN_DASHBOARD


def test_a_remembered_page_with_other_characters_is_kept(admin_browser: TestBrowser) -> None:
    admin_browser.get("/admin/admin/system_config/edit/section/caf%C3%A9/")

    answer = admin_browser.submit_login("admin", "admin123")

    assert answer.location == "/admin/admin/system_config/edit/section/caf%C3%A9/"
