"""Scenarios of features/key_check.feature."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("browser_name", "fresh_commerce_state")

scenarios("key_check.feature")
