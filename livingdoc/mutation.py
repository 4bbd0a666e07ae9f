"""The mutation run's summary, when ``make mutation`` left one in the reports folder (``mutation.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MUTATION_REPORT = "mutation.json"


def read_mutation_summary(report_dir: Path) -> dict[str, Any] | None:
    """The parsed ``mutation.json`` of ``report_dir``, or None when there is none (or it cannot be read)."""
    path = report_dir / MUTATION_REPORT
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
