"""The Commerce account in its tab: sign-in, registration and the API Portal (doc steps 3 and 4)."""

from __future__ import annotations

import re
import secrets

from playwright.sync_api import expect

from harness.journey import Journey
from harness.secrets import register_key
from harness.sessions import StorageState
from harness.store_model import ACTIVE
from pages.api_portal import api_portal_in
from pages.login_form import login_form_in

MIN_KEY_LENGTH = 32
NEW_ACCOUNT_PASSWORD = "Amazon-Key-2026"


def use_portal_session(journey: Journey, session: StorageState) -> None:
    """Start signed in to the Commerce account; the account must answer with the API Portal, not its login."""
    with journey.setting_up("the shared Commerce account session should open the API Portal"):
        journey.admin_tab.context.add_cookies(session["cookies"])
        status, url, body = journey.fetch(journey.target.api_portal_url)
        assert status == 200 and api_portal_in(body), (
            f"the account at {url} answered {status} without the API Portal: not signed in"
        )
    journey.portal_signed_in = True


def open_api_portal(journey: Journey) -> None:
    """A scenario that starts in the Commerce account uses its first tab for it."""
    journey.portal_tab = journey.portal_tab or journey.admin_tab
    journey.portal_arrival = ""  # opened by its URL: the check proves the page, not a promise of Sign in
    with journey.setting_up("the API Portal should open", journey.portal_tab):
        journey.api_portal.open(journey.target.api_portal_url)
    check_api_portal(journey)


def check_api_portal(journey: Journey) -> None:
    """The tab shows My Account > API Portal (the promise it keeps depends on how the tab got there)."""
    with journey.keeping(
        journey.portal_arrival or None,
        "the Commerce account should show the API Portal section of My Account",
        journey.portal_tab,
    ):
        api = journey.api_portal
        expect(api.title).to_be_visible()
        expect(api.my_account_nav).to_be_visible()
        expect(api.add_new_button).to_be_visible()


def check_asks_for_login(journey: Journey) -> None:
    with journey.keeping(
        "login-first-then-api-portal",
        "not signed in, the account should ask for email and password first",
        journey.portal_tab,
    ):
        login = journey.portal_login
        expect(login.email).to_be_visible()
        expect(login.password).to_be_visible()
        expect(journey.api_portal.add_new_button).to_have_count(0)


def sign_in_to_portal(journey: Journey) -> None:
    """In the account's login form: email and password."""
    journey.portal_arrival = "login-first-then-api-portal"
    with journey.acting(
        "login-first-then-api-portal", "the account's login form should take the email and password", journey.portal_tab
    ):
        journey.portal_login.sign_in(journey.target.portal_email, journey.target.portal_password)
    journey.portal_signed_in = True


def sign_in_to_portal_with_wrong_password(journey: Journey) -> None:
    with journey.acting(
        "portal-wrong-password", "the account's login form should take a wrong password and answer", journey.portal_tab
    ):
        journey.portal_login.sign_in(journey.target.portal_email, journey.target.portal_password + "-wrong")


def sign_in_to_portal_as_nobody(journey: Journey) -> None:
    """An email with no account behind it (a typo at doc step 3): refused like a wrong password."""
    with journey.acting(
        "portal-wrong-password", "the account's login form should take an email that has no account", journey.portal_tab
    ):
        email = f"nobody-{secrets.token_hex(3)}@example.com"
        journey.portal_login.sign_in(email, journey.target.portal_password)


def check_portal_sign_in_refused(journey: Journey) -> None:
    """The account says the sign-in was wrong, still asks for email and password, and shows no API Portal."""
    with journey.keeping(
        "portal-wrong-password", "a wrong password should be refused with a message", journey.portal_tab
    ):
        login = journey.portal_login
        expect(login.error_message).to_contain_text("sign-in was incorrect")
        expect(login.password).to_be_visible()
        expect(journey.api_portal.add_new_button).to_have_count(0)
        status, url, body = journey.fetch(journey.target.api_portal_url)
        assert login_form_in(body) is not None and not api_portal_in(body), (
            f"the API Portal at {url} answered {status} to this browser after a wrong password"
        )


def reach_api_portal(journey: Journey) -> None:
    """After Sign in: the API Portal at once when signed in to the account, else after its login."""
    if not journey.portal_signed_in:
        check_asks_for_login(journey)
        sign_in_to_portal(journey)
    check_api_portal(journey)


def go_to_registration(journey: Journey) -> None:
    journey.portal_arrival = "register-then-api-portal"
    with journey.acting(  # the registration itself makes the promise due, not the way to its form
        "register-then-api-portal", "the account's login page should offer 'Create an Account'", due=False
    ):
        journey.portal_login.go_to_registration()


def register(journey: Journey) -> None:
    journey.registered_email = f"new-merchant-{secrets.token_hex(4)}@example.com"
    with journey.acting(
        "register-then-api-portal", "registering with a new email and a valid password should work", journey.portal_tab
    ):
        journey.registration.register(journey.registered_email, NEW_ACCOUNT_PASSWORD)
    journey.portal_signed_in = True


# A person's mistakes on the registration form: (what it is, the email, the password, its confirmation).
MISTAKES = {
    "a password without a digit": ("new", "Amazon-Sales-Key", None),
    "a confirmation that does not match": ("new", NEW_ACCOUNT_PASSWORD, NEW_ACCOUNT_PASSWORD + "x"),
    "the email of an existing account": ("existing", NEW_ACCOUNT_PASSWORD, None),
}
SHORTEST_PASSWORD = "Amazon12"  # 8 characters, a letter and a digit: as long as the page asks, no longer


def register_with_mistake(journey: Journey, mistake: str) -> None:
    which, password, confirmation = MISTAKES[mistake]
    email = journey.target.portal_email if which == "existing" else f"new-merchant-{secrets.token_hex(4)}@example.com"
    journey.registered_email = email
    with journey.acting("registration-says-what-to-fix", f"the registration form should take {mistake}"):
        journey.registration.register(email, password, confirmation)


def check_registration_says_what_to_fix(journey: Journey, fix: str) -> None:
    """Refused with a message that says what to fix; the form is still there, with the email as typed."""
    with journey.keeping(
        "registration-says-what-to-fix", f"registration should be refused, saying {fix!r}", journey.portal_tab
    ):
        registration = journey.registration
        expect(registration.error_message).to_contain_text(re.compile(re.escape(fix), re.IGNORECASE))
        expect(registration.create_button).to_be_visible()
        expect(registration.email).to_have_value(journey.registered_email or "")


def register_with_shortest_password(journey: Journey) -> None:
    journey.registered_email = f"new-merchant-{secrets.token_hex(4)}@example.com"
    with journey.acting(
        "registration-password-rule", "the registration form should take the shortest password its rules allow"
    ):
        journey.registration.register(journey.registered_email, SHORTEST_PASSWORD)
    journey.portal_signed_in = True


def check_registered(journey: Journey) -> None:
    """The shortest allowed password was accepted: the new account is signed in (its login is not asked)."""
    with journey.keeping(
        "registration-password-rule", "a password as long as the page asks for should be accepted", journey.portal_tab
    ):
        expect(journey.registration.error_message).to_have_count(0)
        expect(journey.my_account.login_form).to_have_count(0)
        expect(journey.api_portal.my_account_nav).to_be_visible()


def open_login_page_signed_in(journey: Journey) -> None:
    """Signed in to the account, open its login page (the page the doc links for registering)."""
    journey.portal_tab = journey.portal_tab or journey.admin_tab
    with journey.acting("signed-in-login-page-shows-account", "the account's login page should answer"):
        journey.my_account.open_login_page(journey.target.portal_url)


def check_my_account(journey: Journey) -> None:
    with journey.keeping(
        "signed-in-login-page-shows-account", "signed in, the login page should show My Account", journey.portal_tab
    ):
        account = journey.my_account
        expect(account.title).to_be_visible()
        expect(account.login_form).to_have_count(0)


def check_no_keys(journey: Journey) -> None:
    with journey.keeping(
        "register-then-api-portal", "a new account's API Portal should list no keys", journey.portal_tab
    ):
        api = journey.api_portal
        expect(api.keys_table).to_be_visible()
        expect(api.key_rows).to_have_count(0)


def add_key(journey: Journey, description: str) -> None:
    """Add New under ``description``."""
    with journey.acting(
        "add-new-lists-key", f"Add New should take the description {description!r}", journey.portal_tab
    ):
        api = journey.api_portal
        journey.key.keys_before = [register_key(key) or key for key in api.key_values()]
        api.add_key(description)
    journey.key.description = description


def check_key_listed(journey: Journey, description: str) -> None:
    before = journey.key.keys_before
    with journey.keeping(
        "add-new-lists-key", f"Add New should list one more key, the newest under {description!r}", journey.portal_tab
    ):
        api = journey.api_portal
        expect(api.key_rows).to_have_count(len(before) + 1)
        expect(api.key_row(description)).to_be_visible()
        expect(api.key_value(description)).to_have_text(re.compile(r"\S+"))
        value = register_key(api.key_value(description).inner_text().strip()) or ""
        assert value not in before, f"the key listed under {description!r} ({value}) was there before Add New"
    journey.store.account_made(value)


def check_listed_statuses(journey: Journey) -> None:
    """The list as a person reads it: each key the scenario knows shows its status; only active keys offer Copy."""
    known = journey.store.account_keys
    with journey.keeping(
        "api-portal-lists-status",
        "the API Portal should show each key's status, and offer Copy only for active keys",
        journey.portal_tab,
    ):
        listed = journey.api_portal.listed_keys()
        for row in listed:
            register_key(row.key)
            should = known.get(row.key, row.status)
            assert row.status == should, f"the key {row.name!r} is listed as {row.status!r}, not {should!r}"
            assert row.offers_copy == (row.status == ACTIVE), (
                f"the {row.status} key {row.name!r} {'offers' if row.offers_copy else 'does not offer'} Copy"
            )
        missing = sorted(set(known) - {row.key for row in listed})
        assert not missing, f"{len(missing)} key(s) of this account are not listed"


def check_key_length(journey: Journey, description: str) -> None:
    with journey.keeping(
        "add-new-lists-key", f"a new key should have at least {MIN_KEY_LENGTH} characters", journey.portal_tab
    ):
        expect(journey.api_portal.key_value(description)).to_have_text(re.compile(rf"^\s*\S{{{MIN_KEY_LENGTH},}}\s*$"))


def add_key_without_description(journey: Journey) -> None:
    with journey.acting(
        "add-new-needs-description", "Add New with an empty description should answer", journey.portal_tab
    ):
        api = journey.api_portal
        journey.key.keys_before = [register_key(key) or key for key in api.key_values()]
        api.add_key("")


def check_description_required(journey: Journey) -> None:
    with journey.keeping(
        "add-new-needs-description",
        "Add New without a description should be refused with a message",
        journey.portal_tab,
    ):
        expect(journey.api_portal.error_message).to_contain_text(re.compile("description", re.IGNORECASE))


def check_no_new_key(journey: Journey) -> None:
    with journey.keeping(
        "add-new-needs-description", "a refused Add New should not list a new key", journey.portal_tab
    ):
        expect(journey.api_portal.key_rows).to_have_count(len(journey.key.keys_before))


def copy_key(journey: Journey, description: str) -> None:
    """Copy the key listed under ``description``."""
    with journey.acting(
        "copy-puts-key-on-clipboard", f"Copy should copy the key listed under {description!r}", journey.portal_tab
    ):
        api = journey.api_portal
        api.copy_key(description)
        journey.key.listed = register_key(api.key_value(description).inner_text().strip())
    journey.key.description = description


def check_copy_confirmed(journey: Journey) -> None:
    with journey.keeping(
        "copy-puts-key-on-clipboard", "Copy should confirm that the key was copied", journey.portal_tab
    ):
        expect(journey.api_portal.copy_status).to_contain_text(re.compile(r"\bcopied\b", re.IGNORECASE))


def check_clipboard(journey: Journey, description: str) -> None:
    with journey.keeping(
        "copy-puts-key-on-clipboard",
        f"Copy should put exactly the key listed under {description!r} on the clipboard",
        journey.portal_tab,
    ):
        listed = register_key(journey.api_portal.key_value(description).inner_text().strip())
        held = register_key(journey.clipboard_on(journey.require_portal_tab()).text())
        assert held == listed, f"the clipboard holds {held!r}, the API Portal lists {listed!r}"


def revoke_saved_key(journey: Journey, session: StorageState) -> None:
    """In the API Portal, Revoke the key that was saved: in the tab where it was made, or, when the key came
    through the portal's control API, in a new tab of the signed-in account; the list then shows it revoked."""
    if journey.portal_tab is None:
        if not journey.portal_signed_in:
            use_portal_session(journey, session)
        journey.portal_tab = journey.admin_tab.context.new_page()
        with journey.setting_up("the API Portal should open in a new tab", journey.portal_tab):
            journey.api_portal.open(journey.target.api_portal_url)
    with journey.setting_up("Revoke in the API Portal should mark the saved key revoked", journey.portal_tab):
        api = journey.api_portal
        api.page.bring_to_front()
        api.revoke_key(journey.key.description)
        expect(api.success_message).to_contain_text("revoked")
    if journey.key.saved:
        journey.store.revoked(journey.key.saved)
    check_listed_statuses(journey)
    journey.admin_tab.bring_to_front()
