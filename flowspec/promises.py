"""The doc's promises: what "Add or verify the Amazon API key" says will happen, one by one.

Each promise belongs to the doc step(s) that state it. The suite's action groups mark a
promise *due* when a scenario does what triggers it (opens the channel with a bad key,
clicks Copy, saves ...) and *kept* when its check passes; the living doc lists, for each
doc step, its promises, the scenarios where each was due and kept, and the deliberate
breakages (``tests/broken_mocks``) that prove the suite fails when the mock breaks it.
A promise that was due in a scenario but never checked there is a gap: the living doc
shows it and the coverage gate fails on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flowspec.doc_steps import label


@dataclass(frozen=True)
class Promise:
    id: str
    doc_tags: tuple[str, ...]  # the doc step(s) that state it, in the doc's order
    says: str  # the promise, in the doc's terms
    breakages: tuple[str, ...]  # names of the deliberate breakages (tests/broken_mocks) that violate it

    def label(self) -> str:
        return " / ".join(label(tag) for tag in self.doc_tags)


PROMISES: tuple[Promise, ...] = (
    Promise(
        "admin-sign-in",
        ("doc-step-1",),
        "Signing in with the admin user name and password opens the Commerce Admin with its menu.",
        ("admin-login-refused",),
    ),
    Promise(
        "admin-wrong-password",
        ("doc-step-1",),
        "A wrong password or a user name that does not exist is refused with a message, and the Admin keeps asking "
        "to sign in.",
        ("wrong-password-accepted", "admin-pages-without-session"),
    ),
    Promise(
        "admin-password-required",
        ("doc-step-1",),
        "Signing in without a password is refused with a message that the password is required; the Admin keeps "
        "asking to sign in.",
        ("empty-admin-password-crashes",),
    ),
    Promise(
        "admin-sign-in-returns",
        ("doc-step-1",),
        "Signing in after asking for an Admin page without a session opens that page, not the dashboard.",
        ("admin-login-forgets-page",),
    ),
    Promise(
        "channel-in-menu",
        ("doc-step-2", "doc-step-9"),
        "Marketing > Channels > Amazon Sales Channel opens the channel from the Admin sidebar.",
        ("channel-missing-from-menu",),
    ),
    Promise(
        "prompt-for-bad-key",
        ("doc-rule", "doc-step-2"),
        "A missing, unknown, expired or revoked key brings up the 'Welcome to Amazon Sales Channel' prompt: its "
        "title, why the key was not accepted, and both actions, Sign in and Add the key.",
        ("no-prompt-for-bad-key", "prompt-without-add-the-key", "prompt-gives-wrong-reason"),
    ),
    Promise(
        "valid-key-goes-on",
        ("doc-rule", "doc-step-9"),
        "A valid key brings no prompt: the channel goes on to store integration (Add Amazon Store).",
        ("valid-key-prompts",),
    ),
    Promise(
        "checked-on-every-access",
        ("doc-rule", "doc-step-9"),
        "The key is checked each time the channel is opened: a key saved, revoked or expired since the last "
        "visit gives the new answer on the next one.",
        ("verdict-cached",),
    ),
    Promise(
        "fault-is-not-a-bad-key",
        ("doc-rule",),
        "A key service that is down, too slow or failing is not taken for a bad key: the channel says it could "
        "not verify the key and shows no prompt.",
        ("unreachable-gateway-reported-as-bad-key",),
    ),
    Promise(
        "sign-in-opens-new-tab",
        ("doc-step-3",),
        "Sign in opens the Commerce account in a new browser tab; the Amazon Sales Channel tab stays as it was.",
        ("sign-in-in-same-tab",),
    ),
    Promise(
        "signed-in-shows-api-portal",
        ("doc-step-3",),
        "Signed in to the Commerce account, Sign in shows the API Portal section of My Account at once.",
        ("sign-in-link-to-dashboard",),
    ),
    Promise(
        "login-first-then-api-portal",
        ("doc-step-3",),
        "Not signed in, the Commerce account asks for its email and password first, then shows the API Portal.",
        ("portal-login-forgets-page",),
    ),
    Promise(
        "portal-wrong-password",
        ("doc-step-3",),
        "A wrong password or an email that has no account is refused with a message, and the API Portal stays closed.",
        ("portal-wrong-password-accepted",),
    ),
    Promise(
        "registration-says-what-to-fix",
        ("doc-step-3",),
        "Registering with a mistake (a password without a digit, a confirmation that does not match, the email of "
        "an existing account) is refused with a message saying what to fix, and the form keeps what was typed.",
        ("registration-mistake-crashes",),
    ),
    Promise(
        "registration-password-rule",
        ("doc-step-3",),
        "A password as long as the registration page asks for (at least 8 characters, a letter and a digit) is "
        "accepted.",
        ("password-rule-off-by-one",),
    ),
    Promise(
        "signed-in-login-page-shows-account",
        ("doc-step-3",),
        "Signed in to the Commerce account, the account page the doc links for registering shows My Account.",
        ("signed-in-login-page-missing",),
    ),
    Promise(
        "register-then-api-portal",
        ("doc-step-3",),
        "Without an account, you register one and reach the API Portal, with no keys yet.",
        ("registration-leaves-api-portal",),
    ),
    Promise(
        "add-new-lists-key",
        ("doc-step-4",),
        "Add New with a description creates a key and lists it under that description, beside the keys listed before.",
        ("add-new-ignores-description", "add-new-lists-no-key"),
    ),
    Promise(
        "api-portal-lists-status",
        ("doc-step-4",),
        "The API Portal lists each key with its status as a person reads it: a revoked or expired key is not shown "
        "as active, and only an active key offers Copy.",
        ("revoked-key-listed-active",),
    ),
    Promise(
        "add-new-needs-description",
        ("doc-step-4",),
        "Add New without a description is refused with a message, and no key is added.",
        ("empty-description-accepted",),
    ),
    Promise(
        "copy-puts-key-on-clipboard",
        ("doc-step-4",),
        "Copy confirms, and puts exactly the key listed under the description on the clipboard.",
        ("copy-copies-wrong-key",),
    ),
    Promise(
        "first-tab-keeps-prompt",
        ("doc-step-5",),
        "Back in the Amazon Sales Channel tab, the prompt is still there, with Add the key.",
        ("sign-in-in-same-tab",),
    ),
    Promise(
        "add-the-key-opens-api-keys",
        ("doc-step-6",),
        "Add the key leaves the channel for the store configuration's Api Keys, with Production Api key in sight.",
        ("add-the-key-goes-elsewhere", "api-keys-collapsed"),
    ),
    Promise(
        "api-keys-by-hand",
        ("doc-step-6",),
        "The same Api Keys open by hand: Stores > Settings > Configuration, expand Services, choose Magento Services.",
        ("magento-services-not-under-services",),
    ),
    Promise(
        "field-shows-saved-key",
        ("doc-step-7",),
        "Before the paste, Production Api key shows what is saved: nothing when no key is saved, so a click into "
        "the field and a paste leave exactly the copied key.",
        ("field-prefilled-before-paste",),
    ),
    Promise(
        "paste-takes-key-as-is",
        ("doc-step-7",),
        "Pasting into Production Api key puts exactly the copied key in the field.",
        ("production-field-truncates",),
    ),
    Promise(
        "save-config-confirms",
        ("doc-step-8",),
        "Save Config confirms with 'You saved the configuration.'",
        ("save-config-says-nothing", "save-config-says-other-words"),
    ),
    Promise(
        "saved-key-is-kept",
        ("doc-step-8",),
        "After Save Config the key is kept: it is still in Production Api key on the next visit, and the "
        "channel checks that key.",
        ("save-config-does-not-save",),
    ),
    Promise(
        "repeat-until-accepted",
        ("doc-step-9",),
        "Prompted again after saving, repeating the add-and-verify process with a new key lets you in.",
        ("save-config-keeps-old-key",),
    ),
)

BY_ID = {promise.id: promise for promise in PROMISES}


def promises_of(doc_tag: str) -> list[Promise]:
    """The promises a doc step states, in inventory order."""
    return [promise for promise in PROMISES if doc_tag in promise.doc_tags]


def broken_doc_steps(promise_id: str, scenario_doc_tags: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The doc step(s) a broken promise names: the promise's own doc steps that the scenario is tagged with,
    else the promise's first numbered doc step (a promise checked while setting up a scenario about another
    step)."""
    promise = BY_ID[promise_id]
    own = tuple(tag for tag in promise.doc_tags if tag in scenario_doc_tags)
    numbered = [tag for tag in promise.doc_tags if tag != "doc-rule"]
    return own or ((numbered or list(promise.doc_tags))[0],)
