"""What every scenario module here shares."""

from __future__ import annotations

import pytest

from harness.target import CommerceTarget


@pytest.fixture(autouse=True)
def scenario_fixtures(browser_name: str, fresh_commerce_state: CommerceTarget) -> None:
    """Every scenario starts from a reset target (``fresh_commerce_state``).

    ``browser_name`` is here because steps ask for ``page`` lazily: without a fixture that names
    ``browser_name`` up front, pytest-playwright cannot parametrize the scenarios, so
    ``--browser chromium --browser firefox`` would not multiply them and ids would lack ``[chromium]``.
    """
