"""Scenarios of features/api_portal.feature."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("browser_name", "fresh_commerce_state")

scenarios("api_portal.feature")
