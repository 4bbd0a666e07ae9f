"""Scenarios of features/sign_in_to_api_portal.feature."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("browser_name", "fresh_commerce_state")

scenarios("sign_in_to_api_portal.feature")
