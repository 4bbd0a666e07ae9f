"""Scenarios of features/recheck_after_saving.feature."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("browser_name", "fresh_commerce_state")

scenarios("recheck_after_saving.feature")
