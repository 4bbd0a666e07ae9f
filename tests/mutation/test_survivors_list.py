"""The survivors list: each entry names exactly one mutant of today's code, by identity."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mutation.accepted import DEFAULT_PATH, Entry, load, toml_entry
from mutation.mutants import FLOW_MODULES, Mutant, enumerate_mutants
from mutation.report import build
from tests.child_env import child_env

ROOT = Path(__file__).resolve().parents[2]
LOGIN = Mutant("mocks/a.py", "login", "core/ExceptionReplacer", "except InputError:", "except X:", None, 0, 5)
REGISTER = Mutant("mocks/a.py", "register", "core/ExceptionReplacer", "except InputError:", "except X:", None, 1, 9)


def entry(identity: dict[str, object], kind: str = "invisible") -> Entry:
    return Entry(tuple(identity.items()), kind, "why")


def check_list(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mutation", "--check-list", "--list", str(path)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_each_entry_of_the_repository_names_exactly_one_mutant_of_todays_code() -> None:
    entries = load()
    report = build("full", enumerate_mutants(ROOT, FLOW_MODULES), {}, entries, {}, 0.95)
    assert report["list_check"]["matches_none"] == [] and report["list_check"]["matches_several"] == {}
    assert len(entries) > 100


def test_an_entry_without_its_scope_matches_both_handlers_and_fails_the_check() -> None:
    loose = entry({k: v for k, v in LOGIN.identity().items() if k != "scope"})
    assert loose.matches(LOGIN) and loose.matches(REGISTER)
    check = build("full", [LOGIN, REGISTER], {}, [loose, entry(LOGIN.identity())], {}, 0.95)["list_check"]
    assert list(check["matches_several"]) == [loose.label()] and check["matches_none"] == []
    assert not entry({**LOGIN.identity(), "nth": 0}).matches(LOGIN)  # nth only where the identity needs it


def test_the_template_of_a_survivor_loads_as_an_entry_that_names_it(tmp_path: Path) -> None:
    odd = Mutant("mocks/a.py", "", "core/NumberReplacer", 'x = "it\'s" + 1', 'x = "it\'s" + 2', 1, 3, 7)
    path = tmp_path / "list.toml"
    path.write_text(toml_entry(odd.identity(), "equivalent", "why") + toml_entry(LOGIN.identity(), "gap", "a 500"))
    first, second = load(path)
    assert first.matches(odd) and not first.matches(LOGIN) and first.accepted
    assert second.matches(LOGIN) and not second.accepted  # a gap is listed, never accepted


@pytest.mark.parametrize(
    "text",
    [
        '[[accepted]]\nfile = "mocks/a.py"\n',  # the list's former format
        toml_entry(LOGIN.identity(), "maybe", "why"),
        toml_entry(LOGIN.identity(), "invisible", " "),
        toml_entry(LOGIN.identity(), "invisible", "why").replace("scope", "function"),
        toml_entry(LOGIN.identity(), "invisible", "why") * 2,
    ],
)
def test_a_malformed_list_is_a_usage_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "list.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="survivor|listed twice|only"):
        load(path)
    done = check_list(path)
    assert done.returncode == 4 and str(path) in done.stderr, done.stderr


def test_check_list_exits_3_when_an_entry_names_no_mutant(tmp_path: Path) -> None:
    path = tmp_path / "list.toml"
    path.write_text(DEFAULT_PATH.read_text(encoding="utf-8") + toml_entry(LOGIN.identity(), "invisible", "gone"))
    done = check_list(path)
    assert done.returncode == 3 and "list entry names no mutant: mocks/a.py [login]" in done.stdout, done.stdout
