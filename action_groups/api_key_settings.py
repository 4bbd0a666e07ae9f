"""The API key settings (doc steps 6 to 8): the Api Keys group, paste into Production Api key, Save Config.

The doc's admin keeps them at Stores > Configuration > Services > Magento Services > Api Keys;
current Commerce at System > Services > Commerce Services Connector. ``journey.settings`` is the
page object for the admin at hand; the scenario notes which one it met.
"""

from __future__ import annotations

from playwright.sync_api import expect

from harness.journey import API_KEYS, Journey

SAVED_MESSAGE = "You saved the configuration."


def open_configuration(journey: Journey) -> None:
    with journey.acting("api-keys-by-hand", "Stores > Settings > Configuration should open the configuration"):
        journey.settings.open_configuration()


def choose_api_keys(journey: Journey) -> None:
    """Expand Services in the left panel and choose Magento Services (the Api Keys then show)."""
    with journey.acting("api-keys-by-hand", f"the configuration should lead to {API_KEYS}"):
        settings = journey.settings
        settings.choose_api_keys()
        settings.reveal_production_api_key()


def check_api_keys_open(journey: Journey) -> None:
    with journey.keeping(["add-the-key-opens-api-keys", "api-keys-by-hand"], f"{API_KEYS} should be open"):
        for marker in journey.settings.open_markers():
            expect(marker).to_be_visible()


def check_production_field(journey: Journey) -> None:
    with journey.keeping(
        ["add-the-key-opens-api-keys", "api-keys-by-hand"], "the Api Keys should show the 'Production Api key' field"
    ):
        field = journey.settings.production_api_key
        expect(field).to_be_visible()
        expect(field).to_be_editable()


def check_field_shows_saved_key(journey: Journey) -> None:
    """Before the paste, the field shows what is saved: nothing when no key is saved (so a click into it and a
    paste leave exactly the copied key)."""
    saved = journey.store.saved_key if journey.store.known else None
    shows = "the saved key" if saved else "nothing, as no key is saved"
    with journey.keeping("field-shows-saved-key", f"before the paste, 'Production Api key' should show {shows}"):
        expect(journey.settings.production_api_key).to_have_value(saved or "")


def paste_key(journey: Journey) -> None:
    """Click into Production Api key and paste (replacing a key that is saved there, as a person would)."""
    with journey.acting("paste-takes-key-as-is", "the copied key should paste into Production Api key"):
        journey.key.pasted = _listed_key(journey)
        journey.settings.paste_production_api_key(replace=_field_holds_a_key(journey))


def paste_polluted_key(journey: Journey, stray: str) -> None:
    """Paste the key with a character that came along unseen from a web page."""
    with journey.acting("paste-takes-key-as-is", "a pasted key should go into Production Api key as it is"):
        journey.key.pasted = _listed_key(journey) + stray
        journey.clipboard.put(journey.key.pasted)
        journey.settings.paste_production_api_key(replace=_field_holds_a_key(journey))


def _field_holds_a_key(journey: Journey) -> bool:
    return not journey.store.known or journey.store.saved_key is not None


def check_field_holds_key(journey: Journey) -> None:
    with journey.keeping("paste-takes-key-as-is", "Production Api key should hold exactly what was pasted"):
        expect(journey.settings.production_api_key).to_have_value(journey.key.pasted or _listed_key(journey))


def save_config(journey: Journey) -> None:
    """Save Config; the channel's next answer is about the saved key."""
    journey.due("saved-key-is-kept")
    with journey.acting("save-config-confirms", "Save Config should save the configuration"):
        journey.settings.save_config()
    journey.key.saved = journey.key.pasted or journey.key.listed
    journey.store.key_saved(journey.key.saved)


def check_saved_message(journey: Journey) -> None:
    with journey.keeping("save-config-confirms", f"Save Config should confirm {SAVED_MESSAGE!r}"):
        expect(journey.settings.success_message).to_have_text(SAVED_MESSAGE)


def reopen_api_keys(journey: Journey) -> None:
    """Open the Api Keys page again (a reload of the page Save Config came back to)."""
    with journey.acting("saved-key-is-kept", "the Api Keys page should open again"):
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
