"""The doc's facts: what is read out of its Markdown, and proof that the suite relies on each fact a doc step lists."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from flask import Flask

from flowspec.doc_facts import Facts, changes_between, facts_of, show_change
from flowspec.doc_steps import ACCOUNT_PAGE, BY_TAG, DOC_REVISION, DOC_STEPS, NEXT_DOC
from flowspec.published_doc import load
from flowspec.suite_usage import SUITE_ROOT, uses
from livingdoc.pictures import ILLUSTRATIONS
from mocks.portal import account
from tests.flowspec.conftest import SEEDS, needs_seeds

NUMBERED = [step for step in DOC_STEPS if step.tag != "doc-rule"]


@needs_seeds
@pytest.mark.parametrize("edition", ["de", "en"])
def test_both_editions_give_the_facts_the_suite_holds(edition: str) -> None:
    doc = load(str(SEEDS / f"amazon-api-key.{edition}.md"))

    assert [facts_of(s.markdown) for s in doc.steps] == [s.facts for s in NUMBERED]
    assert facts_of(doc.intro_markdown) + facts_of(doc.tail_markdown, pictures=False) == BY_TAG["doc-rule"].facts


@needs_seeds
def test_the_facts_are_of_the_german_editions_revision() -> None:
    assert load(str(SEEDS / "amazon-api-key.de.md")).revision == DOC_REVISION


def test_labels_glued_to_words_and_odd_separators_give_the_same_facts() -> None:
    # our own words around the markup the machine translation produces
    glued = "Im _[!UICONTROL Admin]_Menue: **[!UICONTROL Marketing]**>_[!UICONTROL Channels]_ > **[!UICONTROL Amazon Sales Channel]**."
    clean = "In the _[!UICONTROL Admin]_ menu: **[!UICONTROL Marketing]** > _[!UICONTROL Channels]_ > **[!UICONTROL Amazon Sales Channel]**."

    assert facts_of(glued) == facts_of(clean) == Facts(labels=("Admin",), paths=(BY_TAG["doc-step-2"].facts.paths))


def test_labels_apart_by_words_are_no_path_and_pictures_links_examples_are_read() -> None:
    md = (
        "Go to **[!UICONTROL Stores]** &gt; _[!UICONTROL Settings]_, then open **[!UICONTROL Services]** and "
        "**[!UICONTROL  Magento\n   Services ]**. Type `Shop key` ([the page](https://example.test/a/){target=_blank}).\n\n"
        "   ![A picture](assets/sub/shot.png)\n\n[!DNL Commerce] names are not facts."
    )

    assert facts_of(md) == Facts(
        labels=("Services", "Magento Services"),
        paths=("Stores > Settings",),
        examples=("Shop key",),
        pictures=("shot.png",),
        links=("https://example.test/a/",),
    )
    assert facts_of(md, pictures=False).pictures == ()


def test_changes_read_a_removed_and_an_added_value_as_renamed_when_they_pair_up() -> None:
    old = Facts(labels=("Production Api key", "Save Config"), pictures=("a.png",))

    assert changes_between(old, old) == []
    assert changes_between(old, Facts(labels=("Production API Key", "Save Config"), pictures=("a.png",))) == [
        ("labels", "Production Api key", "Production API Key")
    ]
    # two gone, one came: the alike one is the rename, the other is removed
    assert changes_between(old, Facts(labels=("Save Configuration",), pictures=("a.png",))) == [
        ("labels", "Save Config", "Save Configuration"),
        ("labels", "Production Api key", None),
    ]
    assert changes_between(Facts(), Facts(pictures=("b.png",))) == [("pictures", None, "b.png")]
    assert show_change("paths", "A > B", "A > C") == 'menu path "A > B" → "A > C"'
    assert show_change("pictures", "a.png", None) == "picture a.png removed"


@pytest.mark.parametrize(
    "tag, kind, value",
    [
        (s.tag, kind, value)
        for s in DOC_STEPS
        for kind, value in s.facts.values()
        if kind in ("labels", "paths", "examples")
    ],
)
def test_the_suite_relies_on_each_label_path_and_example_at_its_step(tag: str, kind: str, value: str) -> None:
    """Each label, menu path and example a doc step lists is in a step of its scenarios or in a page object."""
    places = uses(value, tag)

    assert places, f"{value!r} ({kind} of {tag}) is in no scenario tagged @{tag} and no page object"
    for place in places:  # each place really holds the value on that line
        path, line = place.rsplit(":", 1)
        assert value in (SUITE_ROOT / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_the_doc_pictures_are_the_ones_the_living_doc_recreates_at_their_steps() -> None:
    listed = {(picture, s.tag) for s in DOC_STEPS for picture in s.facts.pictures}

    assert listed == {(i.filename, i.doc_tag) for i in ILLUSTRATIONS}


def test_the_doc_links_are_where_the_suite_goes() -> None:
    # the next doc is where a valid key goes on to: the rule's scenarios check store integration
    assert NEXT_DOC == "./store-integration.md" and uses("store integration", "doc-rule")
    # the account page the doc links is a page of the mock portal
    app = Flask(__name__)
    app.register_blueprint(account.bp)
    endpoint, _ = app.url_map.bind("account.test").match(urlsplit(ACCOUNT_PAGE).path, method="GET")
    assert endpoint == "account.login"
    assert {link for s in DOC_STEPS for link in s.facts.links} == {NEXT_DOC, ACCOUNT_PAGE}


def test_uses_keeps_to_the_steps_scenarios_and_skips_docstrings() -> None:
    assert any(p.startswith("features/add_the_key.feature:") for p in uses("Production Api key", "doc-step-7"))
    # add_the_key.feature has no scenario of step 2 (the end-to-end ones carry every step's tag)
    assert not any(p.startswith("features/add_the_key.feature") for p in uses("Production Api key", "doc-step-2"))
    # pages/services_connector.py names the current label in its docstring only; its locator uses a constant
    assert not any(p.startswith("pages/services_connector.py") for p in uses("Production API Key"))
    assert uses("no such wording anywhere") == []
