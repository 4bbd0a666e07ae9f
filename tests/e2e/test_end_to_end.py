"""Scenarios of features/end_to_end.feature."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("browser_name", "fresh_commerce_state")

scenarios("end_to_end.feature")
