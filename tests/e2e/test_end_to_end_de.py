"""Scenarios of features/end_to_end.de.feature (German, the doc's own language)."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("browser_name", "fresh_commerce_state")

scenarios("end_to_end.de.feature")
