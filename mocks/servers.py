"""Run both mock apps as real HTTP servers on loopback (threads in this process).

with start_mocks(control_token="t") as mocks:
    print(mocks.admin_url, mocks.portal_url)
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from mocks import admin, portal
from mocks import cookie_names as cookies
from mocks.admin.admin_path import check_admin_path
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
    _cookie_claim: cookies.RealNamesClaim | None = field(default=None, repr=False)

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
        if self._cookie_claim is not None:
            self._cookie_claim.release()

    def __enter__(self) -> MockServers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class StartError(RuntimeError):
    """The mocks cannot start for a reason a person can fix (a database file that is not one, say)."""


def _create(name: str, factory: Callable[[dict[str, Any]], Flask], config: dict[str, Any]) -> Flask:
    try:
        return factory(config)
    except sqlite3.DatabaseError as exc:
        raise StartError(f"the {name}'s database {config['DATABASE']} cannot be used: {exc}") from exc


def _bind(name: str, app: Flask, host: str, port: int) -> BaseWSGIServer:
    try:
        server = make_server(host, port, app, threaded=True, request_handler=_QuietHandler)
    except SystemExit as exc:  # Werkzeug prints why it cannot listen, then exits: don't end the caller
        raise OSError(f"the {name} cannot listen on {host}:{port}") from exc
    server.daemon_threads = True  # type: ignore[attr-defined]
    return server


def _run(name: str, app: Flask, server: BaseWSGIServer, public_host: str) -> RunningApp:
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
    cookie_names: str = cookies.AUTO,
) -> MockServers:
    """Start the portal (with its gateway), then the admin pointed at it. Port 0 = any free port.

    ``cookie_names``: ``auto`` (the real names unless another instance on this host has them),
    ``real`` or ``per-port`` (see ``mocks.cookie_names``). A failed start leaves nothing behind:
    no server listening, no temporary folder, no claim on the cookie names."""
    if cookie_names not in cookies.NAMINGS:
        raise ValueError(f"cookie_names must be one of {', '.join(cookies.NAMINGS)}")
    admin_config = dict(admin_config or {})
    if "ADMIN_PATH" in admin_config:
        admin_config["ADMIN_PATH"] = check_admin_path(str(admin_config["ADMIN_PATH"]))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    owns = data_dir is None
    folder = Path(tempfile.mkdtemp(prefix="commerce-mocks-") if data_dir is None else data_dir)
    public_host = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    bound: list[BaseWSGIServer] = []
    running: list[RunningApp] = []
    claim: cookies.RealNamesClaim | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        portal_app = _create(
            "portal",
            portal.create_app,
            {"DATABASE": str(folder / "portal.sqlite3"), "CONTROL_TOKEN": control_token, **(portal_config or {})},
        )
        bound.append(_bind("portal", portal_app, host, portal_port))
        portal_base = f"http://{public_host}:{bound[0].server_port}"
        admin_app = _create(
            "admin",
            admin.create_app,
            {
                "DATABASE": str(folder / "admin.sqlite3"),
                "CONTROL_TOKEN": control_token,
                "GATEWAY_URL": portal_base,
                "PORTAL_URL": portal_base,
                **admin_config,
            },
        )
        bound.append(_bind("admin", admin_app, host, admin_port))
        claim = cookies.claim_real_names() if cookie_names == cookies.AUTO else None
        use_real = cookie_names == cookies.REAL or claim is not None
        for app, server in ((portal_app, bound[0]), (admin_app, bound[1])):
            app.config["SESSION_COOKIE_NAME"] = cookies.cookie_name(
                app.config["SESSION_COOKIE_NAME"], server.server_port, use_real
            )
        running.append(_run("portal", portal_app, bound[0], public_host))
        running.append(_run("admin", admin_app, bound[1], public_host))
    except BaseException:
        for started in running:
            started.server.shutdown()
        for server in bound:
            server.server_close()
        if claim is not None:
            claim.release()
        if owns:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    portal_running, admin_running = running
    return MockServers(admin_running, portal_running, folder, control_token, owns, claim)
