"""A pytest plugin for the masking test: the admin's sign-in step fails with an error that carries the
admin password and the control token, as a careless assertion in a real suite might."""

from __future__ import annotations

import os
from typing import Any

import pytest

LEAKY_STEP = "I sign in with the admin user name and password"


def pytest_bdd_before_step_call(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any, step_func_args: Any
) -> None:
    if step.name == LEAKY_STEP:
        password = os.environ["COMMERCE_ADMIN_PASSWORD"]
        token = request.config.getoption("--control-token")
        raise AssertionError(f"signing in as admin with {password!r} (control token {token}) went wrong")
