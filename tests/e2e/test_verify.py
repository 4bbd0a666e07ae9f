"""Scenarios of features/verify.feature: verify the stored key, read-only, on one store or each store of a fleet
(``verify_store`` is asked for up front, so ``--targets`` can run the scenario once per store)."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("verify_store")

scenarios("verify.feature")
