"""Run both mock apps as real HTTP servers on loopback (threads in this process).

with start_mocks(control_token="t") as mocks:
    print(mocks.admin_url, mocks.portal_url)
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from mocks import admin, portal
from mocks.shared.requestlog import RequestLog

POLL_INTERVAL = 0.05  # seconds; how soon a server notices stop() (the default 0.5 s made stop() take 1 s)


class _QuietHandler(WSGIRequestHandler):
    """Werkzeug's handler without a line per request on stderr (we keep our own log)."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class RunningApp:
    name: str
    app: Flask
    server: BaseWSGIServer
    thread: threading.Thread
    base_url: str

    @property
    def log(self) -> RequestLog:
        log: RequestLog = self.app.extensions["request_log"]
        return log


@dataclass
class MockServers:
    admin: RunningApp
    portal: RunningApp
    data_dir: Path
    control_token: str | None
    _owns_data_dir: bool = field(default=False, repr=False)

    @property
    def admin_url(self) -> str:
        """The admin's base URL, with the admin path: ``http://127.0.0.1:N/admin/``."""
        return f"{self.admin.base_url}/{str(self.admin.app.config['ADMIN_PATH']).strip('/')}/"

    @property
    def portal_url(self) -> str:
        return f"{self.portal.base_url}/"

    def stop(self) -> None:
        for running in (self.admin, self.portal):
            running.server.shutdown()
            running.server.server_close()
            running.thread.join(timeout=5)
        if self._owns_data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> MockServers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _serve(name: str, app: Flask, host: str, port: int, public_host: str) -> RunningApp:
    try:
        server = make_server(host, port, app, threaded=True, request_handler=_QuietHandler)
    except SystemExit as exc:  # Werkzeug prints why it cannot listen, then exits: don't end the caller
        raise OSError(f"the {name} cannot listen on {host}:{port}") from exc
    server.daemon_threads = True  # type: ignore[attr-defined]
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": POLL_INTERVAL}, name=f"mock-{name}", daemon=True
    )
    thread.start()
    return RunningApp(name, app, server, thread, f"http://{public_host}:{server.server_port}")


def start_mocks(
    host: str = "127.0.0.1",
    admin_port: int = 0,
    portal_port: int = 0,
    data_dir: str | Path | None = None,
    control_token: str | None = None,
    admin_config: dict[str, Any] | None = None,
    portal_config: dict[str, Any] | None = None,
) -> MockServers:
    """Start the portal (with its gateway), then the admin pointed at it. Port 0 = any free port."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    owns = data_dir is None
    folder = Path(tempfile.mkdtemp(prefix="commerce-mocks-") if data_dir is None else data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    public_host = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host

    portal_app = portal.create_app(
        {"DATABASE": str(folder / "portal.sqlite3"), "CONTROL_TOKEN": control_token, **(portal_config or {})}
    )
    portal_running = _serve("portal", portal_app, host, portal_port, public_host)
    try:
        admin_app = admin.create_app(
            {
                "DATABASE": str(folder / "admin.sqlite3"),
                "CONTROL_TOKEN": control_token,
                "GATEWAY_URL": portal_running.base_url,
                "PORTAL_URL": portal_running.base_url,
                **(admin_config or {}),
            }
        )
        admin_running = _serve("admin", admin_app, host, admin_port, public_host)
    except BaseException:
        portal_running.server.shutdown()
        portal_running.server.server_close()
        raise
    return MockServers(admin_running, portal_running, folder, control_token, owns)
