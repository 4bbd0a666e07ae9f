"""Where a step is defined: the "file:line" that cucumber JSON's ``match.location`` and the living doc show."""

from __future__ import annotations

import contextlib
import inspect
import os
from pathlib import Path
from typing import Any


def step_definition_location(step_func: Any, rootpath: Path) -> str:
    """The step function's "file:line", relative to ``rootpath``; "" when it cannot be told."""
    try:
        function = inspect.unwrap(step_func)
        path = inspect.getsourcefile(function) or ""
        line = function.__code__.co_firstlineno
    except (TypeError, AttributeError):
        return ""
    with contextlib.suppress(ValueError):
        path = os.path.relpath(path, rootpath)
    return f"{path}:{line}"
