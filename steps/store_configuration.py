"""Steps on the API key settings (doc steps 6 to 8): the Api Keys, paste, Save Config."""

from __future__ import annotations

from pytest_bdd import given, then, when

from action_groups import add_and_verify, api_key_settings
from harness.journey import Journey

ZERO_WIDTH_SPACE = "\u200b"


@when("I go to Stores > Settings > Configuration")
def open_configuration(journey: Journey) -> None:
    api_key_settings.open_configuration(journey)


@when('I expand "Services" in the left panel and choose "Magento Services"')
def choose_api_keys(journey: Journey) -> None:
    api_key_settings.choose_api_keys(journey)


@then('the Magento Services section is open at its "Api Keys" group')
@then('ist der Abschnitt Magento Services bei der Gruppe "Api Keys" geöffnet')
def check_api_keys_open(journey: Journey) -> None:
    api_key_settings.check_api_keys_open(journey)


@then('the "Production Api key" field is shown')
def check_production_field(journey: Journey) -> None:
    api_key_settings.check_production_field(journey)


@then('"Production Api key" is empty, as no key is saved')
@then('ist "Production Api key" leer, da kein Schlüssel gespeichert ist')
def check_field_shows_saved_key(journey: Journey) -> None:
    api_key_settings.check_field_shows_saved_key(journey)


@when('I paste the copied key into "Production Api key"')
@when('ich den kopierten Schlüssel in "Production Api key" einfüge')
def paste_key(journey: Journey) -> None:
    api_key_settings.paste_key(journey)


@given('I have pasted the copied key into "Production Api key"')
def paste_key_and_check(journey: Journey) -> None:
    add_and_verify.paste_key_and_check(journey)


@when('I paste the copied key into "Production Api key" with a zero-width space that came along from a web page')
def paste_polluted_key(journey: Journey) -> None:
    api_key_settings.paste_polluted_key(journey, ZERO_WIDTH_SPACE)


@then('"Production Api key" holds exactly the key listed in the API Portal')
@then('"Production Api key" holds exactly what was pasted, the stray character included')
@then('enthält "Production Api key" genau den im API Portal gelisteten Schlüssel')
def check_field_holds_key(journey: Journey) -> None:
    api_key_settings.check_field_holds_key(journey)


@when('I click "Save Config"')
@when('ich auf "Save Config" klicke')
def save_config(journey: Journey) -> None:
    api_key_settings.save_config(journey)


@then('the message "You saved the configuration." is shown')
@then('wird die Meldung "You saved the configuration." angezeigt')
def check_saved_message(journey: Journey) -> None:
    api_key_settings.check_saved_message(journey)


@when("I open the Api Keys again")
def reopen_api_keys(journey: Journey) -> None:
    api_key_settings.reopen_api_keys(journey)


@then('"Production Api key" still holds the key listed in the API Portal')
def check_key_kept(journey: Journey) -> None:
    api_key_settings.check_key_kept(journey)


@given('I have added a new key from the API Portal through "Add the key" and saved it')
def save_new_key_through_add_the_key(journey: Journey) -> None:
    add_and_verify.save_new_key_through_add_the_key(journey)


@when("I repeat the add-and-verify process with a new key")
def repeat_add_and_verify(journey: Journey) -> None:
    add_and_verify.repeat_add_and_verify(journey)
