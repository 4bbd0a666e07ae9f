"""Root conftest: registers the fixtures and the step definitions (one module per domain)."""

from __future__ import annotations

import pytest

pytest_plugins = [
    "fixtures.target",
    "fixtures.restore",
    "fixtures.fleet",
    "fixtures.scenario_state",
    "fixtures.browser",
    "fixtures.sessions",
    "fixtures.scenario",
    "fixtures.diagnostics",
    "steps.admin",
    "steps.amazon_channel",
    "steps.account_portal",
    "steps.store_configuration",
    "steps.commerce_state",
    "steps.verify",
    "livingdoc.plugin",
]


@pytest.fixture(scope="session")
def base_url(pytestconfig: pytest.Config) -> str | None:
    """pytest-playwright's fallback ``base_url`` as a plain function: pytest 9 deprecates its method form,
    and only a conftest fixture overrides a plugin's."""
    return pytestconfig.getoption("--base-url", None) or pytestconfig.getini("base_url") or None
