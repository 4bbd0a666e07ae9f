"""Scenarios of features/end_to_end.feature."""

from pytest_bdd import scenarios

scenarios("end_to_end.feature")
