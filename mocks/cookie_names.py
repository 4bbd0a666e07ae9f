"""Session cookie names per instance: the real names where one instance runs, names of their own beside it.

Browsers keep cookies per host and ignore the port, so two instances on one host that both
call their admin cookie ``admin`` overwrite each other's: signing in to one signs the browser
out of the other. The first instance on a host (per user) keeps Magento's real names
(``admin``, ``PHPSESSID``) and holds a lock file while it runs; any instance started beside
it names its cookies after its ports (``admin-<port>``, ``PHPSESSID-<port>``), which are unique
on the host. The lock is released when the instance stops or its process ends, whatever way.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path
from typing import IO

AUTO, REAL, PER_PORT = "auto", "real", "per-port"
NAMINGS = (AUTO, REAL, PER_PORT)


class RealNamesClaim:
    """This instance's hold on the real names (an exclusive lock on a file in the temporary folder)."""

    def __init__(self, handle: IO[str]) -> None:
        self._handle: IO[str] | None = handle

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def lock_path() -> Path:
    return Path(tempfile.gettempdir()) / f"commerce-mocks-{os.getuid()}.cookie-names.lock"


def claim_real_names() -> RealNamesClaim | None:
    """The claim if no other running instance holds it (nor anything stops us taking it), else None."""
    try:
        handle = open(lock_path(), "a")  # noqa: SIM115 - held open while the instance runs
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return RealNamesClaim(handle)


def cookie_name(real: str, port: int, use_real: bool) -> str:
    return real if use_real else f"{real}-{port}"
