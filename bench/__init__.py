"""Benchmark and soak of the BDD suite (not tests: pytest collects nothing here). bench/README.md tells more.

``python -m bench``       (make bench) the measurements listed in bench/__main__.py; reports/bench.json and
                          the table in bench/README.md.
``python -m bench.soak``  (make soak) the flake gate: the suite many times, every scenario that ever failed.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn


class UsageParser(argparse.ArgumentParser):
    """Bad usage exits 4, as everywhere in the project (argparse's own is 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(4, f"{self.prog}: error: {message}\n")
