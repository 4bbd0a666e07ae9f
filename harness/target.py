"""The system under test: where its admin and account portal are, who signs in, and its control API if any."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from flowspec.commerce import API_PORTAL_PATH
from harness.control_api import AdminControl, PortalControl

ENV_ADMIN_URL = "COMMERCE_ADMIN_URL"
ENV_PORTAL_URL = "COMMERCE_PORTAL_URL"
ENV_CONTROL_TOKEN = "COMMERCE_CONTROL_TOKEN"
ENV_CREDENTIALS = {
    "admin_user": "COMMERCE_ADMIN_USER",
    "admin_password": "COMMERCE_ADMIN_PASSWORD",
    "portal_email": "COMMERCE_PORTAL_EMAIL",
    "portal_password": "COMMERCE_PORTAL_PASSWORD",
}


@dataclass(frozen=True)
class CommerceTarget:
    admin_url: str
    portal_url: str
    admin_user: str
    admin_password: str = field(repr=False)
    portal_email: str
    portal_password: str = field(repr=False)
    admin_control: AdminControl | None = field(default=None, repr=False)
    portal_control: PortalControl | None = field(default=None, repr=False)
    bundled: bool = False

    @property
    def has_control_api(self) -> bool:
        return self.admin_control is not None and self.portal_control is not None

    @property
    def api_portal_url(self) -> str:
        return self.portal_url.rstrip("/") + "/" + API_PORTAL_PATH

    def describe(self) -> str:
        kind = "bundled mocks" if self.bundled else "given target"
        control = "control API on" if self.has_control_api else "no control API: @mock-only scenarios skipped"
        return f"{kind}: admin {self.admin_url}, portal {self.portal_url} ({control})"


class _App(Protocol):
    @property
    def config(self) -> Mapping[str, Any]: ...


class _Server(Protocol):
    @property
    def app(self) -> _App: ...

    @property
    def base_url(self) -> str: ...


class BundledMocks(Protocol):
    """What ``mocks.start_mocks()`` returns, as far as a target needs it (the harness does not import the mocks)."""

    @property
    def admin(self) -> _Server: ...

    @property
    def portal(self) -> _Server: ...

    @property
    def admin_url(self) -> str: ...

    @property
    def portal_url(self) -> str: ...


def bundled_target(mocks: BundledMocks, token: str) -> CommerceTarget:
    """The target for mocks started in this process with ``control_token=token``."""
    admin_cfg, portal_cfg = mocks.admin.app.config, mocks.portal.app.config
    return CommerceTarget(
        admin_url=mocks.admin_url,
        portal_url=mocks.portal_url,
        admin_user=admin_cfg["ADMIN_USERNAME"],
        admin_password=admin_cfg["ADMIN_PASSWORD"],
        portal_email=portal_cfg["SEED_EMAIL"],
        portal_password=portal_cfg["SEED_PASSWORD"],
        admin_control=AdminControl(mocks.admin.base_url, token),
        portal_control=PortalControl(mocks.portal.base_url, token),
        bundled=True,
    )
