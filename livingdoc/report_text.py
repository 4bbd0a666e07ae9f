"""Texts taken from pytest's reports and user properties, for the records."""

from __future__ import annotations

import pytest


def property_values(properties: list[tuple[str, object]], name: str) -> list[str]:
    seen: list[str] = []
    for key, value in properties:
        if key == name and str(value) not in seen:
            seen.append(str(value))
    return seen


def exception_text(exception: BaseException) -> str:
    text = str(exception).strip()
    return f"{type(exception).__name__}: {text}" if text else type(exception).__name__


def crash_line(report: pytest.TestReport) -> str | None:
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        return str(crash.message)
    lines = report.longreprtext.strip().splitlines()
    return lines[-1] if lines else None


def skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return report.longreprtext
