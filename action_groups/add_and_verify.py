"""The doc's steps 3 to 8 strung together, for scenarios that need them done as a given,
and for step 9's "repeat the add-and-verify process"."""

from __future__ import annotations

from action_groups import account_portal, amazon_channel, api_key_settings
from fixtures.journey import Journey

DESCRIPTION = "Amazon Sales Channel"


def sign_in_and_copy_key(journey: Journey, description: str = DESCRIPTION) -> None:
    """From the prompt: Sign in (new tab), the API Portal (after its login if asked), Add New, Copy."""
    amazon_channel.click_sign_in(journey)
    account_portal.reach_api_portal(journey)
    account_portal.add_key(journey, description)
    account_portal.copy_key(journey, description)
    journey.key.descriptions_used.append(description)


def back_and_add_the_key(journey: Journey) -> None:
    """Back to the Amazon Sales Channel tab, Add the key: the Api Keys open."""
    amazon_channel.back_to_channel_tab(journey)
    amazon_channel.click_add_the_key(journey)


def add_key_through_prompt(journey: Journey, description: str = DESCRIPTION) -> None:
    """Doc steps 3 to 8 from the prompt: Sign in, Add New, Copy, back, Add the key, paste, Save Config."""
    amazon_channel.check_prompt(journey)
    sign_in_and_copy_key(journey, description)
    back_and_add_the_key(journey)
    api_key_settings.paste_key(journey)
    api_key_settings.save_config(journey)


def repeat_add_and_verify(journey: Journey) -> None:
    """Prompted again: repeat the process with a new key (a new description, so the new key is told apart)."""
    journey.repeating = True
    journey.due("repeat-until-accepted")
    add_key_through_prompt(journey, f"{DESCRIPTION} {len(journey.key.descriptions_used) + 1}")
