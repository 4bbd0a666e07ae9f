"""Scenarios of features/add_the_key.feature."""

from pytest_bdd import scenarios

scenarios("add_the_key.feature")
