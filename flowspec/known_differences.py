"""Where the harness knows the product to differ from the doc: per admin layout, the doc steps at which the
target's admin shows something else than the doc says, and the sentence a reader of a failure acts on.

The doc describes its own layout (``flowspec.commerce.LAYOUT_DOC``). Current Commerce (``LAYOUT_CURRENT``) keeps
the API keys under System > Services > Commerce Services Connector, with a "Production API Key" field and a
"Save" button, where the doc has Stores > Settings > Configuration, "Production Api key" and "Save Config".
A scenario that fails at such a step on such a layout fails where *the doc is behind the product*; elsewhere,
*the product broke the doc's promise*. The living doc shows ``failure_verdict(tag, layout)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flowspec.commerce import (
    CURRENT_PRODUCTION_API_KEY_LABEL,
    CURRENT_SAVE_LABEL,
    LAYOUT_CURRENT,
    LAYOUT_DOC,
    LAYOUT_LOCATIONS,
    LAYOUTS,
)
from flowspec.doc_facts import NOUNS, quote
from flowspec.doc_steps import BY_TAG

DOC_IS_BEHIND = "The doc is behind the product here"
PRODUCT_BROKE_THE_DOC = "The product broke the doc's promise here."
LAYOUT_NAMES = {LAYOUT_DOC: "the doc's admin", LAYOUT_CURRENT: "current Commerce"}


@dataclass(frozen=True)
class Difference:
    kind: str  # a kind of ``flowspec.doc_facts.Facts``: "labels", "paths" ...
    doc: str  # as the doc has it: one of the step's facts
    product: str  # what the layout shows instead


@dataclass(frozen=True)
class KnownDifference:
    tag: str  # the doc step
    layout: str
    differences: tuple[Difference, ...]

    @property
    def sentence(self) -> str:
        """'The doc is behind the product here: current Commerce shows label "Save" where the doc says
        "Save Config".'"""
        shows = "; ".join(
            f"{NOUNS[d.kind]} {quote(d.kind, d.product)} where the doc says {quote(d.kind, d.doc)}"
            for d in self.differences
        )
        return f"{DOC_IS_BEHIND}: {LAYOUT_NAMES[self.layout]} shows {shows}."


KNOWN_DIFFERENCES: dict[str, dict[str, tuple[Difference, ...]]] = {
    LAYOUT_DOC: {},
    LAYOUT_CURRENT: {
        # "Add the key", or by hand: the keys are not under the store configuration any more
        "doc-step-6": (Difference("paths", "Stores > Settings > Configuration", LAYOUT_LOCATIONS[LAYOUT_CURRENT]),),
        "doc-step-7": (Difference("labels", "Production Api key", CURRENT_PRODUCTION_API_KEY_LABEL),),
        "doc-step-8": (Difference("labels", "Save Config", CURRENT_SAVE_LABEL),),
    },
}


def known_difference(tag: str, layout: str) -> KnownDifference | None:
    """What the harness knows ``layout`` to show at doc step ``tag`` instead of what the doc says, or None
    when that layout follows the doc there. ``ValueError`` for a layout or a doc step it does not know."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown admin layout {layout!r}; one of {', '.join(LAYOUTS)}")
    if tag not in BY_TAG:
        raise ValueError(f"unknown doc step {tag!r}; one of {', '.join(BY_TAG)}")
    differences = KNOWN_DIFFERENCES[layout].get(tag, ())
    return KnownDifference(tag, layout, differences) if differences else None


def failure_verdict(tag: str, layout: str) -> str:
    """The sentence for a scenario that failed at doc step ``tag`` on ``layout``: the doc is behind the product
    (a known difference), or the product broke the doc's promise."""
    known = known_difference(tag, layout)
    return known.sentence if known else PRODUCT_BROKE_THE_DOC
