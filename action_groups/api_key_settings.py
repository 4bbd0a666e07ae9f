"""The API key settings (doc steps 6 to 8): the Api Keys group, paste into Production Api key, Save Config.

The doc's admin keeps them at Stores > Configuration > Services > Magento Services > Api Keys;
current Commerce at System > Services > Commerce Services Connector. ``journey.settings`` is the
page object for the admin at hand; the scenario notes which one it met.
"""

from __future__ import annotations

from playwright.sync_api import expect

from fixtures.journey import API_KEYS, VALID, Journey
from pages.clipboard import Clipboard

SAVED_MESSAGE = "You saved the configuration."


def open_configuration(journey: Journey) -> None:
    journey.due("api-keys-by-hand")
    with journey.keeping("api-keys-by-hand", "Stores > Settings > Configuration should open the configuration"):
        journey.settings.open_configuration()


def choose_api_keys(journey: Journey) -> None:
    """Expand Services in the left panel and choose Magento Services (the Api Keys then show)."""
    with journey.keeping("api-keys-by-hand", f"the configuration should lead to {API_KEYS}"):
        settings = journey.settings
        settings.choose_api_keys()
        settings.reveal_production_api_key()


def check_api_keys_open(journey: Journey) -> None:
    with journey.keeping(["add-the-key-opens-api-keys", "api-keys-by-hand"], f"{API_KEYS} should be open"):
        settings = journey.settings
        for marker in settings.open_markers():
            expect(marker).to_be_visible()


def check_production_field(journey: Journey) -> None:
    with journey.keeping(
        ["add-the-key-opens-api-keys", "api-keys-by-hand"], "the Api Keys should show the 'Production Api key' field"
    ):
        settings = journey.settings
        expect(settings.production_api_key).to_be_visible()
        expect(settings.production_api_key).to_be_editable()


def paste_key(journey: Journey) -> None:
    """Paste (Ctrl+A, Ctrl+V) into Production Api key: the field holds exactly the copied key."""
    journey.due("paste-takes-key-as-is")
    journey.key.pasted = _listed_key(journey)
    with journey.keeping("paste-takes-key-as-is", "the copied key should paste into Production Api key"):
        journey.settings.paste_production_api_key()
    check_field_holds_key(journey)


def paste_polluted_key(journey: Journey, stray: str) -> None:
    """Paste the key with a character that came along unseen from a web page: the field takes it as it is."""
    journey.due("paste-takes-key-as-is")
    journey.key.pasted = _listed_key(journey) + stray
    with journey.keeping("paste-takes-key-as-is", "a pasted key should go into Production Api key as it is"):
        Clipboard(journey.admin_tab).put(journey.key.pasted)
        journey.settings.paste_production_api_key()
    check_field_holds_key(journey)


def check_field_holds_key(journey: Journey) -> None:
    with journey.keeping("paste-takes-key-as-is", "Production Api key should hold exactly what was pasted"):
        expect(journey.settings.production_api_key).to_have_value(journey.key.pasted or _listed_key(journey))


def save_config(journey: Journey) -> None:
    """Save Config: 'You saved the configuration.'; the channel's next answer is about the saved key."""
    journey.due("save-config-confirms")
    journey.due("saved-key-is-kept")
    with journey.keeping("save-config-confirms", f"Save Config should confirm {SAVED_MESSAGE!r}"):
        settings = journey.settings
        settings.save_config()
        expect(settings.success_message).to_have_text(SAVED_MESSAGE)
    journey.key.saved = journey.key.pasted or journey.key.listed
    # the channel checks what was saved: the copied key is valid; one a paste polluted is not a key at all
    journey.expected_channel = VALID if journey.key.saved == journey.key.listed else "unknown"


def check_saved_message(journey: Journey) -> None:
    with journey.keeping("save-config-confirms", f"Save Config should confirm {SAVED_MESSAGE!r}"):
        expect(journey.settings.success_message).to_have_text(SAVED_MESSAGE)


def reopen_api_keys(journey: Journey) -> None:
    """Open the Api Keys page again (a reload of the page Save Config came back to)."""
    with journey.keeping("saved-key-is-kept", "the Api Keys page should open again"):
        journey.admin_tab.reload()
        journey.settings.reveal_production_api_key()


def check_key_kept(journey: Journey) -> None:
    with journey.keeping("saved-key-is-kept", "after Save Config, the saved key should still be there on a new visit"):
        settings = journey.settings
        expect(settings.success_message).to_have_count(0)
        expect(settings.production_api_key).to_have_value(_listed_key(journey))


def _listed_key(journey: Journey) -> str:
    if not journey.key.listed:
        raise AssertionError("no key was copied in the API Portal earlier in this scenario")
    return journey.key.listed
