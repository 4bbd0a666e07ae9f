"""Steps in the Commerce account: sign-in, registration and the API Portal (doc steps 3 and 4)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from action_groups import account_portal, add_and_verify, commerce_state
from harness.journey import Journey
from harness.sessions import StorageState


@given("I am signed in to my Commerce account")
def use_portal_session(journey: Journey, portal_session_state: StorageState) -> None:
    account_portal.use_portal_session(journey, portal_session_state)


@given("the API Portal is open")
def open_api_portal(journey: Journey) -> None:
    account_portal.open_api_portal(journey)


@then("the new tab shows the API Portal section of My Account")
@then("zeigt die neue Registerkarte den Abschnitt API Portal von My Account")
def check_api_portal(journey: Journey) -> None:
    account_portal.check_api_portal(journey)


@then("the new tab asks for my Commerce account email and password")
@then("fragt die neue Registerkarte nach E-Mail und Kennwort meines Commerce-Kontos")
def check_asks_for_login(journey: Journey) -> None:
    account_portal.check_asks_for_login(journey)


@when("I sign in to my Commerce account in the new tab")
@when("ich mich in der neuen Registerkarte bei meinem Commerce-Konto anmelde")
def sign_in_to_portal(journey: Journey) -> None:
    account_portal.sign_in_to_portal(journey)


@when("I sign in to my Commerce account in the new tab with a wrong password")
def sign_in_to_portal_with_wrong_password(journey: Journey) -> None:
    account_portal.sign_in_to_portal_with_wrong_password(journey)


@when("I sign in to my Commerce account in the new tab with an email that has no account")
def sign_in_to_portal_as_nobody(journey: Journey) -> None:
    account_portal.sign_in_to_portal_as_nobody(journey)


@then("the new tab says the sign-in was incorrect and shows no API Portal")
def check_portal_sign_in_refused(journey: Journey) -> None:
    account_portal.check_portal_sign_in_refused(journey)


@when("I choose to create a Commerce account in the new tab")
def go_to_registration(journey: Journey) -> None:
    account_portal.go_to_registration(journey)


@when("I register with a new email address and a valid password")
def register(journey: Journey) -> None:
    account_portal.register(journey)


@when(parsers.parse("I try to register with {mistake}"))
def register_with_mistake(journey: Journey, mistake: str) -> None:
    account_portal.register_with_mistake(journey, mistake)


@then(parsers.parse('the registration page says "{fix}" and keeps the form'))
def check_registration_says_what_to_fix(journey: Journey, fix: str) -> None:
    account_portal.check_registration_says_what_to_fix(journey, fix)


@when("I register with a new email address and a password exactly as long as the page asks for")
def register_with_shortest_password(journey: Journey) -> None:
    account_portal.register_with_shortest_password(journey)


@then("the new account is signed in")
def check_registered(journey: Journey) -> None:
    account_portal.check_registered(journey)


@when("I open the Commerce account page the doc links for registering")
def open_login_page_signed_in(journey: Journey) -> None:
    account_portal.open_login_page_signed_in(journey)


@then("the Commerce account shows My Account, not its login")
def check_my_account(journey: Journey) -> None:
    account_portal.check_my_account(journey)


@given('I have clicked "Sign in" on the prompt and copied a new key in the API Portal tab')
def sign_in_and_copy_key(journey: Journey) -> None:
    add_and_verify.sign_in_and_copy_key(journey)


@given("a new key from the API Portal is on the clipboard")
def new_key_on_clipboard(journey: Journey) -> None:
    add_and_verify.new_key_on_clipboard(journey)


@given(parsers.parse("the Commerce account also has an {first} key and a {second} key"))
def account_has_keys(journey: Journey, first: str, second: str) -> None:
    commerce_state.account_has_keys(journey, [first, second])


@when(parsers.parse('I add a new API key described as "{description}"'))
@when(parsers.parse('ich einen neuen API-Schlüssel mit der Beschreibung "{description}" hinzufüge'))
def add_key(journey: Journey, description: str) -> None:
    account_portal.add_key(journey, description)


@given(parsers.parse('I have added a new API key described as "{description}"'))
def add_key_and_check(journey: Journey, description: str) -> None:
    add_and_verify.add_key_and_check(journey, description)


@when("I add a new API key with an empty description")
def add_key_without_description(journey: Journey) -> None:
    account_portal.add_key_without_description(journey)


@then(parsers.parse('the API Portal lists a new key named "{description}"'))
@then(parsers.parse('listet das API Portal einen neuen Schlüssel mit dem Namen "{description}"'))
def check_key_listed(journey: Journey, description: str) -> None:
    account_portal.check_key_listed(journey, description)


@then("the API Portal lists each key with its status, and offers Copy only for active keys")
def check_listed_statuses(journey: Journey) -> None:
    account_portal.check_listed_statuses(journey)


@then(parsers.parse('the key listed under "{description}" is at least 32 characters long'))
def check_key_length(journey: Journey, description: str) -> None:
    account_portal.check_key_length(journey, description)


@when(parsers.parse('I copy the key named "{description}"'))
@when(parsers.parse('ich den Schlüssel "{description}" kopiere'))
def copy_key(journey: Journey, description: str) -> None:
    account_portal.copy_key(journey, description)


@then("the API Portal confirms that the key was copied")
def check_copy_confirmed(journey: Journey) -> None:
    account_portal.check_copy_confirmed(journey)


@then(parsers.parse('the clipboard holds exactly the key listed under "{description}"'))
@then(parsers.parse('enthält die Zwischenablage genau den Schlüssel, der unter "{description}" gelistet ist'))
def check_clipboard(journey: Journey, description: str) -> None:
    account_portal.check_clipboard(journey, description)


@then("the API Portal says that a description is required")
def check_description_required(journey: Journey) -> None:
    account_portal.check_description_required(journey)


@then("no new key is listed")
def check_no_new_key(journey: Journey) -> None:
    account_portal.check_no_new_key(journey)


@then("the API Portal lists no keys")
def check_no_keys(journey: Journey) -> None:
    account_portal.check_no_keys(journey)


@given("the saved key has since been revoked in the API Portal")
def revoke_saved_key(journey: Journey, portal_session_state: StorageState) -> None:
    account_portal.revoke_saved_key(journey, portal_session_state)
