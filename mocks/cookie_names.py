"""Session cookie names per instance: the real names where one instance runs, names of their own beside it.

Browsers keep cookies per host and ignore the port, so two instances on one host that both
call their admin cookie ``admin`` overwrite each other's: signing in to one signs the browser
out of the other. The first instance on a host keeps Magento's real names (``admin``,
``PHPSESSID``) and holds a claim on them while it runs; any instance started beside it names
its cookies after its ports (``admin-<port>``, ``PHPSESSID-<port>``), which are unique on the host.

The claim is a name in Linux's abstract socket namespace (``\\0commerce-mocks.cookie-names``):
one per network namespace, that is per ``127.0.0.1``, whatever the user or ``TMPDIR``; no file
is made, and the kernel frees the name when the instance stops or its process ends, whatever
way. Where there is no abstract namespace (not Linux), no instance claims the real names: every
instance names its cookies after its ports.
"""

from __future__ import annotations

import socket
import sys

AUTO, REAL, PER_PORT = "auto", "real", "per-port"
NAMINGS = (AUTO, REAL, PER_PORT)
CLAIM_NAME = "commerce-mocks.cookie-names"


class RealNamesClaim:
    """This instance's hold on the real names (a bound abstract Unix socket)."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock: socket.socket | None = sock

    def release(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def claim_real_names() -> RealNamesClaim | None:
    """The claim if no other running instance on this host holds it (and the platform has one), else None."""
    if not sys.platform.startswith("linux"):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind("\0" + CLAIM_NAME)
    except OSError:  # taken (EADDRINUSE)
        sock.close()
        return None
    return RealNamesClaim(sock)


def cookie_name(real: str, port: int, use_real: bool) -> str:
    return real if use_real else f"{real}-{port}"
