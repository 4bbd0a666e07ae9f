"""Verify, read-only: does Amazon Sales Channel still accept the stored key? (The doc's "or verify" half.)

The scenario signs in (the only form it submits), opens the channel from the menu and reads its answer. The
answer is the store's verdict, recorded for the living doc's table of stores whatever it is. A store that
needs attention (its key missing, unknown, expired or revoked; the key service silent; the store not answering
or not letting us in) fails with the doc's verdict as its first line and what to do. Such a failure is the
store's, not the product's: the channel did what the doc says (it prompted for a bad key), so the failure names
no broken doc step (``harness.doc_checks.STORE``).
"""

from __future__ import annotations

import json
import time

from playwright.sync_api import Error as PlaywrightError

from action_groups.amazon_channel import REASON_WORDING
from flowspec.doc_steps import label
from harness.doc_checks import DOC_STEP_BROKEN, STORE, DocStepFailure
from harness.journey import Journey
from harness.preflight import PROBE_TIMEOUT_SECONDS, admin_problem
from harness.store_model import BAD_KEY_STATES, UNVERIFIED, VALID

STORE_VERDICT = "store-verdict"  # the user property the living doc reads
UNREACHABLE, SIGN_IN_FAILED = "unreachable", "sign-in failed"
SAYS = {
    "missing": "no key is stored: the channel prompts for one",
    "unknown": "the stored key is unknown to the key service: the channel prompts for a new key",
    "expired": "the stored key is expired: the channel prompts for a new key",
    "revoked": "the stored key is revoked: the channel prompts for a new key",
    UNVERIFIED: "the stored key could not be verified: the key service did not answer, the channel does not prompt",
}
ADD_A_KEY = (
    "what to do: add a new key as the doc's steps 3 to 8 say: on the prompt click Sign in, in the API Portal "
    "Add New and Copy, back on the prompt click Add the key, paste into Production Api key, Save Config"
)
TRY_AGAIN = "what to do: open the channel again later; if it keeps failing, the key service is down"
PROMISE_OF_ANSWER = {"prompt": "prompt-for-bad-key", "store integration": "valid-key-goes-on"}


def record_verdict(journey: Journey, verdict: str) -> None:
    """The store's verdict, with when it was checked: one per scenario (the last word wins)."""
    journey.checks.properties[:] = [p for p in journey.checks.properties if p[0] != STORE_VERDICT]
    checked = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    journey.note(f"Store verdict: {verdict}")
    journey.checks.properties.append(
        (STORE_VERDICT, json.dumps({"verdict": verdict, "checked": checked, "admin_url": journey.target.admin_url}))
    )


def _store_needs_attention(journey: Journey, verdict: str, doc_tag: str, says: str, what: str) -> None:
    record_verdict(journey, verdict)
    journey.checks.record(DOC_STEP_BROKEN, STORE)
    message = f"{label(doc_tag)}: {says}\n  store: {journey.target.admin_url}\n  {what}"
    raise DocStepFailure(message, (STORE,), None)


def check_store_answers(journey: Journey) -> None:
    """The store's Admin answers as a Commerce Admin within seconds (a dead store fails here, in that bound)."""
    fix = "Check the store's admin_url (the Admin's base URL with its admin path)"
    problem = admin_problem(journey.target, min(PROBE_TIMEOUT_SECONDS, journey.wait_ms / 1000), fix)
    if problem:
        _store_needs_attention(
            journey, UNREACHABLE, "doc-step-1", "the store's Commerce Admin does not answer", f"seen: {problem}"
        )


def check_signed_in(journey: Journey) -> None:
    """Signed in: the Admin shows its menu (else the store's verdict is "sign-in failed")."""
    try:
        journey.admin_menu.nav.wait_for()
    except PlaywrightError:
        _store_needs_attention(
            journey,
            SIGN_IN_FAILED,
            "doc-step-1",
            "the store's Commerce Admin did not let us sign in",
            "what to do: check the variables the targets file names for this store (admin_user_env, "
            "admin_password_env), and that the user is not locked",
        )
    with journey.keeping("admin-sign-in", "signed in, the Admin should show its menu"):
        pass  # the wait above was the check: the menu is there


def check_key_accepted(journey: Journey) -> None:
    """The channel's answer is the verdict: store integration (valid), the prompt (with its reason), or "could
    not verify"; anything but valid fails, its first line the doc's verdict."""
    with journey.keeping("channel-in-menu", "Amazon Sales Channel should answer: the prompt, or store integration"):
        answer = journey.channel.answer()
    promise = PROMISE_OF_ANSWER.get(answer, "fault-is-not-a-bad-key")
    with journey.keeping(promise, f"the channel's answer ({answer}) should be whole"):
        verdict = VALID if answer == "store integration" else UNVERIFIED if answer == "unverified" else _reason(journey)
    record_verdict(journey, verdict)
    if verdict != VALID:
        _store_needs_attention(
            journey, verdict, "doc-rule", SAYS[verdict], TRY_AGAIN if verdict == UNVERIFIED else ADD_A_KEY
        )


def _reason(journey: Journey) -> str:
    said = journey.channel.prompt_reason.inner_text()
    return next((reason for reason in BAD_KEY_STATES if REASON_WORDING[reason].search(said)), "unknown")
