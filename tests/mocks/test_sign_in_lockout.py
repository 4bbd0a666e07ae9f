"""Signing in as Magento does: the password compared exactly as typed, and a login locked after repeated
failures (the admin: 6 within 30 minutes, locked 30 minutes; an account: 10 within 10 minutes, locked 10)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from mocks.admin.auth import BAD_LOGIN

if TYPE_CHECKING:
    from tests.mocks.conftest import Browser, Control, TestBrowser


@dataclass(frozen=True)
class Site:
    name: str
    login: str
    password: str
    max_failures: int
    window_seconds: int
    signed_in_page: str


ADMIN = Site("admin", "admin", "admin123", 6, 30 * 60, "/admin/admin/dashboard/")
PORTAL = Site("portal", "merchant@example.com", "merchant123", 10, 10 * 60, "/apiportal/index/index/")


@pytest.fixture(params=[ADMIN, PORTAL], ids=["admin", "portal"])
def site(request: pytest.FixtureRequest) -> Site:
    chosen: Site = request.param
    return chosen


@pytest.fixture
def anonymous(site: Site, admin_browser: TestBrowser, portal_browser: TestBrowser) -> TestBrowser:
    return admin_browser if site.name == "admin" else portal_browser


def attempt(browser: Browser, site: Site, password: str, login: str | None = None) -> int:
    """One sign-in by a new visitor: the status, after checking what it says and whether it signed in."""
    person = browser.fresh()
    answer = person.submit_login(login or site.login, password)
    if answer.status == 302:
        assert person.get(site.signed_in_page).status == 200
    else:
        assert answer.messages("error") == [BAD_LOGIN]
        assert person.get(site.signed_in_page).status == 302
    return answer.status


def fail(browser: Browser, site: Site, times: int) -> None:
    for _ in range(times):
        assert attempt(browser, site, "wrong-password") == 401


def advance(control: Control, seconds: float) -> None:
    control.ok("POST", "/clock", {"advance_seconds": seconds})


# --------------------------------------------------------------------------- the password as typed


@pytest.mark.parametrize(
    "typed",
    ["{} ", " {}", "\t{}", "{}\u00a0", "\u00a0{}", "{}\u3000", "{}\u200b", "\ufeff{}"],
    ids=["space-after", "space-before", "tab", "nbsp-after", "nbsp-before", "wide-space", "zero-width", "bom"],
)
def test_the_password_is_compared_exactly_as_typed(anonymous: TestBrowser, site: Site, typed: str) -> None:
    assert attempt(anonymous, site, typed.format(site.password)) == 401
    assert attempt(anonymous, site, site.password) == 302


def test_a_registered_password_signs_in_exactly_as_typed(portal_control: Control, portal_browser: TestBrowser) -> None:
    """Stored as typed: a decomposed letter is not its composed twin (as Magento, which hashes the bytes)."""
    typed = unicodedata.normalize("NFD", "pässwörd-1")
    registration = portal_browser.fresh()
    form_key = registration.get("/customer/account/create/").form_key()
    fields = {"email": "nfd@example.com", "password": typed, "password_confirmation": typed}
    assert registration.post("/customer/account/createpost/", {"form_key": form_key, **fields}).status == 302
    site = Site("portal", "nfd@example.com", typed, 10, 600, PORTAL.signed_in_page)

    assert attempt(portal_browser, site, typed) == 302
    assert attempt(portal_browser, site, unicodedata.normalize("NFC", typed)) == 401


def test_an_account_made_through_the_control_api_signs_in_as_typed(
    portal_control: Control, portal_browser: TestBrowser
) -> None:
    typed = unicodedata.normalize("NFD", "kontrolle-ä-1")
    portal_control.ok("POST", "/accounts", {"email": "api@example.com", "password": typed})
    site = Site("portal", "api@example.com", typed, 10, 600, PORTAL.signed_in_page)

    assert attempt(portal_browser, site, typed) == 302
    assert attempt(portal_browser, site, unicodedata.normalize("NFC", typed)) == 401


# --------------------------------------------------------------------------- the lockout


def test_fewer_failures_than_the_limit_do_not_lock(anonymous: TestBrowser, site: Site) -> None:
    fail(anonymous, site, site.max_failures - 1)

    assert attempt(anonymous, site, site.password) == 302


def test_the_limit_locks_even_the_right_password_out_with_the_same_message(anonymous: TestBrowser, site: Site) -> None:
    fail(anonymous, site, site.max_failures)

    assert attempt(anonymous, site, site.password) == 401  # attempt() checks the message: the same as a wrong one


def test_a_lock_ends_after_its_time(anonymous: TestBrowser, site: Site) -> None:
    control = anonymous.control()
    fail(anonymous, site, site.max_failures)
    advance(control, site.window_seconds - 5)
    assert attempt(anonymous, site, site.password) == 401

    advance(control, 5)

    assert attempt(anonymous, site, site.password) == 302


def test_a_success_starts_the_count_again(anonymous: TestBrowser, site: Site) -> None:
    fail(anonymous, site, site.max_failures - 1)
    assert attempt(anonymous, site, site.password) == 302

    fail(anonymous, site, site.max_failures - 1)

    assert attempt(anonymous, site, site.password) == 302


def test_failures_spread_wider_than_the_window_do_not_lock(anonymous: TestBrowser, site: Site) -> None:
    control = anonymous.control()
    fail(anonymous, site, site.max_failures - 1)
    advance(control, site.window_seconds)

    fail(anonymous, site, site.max_failures - 1)  # a new run: the first ones are past its window

    assert attempt(anonymous, site, site.password) == 302


def test_reset_ends_a_lock(anonymous: TestBrowser, site: Site) -> None:
    """The BDD suite resets between scenarios: its wrong-password scenarios never add up to a lock."""
    fail(anonymous, site, site.max_failures)

    anonymous.control().ok("POST", "/reset")

    assert attempt(anonymous, site, site.password) == 302


def test_an_unknown_login_locks_nobody_out(anonymous: TestBrowser, site: Site) -> None:
    for _ in range(site.max_failures + 1):
        assert attempt(anonymous, site, site.password, login="nobody@example.com") == 401

    assert attempt(anonymous, site, site.password) == 302


def test_the_lock_is_the_accounts_whatever_case_its_email_is_typed_in(portal_browser: TestBrowser) -> None:
    for login in ("MERCHANT@example.com", "merchant@EXAMPLE.com") * (PORTAL.max_failures // 2):
        assert attempt(portal_browser, PORTAL, "wrong-password", login=login) == 401

    assert attempt(portal_browser, PORTAL, PORTAL.password) == 401


def test_a_locked_account_locks_no_other_account(portal_browser: TestBrowser, portal_control: Control) -> None:
    portal_control.ok("POST", "/accounts", {"email": "other@example.com", "password": "other-pw-1"})
    fail(portal_browser, PORTAL, PORTAL.max_failures)

    assert attempt(portal_browser, PORTAL, PORTAL.password) == 401
    assert attempt(portal_browser, PORTAL, "other-pw-1", login="other@example.com") == 302
