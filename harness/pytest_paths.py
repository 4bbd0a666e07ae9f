"""``pytest --source-doc ../doc.md`` (a path after a space) works like ``--source-doc=../doc.md``.

pytest picks its root folder, and so this project's configuration, from the paths on the command line before
it knows any plugin's options: the value of ``--source-doc PATH`` is taken for a test path, the root moves
to that path's folder, the project's configuration is lost, and the option is refused. This plugin, loaded
from the package's entry point as soon as pytest has read the command line, starts the same command again
with each such option written as ``--option=value`` (only for a command typed at the shell, never for
``pytest.main`` called from Python).
"""

from __future__ import annotations

import os
import sys
from typing import Any

PATH_OPTIONS = ("--source-doc", "--targets", "--living-doc-dir", "--output", "--remote-executable-path")


def joined(args: list[str]) -> list[str] | None:
    """``args`` with every ``--option value`` of ``PATH_OPTIONS`` joined as ``--option=value``; None when none
    is written with a space."""
    out: list[str] = []
    changed = False
    position = 0
    while position < len(args):
        arg = args[position]
        if arg == "--":
            out += args[position:]
            break
        following = args[position + 1] if position + 1 < len(args) else None
        if arg in PATH_OPTIONS and following is not None and not following.startswith("-"):
            out.append(f"{arg}={following}")
            changed, position = True, position + 2
            continue
        out.append(arg)
        position += 1
    return out if changed else None


def pytest_load_initial_conftests(early_config: Any, parser: Any, args: list[str]) -> None:
    typed = list(early_config.invocation_params.args) == sys.argv[1:]
    fixed = joined(list(early_config.invocation_params.args)) if typed else None
    if fixed is not None:
        capture = early_config.pluginmanager.getplugin("capturemanager")
        if capture is not None:  # pytest has the output redirected while it loads: give it back first
            capture.stop_global_capturing()
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, [sys.executable, "-m", "pytest", *fixed])
