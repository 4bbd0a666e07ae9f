"""Proof that the BDD suite gates regressions: break the mock on purpose, the suite must fail and say
which documented step broke, in the failure's first line.

Every promise of the doc (``flowspec/promises.py``) names the breakages that violate it. One child
pytest runs every case of ``sabotage.CASES`` (each scenario once per breakage it must catch, the mocks
broken for that scenario only); each test here then reads that case's result from the child's JUnit XML.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from flowspec.doc_steps import label
from flowspec.promises import PROMISES
from tests.broken_mocks.sabotage import BREAKAGES, CASES, case_id
from tests.child_env import child_env

ROOT = Path(__file__).resolve().parents[2]
STEP_TIMEOUT = 3  # seconds: every case is meant to fail, mostly by waiting for what the broken mock never shows


@dataclass(frozen=True)
class Outcome:
    failed: bool
    first_line: str


@dataclass(frozen=True)
class BrokenRun:
    outcomes: dict[str, Outcome]  # case id -> its outcome
    output: str


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory: pytest.TempPathFactory) -> BrokenRun:
    work = tmp_path_factory.mktemp("broken-mocks")
    junit = work / "junit.xml"
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", "tests/e2e", "-p", "tests.broken_mocks.sabotage", "-q",
            "-p", "no:cacheprovider", "-n", "2", "--output", str(work / "artifacts"), "--no-living-doc",
            "--junitxml", str(junit), "--step-timeout", str(STEP_TIMEOUT),
        ],
        cwd=ROOT, env=child_env(drop=("BROKEN_MOCK",)),
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert junit.is_file(), f"the run with broken mocks wrote no JUnit XML:\n{output[-3000:]}"
    outcomes = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        message = problem.get("message", "") if problem is not None else ""
        outcomes[case.get("name", "")] = Outcome(
            problem is not None, message.strip().splitlines()[0] if message else ""
        )
    return BrokenRun(outcomes, output)


def test_every_promise_has_a_breakage_and_every_breakage_a_case() -> None:
    promised = {b for promise in PROMISES for b in promise.breakages}
    assert all(promise.breakages for promise in PROMISES), "a promise without a breakage proves nothing"
    assert promised == set(BREAKAGES), "flowspec/promises.py and sabotage.BREAKAGES list the same breakages"
    assert {case[0] for case in CASES} == set(BREAKAGES), "every breakage is run"


@pytest.mark.parametrize(
    ("breakage", "scenario", "example", "doc_tag"), CASES, ids=[case_id(c[0], c[1]) for c in CASES]
)
def test_suite_fails_and_names_the_step(
    broken_run: BrokenRun, breakage: str, scenario: str, example: dict[str, str] | None, doc_tag: str
) -> None:
    wanted = case_id(breakage, scenario)
    found = {name: outcome for name, outcome in broken_run.outcomes.items() if wanted in name}
    assert len(found) == 1, f"the scenario with {wanted} did not run once: {sorted(found)}\n{broken_run.output[-2000:]}"
    (name, outcome), *_ = found.items()
    assert outcome.failed, f"{name} passed with the mock broken ({breakage}): the suite would not catch it"
    assert label(doc_tag) in outcome.first_line, (
        f"{name}: the failure's first line does not name {label(doc_tag)!r}: {outcome.first_line!r}"
    )


def test_each_failure_reports_the_gherkin_step_that_broke(broken_run: BrokenRun) -> None:
    failures = sum(1 for outcome in broken_run.outcomes.values() if outcome.failed)
    assert broken_run.output.count("Gherkin step that broke") >= failures > 0
