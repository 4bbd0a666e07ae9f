"""The account portal: sign-in, registration, the pages that need a session, sign-out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.mocks.conftest import Browser, Db, Page, TestBrowser

LOGIN = "/customer/account/login/"
LOGIN_POST = "/customer/account/loginPost/"
CREATE = "/customer/account/create/"
CREATE_POST = "/customer/account/createpost/"
DASHBOARD = "/customer/account/"
API_PORTAL = "/apiportal/index/index/"
BAD_LOGIN = (
    "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."
)


def register(browser: Browser, **fields: str) -> Page:
    """Send the registration form: a valid new account unless ``fields`` say otherwise."""
    form_key = browser.get(CREATE).form_key()
    data = {
        "form_key": form_key,
        "firstname": "Ann",
        "lastname": "Lee",
        "email": "ann@example.com",
        "password": "s3cretpass",
        "password_confirmation": "s3cretpass",
        **fields,
    }
    return browser.post(CREATE_POST, data)


def test_login_page(portal_browser: TestBrowser) -> None:
    page = portal_browser.get(LOGIN)

    assert page.status == 200
    form = page.doc.select_one("form#login-form")
    assert form.get("action") == LOGIN_POST
    assert form.select_one("input#email").get("name") == "login[username]"
    assert form.select_one("input#pass").get("type") == "password"
    assert form.select_one('input[name="form_key"]').get("type") == "hidden"
    assert form.select_one("button#send2").text == "Sign In"
    assert page.doc.select_one(f'.block-new-customer a[href="{CREATE}"]').text == "Create an Account"


def test_seeded_merchant_signs_in(portal_browser: TestBrowser) -> None:
    answer = portal_browser.submit_login("merchant@example.com", "merchant123")

    assert answer.status == 302
    assert answer.location == DASHBOARD
    page = portal_browser.get(DASHBOARD)
    assert page.status == 200
    assert page.doc.select_one(".greet.welcome").text == "Welcome, merchant@example.com"


def test_email_is_matched_without_case(portal_browser: TestBrowser) -> None:
    assert portal_browser.submit_login("Merchant@Example.COM", "merchant123").status == 302


@pytest.mark.parametrize(
    ("email", "password"), [("merchant@example.com", "wrong"), ("nobody@example.com", "merchant123")]
)
def test_wrong_credentials_are_refused(portal_browser: TestBrowser, email: str, password: str) -> None:
    answer = portal_browser.submit_login(email, password)

    assert answer.status == 401
    assert answer.messages("error") == [BAD_LOGIN]
    assert answer.doc.select_one("input#email").get("value") == email
    assert portal_browser.get(API_PORTAL).status == 302


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"login[password]": "merchant123"}, "Email is a required field."),
        ({"login[username]": "merchant@example.com"}, "Password is a required field."),
        (
            {"login[username]": "a" * 250 + "@example.com", "login[password]": "x"},
            "Email can be at most 254 characters long.",
        ),
    ],
)
def test_login_with_missing_or_overlong_fields_says_why(
    portal_browser: TestBrowser, fields: dict[str, str], message: str
) -> None:
    form_key = portal_browser.get(LOGIN).form_key()

    answer = portal_browser.post(LOGIN_POST, {"form_key": form_key, **fields})

    assert answer.status == 400
    assert answer.messages("error") == [message]


def test_login_without_form_key_is_refused(portal_browser: TestBrowser) -> None:
    portal_browser.get(LOGIN)

    answer = portal_browser.post(
        LOGIN_POST, {"login[username]": "merchant@example.com", "login[password]": "merchant123"}
    )

    assert answer.status == 403
    assert answer.messages("error") == ["Invalid security or form key. Please refresh the page."]
    assert portal_browser.get(API_PORTAL).status == 302


@pytest.mark.parametrize(
    "path", [DASHBOARD, "/customer/account/index/", API_PORTAL, "/apiportal/", "/apiportal/index/"]
)
def test_account_pages_need_a_session(portal_browser: TestBrowser, path: str) -> None:
    answer = portal_browser.get(path)

    assert answer.status == 302
    assert answer.location == LOGIN
    assert portal_browser.get(LOGIN).messages("notice") == ["Sign in to your Commerce account to continue."]


def test_home_goes_to_my_account(portal_browser: TestBrowser, portal: Browser) -> None:
    assert portal_browser.get("/").location == LOGIN
    assert portal.get("/").location == DASHBOARD


def test_login_returns_to_the_api_portal(portal_browser: TestBrowser) -> None:
    portal_browser.get(API_PORTAL)

    answer = portal_browser.submit_login("merchant@example.com", "merchant123")

    assert answer.location == API_PORTAL
    assert portal_browser.get(API_PORTAL).doc.select_one("h1.page-title").text == "API Portal"


def test_signed_in_login_page_goes_on(portal: Browser) -> None:
    assert portal.get(LOGIN).location == DASHBOARD
    assert portal.get(CREATE).location == DASHBOARD


def test_logout(portal: Browser) -> None:
    page = portal.get("/customer/account/logout/", follow_redirects=True)

    assert page.url == LOGIN
    assert page.messages("success") == ["You are signed out."]
    assert portal.get(API_PORTAL).status == 302


def test_logout_without_a_session_is_harmless(portal_browser: TestBrowser) -> None:
    assert portal_browser.get("/customer/account/logout/").location == LOGIN


# --------------------------------------------------------------------------- registration


def test_registration_form(portal_browser: TestBrowser) -> None:
    form = portal_browser.get(CREATE).doc.select_one("form#form-validate")

    assert form.get("action") == CREATE_POST
    names = {i.get("name") for i in form.select("input")}
    assert names == {"form_key", "firstname", "lastname", "email", "password", "password_confirmation"}
    assert form.select_one("button.action.submit.primary").text == "Create an Account"


def test_registration_signs_in_and_the_new_account_can_sign_in_again(
    portal_browser: TestBrowser, portal_db: Db
) -> None:
    answer = register(portal_browser)

    assert answer.status == 302
    assert answer.location == DASHBOARD
    page = portal_browser.get(DASHBOARD)
    assert page.messages("success") == ["Thank you for registering with your Commerce account."]
    assert page.doc.select_one(".greet.welcome").text == "Welcome, ann@example.com"
    assert portal_db.rows("SELECT email, firstname, lastname FROM account WHERE email = ?", ["ann@example.com"]) == [
        ("ann@example.com", "Ann", "Lee")
    ]
    again = portal_browser.fresh()
    assert again.submit_login("ann@example.com", "s3cretpass").status == 302


def test_registration_returns_to_the_api_portal(portal_browser: TestBrowser) -> None:
    portal_browser.get(API_PORTAL)

    answer = register(portal_browser)

    assert answer.location == API_PORTAL


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "not-an-email"}, "Please enter a valid email address (Ex: johndoe@domain.com)."),
        ({"email": "ann@example"}, "Please enter a valid email address (Ex: johndoe@domain.com)."),
        ({"email": "<script>@example.com"}, "Please enter a valid email address (Ex: johndoe@domain.com)."),
        ({"email": ""}, "Email is a required field."),
        ({"email": "a" * 250 + "@example.com"}, "Email can be at most 254 characters long."),
        ({"password": "abc123", "password_confirmation": "abc123"}, "The password needs at least 8 characters."),
        (
            {"password": "abcdefgh", "password_confirmation": "abcdefgh"},
            "The password needs at least one letter and one digit.",
        ),
        (
            {"password": "12345678", "password_confirmation": "12345678"},
            "The password needs at least one letter and one digit.",
        ),
        (
            {"password": " s3cretpass", "password_confirmation": " s3cretpass"},
            "The password can't begin or end with a space.",
        ),
        ({"password_confirmation": "s3cretpasX"}, "Please enter the same password in both password fields."),
        ({"password": ""}, "Password is a required field."),
        ({"firstname": "n" * 65}, "Name can be at most 64 characters long."),
        (
            {"email": "merchant@example.com"},
            "There is already an account with this email address. Sign in, or use another address.",
        ),
        (
            {"email": "MERCHANT@example.com"},
            "There is already an account with this email address. Sign in, or use another address.",
        ),
    ],
)
def test_registration_rules(portal_browser: TestBrowser, portal_db: Db, fields: dict[str, str], message: str) -> None:
    answer = register(portal_browser, **fields)

    assert answer.status == 400
    assert answer.messages("error") == [message]
    assert portal_db.rows("SELECT email FROM account") == [("merchant@example.com",)]
    assert portal_browser.get(API_PORTAL).status == 302


def test_registration_without_form_key_is_refused(portal_browser: TestBrowser, portal_db: Db) -> None:
    answer = register(portal_browser, form_key="")

    assert answer.status == 403
    assert portal_db.rows("SELECT COUNT(*) FROM account") == [(1,)]


def test_refused_registration_shows_the_typed_names_as_text(portal_browser: TestBrowser) -> None:
    answer = register(portal_browser, firstname="<b>Ann</b>", password_confirmation="other1234")

    assert answer.status == 400
    assert "<b>Ann</b>" not in answer.text
    assert answer.doc.select_one("input#firstname").get("value") == "<b>Ann</b>"
    assert answer.doc.select_one("input#password").get("value") is None
