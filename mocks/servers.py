"""Run both mock apps as real HTTP servers on loopback (threads in this process).

with start_mocks(control_token="t") as mocks:
    print(mocks.admin_url, mocks.portal_url)
"""

from __future__ import annotations

import logging
import socket
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import (
    LISTEN_QUEUE,
    BaseWSGIServer,
    WSGIRequestHandler,
    get_sockaddr,
    make_server,
    select_address_family,
)

from mocks import admin, portal
from mocks import cookie_names as cookies
from mocks.admin.admin_path import check_admin_path
from mocks.shared.requestlog import RequestLog
from mocks.temp_folders import TempDataFolder

POLL_INTERVAL = 0.05  # seconds; how soon a server notices stop() (the default 0.5 s made stop() take 1 s)
# How long a connection may keep the server waiting for its next bytes (a half-sent request, an idle
# keep-alive connection) before it is closed and its thread freed: Apache's and nginx's default read time-out.
REQUEST_TIMEOUT = 60.0


class _QuietHandler(WSGIRequestHandler):
    """Werkzeug's handler without a line per request on stderr (we keep our own log), nor one per
    connection closed for its time-out (an idle keep-alive connection is one)."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        return None

    def log_error(self, format: str, *args: Any) -> None:
        if not format.startswith("Request timed out"):
            super().log_error(format, *args)


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
    _temp_folder: TempDataFolder | None = field(default=None, repr=False)
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
        if self._temp_folder is not None:
            self._temp_folder.remove()
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


def _listen(name: str, host: str, port: int) -> socket.socket:
    """The listening socket, as Werkzeug would make it; made here because Werkzeug prints why it cannot
    listen and exits, where a caller wants one error that says why."""
    family = select_address_family(host, port)
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(get_sockaddr(host, port, family))
        sock.listen(LISTEN_QUEUE)
    except OSError as exc:
        sock.close()
        raise OSError(f"the {name} cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


def _bind(name: str, app: Flask, host: str, port: int, request_timeout: float) -> BaseWSGIServer:
    handler = type("TimedHandler", (_QuietHandler,), {"timeout": request_timeout})
    with _listen(name, host, port) as sock:  # the server takes a duplicate of it
        server = make_server(host, port, app, threaded=True, request_handler=handler, fd=sock.fileno())
    server.server_port = server.port  # what HTTPServer's own bind would have set
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
    request_timeout: float = REQUEST_TIMEOUT,
) -> MockServers:
    """Start the portal (with its gateway), then the admin pointed at it. Port 0 = any free port.

    ``cookie_names``: ``auto`` (the real names unless another instance on this host has them),
    ``real`` or ``per-port`` (see ``mocks.cookie_names``). ``request_timeout``: seconds a connection
    may keep a server waiting for its next bytes. Without ``data_dir`` the data goes to a temporary
    folder, removed at stop (and by a later start when this process was killed). A failed start
    leaves nothing behind: no server listening, no temporary folder, no claim on the cookie names."""
    if cookie_names not in cookies.NAMINGS:
        raise ValueError(f"cookie_names must be one of {', '.join(cookies.NAMINGS)}")
    admin_config = dict(admin_config or {})
    if "ADMIN_PATH" in admin_config:
        admin_config["ADMIN_PATH"] = check_admin_path(str(admin_config["ADMIN_PATH"]))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    temp_folder = TempDataFolder.create() if data_dir is None else None
    folder = temp_folder.path if temp_folder is not None else Path(str(data_dir))
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
        bound.append(_bind("portal", portal_app, host, portal_port, request_timeout))
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
        bound.append(_bind("admin", admin_app, host, admin_port, request_timeout))
        # ``real`` takes the claim too when it is free: an ``auto`` instance started later must not take the names
        claim = cookies.claim_real_names() if cookie_names != cookies.PER_PORT else None
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
        if temp_folder is not None:
            temp_folder.remove()
        raise
    portal_running, admin_running = running
    return MockServers(admin_running, portal_running, folder, control_token, temp_folder, claim)
