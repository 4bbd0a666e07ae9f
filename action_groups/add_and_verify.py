"""The doc's steps 3 to 8 strung together, for scenarios that need them done as a given,
and for step 9's "repeat the add-and-verify process".

A scenario about what comes after the copy (paste, Save Config, the re-check) gets its copied key
from the API Portal's control API when the target has one: the key is made in the Commerce account
and put on the clipboard, without walking the portal's pages, which the scenarios of doc steps 3
and 4 and the end-to-end scenario walk. Without a control API (a real Commerce) the key is made
and copied in the portal tab, as a person would.
"""

from __future__ import annotations

from action_groups import account_portal, amazon_channel, api_key_settings
from fixtures.journey import Journey
from pages.clipboard import Clipboard

DESCRIPTION = "Amazon Sales Channel"


def sign_in_and_copy_key(journey: Journey, description: str = DESCRIPTION) -> None:
    """From the prompt: Sign in (new tab), the API Portal (after its login if asked), Add New, Copy."""
    amazon_channel.click_sign_in(journey)
    account_portal.reach_api_portal(journey)
    account_portal.add_key(journey, description)
    account_portal.copy_key(journey, description)
    journey.key.descriptions_used.append(description)


def new_key_on_clipboard(journey: Journey, description: str = DESCRIPTION) -> None:
    """A new key of the Commerce account on the clipboard, the Amazon Sales Channel tab in front."""
    portal = journey.target.portal_control
    if portal is None:
        sign_in_and_copy_key(journey, description)
        amazon_channel.back_to_channel_tab(journey)
        return
    with journey.keeping(None, f"setting up the scenario: a new key {description!r} in the API Portal, copied"):
        made = portal.create_key(journey.target.portal_email, name=description)
        assert made.get("status") == "active", f"the API Portal made a key that is {made.get('status')!r}"
        clipboard = Clipboard(journey.admin_tab)
        clipboard.put(str(made["key"]))
        held = clipboard.text()
        assert held == made["key"], f"the clipboard holds {held!r} after writing the new key to it"
    journey.key.listed = str(made["key"])
    journey.key.description = description
    journey.key.descriptions_used.append(description)


def _add_paste_and_save(journey: Journey) -> None:
    """Doc steps 6 to 8, the copied key on the clipboard and the prompt in front: Add the key, paste, Save Config."""
    amazon_channel.click_add_the_key(journey)
    api_key_settings.paste_key(journey)
    api_key_settings.save_config(journey)


def add_key_through_prompt(journey: Journey, description: str = DESCRIPTION) -> None:
    """Doc steps 3 to 8 from the prompt: Sign in, Add New, Copy, back, Add the key, paste, Save Config."""
    amazon_channel.check_prompt(journey)
    sign_in_and_copy_key(journey, description)
    amazon_channel.back_to_channel_tab(journey)
    _add_paste_and_save(journey)


def save_new_key_through_add_the_key(journey: Journey, description: str = DESCRIPTION) -> None:
    """Doc steps 5 to 8 from the prompt with a new key copied: Add the key, paste, Save Config."""
    amazon_channel.check_prompt(journey)
    new_key_on_clipboard(journey, description)
    _add_paste_and_save(journey)


def repeat_add_and_verify(journey: Journey) -> None:
    """Prompted again: repeat the process with a new key (a new description, so the new key is told apart)."""
    journey.repeating = True
    journey.due("repeat-until-accepted")
    add_key_through_prompt(journey, f"{DESCRIPTION} {len(journey.key.descriptions_used) + 1}")
