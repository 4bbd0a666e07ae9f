"""Hooks through which the living doc asks the harness what only the harness knows.

Registered with ``pytest_addhooks`` (as pytest-html does); the harness implements them in its
fixture modules. The report plugin never imports the harness, and the harness never imports the
report plugin: each side only knows these hook names.
"""

from __future__ import annotations

from typing import Any

import pytest
from pluggy import HookspecMarker

hookspec = HookspecMarker("pytest")


@hookspec(firstresult=True)
def pytest_livingdoc_tabs(item: pytest.Item) -> list[tuple[str, Any]] | None:
    """The scenario's open browser tabs as ``(name, playwright Page)``, in the order they opened
    (names such as ``"admin"`` and ``"portal"``); ``None`` while the scenario has no browser yet."""


@hookspec(firstresult=True)
def pytest_livingdoc_mock_log(item: pytest.Item) -> list[str] | None:
    """What the system under test logged while the scenario ran, one line per entry, secrets masked."""


@hookspec(firstresult=True)
def pytest_livingdoc_mask(text: str) -> str | None:
    """``text`` with every secret the harness holds masked: the living doc records nothing unmasked."""


@hookspec
def pytest_livingdoc_step_screenshots(item: pytest.Item, step_title: str, files: list[tuple[str, Any]]) -> None:
    """Screenshots were taken after a Gherkin step: ``files`` are ``(tab name, path)``. Called while the step
    is still the current one (before other plugins' ``pytest_bdd_after_step``), so a reporter such as Allure
    can attach them to it."""


@hookspec(firstresult=True)
def pytest_livingdoc_subject(item: pytest.Item) -> str | None:
    """Whom this scenario is about beyond its title, when the same scenario runs once per subject (the store a
    verify scenario checks): shown as ``Title [subject]`` in the page, JUnit and cucumber JSON."""


@hookspec(firstresult=True)
def pytest_livingdoc_target(config: pytest.Config) -> dict[str, str] | None:
    """What the run plays against, for the living doc's header: ``{"admin_url": ..., "portal_url": ...,
    "kind": "bundled mocks" | "given target"}``, URLs without credentials; ``None`` when the harness cannot tell."""
