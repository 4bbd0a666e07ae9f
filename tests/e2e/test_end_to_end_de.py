"""Scenarios of features/end_to_end.de.feature (German, the doc's own language)."""

from pytest_bdd import scenarios

scenarios("end_to_end.de.feature")
