"""Scenarios of features/recheck_after_saving.feature."""

from pytest_bdd import scenarios

scenarios("recheck_after_saving.feature")
