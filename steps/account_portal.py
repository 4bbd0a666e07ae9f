"""Steps in the Commerce account: login, registration and the API Portal (doc steps 3 and 4)."""

from __future__ import annotations

import re
import secrets

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.journey import Journey
from fixtures.sessions import StorageState
from pages.api_portal import ApiPortalPage
from pages.portal_login import PortalLoginPage
from pages.portal_registration import PortalRegistrationPage
from steps.action_groups import add_and_copy_key, click_sign_in_on_prompt, copy_key, sign_in_to_portal_if_asked
from steps.checks import doc_expectation

MIN_KEY_LENGTH = 32


def portal_tab(journey: Journey) -> Page:
    """The tab showing the Commerce account; a portal-only scenario uses its first, still empty tab."""
    if journey.portal_tab is None:
        journey.portal_tab = journey.admin_tab
    return journey.portal_tab


@given("I am signed in to my Commerce account")
def signed_in_to_portal(journey: Journey, portal_session_state: StorageState) -> None:
    journey.admin_tab.context.add_cookies(portal_session_state["cookies"])


@given("the API Portal is open")
def api_portal_open(journey: Journey) -> None:
    tab = portal_tab(journey)
    ApiPortalPage(tab).open(journey.target.api_portal_url)
    api_portal_shown(journey)


@then("the new tab shows the API Portal section of My Account")
@then("zeigt die neue Registerkarte den Abschnitt API Portal von My Account")
def api_portal_shown(journey: Journey) -> None:
    tab = journey.require_portal_tab()
    api = ApiPortalPage(tab)
    with doc_expectation("doc-step-3", "the Commerce account should show the API Portal section of My Account", tab):
        expect(api.title).to_be_visible()
        expect(api.my_account_nav).to_be_visible()
        expect(api.add_new_button).to_be_visible()


@then("the new tab asks for my Commerce account email and password")
def portal_asks_for_login(journey: Journey) -> None:
    tab = journey.require_portal_tab()
    login = PortalLoginPage(tab)
    with doc_expectation("doc-step-3", "not signed in, the account should ask for email and password first", tab):
        expect(login.email).to_be_visible()
        expect(login.password).to_be_visible()
        expect(ApiPortalPage(tab).add_new_button).to_have_count(0)


@when("I sign in to my Commerce account in the new tab")
@when("ich mich in der neuen Registerkarte bei meinem Commerce-Konto anmelde")
def sign_in_to_portal(journey: Journey) -> None:
    sign_in_to_portal_if_asked(journey)


@when("I choose to create a Commerce account in the new tab")
def choose_registration(journey: Journey) -> None:
    PortalLoginPage(journey.require_portal_tab()).go_to_registration()


@when("I register with a new email address and a valid password")
def register(journey: Journey) -> None:
    journey.registered_email = f"new-merchant-{secrets.token_hex(4)}@example.com"
    PortalRegistrationPage(journey.require_portal_tab()).register(journey.registered_email, "Amazon-Key-2026")


@given("I have signed in through the prompt and copied a new key in the API Portal tab")
def signed_in_and_copied(journey: Journey) -> None:
    click_sign_in_on_prompt(journey)
    sign_in_to_portal_if_asked(journey)
    add_and_copy_key(journey, "Amazon Sales Channel")


@when(parsers.parse('I add a new API key described as "{description}"'))
@when(parsers.parse('ich einen neuen API-Schlüssel mit der Beschreibung "{description}" hinzufüge'))
def add_key(journey: Journey, description: str) -> None:
    api = ApiPortalPage(portal_tab(journey))
    journey.keys_before = api.key_values()
    api.add_key(description)
    journey.key_description = description


@given(parsers.parse('I have added a new API key described as "{description}"'))
def added_key(journey: Journey, description: str) -> None:
    add_key(journey, description)
    listed_under(journey, description)


@when("I add a new API key with an empty description")
def add_key_without_description(journey: Journey) -> None:
    api = ApiPortalPage(portal_tab(journey))
    journey.keys_before = api.key_values()
    api.add_key("")


@then(parsers.parse('the API Portal lists a new key named "{description}"'))
def listed_under(journey: Journey, description: str) -> None:
    tab = portal_tab(journey)
    api = ApiPortalPage(tab)
    with doc_expectation("doc-step-4", f"Add New should list one more key, the newest under {description!r}", tab):
        expect(api.key_rows).to_have_count(len(journey.keys_before) + 1)
        assert api.key_value(description).inner_text().strip() not in journey.keys_before, "no new key was listed"
        expect(api.key_row(description)).to_be_visible()
        expect(api.key_value(description)).to_have_text(re.compile(r"\S+"))


@then(parsers.parse('the key listed under "{description}" is at least 32 characters long'))
def key_is_long_enough(journey: Journey, description: str) -> None:
    tab = portal_tab(journey)
    with doc_expectation("doc-step-4", f"a new key should have at least {MIN_KEY_LENGTH} characters", tab):
        expect(ApiPortalPage(tab).key_value(description)).to_have_text(re.compile(rf"^\s*\S{{{MIN_KEY_LENGTH},}}\s*$"))


@when(parsers.parse('I copy the key named "{description}"'))
@when(parsers.parse('ich den Schlüssel "{description}" kopiere'))
def copy_listed_key(journey: Journey, description: str) -> None:
    copy_key(journey, ApiPortalPage(portal_tab(journey)), description)


@then("the API Portal confirms that the key was copied")
def copy_confirmed(journey: Journey) -> None:
    tab = portal_tab(journey)
    with doc_expectation("doc-step-4", "Copy should confirm that the key was copied", tab):
        expect(ApiPortalPage(tab).copy_status).to_contain_text(re.compile(r"\bcopied\b", re.IGNORECASE))


@then(parsers.parse('the clipboard holds exactly the key listed under "{description}"'))
def clipboard_holds_key(journey: Journey, description: str) -> None:
    tab = portal_tab(journey)
    listed = ApiPortalPage(tab).key_value(description).inner_text().strip()
    clipboard = str(tab.evaluate("navigator.clipboard.readText()"))
    with doc_expectation(
        "doc-step-4", f"Copy should put exactly the key listed under {description!r} on the clipboard", tab
    ):
        assert clipboard == listed, f"clipboard holds {clipboard!r}, the API Portal lists {listed!r}"


@then("the API Portal says that a description is required")
def description_required(journey: Journey) -> None:
    tab = portal_tab(journey)
    with doc_expectation("doc-step-4", "Add New without a description should be refused with a message", tab):
        expect(ApiPortalPage(tab).error_message).to_contain_text(re.compile("description", re.IGNORECASE))


@then("no new key is listed")
def no_new_key_listed(journey: Journey) -> None:
    tab = portal_tab(journey)
    with doc_expectation("doc-step-4", "a refused Add New should not list a new key", tab):
        expect(ApiPortalPage(tab).key_rows).to_have_count(len(journey.keys_before))


@then("the API Portal lists no keys")
def no_keys_listed(journey: Journey) -> None:
    tab = journey.require_portal_tab()
    with doc_expectation("doc-step-4", "the API Portal should list no keys yet", tab):
        expect(ApiPortalPage(tab).keys_table).to_be_visible()
        expect(ApiPortalPage(tab).key_rows).to_have_count(0)


@given("the saved key has since been revoked in the API Portal")
def saved_key_revoked(journey: Journey) -> None:
    tab = journey.require_portal_tab()
    tab.bring_to_front()
    api = ApiPortalPage(tab)
    api.revoke_key(journey.key_description)
    with doc_expectation("doc-step-9", "Revoke should mark the saved key as revoked", tab):
        expect(api.success_message).to_contain_text("revoked")
    journey.admin_tab.bring_to_front()
