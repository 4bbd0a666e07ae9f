"""One Playwright trace group per Gherkin step, so the trace viewer shows the scenario as the Gherkin reads."""

from __future__ import annotations

import contextlib
from typing import Any

from playwright.sync_api import BrowserContext
from playwright.sync_api import Error as PlaywrightError


class TraceGroups:
    def __init__(self) -> None:
        self._open: BrowserContext | None = None

    def open(self, context: BrowserContext, step: Any, feature_path: str) -> None:
        """Open a group named like the step ("When I click ...") that points at its line in the feature."""
        try:
            context.tracing.group(
                f"{step.keyword.strip()} {step.name}", location={"file": feature_path, "line": step.line_number}
            )
            self._open = context
        except PlaywrightError:  # tracing is off for this context
            self._open = None

    def close(self) -> None:
        if self._open is not None:
            with contextlib.suppress(PlaywrightError):
                self._open.tracing.group_end()
            self._open = None
