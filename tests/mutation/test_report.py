"""The report: both scores, what the list accepts, what it flags, and what the living doc reads of it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from livingdoc.mutation import mutation_view
from mutation.accepted import Entry
from mutation.mutants import Mutant
from mutation.report import build, markdown, table

BASE = Mutant("mocks/admin/keycheck.py", "check_key", "core/AddNot", "x = 1", "x = 2", None, 0, 10)


def mutant(n: int) -> Mutant:
    return replace(BASE, original=f"x = {n}", occurrence=n, line=10 + n)


def verdict(status: str, **more: Any) -> dict[str, Any]:
    return {"status": status, "layout": "doc", "scenarios": ["s"], "seconds": 1.0, **more}


def listed(m: Mutant, kind: str = "invisible") -> Entry:
    return Entry(tuple(m.identity().items()), kind, f"why {m.original}")


def test_both_scores_and_only_survivors_that_are_listed_as_equivalent_or_invisible_are_accepted() -> None:
    mutants = [mutant(n) for n in range(7)] + [replace(mutant(7), skip="in a type annotation")]
    verdicts = {
        0: verdict("killed", killed_by="t::a", message="DocStepFailure: Doc step 2 (x): y\nmore"),
        1: verdict("timeout"),
        2: verdict("survived"),  # accepted
        3: verdict("unreached"),  # accepted
        4: verdict("survived"),  # a gap: listed, not accepted
        5: verdict("survived"),  # not listed
        6: verdict("killed"),  # listed, but killed: flagged
    }
    entries = [listed(mutants[2]), listed(mutants[3], "equivalent"), listed(mutants[4], "gap"), listed(mutants[6])]
    report = build("full", mutants, verdicts, entries, {"wall_seconds": 60.0}, 0.95)
    totals = report["totals"]
    assert (totals["total"], totals["killed"], totals["timed_out"], totals["survived"]) == (7, 2, 1, 3)
    assert (totals["unreached"], totals["accepted"], totals["errors"]) == (1, 2, 0)
    assert report["score_before_acceptance"] == round(3 / 7, 4) and report["score"] == round(3 / 5, 4)
    assert report["met"] is False and report["complete"] is True
    assert report["skipped"] == {"in a type annotation": 1}
    survivors = {s["original"]: s["listed"] for s in report["survivors"]}
    assert survivors == {
        "x = 2": {"class": "invisible", "reason": "why x = 2"},
        "x = 3": {"class": "equivalent", "reason": "why x = 3"},
        "x = 4": {"class": "gap", "reason": "why x = 4"},
        "x = 5": None,
    }
    assert report["list_check"]["listed_but_killed"] == [entries[3].label()]
    first = report["mutants"][0]
    assert (first["killed_by"], first["message"], first["line"]) == ("t::a", "DocStepFailure: Doc step 2 (x): y", 10)
    assert "| all | 7 | 2 | 1 | 3 | 1 | 0 | 2 | 42.9% | 60.0% |" in table(report)
    doc = markdown(report)
    assert "x = 4" in doc and "gap: why x = 4" in doc and "x = 5" in doc and "not listed" in doc
    assert "'x = 2' ->" not in doc and "'x = 3' ->" not in doc  # accepted ones: in the TOML, with their reasons


def test_errors_count_against_both_scores_and_a_stopped_run_says_what_it_left() -> None:
    mutants = [mutant(0), mutant(1), mutant(2)]
    report = build("full", mutants, {0: verdict("killed"), 1: verdict("error", message="boom")}, [], {}, 0.95)
    assert report["totals"]["errors"] == 1 and report["score"] == 0.5 == report["score_before_acceptance"]
    assert (report["complete"], report["not_run"]) == (False, 1)


def test_the_living_doc_shows_both_scores() -> None:
    mutants = [mutant(n) for n in range(4)]
    verdicts = {0: verdict("killed"), 1: verdict("timeout"), 2: verdict("survived"), 3: verdict("unreached")}
    view = mutation_view(build("full", mutants, verdicts, [listed(mutants[2])], {"wall_seconds": 600.0}, 0.95))
    assert view is not None
    assert view["summary"].startswith("2 of 3 non-equivalent mutants of the mocks' flow modules caught"), view
    assert "score 66.7% (50.0% before accepting survivors; target 95%)" in view["summary"], view
    [row] = view["modules"]
    assert (row["module"], row["total"], row["killed"], row["timed_out"], row["accepted"]) == (BASE.file, 4, 1, 1, 1)
