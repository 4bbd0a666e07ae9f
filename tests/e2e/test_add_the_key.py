"""Scenarios of features/add_the_key.feature."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("browser_name", "fresh_commerce_state")

scenarios("add_the_key.feature")
