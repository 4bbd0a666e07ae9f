"""Steps on Stores > Configuration > Magento Services > Api Keys (doc steps 6 to 9)."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import given, then, when

from fixtures.journey import Journey
from pages.amazon_sales_channel import AmazonSalesChannelPage
from pages.store_configuration import StoreConfigurationPage
from steps.action_groups import add_key_through_prompt
from steps.checks import doc_expectation


def _listed_key(journey: Journey) -> str:
    if not journey.listed_key:
        raise AssertionError("No key was copied in the API Portal earlier in this scenario.")
    return journey.listed_key


@when('I expand "Services" in the left panel and choose "Magento Services"')
def open_magento_services(journey: Journey) -> None:
    StoreConfigurationPage(journey.admin_tab).open_magento_services()


@then('the Magento Services section is open at its "Api Keys" group')
@then('ist der Abschnitt Magento Services bei der Gruppe "Api Keys" geöffnet')
def api_keys_group_open(journey: Journey) -> None:
    tab = journey.admin_tab
    config = StoreConfigurationPage(tab)
    with doc_expectation("doc-step-6", "the Magento Services section should be open at its 'Api Keys' group", tab):
        expect(config.section_title).to_have_text("Magento Services")
        expect(config.magento_services_link).to_have_class(re.compile(r"\b_active\b"))
        expect(config.api_keys_head).to_have_text("Api Keys")


@then('the "Production Api key" field is shown')
def production_field_shown(journey: Journey) -> None:
    tab = journey.admin_tab
    config = StoreConfigurationPage(tab)
    config.expand_api_keys()
    with doc_expectation("doc-step-6", "the Api Keys group should show the 'Production Api key' field", tab):
        expect(config.production_api_key).to_be_visible()
        expect(config.production_api_key).to_be_editable()


@given('I have gone back to the Amazon Sales Channel tab and clicked "Add the key"')
def back_and_add_the_key(journey: Journey) -> None:
    journey.admin_tab.bring_to_front()
    AmazonSalesChannelPage(journey.admin_tab).add_the_key()
    api_keys_group_open(journey)


@when('I paste the copied key into "Production Api key"')
@when('ich den kopierten Schlüssel in "Production Api key" einfüge')
@given('I have pasted the copied key into "Production Api key"')
def paste_key(journey: Journey) -> None:
    StoreConfigurationPage(journey.admin_tab).paste_production_api_key()


@then('"Production Api key" holds exactly the key listed in the API Portal')
def field_holds_key(journey: Journey) -> None:
    tab = journey.admin_tab
    with doc_expectation("doc-step-7", "Production Api key should hold exactly the copied key", tab):
        expect(StoreConfigurationPage(tab).production_api_key).to_have_value(_listed_key(journey))


@when('I click "Save Config"')
@when('ich auf "Save Config" klicke')
def click_save_config(journey: Journey) -> None:
    StoreConfigurationPage(journey.admin_tab).save_config()


@then('the message "You saved the configuration." is shown')
@then('wird die Meldung "You saved the configuration." angezeigt')
def saved_message(journey: Journey) -> None:
    tab = journey.admin_tab
    with doc_expectation("doc-step-8", "Save Config should confirm 'You saved the configuration.'", tab):
        expect(StoreConfigurationPage(tab).success_message).to_have_text("You saved the configuration.")


@then('"Production Api key" still holds the key listed in the API Portal after a reload')
def key_survives_reload(journey: Journey) -> None:
    tab = journey.admin_tab
    tab.reload()
    config = StoreConfigurationPage(tab)
    config.expand_api_keys()
    with doc_expectation("doc-step-8", "after Save Config, the saved key should still be there on reload", tab):
        expect(config.success_message).to_have_count(0)
        expect(config.production_api_key).to_have_value(_listed_key(journey))


@given('I have added a new key from the API Portal through "Add the key" and saved it')
def added_and_saved(journey: Journey) -> None:
    add_key_through_prompt(journey, "Amazon Sales Channel")


@when("I repeat the add-and-verify process with a new key")
def repeat_add_and_verify(journey: Journey) -> None:
    add_key_through_prompt(journey, f"Amazon Sales Channel {len(journey.descriptions_used) + 1}")
