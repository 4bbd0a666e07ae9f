"""``commerce-mocks serve``: run the mock admin and portal until Ctrl-C."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from types import FrameType

from flowspec.commerce import LAYOUT_DOC, LAYOUTS
from mocks import cookie_names
from mocks.admin.admin_path import check_admin_path
from mocks.servers import StartError, start_mocks

TOKEN_ENV = "COMMERCE_MOCKS_CONTROL_TOKEN"


def _admin_path(raw: str) -> str:
    try:
        return check_admin_path(raw)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="commerce-mocks", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the mock Commerce Admin and account portal")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--admin-port", type=int, default=0, help="admin port; 0 picks a free one (default)")
    serve.add_argument("--portal-port", type=int, default=0, help="portal port; 0 picks a free one (default)")
    serve.add_argument("--data-dir", help="folder for the SQLite files (default: a temporary folder)")
    serve.add_argument(
        "--control-token",
        default=os.environ.get(TOKEN_ENV) or None,
        help=f"turn the /_mock control API on, guarded by this token (or set {TOKEN_ENV}: unlike an option, "
        "an environment variable is not shown to other users in the process list)",
    )
    serve.add_argument(
        "--admin-path",
        type=_admin_path,
        default="admin",
        help="the admin's URL path (Magento's backend frontName: letters, digits, underscores; not _mock or static)",
    )
    serve.add_argument(
        "--cookie-names",
        choices=cookie_names.NAMINGS,
        default=cookie_names.AUTO,
        help="session cookie names: auto (default) keeps the real names (admin, PHPSESSID) unless another "
        "instance on this host has them, then names them after the ports (admin-8080); real; per-port",
    )
    serve.add_argument("--secret-keys", action="store_true", help="add and enforce Magento's secret keys in admin URLs")
    serve.add_argument(
        "--admin-layout",
        choices=LAYOUTS,
        default=LAYOUT_DOC,
        help="doc: Stores > Configuration > Magento Services > Api Keys (default); "
        "current: System > Services > Commerce Services Connector",
    )
    # the option's earlier name, kept so existing scripts still work
    serve.add_argument("--admin-generation", dest="admin_layout", choices=LAYOUTS, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for port in (args.admin_port, args.portal_port):
        if not 0 <= port <= 65535:
            print(f"commerce-mocks: port {port} is out of range 0-65535", file=sys.stderr)
            return 2
    stop = threading.Event()

    def _on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    # installed before starting: a signal during start-up or right after "Press Ctrl-C" still stops cleanly
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    try:
        mocks = start_mocks(
            host=args.host,
            admin_port=args.admin_port,
            portal_port=args.portal_port,
            data_dir=args.data_dir,
            control_token=args.control_token,
            admin_config={
                "ADMIN_PATH": args.admin_path,
                "SECRET_KEYS": args.secret_keys,
                "ADMIN_LAYOUT": args.admin_layout,
            },
            cookie_names=args.cookie_names,
        )
    except (OSError, StartError) as exc:
        print(f"commerce-mocks: could not start: {exc}", file=sys.stderr)
        return 1
    admin_cfg, portal_cfg = mocks.admin.app.config, mocks.portal.app.config
    print(f"Commerce Admin:   {mocks.admin_url}  (user {admin_cfg['ADMIN_USERNAME']} / {admin_cfg['ADMIN_PASSWORD']})")
    print(f"Account portal:   {mocks.portal_url}  (account {portal_cfg['SEED_EMAIL']} / {portal_cfg['SEED_PASSWORD']})")
    print(f"API Portal:       {mocks.portal_url}apiportal/index/index/")
    print(f"Key gateway:      {mocks.portal_url}gateway/apikeycheck")
    print(f"Control API:      {'on (header X-Mock-Control-Token)' if args.control_token else 'off'}")
    print(f"Session cookies:  {admin_cfg['SESSION_COOKIE_NAME']} (admin), {portal_cfg['SESSION_COOKIE_NAME']} (portal)")
    print(f"Data folder:      {mocks.data_dir}")
    print("Press Ctrl-C to stop.", flush=True)

    stop.wait()
    mocks.stop()
    print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
