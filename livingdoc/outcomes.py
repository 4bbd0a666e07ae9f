"""A scenario's outcome from pytest's reports of its three phases (set-up, call, teardown)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from livingdoc.model import ERROR, FAILED, NOT_RUN, PASSED, SKIPPED, ScenarioResult
from livingdoc.report_text import crash_line, skip_reason


def record_phase(
    result: ScenarioResult,
    report: pytest.TestReport,
    mask: Callable[[str], str],
    mock_log: Callable[[], list[str]],
) -> None:
    """Fold one phase's report into the scenario's record: status, error, durations, the mock log on failure."""
    result.duration += report.duration
    if report.when == "setup":
        result.started = report.start
        result.setup_seconds += report.duration
        if report.failed:
            result.status, result.error = ERROR, mask(crash_line(report) or "")
            result.longrepr = mask(report.longreprtext)
            result.mock_log = mock_log()
        elif report.skipped:
            result.status, result.error = SKIPPED, skip_reason(report)
    elif report.when == "call":
        if report.passed:
            result.status = PASSED
        elif report.skipped:
            result.status, result.error = SKIPPED, skip_reason(report)
        else:
            result.status, result.longrepr = FAILED, mask(report.longreprtext)
            step_error = result.steps[result.failed_step].error if result.failed_step is not None else None
            result.error = step_error or mask(crash_line(report) or "")
            result.mock_log = mock_log()
    elif report.when == "teardown":
        result.teardown_seconds += report.duration
        if report.failed and result.status in (PASSED, SKIPPED, NOT_RUN):
            result.status, result.error = ERROR, mask(crash_line(report) or "")
            result.longrepr = mask(((result.longrepr or "") + "\n" + report.longreprtext).strip())
        for step in result.steps:
            if step.status == NOT_RUN and result.status != NOT_RUN:
                step.status = SKIPPED
