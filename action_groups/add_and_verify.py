"""The doc's steps strung together, for Givens that need them done (each with its checks) and for step 9's
"repeat the add-and-verify process".

A scenario about what comes after the copy (paste, Save Config, the re-check) gets its copied key from the
API Portal's control API when the target has one: the key is made in the Commerce account and put on the
clipboard, without walking the portal's pages, which the scenarios of doc steps 3 and 4 and the end-to-end
scenarios walk. Without a control API (a real Commerce) the key is made and copied in the portal tab, as a
person would.
"""

from __future__ import annotations

from playwright.sync_api import Browser

from action_groups import account_portal, admin, amazon_channel, api_key_settings, commerce_state
from flowspec.doc_steps import KEY_DESCRIPTION
from harness.journey import Journey
from harness.sessions import StorageState
from pages.amazon_sales_channel import CHANNEL_PATH


def open_prompt(journey: Journey, browser: Browser, admin_session: StorageState) -> None:
    """The Amazon Sales Channel prompt for a missing key, signed in, with both actions."""
    if not journey.target.has_control_api:  # no reset between scenarios: an earlier one may have saved a key
        commerce_state.no_key_saved(journey, browser, admin_session)
    admin.use_admin_session(journey, admin_session, CHANNEL_PATH)
    amazon_channel.arrive_by_url(journey)
    check_prompt_in_full(journey)


def check_prompt_in_full(journey: Journey) -> None:
    amazon_channel.check_prompt(journey)
    amazon_channel.check_expected_reason(journey)
    amazon_channel.check_prompt_actions(journey)


def add_key_and_check(journey: Journey, description: str) -> None:
    account_portal.add_key(journey, description)
    account_portal.check_key_listed(journey, description)
    account_portal.check_listed_statuses(journey)


def sign_in_and_copy_key(journey: Journey, description: str = KEY_DESCRIPTION) -> None:
    """From the prompt: Sign in (new tab), the API Portal (after its login if asked), Add New, Copy."""
    amazon_channel.click_sign_in(journey)
    amazon_channel.check_account_in_new_tab(journey)
    account_portal.reach_api_portal(journey)
    add_key_and_check(journey, description)
    account_portal.copy_key(journey, description)
    account_portal.check_copy_confirmed(journey)
    account_portal.check_clipboard(journey, description)
    journey.key.descriptions_used.append(description)


def new_key_on_clipboard(journey: Journey, description: str = KEY_DESCRIPTION) -> None:
    """A new key of the Commerce account on the clipboard, the Amazon Sales Channel tab in front."""
    portal = journey.target.portal_control
    if portal is None:
        sign_in_and_copy_key(journey, description)
        back_to_prompt(journey)
        return
    with journey.setting_up(f"a new key {description!r} in the API Portal, copied"):
        made = portal.create_key(journey.target.portal_email, name=description)
        assert made.get("status") == "active", f"the API Portal made a key that is {made.get('status')!r}"
        journey.clipboard.put(str(made["key"]))
        held = journey.clipboard.text()
        assert held == made["key"], f"the clipboard holds {held!r} after writing the new key to it"
    journey.store.account_made(str(made["key"]))
    journey.key.listed = str(made["key"])
    journey.key.description = description
    journey.key.descriptions_used.append(description)


def back_to_prompt(journey: Journey) -> None:
    amazon_channel.back_to_channel_tab(journey)
    amazon_channel.check_prompt(journey)
    amazon_channel.check_prompt_actions(journey)


def click_add_the_key_and_check(journey: Journey) -> None:
    amazon_channel.click_add_the_key(journey)
    amazon_channel.check_left_for_api_keys(journey)
    api_key_settings.check_api_keys_open(journey)
    api_key_settings.check_production_field(journey)
    api_key_settings.check_field_shows_saved_key(journey)


def paste_key_and_check(journey: Journey) -> None:
    api_key_settings.paste_key(journey)
    api_key_settings.check_field_holds_key(journey)


def _add_paste_and_save(journey: Journey) -> None:
    """Doc steps 6 to 8, the copied key on the clipboard and the prompt in front: Add the key, paste, Save Config."""
    click_add_the_key_and_check(journey)
    paste_key_and_check(journey)
    api_key_settings.save_config(journey)
    api_key_settings.check_saved_message(journey)


def add_key_through_prompt(journey: Journey, description: str = KEY_DESCRIPTION) -> None:
    """Doc steps 3 to 8 from the prompt: Sign in, Add New, Copy, back, Add the key, paste, Save Config."""
    check_prompt_in_full(journey)
    sign_in_and_copy_key(journey, description)
    back_to_prompt(journey)
    _add_paste_and_save(journey)


def save_new_key_through_add_the_key(journey: Journey, description: str = KEY_DESCRIPTION) -> None:
    """Doc steps 5 to 8 from the prompt with a new key copied: Add the key, paste, Save Config."""
    new_key_on_clipboard(journey, description)
    _add_paste_and_save(journey)


def repeat_add_and_verify(journey: Journey) -> None:
    """Prompted again: repeat the process with a new key (a new description, so the new key is told apart)."""
    journey.repeating = True
    journey.due("repeat-until-accepted")
    add_key_through_prompt(journey, f"{KEY_DESCRIPTION} {len(journey.key.descriptions_used) + 1}")
