"""``doc-drift``: variants of the pinned doc, each changing one fact (or only prose), and the verdict on each."""

from __future__ import annotations

import io
import json
import re
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from flowspec.doc_drift import main
from tests.flowspec.conftest import ROOT, Publish, needs_seeds, seed

STEPS = ["rule", *map(str, range(1, 10))]
GERMAN_MENU = "**[!UICONTROL Marketing]**>_[!UICONTROL Channels]_ > **[!UICONTROL Amazon Sales Channel]**"


def variant(text: str, old: str, new: str, occurrence: int = 1) -> str:
    """``text`` with the ``occurrence``-th ``old`` replaced by ``new`` (the seed must hold it that often)."""
    parts = text.split(old)
    assert len(parts) > occurrence, f"the seed holds {old!r} {len(parts) - 1} times"
    return old.join(parts[:occurrence]) + new + old.join(parts[occurrence:])


def steps_of(text: str) -> list[str]:
    """The doc split at its numbered items: [before the first, step 1, step 2 ...]."""
    return text.split("\n1. ")


def run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    doc = tmp_path / "doc.md"
    doc.write_text(text, encoding="utf-8")
    code = main([str(doc), "--json"])
    return code, json.loads(capsys.readouterr().out)


def verdicts(report: dict) -> dict[str, str]:
    return {s["step"]: s["verdict"] for s in report["steps"] if s["step"] != "new"}


def only_changed(report: dict) -> dict:
    moved = [s for s in report["steps"] if s["verdict"] != "unchanged"]
    assert len(moved) == 1, moved
    return moved[0]


@needs_seeds
@pytest.mark.parametrize("edition", ["de", "en"])
def test_the_pinned_doc_has_nine_unchanged_steps_and_the_rule(
    edition: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = run(tmp_path, seed(edition), capsys)

    assert code == 0 and report["status"] == "unchanged"
    assert [(s["step"], s["verdict"], s["changes"]) for s in report["steps"]] == [(n, "unchanged", []) for n in STEPS]


@needs_seeds
def test_the_text_output_has_one_line_per_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(seed(), encoding="utf-8")

    assert main([str(doc)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in lines[2:-1]] == [[n, "unchanged"] for n in STEPS]
    assert lines[-1].startswith("Unchanged")


@needs_seeds
def test_a_renamed_label_names_its_step_and_where_the_suite_still_uses_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = run(
        tmp_path, variant(seed(), "[!UICONTROL Production Api key]", "[!UICONTROL Production API Key]"), capsys
    )

    assert code == 1 and report["status"] == "drift"
    step = only_changed(report)
    assert (step["step"], step["verdict"]) == ("7", "changed")
    [change] = step["changes"]
    assert change.startswith('label "Production Api key" → "Production API Key" (the suite still uses')
    assert "features/add_the_key.feature:" in change


@needs_seeds
@pytest.mark.parametrize("occurrence, step", [(1, "2"), (2, "9")])
def test_a_changed_menu_path_names_the_step_it_is_in(
    occurrence: int, step: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    moved = "**[!UICONTROL Marketing]** > _[!UICONTROL Sales Channels]_ > **[!UICONTROL Amazon Sales Channel]**"
    code, report = run(tmp_path, variant(seed(), GERMAN_MENU, moved, occurrence), capsys)

    assert code == 1
    changed = only_changed(report)
    assert changed["step"] == step
    assert changed["changes"][0].startswith(
        'menu path "Marketing > Channels > Amazon Sales Channel" → "Marketing > Sales Channels > Amazon Sales Channel"'
    )


@needs_seeds
def test_the_newer_layouts_path_in_step_6(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = "**[!UICONTROL Stores]**>_[!UICONTROL Settings]_ > **[!UICONTROL Configuration]**"
    new = "**[!UICONTROL System]** > _[!UICONTROL Services]_ > **[!UICONTROL Commerce Services Connector]**"
    code, report = run(tmp_path, variant(seed(), old, new), capsys)

    assert code == 1
    changed = only_changed(report)
    assert changed["step"] == "6"
    [change] = changed["changes"]
    assert change.startswith(
        'menu path "Stores > Settings > Configuration" → "System > Services > Commerce Services Connector" '
        '(the suite still uses "Stores > Settings > Configuration" at features/add_the_key.feature:'
    )
    line = int(change.rsplit(":", 1)[1].rstrip(")"))
    assert (
        "Stores > Settings > Configuration"
        in (ROOT / "features/add_the_key.feature").read_text().splitlines()[line - 1]
    )


@needs_seeds
def test_an_inserted_step_is_new_and_the_others_keep_their_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parts = steps_of(seed())
    parts.insert(5, "Ein neuer Schritt: **[!UICONTROL Confirm]** klicken.\n")  # before step 5
    code, report = run(tmp_path, "\n1. ".join(parts), capsys)

    assert code == 1
    new = only_changed(report)
    assert (new["step"], new["verdict"], new["doc_step"]) == ("new", "new", "5")
    assert new["changes"] == ['doc step 5, after step 4: label "Confirm"']
    assert [s["step"] for s in report["steps"]] == [*STEPS[:5], "new", *STEPS[5:]]
    assert {s["step"]: s["doc_step"] for s in report["steps"]}["9"] == "10"


@needs_seeds
def test_a_step_without_facts_inserted_is_new_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = steps_of(seed())
    parts.insert(8, "Warten Sie einen Moment.\n")  # before step 8
    code, report = run(tmp_path, "\n1. ".join(parts), capsys)

    assert code == 1
    assert only_changed(report)["changes"] == ["doc step 8, after step 7: no facts (prose only)"]


@needs_seeds
def test_a_step_that_changed_beside_a_new_one_is_paired_by_its_facts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parts = steps_of(variant(seed(), "[!UICONTROL Production Api key]", "[!UICONTROL Production API Key]"))
    parts.insert(8, "**[!UICONTROL Confirm]** klicken.\n")  # right after the changed step 7
    code, report = run(tmp_path, "\n1. ".join(parts), capsys)

    assert code == 1
    assert [(s["step"], s["verdict"]) for s in report["steps"] if s["verdict"] != "unchanged"] == [
        ("7", "changed"),
        ("new", "new"),
    ]


@needs_seeds
def test_a_step_replaced_by_two_unlike_ones_is_removed_and_they_are_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parts = steps_of(seed())
    parts[7:8] = ["**[!UICONTROL Rotate]** klicken.\n", "**[!UICONTROL Confirm]** klicken.\n"]  # for step 7
    code, report = run(tmp_path, "\n1. ".join(parts), capsys)

    assert code == 1
    assert [(s["step"], s["verdict"]) for s in report["steps"] if s["verdict"] != "unchanged"] == [
        ("7", "removed"),
        ("new", "new"),
        ("new", "new"),
    ]


@needs_seeds
def test_a_removed_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = steps_of(seed())
    del parts[5]
    code, report = run(tmp_path, "\n1. ".join(parts), capsys)

    assert code == 1
    removed = only_changed(report)
    assert (removed["step"], removed["verdict"], removed["doc_step"]) == ("5", "removed", None)
    assert "@doc-step-5 still walk it" in removed["changes"][0]


@needs_seeds
def test_a_moved_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = steps_of(seed())
    parts[7], parts[8] = parts[8], parts[7]  # Save Config before the paste
    code, report = run(tmp_path, "\n1. ".join(parts), capsys)

    assert code == 1
    moved = only_changed(report)
    assert (moved["step"], moved["verdict"], moved["changes"]) == ("8", "changed", ["moved: now after step 6"])
    assert verdicts(report)["7"] == "unchanged"


@needs_seeds
def test_a_renamed_picture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run(tmp_path, variant(seed(), "amazon-add-api-key.png", "amazon-add-api-key-new.png"), capsys)

    assert code == 1
    changed = only_changed(report)
    assert changed["step"] == "4"
    assert changed["changes"][0].startswith("picture amazon-add-api-key.png → amazon-add-api-key-new.png")
    # the living doc names its re-created picture after the facts (flowspec/doc_steps.py): no copy elsewhere
    assert "livingdoc/" not in changed["changes"][0]


@needs_seeds
def test_a_changed_next_doc_link_is_the_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = seed().replace("./store-integration.md", "./store-setup.md")
    code, report = run(tmp_path, text, capsys)

    assert code == 1
    assert only_changed(report) == {
        "step": "rule",
        "verdict": "changed",
        "changes": ["link ./store-integration.md → ./store-setup.md"],
        "doc_step": "rule",
    }


@needs_seeds
@pytest.mark.parametrize("edition", ["de", "en"])
def test_re_worded_prose_is_no_drift(edition: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = steps_of(reword(seed(edition)))
    parts[3] += "\n   Ein ganz neuer Absatz, ohne Bedienelement.\n"  # a paragraph added to step 3
    parts[2] = parts[2].replace("**>_[", "** > _[")  # the separators as the other edition writes them
    text = re.sub(r"(source-git-commit: )\w+", r"\g<1>0000000", "\n1. ".join(parts))  # a new revision

    code, report = run(tmp_path, text, capsys)

    assert text.count("[!UICONTROL") == seed(edition).count("[!UICONTROL") and text != seed(edition)
    assert code == 0 and report["status"] == "unchanged"
    assert set(verdicts(report).values()) == {"unchanged"}
    assert report["revision"] == ("0000000" if edition == "de" else None)


# Markup a re-translation keeps: links and pictures (their text included), UI labels and names, code, list
# marks, emphasis, headings; every other word is prose.
KEPT = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)(?:\{[^}]*\})?|\[![A-Z]+ [^\]]*\]|`[^`]*`|^\s*(?:\d+\.|-) |[*_>]+|^#.*"
)


def reword(text: str) -> str:
    """Every word of prose in the body, and the pictures' alt texts, turned around, as if translated anew; the
    markup stays (our own transformation, so the test holds no text of the doc)."""
    front, body = text.split("\n---\n", 1)
    lines = []
    for line in body.split("\n"):
        kept = [(m.start(), m.end()) for m in KEPT.finditer(line)]
        out, at = [], 0
        for start, end in [*kept, (len(line), len(line))]:
            out += [re.sub(r"[^\W\d_]+", lambda w: w.group(0)[::-1], line[at:start]), line[start:end]]
            at = end
        lines.append("".join(out))
    body = "\n".join(lines)
    return front + "\n---\n" + re.sub(r"!\[([^\]]*)\]", lambda alt: f"![{alt.group(1)[::-1]}]", body)  # alt texts


@needs_seeds
def test_a_doc_url_is_read_from_the_server(publish: Publish, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([publish(seed(), 200)]) == 0
    assert main([publish(variant(seed(), "[!UICONTROL Save Config]", "[!UICONTROL Save]"), 200)]) == 1
    assert '8     changed   Click Save Config: label "Save Config" → "Save"' in capsys.readouterr().out


def test_an_unreadable_doc_exits_2(publish: Publish, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([publish("gone", 404)]) == 2
    assert "HTTP 404" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.md")]) == 2
    assert "could not be read" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text",
    [
        "<!doctype html><html><head><title>Add or verify the Amazon API key</title></head><body></body></html>",
        "# Release notes\n\n1. **[!UICONTROL Save Config]** now saves faster.\n",
        "# Amazon API key rotation\n\n1. Click **[!UICONTROL Rotate]**.\n1. Click **[!UICONTROL Done]**.\n",
    ],
    ids=["html-page", "another-title", "no-shared-label"],
)
def test_a_text_that_is_not_this_doc_exits_2(
    text: str, publish: Publish, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(text, encoding="utf-8")

    assert main([str(doc), "--json"]) == 2
    assert main([publish(text, 200)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and out.err.count("doc-drift: ") == 2


def test_doc_drift_is_a_console_script_of_the_project() -> None:
    [script] = [e for e in entry_points(group="console_scripts") if e.name == "doc-drift"]
    assert script.value == "flowspec.doc_drift:main"


@needs_seeds
def test_an_output_without_utf8_gets_a_question_mark_for_the_arrow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(variant(seed(), "[!UICONTROL Save Config]", "[!UICONTROL Save]"), encoding="utf-8")
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))

    assert main([str(doc)]) == 1
    sys.stdout.flush()
    assert b'label "Save Config" ? "Save"' in raw.getvalue()
