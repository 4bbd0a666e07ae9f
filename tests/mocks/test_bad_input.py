"""Bad input on both mocks: a clear message and a 4xx, never a 500, stored data left as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.mocks.conftest import Browser, Db

CONFIG_PAGE = "/admin/admin/system_config/edit/section/services_connector/"
CONFIG_SAVE = "/admin/admin/system_config/save/section/services_connector/"
PRODUCTION = "groups[services_connector_integration][fields][production_api_key][value]"
PRODUCTION_PATH = "services_connector/services_connector_integration/production_api_key"
NOTHING_SAVED = "Nothing was saved."
INVALID_UTF8 = "The form data is not valid UTF-8 text."


@pytest.fixture
def stored(admin: Browser, admin_db: Db) -> list[tuple[str, int, str, str]]:
    """A production key saved before the bad request, to check it stays."""
    assert admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: "good-key"}).status == 302
    return admin_db.config()


# --------------------------------------------------------------------------- Save Config


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "groups[services_connector_integration][fields][nope][value]",
            "'groups[services_connector_integration][fields][nope][value]' is not a setting of the"
            " Magento Services section. Nothing was saved.",
        ),
        (
            "groups[store_information][fields][name][value]",
            "'groups[store_information][fields][name][value]' is not a setting of the"
            " Magento Services section. Nothing was saved.",
        ),
    ],
)
def test_unknown_field_refuses_the_whole_save(
    admin: Browser, admin_db: Db, stored: list[tuple[str, int, str, str]], name: str, message: str
) -> None:
    answer = admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: "new-key", name: "x"})

    assert answer.status == 400
    assert answer.doc.select_one("#messages .message-error").text == message
    assert admin_db.config() == stored


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("k" * 256, "Production Api key can be at most 255 characters long. Nothing was saved."),
        ("bad\x00key", "Production Api key contains characters that are not allowed. Nothing was saved."),
        ("bad\x1bkey", "Production Api key contains characters that are not allowed. Nothing was saved."),
        ("bad\x7fkey", "Production Api key contains characters that are not allowed. Nothing was saved."),
        ("two\nlines", "Production Api key contains characters that are not allowed. Nothing was saved."),
    ],
)
def test_bad_value_is_refused_with_a_message(
    admin: Browser, admin_db: Db, stored: list[tuple[str, int, str, str]], value: str, message: str
) -> None:
    answer = admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: value})

    assert answer.status == 400
    assert answer.messages("error") == [message]
    assert admin_db.config() == stored


def test_longest_allowed_value_is_saved(admin: Browser, admin_db: Db) -> None:
    assert admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: "k" * 255}).status == 302
    assert admin_db.config_value(PRODUCTION_PATH) == "k" * 255


def test_refused_value_is_shown_again_as_text(admin: Browser, stored: list[tuple[str, int, str, str]]) -> None:
    typed = "<img src=x onerror=alert(1)>" + "k" * 300

    answer = admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: typed})

    assert answer.status == 400
    assert "<img src=x" not in answer.text
    field = answer.doc.select_one("input#services_connector_services_connector_integration_production_api_key")
    assert field.get("value") == typed


def test_markup_in_a_field_name_is_shown_as_text(admin: Browser, stored: list[tuple[str, int, str, str]]) -> None:
    name = "groups[<script>alert(1)</script>][fields][x][value]"

    answer = admin.post(CONFIG_SAVE, {"form_key": admin.form_key, name: "x"})

    assert answer.status == 400
    assert "<script>alert(1)</script>" not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    assert answer.messages("error") == [f"'{name}' is not a setting of the Magento Services section. {NOTHING_SAVED}"]


def test_a_field_sent_twice_is_refused(admin: Browser, admin_db: Db, stored: list[tuple[str, int, str, str]]) -> None:
    answer = admin.post(CONFIG_SAVE, [("form_key", admin.form_key), (PRODUCTION, "a"), (PRODUCTION, "b")])

    assert answer.status == 400
    assert answer.messages("error") == [f"Production Api key was sent more than once. {NOTHING_SAVED}"]
    assert admin_db.config() == stored


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"%(fk)s&%(field)s=key-%%FF%%FE-bytes"),
        ("application/x-www-form-urlencoded", b"%(fk)s&%(field)s=key-\xff\xfe-bytes"),
        ("application/x-www-form-urlencoded", b"%(fk)s&na%%FFme=v"),
        (
            "multipart/form-data; boundary=b",
            b'%(part_fk)s--b\r\nContent-Disposition: form-data; name="%(field)s"\r\n\r\nk\xff\r\n--b--\r\n',
        ),
    ],
    ids=["escaped-value", "raw-value", "escaped-name", "multipart-value"],
)
def test_invalid_utf8_is_refused(
    admin: Browser, admin_db: Db, stored: list[tuple[str, int, str, str]], content_type: str, body: bytes
) -> None:
    fk = admin.form_key.encode()
    part_fk = b'--b\r\nContent-Disposition: form-data; name="form_key"\r\n\r\n' + fk + b"\r\n"
    sent = body % {b"fk": b"form_key=" + fk, b"part_fk": part_fk, b"field": PRODUCTION.encode()}

    answer = admin.request("POST", CONFIG_SAVE, body=sent, headers={"Content-Type": content_type})

    assert answer.status == 400
    assert answer.messages("error") == [INVALID_UTF8]
    assert admin_db.config() == stored


def test_a_form_that_cannot_be_read_is_refused(
    admin: Browser, admin_db: Db, stored: list[tuple[str, int, str, str]]
) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="form_key"\r\n\r\n'
        + admin.form_key.encode()
        + b'\r\n--b\r\nContent-Disposition: form-data; name="na\xffme"\r\n\r\nv\r\n--b--\r\n'
    )

    answer = admin.request("POST", CONFIG_SAVE, body=body, headers={"Content-Type": "multipart/form-data; boundary=b"})

    assert answer.status == 400
    assert answer.messages("error") == ["The form data could not be read. Send the form again from the page."]
    assert admin_db.config() == stored


def test_a_body_over_the_size_limit_is_refused(
    admin: Browser, admin_db: Db, stored: list[tuple[str, int, str, str]]
) -> None:
    answer = admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: "k" * 70_000})

    assert answer.status == 413
    assert answer.messages("error")
    assert admin_db.config() == stored


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b""),
        ("application/x-www-form-urlencoded", b"\xff\x00=%%&&=\x80%zz"),
        ("multipart/form-data", b"--x\r\nno headers\r\n"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\nv"),
        ("application/json", b'{"form_key": "x"}'),
        ("text/plain", b"\x00\x01\x02"),
    ],
)
def test_garbage_bodies_never_give_a_500(
    admin: Browser, admin_db: Db, stored: list[tuple[str, int, str, str]], content_type: str, body: bytes
) -> None:
    answer = admin.request("POST", CONFIG_SAVE, body=body, headers={"Content-Type": content_type})

    assert 400 <= answer.status < 500, answer.text
    assert admin_db.config() == stored


# --------------------------------------------------------------------------- wrong methods


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", CONFIG_SAVE),
        ("PUT", CONFIG_PAGE),
        ("DELETE", CONFIG_PAGE),
        ("POST", "/admin/channel/amazon/"),
        ("POST", "/admin/admin/dashboard/"),
        ("POST", "/admin/admin/auth/logout/"),
        ("PATCH", "/admin/"),
    ],
)
def test_wrong_methods_on_the_admin_are_405(admin: Browser, method: str, path: str) -> None:
    answer = admin.request(method, path)

    assert answer.status == 405
    assert answer.messages("error") == ["The method is not allowed for the requested URL."]
    assert answer.headers.get("Allow")


def test_wrong_method_without_a_session_is_still_405(admin_browser: Browser) -> None:
    assert admin_browser.request("DELETE", CONFIG_PAGE).status == 405


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/apiportal/index/add/"),
        ("GET", "/apiportal/index/revoke/"),
        ("PUT", "/customer/account/loginPost/"),
        ("GET", "/customer/account/createpost/"),
        ("DELETE", "/apiportal/index/index/"),
        ("POST", "/customer/account/logout/"),
    ],
)
def test_wrong_methods_on_the_portal_are_405(portal: Browser, method: str, path: str) -> None:
    answer = portal.request(method, path)

    assert answer.status == 405
    assert answer.messages("error") == ["The method is not allowed for the requested URL."]


@pytest.mark.parametrize(("method", "path"), [("POST", "/gateway/apikeycheck"), ("GET", "/_mock/reset")])
def test_wrong_methods_on_json_endpoints_answer_json(portal_browser: Browser, method: str, path: str) -> None:
    answer = portal_browser.request(method, path, headers={"X-Mock-Control-Token": "test-control-token"})

    assert answer.status == 405
    assert answer.json()["message"] == "The method is not allowed for the requested URL."


def test_unknown_admin_url_is_a_clear_404(admin: Browser) -> None:
    answer = admin.get("/admin/nothing/here/")

    assert answer.status == 404
    assert answer.messages("error")


# --------------------------------------------------------------------------- portal forms


@pytest.mark.parametrize("multipart", [False, True], ids=["urlencoded", "multipart"])
def test_portal_description_with_invalid_utf8_is_refused(portal: Browser, portal_db: Db, multipart: bool) -> None:
    answer = portal.post(
        "/apiportal/index/add/", {"form_key": portal.form_key, "description": b"Amazon \xc3\x28"}, multipart=multipart
    )

    assert answer.status == 400
    assert answer.messages("error") == [INVALID_UTF8]
    assert portal_db.rows("SELECT COUNT(*) FROM api_key") == [(0,)]


def test_registration_with_invalid_utf8_is_refused(portal_browser: Browser, portal_db: Db) -> None:
    form_key = portal_browser.get("/customer/account/create/").form_key()

    answer = portal_browser.post(
        "/customer/account/createpost/",
        {
            "form_key": form_key,
            "email": b"new\xff@example.com",
            "password": "abcd1234",
            "password_confirmation": "abcd1234",
        },
    )

    assert answer.status == 400
    assert answer.messages("error") == [INVALID_UTF8]
    assert portal_db.rows("SELECT COUNT(*) FROM account") == [(1,)]


@pytest.mark.parametrize("path", ["/customer/account/loginPost/", "/admin/"])
def test_login_with_invalid_utf8_is_refused(portal_browser: Browser, admin_browser: Browser, path: str) -> None:
    browser = admin_browser if path == "/admin/" else portal_browser
    form_key = browser.get(path if path == "/admin/" else "/customer/account/login/").form_key()

    answer = browser.post(path, {"form_key": form_key, "login[username]": b"\xff\xfe", "login[password]": "x"})

    assert answer.status == 400
    assert answer.messages("error") == [INVALID_UTF8]


# --------------------------------------------------------------------------- lengths after normalisation


def test_a_value_that_grows_under_normalisation_is_measured_as_stored(
    admin: Browser, admin_db: Db, stored: list[tuple[str, int, str, str]]
) -> None:
    """U+0958 is two code points in NFC: 200 of them are 400 once normalised, over the limit of 255."""
    answer = admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: "\u0958" * 200})

    assert answer.status == 400
    assert answer.messages("error") == [f"Production Api key can be at most 255 characters long. {NOTHING_SAVED}"]
    assert admin_db.config() == stored


def test_a_value_that_shrinks_under_normalisation_is_measured_as_stored(admin: Browser, admin_db: Db) -> None:
    """'e' + COMBINING ACUTE is one code point in NFC: 200 pairs are 200 characters once stored."""
    answer = admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: "e\u0301" * 200})

    assert answer.status == 302
    assert admin_db.config_value(PRODUCTION_PATH) == "\u00e9" * 200


def test_a_description_is_measured_after_normalisation(portal: Browser, portal_db: Db) -> None:
    answer = portal.post("/apiportal/index/add/", {"form_key": portal.form_key, "description": "\u0958" * 60})

    assert answer.status == 400
    assert answer.messages("error") == ["Description can be at most 100 characters long."]
    assert portal_db.rows("SELECT COUNT(*) FROM api_key") == [(0,)]
