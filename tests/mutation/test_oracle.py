"""The oracle's reading of a mutant (which lines changed) and of pytest's JUnit XML (what killed it)."""

from __future__ import annotations

from pathlib import Path

from mutation.oracle import changed_lines, read_junit
from mutation.session import oracle_verdict


def test_changed_lines_are_numbered_as_in_the_pristine_file() -> None:
    pristine = "a = 1\nif a >= 500:\n    b = 2\n"
    lines, removed, added = changed_lines(pristine, pristine.replace(">=", ">"))
    assert (lines, removed, added) == ({2}, ["if a >= 500:"], ["if a > 500:"])


def test_a_removed_decorator_leaves_out_the_blank_lines_removed_with_it() -> None:
    pristine = "def a():\n    pass\n\n\n@route\ndef b():\n    pass\n"
    mutated = "def a():\n    pass\ndef b():\n    pass\n"
    lines, removed, added = changed_lines(pristine, mutated)
    assert (lines, removed, added) == ({5}, ["@route"], [])


def test_junit_names_the_first_failing_scenario(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite name="pytest">'
        '<testcase classname="tests.e2e.test_key_check" name="test_a[chromium]" time="1.0"/>'
        '<testcase classname="tests.e2e.test_key_check" name="test_b[chromium-down]" time="2.0">'
        '<failure message="AssertionError: Doc step 2 (Open the channel): the prompt should show">x</failure>'
        "</testcase></testsuite></testsuites>",
        encoding="utf-8",
    )
    ran, failed, message = read_junit(junit)
    assert ran == [
        "tests/e2e/test_key_check.py::test_a[chromium]",
        "tests/e2e/test_key_check.py::test_b[chromium-down]",
    ]
    assert failed == "tests/e2e/test_key_check.py::test_b[chromium-down]"
    assert message.startswith("AssertionError: Doc step 2")


def test_no_junit_means_nothing_ran(tmp_path: Path) -> None:
    assert read_junit(tmp_path / "missing.xml") == ([], None, "")


def test_the_verdict_is_read_from_the_last_marker_line() -> None:
    output = 'noise\nMUTATION-ORACLE {"verdict": "survived"}\nMUTATION-ORACLE {"verdict": "killed"}\n'
    assert oracle_verdict(output) == {"verdict": "killed"}
    assert oracle_verdict("Traceback (most recent call last):\n  boom") is None
