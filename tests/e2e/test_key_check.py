"""Scenarios of features/key_check.feature."""

from pytest_bdd import scenarios

scenarios("key_check.feature")
