"""Steps on Amazon Sales Channel: the prompt, Sign in, Add the key, store integration."""

from __future__ import annotations

from playwright.sync_api import Browser
from pytest_bdd import given, parsers, then, when

from action_groups import admin, amazon_channel, commerce_state
from fixtures.journey import Journey
from fixtures.sessions import StorageState


@given("the Amazon Sales Channel prompt is open")
def prompt_is_open(journey: Journey, browser: Browser, admin_session_state: StorageState) -> None:
    if not journey.target.has_control_api:  # no reset between scenarios: an earlier one may have saved a key
        commerce_state.no_key_saved(journey, browser, admin_session_state)
    else:
        journey.expected_channel = "missing"  # the scenario's reset left no key
    admin.use_admin_session(journey, admin_session_state, admin.CHANNEL_PATH)
    amazon_channel.arrive_by_url(journey)
    amazon_channel.check_prompt(journey)


@given("I have opened Amazon Sales Channel without a prompt")
def opened_without_prompt(journey: Journey) -> None:
    amazon_channel.open_channel_expecting_store_integration(journey)


@then('the "Welcome to Amazon Sales Channel" prompt is shown')
@then('wird die Aufforderung "Welcome to Amazon Sales Channel" angezeigt')
def prompt_shown(journey: Journey) -> None:
    amazon_channel.check_prompt(journey)


@then(parsers.parse("the prompt says the key is {problem}"))
def prompt_says_why(journey: Journey, problem: str) -> None:
    amazon_channel.check_prompt_reason(journey, problem)


@then(parsers.parse('the prompt names the character "{character}" that no API key holds'))
def prompt_names_stray_character(journey: Journey, character: str) -> None:
    amazon_channel.check_prompt_names_stray_character(journey, character)


@then('the prompt offers "Sign in" and "Add the key"')
def prompt_offers_actions(journey: Journey) -> None:
    amazon_channel.check_prompt_actions(journey)


@then("no prompt is shown")
@then("wird keine Aufforderung angezeigt")
def no_prompt_shown(journey: Journey) -> None:
    amazon_channel.check_no_prompt(journey)


@then('the channel goes on to store integration with "Add Amazon Store"')
@then('der Kanal geht mit "Add Amazon Store" zur Store-Integration weiter')
def goes_on_to_store_integration(journey: Journey) -> None:
    amazon_channel.check_store_integration(journey)


@then("the channel says it could not verify the key")
def could_not_verify(journey: Journey) -> None:
    amazon_channel.check_could_not_verify(journey)


@when('I click "Sign in" on the prompt')
@when('ich in der Aufforderung auf "Sign in" klicke')
def click_sign_in(journey: Journey) -> None:
    amazon_channel.click_sign_in(journey)


@then("the Commerce account opens in a new browser tab")
def account_in_new_tab(journey: Journey) -> None:
    amazon_channel.check_account_in_new_tab(journey)


@then("the first tab still shows the Amazon Sales Channel prompt")
def first_tab_keeps_prompt(journey: Journey) -> None:
    amazon_channel.check_first_tab_keeps_prompt(journey)


@when("I go back to the Amazon Sales Channel tab")
@when("ich zur Registerkarte Amazon Sales Channel zurückkehre")
def back_to_channel_tab(journey: Journey) -> None:
    amazon_channel.back_to_channel_tab(journey)


@when('I click "Add the key"')
@when('ich auf "Add the key" klicke')
@given('I have clicked "Add the key" on the prompt')
def click_add_the_key(journey: Journey) -> None:
    amazon_channel.click_add_the_key(journey)


@then("the browser has left Amazon Sales Channel for Stores > Configuration")
def left_channel_for_configuration(journey: Journey) -> None:
    amazon_channel.check_left_for_api_keys(journey)
