"""What the mutation run mutates, with which operators, and the fixed quick subset.

The flow modules are the mocks' code that the documented flow goes through: the key check and the
channel, Save Config and the config store (and the current layout's save, the Services Connector),
admin and portal sign-in, the portal's keys, API Portal and gateway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SUITE = "tests/e2e"

# Environment of the pytest runs in the project copy (read by mutation.pytest_plugin).
ENV_EXPECT_ROOT = "MUTATION_EXPECT_ROOT"  # mocks must be imported from here
ENV_LAYOUT = "MUTATION_ADMIN_LAYOUT"  # doc | current
ENV_COVERAGE = "MUTATION_COVERAGE"  # record per-scenario line coverage into this file

FLOW_MODULES: tuple[str, ...] = (
    "mocks/admin/keycheck.py",
    "mocks/admin/channel.py",
    "mocks/admin/system_config.py",
    "mocks/admin/config_store.py",
    "mocks/admin/services_connector.py",
    "mocks/admin/auth.py",
    "mocks/portal/keys.py",
    "mocks/portal/apiportal.py",
    "mocks/portal/gateway.py",
    "mocks/portal/account.py",
    "mocks/portal/accounts.py",
)

# The admin layouts the suite runs against (flowspec.commerce.LAYOUTS). A mutant runs the scenarios
# that reach its code in the doc's layout; code that only the current layout reaches (the Services
# Connector page) runs the scenarios that reach it there.
LAYOUTS: tuple[str, ...] = ("doc", "current")

# What the project copy needs to run the suite (and this package, for the plugin and the oracle).
PROJECT_PARTS: tuple[str, ...] = (
    "pyproject.toml",
    "conftest.py",
    "features",
    "steps",
    "action_groups",
    "pages",
    "fixtures",
    "harness",
    "livingdoc",
    "flowspec",
    "mocks",
    SUITE,
    "mutation",
)

TARGET_SCORE = 0.95

# Per mutant: the oracle stops the scenarios after BASE + FACTOR x (their time in the unmutated run).
TIMEOUT_BASE_SECONDS = 60.0
TIMEOUT_FACTOR = 4.0

# cosmic-ray replaces each comparison and arithmetic operator by every other one (7 and 11 variants).
# We keep the classic sufficient subset: the negation and the off-by-one boundary of each comparison,
# one inverse for each arithmetic operator. Every other cosmic-ray operator is kept whole.
COMPARISON_KEPT = frozenset(
    {
        "Eq_NotEq",
        "NotEq_Eq",
        "Is_IsNot",
        "IsNot_Is",
        "Lt_LtE",
        "Lt_GtE",
        "LtE_Lt",
        "LtE_Gt",
        "Gt_GtE",
        "Gt_LtE",
        "GtE_Gt",
        "GtE_Lt",
    }
)
BINARY_KEPT = frozenset(
    {
        "Add_Sub",
        "Sub_Add",
        "Mul_Div",
        "Div_Mul",
        "FloorDiv_Div",
        "Mod_Div",
        "Pow_Mul",
        "BitOr_BitAnd",
        "BitAnd_BitOr",
        "BitXor_BitAnd",
        "LShift_RShift",
        "RShift_LShift",
    }
)
_FAMILY = re.compile(r"^core/(ReplaceComparisonOperator|ReplaceBinaryOperator)_(\w+)$")


def in_operator_set(operator: str) -> bool:
    """Whether a cosmic-ray operator (``core/ReplaceComparisonOperator_Eq_NotEq``) is one we run."""
    match = _FAMILY.match(operator)
    if match is None:
        return True
    family, variant = match.groups()
    kept = COMPARISON_KEPT if family == "ReplaceComparisonOperator" else BINARY_KEPT
    return variant in kept


@dataclass(frozen=True)
class QuickMutant:
    """A mutant of the quick subset, found by its file, operator and the source line it changes."""

    file: str
    operator: str
    line_contains: str
    why_killed: str


# The quick subset: a few mutants of the key check and Save Config that the suite must kill, on three
# scenarios. It proves the pipeline (copy, coverage map, cosmic-ray, oracle, report) in `make test`.
QUICK_SCENARIOS: tuple[str, ...] = (
    "tests/e2e/test_key_check.py::test_the_first_access_without_a_key_prompts_for_one[chromium]",
    "tests/e2e/test_key_check.py::test_a_key_service_that_is_fault_is_not_reported_as_a_bad_key"
    "[chromium-answering server error]",
    "tests/e2e/test_add_the_key.py::test_save_config_stores_the_pasted_key[chromium]",
)
QUICK_MUTANTS: tuple[QuickMutant, ...] = (
    QuickMutant(
        "mocks/admin/keycheck.py",
        "core/AddNot",
        "if not api_key:",
        "the check is upside down: a stored key is never sent to the key service",
    ),
    QuickMutant(
        "mocks/admin/keycheck.py",
        "core/ReplaceComparisonOperator_GtE_Gt",
        "if exc.code >= 500:",
        "a 500 from the key service reads as a bad key: the prompt instead of 'could not verify'",
    ),
    QuickMutant(
        "mocks/admin/system_config.py",
        "core/AddNot",
        "if not form_key_is_valid():",
        "Save Config refuses a valid form key",
    ),
    QuickMutant(
        "mocks/admin/system_config.py",
        "core/RemoveDecorator",
        '@bp.post("/admin/system_config/save/section/<section>/")',
        "Save Config has no route",
    ),
)
QUICK_MODULES: tuple[str, ...] = tuple(sorted({m.file for m in QUICK_MUTANTS}))
