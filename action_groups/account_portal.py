"""The Commerce account in its tab: sign-in, registration and the API Portal (doc steps 3 and 4)."""

from __future__ import annotations

import re
import secrets

from playwright.sync_api import expect

from fixtures.journey import Journey
from fixtures.sessions import StorageState
from pages.clipboard import Clipboard

MIN_KEY_LENGTH = 32
NEW_ACCOUNT_PASSWORD = "Amazon-Key-2026"


def use_portal_session(journey: Journey, session: StorageState) -> None:
    """Start signed in to the Commerce account; the account must answer with the API Portal, not its login."""
    context = journey.admin_tab.context
    with journey.keeping(None, "the shared Commerce account session should open the API Portal"):
        context.add_cookies(session["cookies"])
        answer = context.request.get(journey.target.api_portal_url)
        body = answer.text()
        assert answer.ok and "API Portal" in body and 'id="login-form"' not in body, (
            f"the account at {answer.url} answered {answer.status} without the API Portal: not signed in"
        )
    journey.portal_signed_in = True


def open_api_portal(journey: Journey) -> None:
    """A scenario that starts in the Commerce account uses its first tab for it."""
    journey.portal_tab = journey.portal_tab or journey.admin_tab
    with journey.keeping(None, "the API Portal should open", journey.portal_tab):
        journey.api_portal.open(journey.target.api_portal_url)
    check_api_portal(journey)


def check_api_portal(journey: Journey) -> None:
    """The tab shows My Account > API Portal (the promise it keeps depends on how the tab got there)."""
    with journey.keeping(
        journey.portal_arrival,
        "the Commerce account should show the API Portal section of My Account",
        journey.portal_tab,
    ):
        api = journey.api_portal
        expect(api.title).to_be_visible()
        expect(api.my_account_nav).to_be_visible()
        expect(api.add_new_button).to_be_visible()


def check_asks_for_login(journey: Journey) -> None:
    journey.due("login-first-then-api-portal")
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
    """In the account's login form: email and password, then the API Portal shows (the page Sign in asked for)."""
    journey.due("login-first-then-api-portal")
    with journey.keeping(
        "login-first-then-api-portal", "the account's login form should take the email and password", journey.portal_tab
    ):
        login = journey.portal_login
        expect(login.email).to_be_visible()
        login.sign_in(journey.target.portal_email, journey.target.portal_password)
    journey.portal_signed_in = True
    check_api_portal(journey)


def sign_in_to_portal_with_wrong_password(journey: Journey) -> None:
    journey.due("portal-wrong-password")
    with journey.keeping("portal-wrong-password", "the account's login form should take a wrong password and answer"):
        login = journey.portal_login
        expect(login.email).to_be_visible()
        login.sign_in(journey.target.portal_email, journey.target.portal_password + "-wrong")


def check_portal_sign_in_refused(journey: Journey) -> None:
    """The account says the sign-in was wrong, still asks for email and password, and shows no API Portal."""
    with journey.keeping(
        "portal-wrong-password", "a wrong password should be refused with a message", journey.portal_tab
    ):
        login = journey.portal_login
        expect(login.error_message).to_contain_text("sign-in was incorrect")
        expect(login.password).to_be_visible()
        expect(journey.api_portal.add_new_button).to_have_count(0)
        answer = login.page.context.request.get(journey.target.api_portal_url)
        body = answer.text()
        assert 'id="login-form"' in body and "Add New" not in body, (
            f"the API Portal at {answer.url} answered {answer.status} to this browser after a wrong password"
        )


def reach_api_portal(journey: Journey) -> None:
    """After Sign in: the API Portal at once when signed in to the account, else after its login."""
    if journey.portal_signed_in:
        check_api_portal(journey)
    else:
        sign_in_to_portal(journey)


def go_to_registration(journey: Journey) -> None:
    journey.due("register-then-api-portal")
    journey.portal_arrival = "register-then-api-portal"
    with journey.keeping("register-then-api-portal", "the account's login page should offer 'Create an Account'"):
        journey.portal_login.go_to_registration()


def register(journey: Journey) -> None:
    journey.registered_email = f"new-merchant-{secrets.token_hex(4)}@example.com"
    with journey.keeping(
        "register-then-api-portal", "registering with a new email and a valid password should work", journey.portal_tab
    ):
        registration = journey.registration
        registration.register(journey.registered_email, NEW_ACCOUNT_PASSWORD)
    journey.portal_signed_in = True


def check_no_keys(journey: Journey) -> None:
    with journey.keeping(
        "register-then-api-portal", "a new account's API Portal should list no keys", journey.portal_tab
    ):
        api = journey.api_portal
        expect(api.keys_table).to_be_visible()
        expect(api.key_rows).to_have_count(0)


def add_key(journey: Journey, description: str) -> None:
    """Add New under ``description``: one more key, listed under that name."""
    journey.due("add-new-lists-key")
    with journey.keeping(
        "add-new-lists-key", f"Add New should take the description {description!r}", journey.portal_tab
    ):
        api = journey.api_portal
        journey.key.keys_before = api.key_values()
        api.add_key(description)
    journey.key.description = description
    check_key_listed(journey, description)


def check_key_listed(journey: Journey, description: str) -> None:
    before = journey.key.keys_before
    with journey.keeping(
        "add-new-lists-key", f"Add New should list one more key, the newest under {description!r}", journey.portal_tab
    ):
        api = journey.api_portal
        expect(api.key_rows).to_have_count(len(before) + 1)
        expect(api.key_row(description)).to_be_visible()
        expect(api.key_value(description)).to_have_text(re.compile(r"\S+"))
        value = api.key_value(description).inner_text().strip()
        assert value not in before, f"the key listed under {description!r} ({value}) was there before Add New"


def check_key_length(journey: Journey, description: str) -> None:
    with journey.keeping(
        "add-new-lists-key", f"a new key should have at least {MIN_KEY_LENGTH} characters", journey.portal_tab
    ):
        api = journey.api_portal
        expect(api.key_value(description)).to_have_text(re.compile(rf"^\s*\S{{{MIN_KEY_LENGTH},}}\s*$"))


def add_key_without_description(journey: Journey) -> None:
    journey.due("add-new-needs-description")
    with journey.keeping(
        "add-new-needs-description", "Add New with an empty description should answer", journey.portal_tab
    ):
        api = journey.api_portal
        journey.key.keys_before = api.key_values()
        api.add_key("")


def check_description_required(journey: Journey) -> None:
    with journey.keeping(
        "add-new-needs-description",
        "Add New without a description should be refused with a message",
        journey.portal_tab,
    ):
        api = journey.api_portal
        expect(api.error_message).to_contain_text(re.compile("description", re.IGNORECASE))


def check_no_new_key(journey: Journey) -> None:
    with journey.keeping(
        "add-new-needs-description", "a refused Add New should not list a new key", journey.portal_tab
    ):
        api = journey.api_portal
        expect(api.key_rows).to_have_count(len(journey.key.keys_before))


def copy_key(journey: Journey, description: str) -> None:
    """Copy: the portal confirms, and the clipboard holds exactly the key listed under ``description``."""
    journey.due("copy-puts-key-on-clipboard")
    with journey.keeping(
        "copy-puts-key-on-clipboard", f"Copy should copy the key listed under {description!r}", journey.portal_tab
    ):
        api = journey.api_portal
        api.copy_key(description)
        journey.key.listed = api.key_value(description).inner_text().strip()
    journey.key.description = description
    check_copy_confirmed(journey)
    check_clipboard(journey, description)


def check_copy_confirmed(journey: Journey) -> None:
    with journey.keeping(
        "copy-puts-key-on-clipboard", "Copy should confirm that the key was copied", journey.portal_tab
    ):
        api = journey.api_portal
        expect(api.copy_status).to_contain_text(re.compile(r"\bcopied\b", re.IGNORECASE))


def check_clipboard(journey: Journey, description: str) -> None:
    with journey.keeping(
        "copy-puts-key-on-clipboard",
        f"Copy should put exactly the key listed under {description!r} on the clipboard",
        journey.portal_tab,
    ):
        api = journey.api_portal
        listed = api.key_value(description).inner_text().strip()
        clipboard = Clipboard(api.page).text()
        assert clipboard == listed, f"the clipboard holds {clipboard!r}, the API Portal lists {listed!r}"


def revoke_saved_key(journey: Journey, session: StorageState) -> None:
    """In the API Portal, Revoke the key that was saved: in the tab where it was made, or, when the key came
    through the portal's control API, in a new tab of the signed-in account; the channel's next answer is
    'revoked'."""
    if journey.portal_tab is None:
        if not journey.portal_signed_in:
            use_portal_session(journey, session)
        journey.portal_tab = journey.admin_tab.context.new_page()
        with journey.keeping(None, "the API Portal should open in a new tab", journey.portal_tab):
            journey.api_portal.open(journey.target.api_portal_url)
    with journey.keeping(None, "Revoke in the API Portal should mark the saved key revoked", journey.portal_tab):
        api = journey.api_portal
        api.page.bring_to_front()
        api.revoke_key(journey.key.description)
        expect(api.success_message).to_contain_text("revoked")
        journey.admin_tab.bring_to_front()
    journey.expected_channel = "revoked"
