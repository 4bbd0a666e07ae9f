"""The numbered steps of "Add or verify the Amazon API key" (Commerce doc), our spec.

Source: the German edition, ``amazon-api-key.de.md``; titles here are in English.
Scenarios carry ``@doc-step-N`` (and ``@doc-rule`` for the introduction's rules).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DocStep:
    tag: str
    number: str
    title: str
    says: str


DOC_STEPS: tuple[DocStep, ...] = (
    DocStep(
        "doc-rule",
        "Rule",
        "The key is checked on every access",
        "Opening Amazon Sales Channel checks the stored Amazon API key every time. A valid key goes on to "
        "store integration; a missing, invalid or expired key shows a prompt to get a key and add it.",
    ),
    DocStep("doc-step-1", "1", "Log in to the Commerce Admin", "Sign in to the Commerce Admin."),
    DocStep(
        "doc-step-2",
        "2",
        "Open Marketing > Channels > Amazon Sales Channel",
        "On the Admin sidebar, go to Marketing > Channels > Amazon Sales Channel. On first access, or when the "
        "key needs updating, the system prompts you.",
    ),
    DocStep(
        "doc-step-3",
        "3",
        "Sign in to the Commerce account",
        "Click Sign in: the Commerce account page opens in a new browser tab. Signed in: the API Portal section "
        "of My Account appears at once. Not signed in: enter the account's user name and password first. "
        "No account: register one.",
    ),
    DocStep(
        "doc-step-4",
        "4",
        "Create and copy a key in the API Portal",
        "Enter a description such as 'Amazon Sales Channel' and click Add New. The new key is listed under that "
        "name. Click Copy to copy it.",
    ),
    DocStep(
        "doc-step-5",
        "5",
        "Return to the Amazon Sales Channel tab",
        "With the new key created and copied, go back to Amazon Sales Channel in the browser.",
    ),
    DocStep(
        "doc-step-6",
        "6",
        "Click Add the key",
        "On the Welcome to Amazon Sales Channel page, click Add the key. The browser leaves the channel for the "
        "Api Keys of the store configuration (by hand: Stores > Settings > Configuration, expand Services, "
        "choose Magento Services).",
    ),
    DocStep(
        "doc-step-7", "7", "Paste the key into Production Api key", "Paste the copied key into Production Api key."
    ),
    DocStep(
        "doc-step-8",
        "8",
        "Click Save Config",
        "Click Save Config. You can now return to Amazon Sales Channel.",
    ),
    DocStep(
        "doc-step-9",
        "9",
        "Open Amazon Sales Channel again",
        "Go to Marketing > Channels > Amazon Sales Channel again: Commerce checks the key again and lets you "
        "continue. If you are prompted again, repeat the add-and-verify process.",
    ),
)

BY_TAG = {step.tag: step for step in DOC_STEPS}
KEY_DESCRIPTION = "Amazon Sales Channel"  # doc step 4's example description of the new key


def doc_tags_of(tags: Iterable[str]) -> list[str]:
    """The doc-step tags among a scenario's tags (or pytest marker names), in the doc's order.
    The one place where a scenario's documented steps are read from its tags."""
    names = set(tags)
    return [tag for tag in BY_TAG if tag in names]


def short_label(tag: str) -> str:
    """'doc-step-2' -> 'doc step 2'; 'doc-rule' -> 'doc rule'."""
    step = BY_TAG[tag]
    return "doc rule" if step.tag == "doc-rule" else f"doc step {step.number}"


def label(tag: str) -> str:
    """'doc-step-2' -> 'Doc step 2 (Open Marketing > Channels > Amazon Sales Channel)'."""
    step = BY_TAG[tag]
    prefix = "Doc rule" if step.tag == "doc-rule" else f"Doc step {step.number}"
    return f"{prefix} ({step.title})"
