"""Where an admin layout is known to differ from the doc, and the sentence a failure there gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowspec.commerce import LAYOUT_CURRENT, LAYOUT_DOC, LAYOUTS
from flowspec.doc_steps import BY_TAG, DOC_STEPS
from flowspec.known_differences import (
    KNOWN_DIFFERENCES,
    PRODUCT_BROKE_THE_DOC,
    failure_verdict,
    known_difference,
)
from mocks.admin import services_connector
from mocks.admin.menu import menu_for


def test_current_commerce_differs_from_the_doc_at_steps_6_to_8_only() -> None:
    differing = [s.tag for s in DOC_STEPS if known_difference(s.tag, LAYOUT_CURRENT)]

    assert differing == ["doc-step-6", "doc-step-7", "doc-step-8"]
    assert not any(known_difference(s.tag, LAYOUT_DOC) for s in DOC_STEPS)


@pytest.mark.parametrize(
    "tag, sentence",
    [
        (
            "doc-step-6",
            'The doc is behind the product here: current Commerce shows menu path "System > Services > Commerce '
            'Services Connector" where the doc says "Stores > Settings > Configuration".',
        ),
        (
            "doc-step-7",
            'The doc is behind the product here: current Commerce shows label "Production API Key" where the doc '
            'says "Production Api key".',
        ),
        (
            "doc-step-8",
            'The doc is behind the product here: current Commerce shows label "Save" where the doc says "Save Config".',
        ),
    ],
)
def test_a_failure_at_a_known_difference_says_the_doc_is_behind(tag: str, sentence: str) -> None:
    assert failure_verdict(tag, LAYOUT_CURRENT) == sentence
    assert failure_verdict(tag, LAYOUT_DOC) == PRODUCT_BROKE_THE_DOC


def test_a_failure_elsewhere_says_the_product_broke_the_doc() -> None:
    assert failure_verdict("doc-step-2", LAYOUT_CURRENT) == PRODUCT_BROKE_THE_DOC
    assert failure_verdict("doc-rule", LAYOUT_CURRENT) == PRODUCT_BROKE_THE_DOC


def test_the_doc_side_of_each_difference_is_a_fact_of_its_step() -> None:
    for layout in LAYOUTS:
        for tag, differences in KNOWN_DIFFERENCES[layout].items():
            for d in differences:
                assert d.doc in getattr(BY_TAG[tag].facts, d.kind), (layout, tag, d)


def test_the_product_side_is_what_the_mocks_current_layout_shows() -> None:
    shows = {d.product for differences in KNOWN_DIFFERENCES[LAYOUT_CURRENT].values() for d in differences}
    menu_paths = {
        f"{top.title} > {group.title} > {link.title}"
        for top in menu_for(LAYOUT_CURRENT)
        for group in top.groups
        for link in group.links
    }
    labels = {label for _, _, label in services_connector.FIELDS}
    template = (Path(services_connector.__file__).parent / "templates" / "services_connector.html").read_text()
    buttons = {word for word in shows if f"<span>{word}</span>" in template}

    assert shows <= menu_paths | labels | buttons, shows - (menu_paths | labels | buttons)


def test_an_unknown_layout_or_step_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown admin layout 'future'"):
        known_difference("doc-step-7", "future")
    with pytest.raises(ValueError, match="unknown doc step 'doc-step-10'"):
        known_difference("doc-step-10", LAYOUT_CURRENT)
