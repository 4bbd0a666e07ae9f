"""Steps on Amazon Sales Channel: the prompt, Sign in, Add the key, store integration."""

from __future__ import annotations

from playwright.sync_api import Browser
from pytest_bdd import given, parsers, then, when

from action_groups import add_and_verify, amazon_channel
from harness.journey import Journey
from harness.sessions import StorageState


@given("the Amazon Sales Channel prompt is open")
def open_prompt(journey: Journey, browser: Browser, admin_session_state: StorageState) -> None:
    add_and_verify.open_prompt(journey, browser, admin_session_state)


@given("I have opened Amazon Sales Channel without a prompt")
def open_channel_expecting_store_integration(journey: Journey) -> None:
    amazon_channel.open_channel_expecting_store_integration(journey)


@then('the "Welcome to Amazon Sales Channel" prompt is shown')
@then('wird die Aufforderung "Welcome to Amazon Sales Channel" angezeigt')
def check_prompt(journey: Journey) -> None:
    amazon_channel.check_prompt(journey)


@then(parsers.parse("the prompt says the key is {problem}"))
def check_prompt_reason(journey: Journey, problem: str) -> None:
    amazon_channel.check_prompt_reason(journey, problem)


@then(parsers.parse('the prompt names the character "{character}" that no API key holds'))
def check_prompt_names_stray_character(journey: Journey, character: str) -> None:
    amazon_channel.check_prompt_names_stray_character(journey, character)


@then('the prompt offers "Sign in" and "Add the key"')
@then('bietet die Aufforderung "Sign in" und "Add the key" an')
def check_prompt_actions(journey: Journey) -> None:
    amazon_channel.check_prompt_actions(journey)


@then("no prompt is shown")
@then("wird keine Aufforderung angezeigt")
def check_no_prompt(journey: Journey) -> None:
    amazon_channel.check_no_prompt(journey)


@then('the channel goes on to store integration with "Add Amazon Store"')
@then('der Kanal geht mit "Add Amazon Store" zur Store-Integration weiter')
def check_store_integration(journey: Journey) -> None:
    amazon_channel.check_store_integration(journey)


@then("the channel says it could not verify the key")
def check_could_not_verify(journey: Journey) -> None:
    amazon_channel.check_could_not_verify(journey)


@when('I click "Sign in" on the prompt')
@when('ich in der Aufforderung auf "Sign in" klicke')
def click_sign_in(journey: Journey) -> None:
    amazon_channel.click_sign_in(journey)


@then("the Commerce account opens in a new browser tab")
@then("öffnet sich das Commerce-Konto in einer neuen Registerkarte")
def check_account_in_new_tab(journey: Journey) -> None:
    amazon_channel.check_account_in_new_tab(journey)


@then("the first tab still shows the Amazon Sales Channel prompt")
def check_first_tab_keeps_prompt(journey: Journey) -> None:
    amazon_channel.check_first_tab_keeps_prompt(journey)


@when("I go back to the Amazon Sales Channel tab")
@when("ich zur Registerkarte Amazon Sales Channel zurückkehre")
def back_to_channel_tab(journey: Journey) -> None:
    amazon_channel.back_to_channel_tab(journey)


@when('I click "Add the key"')
@when('ich auf "Add the key" klicke')
def click_add_the_key(journey: Journey) -> None:
    amazon_channel.click_add_the_key(journey)


@given('I have clicked "Add the key" on the prompt')
def click_add_the_key_and_check(journey: Journey) -> None:
    add_and_verify.click_add_the_key_and_check(journey)


@then("the browser has left Amazon Sales Channel for Stores > Configuration")
def check_left_for_api_keys(journey: Journey) -> None:
    amazon_channel.check_left_for_api_keys(journey)
