"""Which Chromium the suite launches: CHROMIUM_PATH, else the headless shell for headless runs, else chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import chromium


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A fake /usr/bin with both Debian packages' executables, and no others on PATH."""
    paths = {name: tmp_path / name for name in ("chromium", "chromium-headless-shell")}
    for path in paths.values():
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    monkeypatch.setattr(chromium, "CANDIDATES", (str(paths["chromium"]),))
    monkeypatch.setattr(chromium, "HEADLESS_SHELL_CANDIDATES", (str(paths["chromium-headless-shell"]),))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv(chromium.ENV_VAR, raising=False)
    return paths


def test_headless_runs_launch_the_headless_shell(installed: dict[str, Path]) -> None:
    assert chromium.find_chromium(headless=True) == str(installed["chromium-headless-shell"])


def test_headed_runs_launch_the_full_chromium(installed: dict[str, Path]) -> None:
    assert chromium.find_chromium(headless=False) == str(installed["chromium"])


def test_without_the_headless_shell_headless_runs_fall_back_to_chromium(installed: dict[str, Path]) -> None:
    installed["chromium-headless-shell"].unlink()
    assert chromium.find_chromium(headless=True) == str(installed["chromium"])


def test_chromium_path_wins(installed: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(chromium.ENV_VAR, str(installed["chromium"]))
    assert chromium.find_chromium(headless=True) == str(installed["chromium"])


def test_a_file_that_cannot_run_is_not_chosen(installed: dict[str, Path]) -> None:
    installed["chromium-headless-shell"].chmod(0o644)
    assert chromium.find_chromium(headless=True) == str(installed["chromium"])


def test_no_chromium_names_the_fix(installed: dict[str, Path]) -> None:
    for path in installed.values():
        path.unlink()
    with pytest.raises(chromium.ChromiumNotFound, match="apt-get install -y chromium"):
        chromium.find_chromium(headless=True)
