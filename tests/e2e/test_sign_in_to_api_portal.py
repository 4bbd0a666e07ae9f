"""Scenarios of features/sign_in_to_api_portal.feature."""

from pytest_bdd import scenarios

scenarios("sign_in_to_api_portal.feature")
