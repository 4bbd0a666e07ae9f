"""Root conftest: registers the fixtures and the step definitions (one module per domain)."""

from __future__ import annotations

pytest_plugins = [
    "fixtures.target",
    "fixtures.browser",
    "fixtures.sessions",
    "fixtures.journey",
    "fixtures.diagnostics",
    "steps.admin",
    "steps.amazon_channel",
    "steps.account_portal",
    "steps.store_configuration",
    "steps.commerce_state",
]

