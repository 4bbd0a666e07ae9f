"""Where the tests find the vendor's doc, and a local server that publishes a text as a doc URL.

The project ships no copy of the doc: the tests read the seeds beside the checkout (``../shared/seeds``), or
in the folder ``DOC_SEEDS`` names (relative to the checkout); tests that need them skip where there are none
(``make doc-drift`` still fails there, so CI cannot pass without them).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / os.environ.get("DOC_SEEDS", "../shared/seeds")
needs_seeds = pytest.mark.skipif(not (SEEDS / "amazon-api-key.de.md").is_file(), reason=f"no doc sources in {SEEDS}")


def seed(edition: str = "de") -> str:
    return (SEEDS / f"amazon-api-key.{edition}.md").read_text(encoding="utf-8")


Publish = Callable[[str, int], str]


@pytest.fixture
def publish() -> Iterator[Publish]:
    """``publish(text, status)`` serves ``text`` (with that HTTP status) on 127.0.0.1 and gives its URL."""
    served: dict[str, tuple[int, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body = served.get(self.path, (404, b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def put(text: str, status: int = 200) -> str:
        path = f"/doc-{len(served)}.md"
        served[path] = (status, text.encode("utf-8"))
        return f"http://127.0.0.1:{server.server_address[1]}{path}"

    try:
        yield put
    finally:
        server.shutdown()
        server.server_close()
