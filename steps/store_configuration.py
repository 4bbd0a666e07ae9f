"""Steps on the API key settings (doc steps 6 to 8): Api Keys, paste, Save Config.

The doc's admin keeps them at Stores > Configuration > Services > Magento Services >
Api Keys; current Commerce at System > Services > Commerce Services Connector. The page
object for the admin at hand comes from ``pages.api_key_settings``; the scenario notes
which one it met.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import given, then, when

from fixtures.journey import Journey
from pages.amazon_sales_channel import AmazonSalesChannelPage
from pages.api_key_settings import ApiKeySettingsPage, api_key_settings
from steps.action_groups import add_key_through_prompt
from steps.checks import doc_expectation


def settings_page(journey: Journey, tab: Page | None = None) -> ApiKeySettingsPage:
    settings = api_key_settings(tab or journey.admin_tab)
    journey.note(f"Admin layout: API keys at {settings.location}")
    return settings


def _listed_key(journey: Journey) -> str:
    if not journey.listed_key:
        raise AssertionError("No key was copied in the API Portal earlier in this scenario.")
    return journey.listed_key


@when('I expand "Services" in the left panel and choose "Magento Services"')
def open_magento_services(journey: Journey) -> None:
    settings_page(journey).open_by_hand()


@then('the Magento Services section is open at its "Api Keys" group')
@then('ist der Abschnitt Magento Services bei der Gruppe "Api Keys" geöffnet')
def api_keys_group_open(journey: Journey) -> None:
    tab = journey.admin_tab
    settings = settings_page(journey)
    with doc_expectation("doc-step-6", f"the API key settings should be open ({settings.location})", tab):
        for marker in settings.open_markers():
            expect(marker).to_be_visible()


@then('the "Production Api key" field is shown')
def production_field_shown(journey: Journey) -> None:
    tab = journey.admin_tab
    settings = settings_page(journey)
    settings.reveal_production_api_key()
    with doc_expectation("doc-step-6", "the Api Keys should show the 'Production Api key' field", tab):
        expect(settings.production_api_key).to_be_visible()
        expect(settings.production_api_key).to_be_editable()


@given('I have gone back to the Amazon Sales Channel tab and clicked "Add the key"')
def back_and_add_the_key(journey: Journey) -> None:
    journey.admin_tab.bring_to_front()
    AmazonSalesChannelPage(journey.admin_tab).add_the_key()
    api_keys_group_open(journey)


@when('I paste the copied key into "Production Api key"')
@when('ich den kopierten Schlüssel in "Production Api key" einfüge')
@given('I have pasted the copied key into "Production Api key"')
def paste_key(journey: Journey) -> None:
    settings_page(journey).paste_production_api_key()


@then('"Production Api key" holds exactly the key listed in the API Portal')
def field_holds_key(journey: Journey) -> None:
    tab = journey.admin_tab
    with doc_expectation("doc-step-7", "Production Api key should hold exactly the copied key", tab):
        expect(settings_page(journey).production_api_key).to_have_value(_listed_key(journey))


@when('I click "Save Config"')
@when('ich auf "Save Config" klicke')
def click_save_config(journey: Journey) -> None:
    settings_page(journey).save_config()


@then('the message "You saved the configuration." is shown')
@then('wird die Meldung "You saved the configuration." angezeigt')
def saved_message(journey: Journey) -> None:
    tab = journey.admin_tab
    with doc_expectation("doc-step-8", "Save Config should confirm 'You saved the configuration.'", tab):
        expect(settings_page(journey).success_message).to_have_text("You saved the configuration.")


@then('"Production Api key" still holds the key listed in the API Portal after a reload')
def key_survives_reload(journey: Journey) -> None:
    tab = journey.admin_tab
    tab.reload()
    settings = settings_page(journey)
    settings.reveal_production_api_key()
    with doc_expectation("doc-step-8", "after Save Config, the saved key should still be there on reload", tab):
        expect(settings.success_message).to_have_count(0)
        expect(settings.production_api_key).to_have_value(_listed_key(journey))


@given('I have added a new key from the API Portal through "Add the key" and saved it')
def added_and_saved(journey: Journey) -> None:
    add_key_through_prompt(journey, "Amazon Sales Channel")


@when("I repeat the add-and-verify process with a new key")
def repeat_add_and_verify(journey: Journey) -> None:
    add_key_through_prompt(journey, f"Amazon Sales Channel {len(journey.descriptions_used) + 1}")
