"""The score and the accepted survivors: killed / (total - accepted), survivors listed with what ran."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from livingdoc.mutation import mutation_view
from mutation.accepted import Accepted, load, toml_entry
from mutation.plan import in_operator_set
from mutation.report import Report
from mutation.session import Mutant

BASE = Mutant(
    job_id="j",
    file="mocks/admin/keycheck.py",
    line=10,
    column=4,
    operator="core/AddNot",
    occurrence=0,
    definition="check_key",
    skipped=None,
    outcome="killed",
    worker_outcome="normal",
    diff="",
    oracle=None,
)


def mutant(job_id: str, verdict: str, removed: str = "x = 1", added: str = "x = 2", **more: object) -> Mutant:
    oracle = {"verdict": verdict, "removed": [removed], "added": [added], "layout": "doc", "scenarios": ["s"], **more}
    return replace(BASE, job_id=job_id, oracle=oracle)


def test_score_counts_timeouts_as_killed_and_leaves_accepted_survivors_out() -> None:
    mutants = [
        mutant("1", "killed", failed="tests/e2e/t.py::a"),
        mutant("2", "timeout"),
        mutant("3", "survived", removed="log('a')", added="log('b')"),
        mutant("4", "survived", removed="if ok:", added="if not ok:"),
        mutant("5", "unreached"),
        replace(BASE, job_id="6", skipped="operator variant outside the run's operator set (plan.py)"),
    ]
    accepted = [Accepted("mocks/admin/keycheck.py", "log('a')", "log('b')", "invisible", "log text")]
    payload = Report("full", mutants, accepted, 0.95).as_json()
    totals = payload["totals"]
    assert (totals["total"], totals["killed"], totals["timed_out"], totals["survived"]) == (5, 1, 1, 2)
    assert (totals["unreached"], totals["accepted"]) == (1, 1)
    assert payload["score"] == round(2 / 4, 4)
    assert payload["met"] is False
    assert payload["skipped"] == {"operator variant outside the run's operator set (plan.py)": 1}
    survivors = {s["id"]: s for s in payload["survivors"]}
    assert set(survivors) == {"3", "4", "5"}
    assert survivors["3"]["accepted"] == {"class": "invisible", "reason": "log text"}
    assert survivors["4"]["accepted"] is None
    assert survivors["4"]["scenarios"] == ["s"]
    killed = next(m for m in payload["mutants"] if m["id"] == "1")
    assert killed["killed_by"] == "tests/e2e/t.py::a"


def test_an_accepted_entry_never_excuses_a_killed_mutant_and_unmatched_entries_are_stale() -> None:
    accepted = [
        Accepted("mocks/admin/keycheck.py", "x = 1", "x = 2", "equivalent", "same value"),
        Accepted("mocks/admin/keycheck.py", "gone = 1", "gone = 2", "equivalent", "code since removed"),
    ]
    payload = Report("full", [mutant("1", "killed")], accepted, 0.95).as_json()
    assert payload["totals"]["accepted"] == 0
    assert payload["score"] == 1.0
    assert [s["original"] for s in payload["stale_accepted"]] == ["x = 1", "gone = 1"]


def test_errors_are_counted_and_never_killed() -> None:
    payload = Report("full", [mutant("1", "error", message="boom"), replace(BASE, job_id="2")], [], 0.95).as_json()
    assert payload["totals"]["errors"] == 2  # no verdict at all is an error too
    assert payload["score"] == 0.0


def test_mutants_a_stopped_run_did_not_reach_are_left_out_and_the_report_says_so() -> None:
    pending = replace(BASE, job_id="2", outcome=None, worker_outcome=None)
    payload = Report("full", [mutant("1", "killed"), pending], [], 0.95).as_json()
    assert (payload["complete"], payload["not_run"], payload["totals"]["total"]) == (False, 1, 1)
    assert payload["score"] == 1.0


def test_a_mutant_cosmic_ray_could_not_write_is_listed_as_skipped_not_as_an_error() -> None:
    broken = replace(BASE, job_id="2", outcome="incompetent", worker_outcome="exception")
    payload = Report("full", [mutant("1", "killed"), broken], [], 0.95).as_json()
    assert (payload["totals"]["total"], payload["totals"]["errors"]) == (1, 0)
    assert list(payload["skipped"].values()) == [1]


def test_the_accepted_list_of_the_repository_loads() -> None:
    for entry in load():
        assert entry.file.startswith("mocks/") and entry.reason


def test_an_accepted_entry_needs_a_known_class_and_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "accepted.toml"
    path.write_text(toml_entry("mocks/a.py", ["x = 1"], ["x = 2"], "maybe", "why"), encoding="utf-8")
    with pytest.raises(ValueError, match="class must be one of"):
        load(path)
    path.write_text(toml_entry("mocks/a.py", ["say('it''s')"], [], "invisible", "log"), encoding="utf-8")
    assert load(path) == [Accepted("mocks/a.py", "say('it''s')", "", "invisible", "log")]


def test_the_operator_set_keeps_one_inverse_per_operator() -> None:
    assert in_operator_set("core/ReplaceComparisonOperator_Eq_NotEq")
    assert in_operator_set("core/ReplaceComparisonOperator_GtE_Gt")
    assert not in_operator_set("core/ReplaceComparisonOperator_Eq_Is")
    assert in_operator_set("core/ReplaceBinaryOperator_Add_Sub")
    assert not in_operator_set("core/ReplaceBinaryOperator_Add_Pow")
    assert in_operator_set("core/RemoveDecorator")


def test_the_living_doc_reads_the_report_as_written() -> None:
    mutants = [mutant("1", "killed"), mutant("2", "timeout"), mutant("3", "survived"), mutant("4", "unreached")]
    accepted = [Accepted("mocks/admin/keycheck.py", "x = 1", "x = 2", "invisible", "same text")]
    view = mutation_view(Report("full", mutants, accepted, 0.95).as_json())
    assert view is not None
    assert view["summary"].startswith("2 of 2 non-equivalent mutants of the mocks' flow modules caught"), view
    assert "score 100.0% (target 95%)" in view["summary"] and "2 more survived and are accepted" in view["summary"]
    [row] = view["modules"]
    assert row["module"] == "mocks/admin/keycheck.py"
    assert (row["total"], row["killed"], row["timed_out"], row["survived"], row["unreached"]) == (4, 1, 1, 1, 1)
    assert row["accepted"] == 2
