"""Scenarios of features/api_portal.feature."""

from pytest_bdd import scenarios

scenarios("api_portal.feature")
