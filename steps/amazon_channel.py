"""Steps on Amazon Sales Channel: the prompt, Sign in, Add the key, store integration."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.journey import Journey
from fixtures.sessions import StorageState
from pages.admin_menu import AdminMenu
from pages.amazon_sales_channel import AmazonSalesChannelPage
from pages.api_key_settings import api_key_settings
from steps.action_groups import clear_stored_key, click_sign_in_on_prompt
from steps.admin import signed_in_to_admin
from steps.checks import doc_expectation

REASON_WORDING = {
    "missing": re.compile(r"\bno\b.*\bkey\b|\bmissing\b", re.IGNORECASE),
    "unknown": re.compile(r"not valid|invalid|unknown|does not know", re.IGNORECASE),
    "expired": re.compile(r"\bexpired\b", re.IGNORECASE),
    "revoked": re.compile(r"\brevoked\b", re.IGNORECASE),
}


@given("the Amazon Sales Channel prompt is open")
def prompt_is_open(journey: Journey, request: pytest.FixtureRequest, admin_session_state: StorageState) -> None:
    if not journey.target.has_control_api:  # no reset between scenarios: an earlier one may have saved a key
        clear_stored_key(journey, request)
    signed_in_to_admin(journey, admin_session_state)
    AdminMenu(journey.admin_tab).open_amazon_sales_channel()
    prompt_shown(journey)


@given("I have opened Amazon Sales Channel without a prompt")
def opened_without_prompt(journey: Journey) -> None:
    AdminMenu(journey.admin_tab).open_amazon_sales_channel()
    no_prompt_shown(journey)
    goes_on_to_store_integration(journey)


@then('the "Welcome to Amazon Sales Channel" prompt is shown')
@then('wird die Aufforderung "Welcome to Amazon Sales Channel" angezeigt')
def prompt_shown(journey: Journey) -> None:
    channel = AmazonSalesChannelPage(journey.admin_tab)
    with doc_expectation(
        "doc-step-2", "a missing or bad key should show the 'Welcome to Amazon Sales Channel' prompt", journey.admin_tab
    ):
        expect(channel.prompt_title).to_be_visible()


@then(parsers.parse("the prompt says the key is {problem}"))
def prompt_says_why(journey: Journey, problem: str) -> None:
    channel = AmazonSalesChannelPage(journey.admin_tab)
    with doc_expectation("doc-rule", f"the prompt should say that the key is {problem}", journey.admin_tab):
        expect(channel.prompt).to_contain_text(REASON_WORDING[problem])


@then('the prompt offers "Sign in" and "Add the key"')
def prompt_offers_actions(journey: Journey) -> None:
    channel = AmazonSalesChannelPage(journey.admin_tab)
    with doc_expectation("doc-step-2", "the prompt should offer 'Sign in' and 'Add the key'", journey.admin_tab):
        expect(channel.sign_in_link).to_be_visible()
        expect(channel.add_the_key_button).to_be_visible()


@then("no prompt is shown")
@then("wird keine Aufforderung angezeigt")
def no_prompt_shown(journey: Journey) -> None:
    channel = AmazonSalesChannelPage(journey.admin_tab)
    with doc_expectation(
        "doc-rule", "a valid key (or an unanswered check) must not bring up the prompt", journey.admin_tab
    ):
        expect(channel.page_title).to_have_text("Amazon Sales Channel")
        expect(channel.prompt_title).to_have_count(0)


@then('the channel goes on to store integration with "Add Amazon Store"')
@then('der Kanal geht mit "Add Amazon Store" zur Store-Integration weiter')
def goes_on_to_store_integration(journey: Journey) -> None:
    channel = AmazonSalesChannelPage(journey.admin_tab)
    with doc_expectation(
        "doc-step-9", "a valid key should go on to store integration ('Add Amazon Store')", journey.admin_tab
    ):
        expect(channel.store_integration).to_be_visible()
        expect(channel.add_amazon_store_button).to_be_visible()


@then("the channel says it could not verify the key")
def could_not_verify(journey: Journey) -> None:
    channel = AmazonSalesChannelPage(journey.admin_tab)
    with doc_expectation(
        "doc-rule", "an unanswered key check should say the key could not be verified", journey.admin_tab
    ):
        expect(channel.unverified_notice).to_be_visible()
        expect(channel.unverified_notice).to_contain_text(re.compile("could not verify", re.IGNORECASE))


@when('I click "Sign in" on the prompt')
@when('ich in der Aufforderung auf "Sign in" klicke')
def click_sign_in(journey: Journey) -> None:
    click_sign_in_on_prompt(journey)


@then("the Commerce account opens in a new browser tab")
def account_in_new_tab(journey: Journey) -> None:
    portal = journey.require_portal_tab()
    with doc_expectation("doc-step-3", "Sign in should open the Commerce account in a second tab", portal):
        assert portal is not journey.admin_tab, "Sign in replaced the Admin tab instead of opening a new one"
        assert len(portal.context.pages) == 2, f"expected 2 tabs, found {len(portal.context.pages)}"
        expect(portal).to_have_url(re.compile("^" + re.escape(journey.target.portal_url.rstrip("/"))))


@then("the first tab still shows the Amazon Sales Channel prompt")
def first_tab_keeps_prompt(journey: Journey) -> None:
    channel = AmazonSalesChannelPage(journey.admin_tab)
    with doc_expectation("doc-step-5", "the Amazon Sales Channel tab should still show the prompt", journey.admin_tab):
        expect(channel.prompt_title).to_be_visible()


@when("I go back to the Amazon Sales Channel tab")
@when("ich zur Registerkarte Amazon Sales Channel zurückkehre")
def back_to_channel_tab(journey: Journey) -> None:
    journey.admin_tab.bring_to_front()


@when('I click "Add the key"')
@when('ich auf "Add the key" klicke')
def click_add_the_key(journey: Journey) -> None:
    AmazonSalesChannelPage(journey.admin_tab).add_the_key()


@then("the browser has left Amazon Sales Channel for Stores > Configuration")
def left_channel_for_configuration(journey: Journey) -> None:
    tab = journey.admin_tab
    settings = api_key_settings(tab)
    with doc_expectation("doc-step-6", f"Add the key should leave the channel for {settings.location}", tab):
        expect(AmazonSalesChannelPage(tab).prompt_title).to_have_count(0)
        expect(settings.page_title).not_to_have_text("Amazon Sales Channel")
        for marker in settings.open_markers():
            expect(marker).to_be_visible()
