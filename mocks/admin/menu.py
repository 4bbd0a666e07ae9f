"""The admin's left menu, shaped like Magento's menu.xml (ids give the real data-ui-ids)."""

from __future__ import annotations

from dataclasses import dataclass

from flowspec.commerce import LAYOUT_CURRENT


@dataclass(frozen=True)
class Link:
    ui_id: str
    title: str
    endpoint: str
    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class LinkGroup:
    title: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class TopItem:
    ui_id: str
    css: str
    title: str
    endpoint: str | None = None
    groups: tuple[LinkGroup, ...] = ()


def menu_for(layout: str) -> tuple[TopItem, ...]:
    """The doc's admin, or the current one (System > Services > Commerce Services Connector)."""
    if layout != LAYOUT_CURRENT:
        return MENU
    return tuple(_with_services_connector(item) if item.title == "System" else item for item in MENU)


def _with_services_connector(system: TopItem) -> TopItem:
    services = LinkGroup(
        "Services",
        (
            Link(
                "menu-magento-servicesconnector-services-connector",
                "Commerce Services Connector",
                "services_connector.index",
            ),
        ),
    )
    return TopItem(system.ui_id, system.css, system.title, system.endpoint, (*system.groups, services))


MENU: tuple[TopItem, ...] = (
    TopItem("menu-magento-backend-dashboard", "item-dashboard", "Dashboard", endpoint="dashboard.index"),
    TopItem(
        "menu-magento-backend-marketing",
        "item-marketing",
        "Marketing",
        groups=(
            LinkGroup(
                "Channels",
                (Link("menu-magento-amazon-channel-amazon-index", "Amazon Sales Channel", "channel.index"),),
            ),
        ),
    ),
    TopItem(
        "menu-magento-backend-stores",
        "item-stores",
        "Stores",
        groups=(
            LinkGroup(
                "Settings",
                (Link("menu-magento-config-system-config", "Configuration", "system_config.index"),),
            ),
        ),
    ),
    TopItem(
        "menu-magento-backend-system",
        "item-system",
        "System",
        groups=(
            LinkGroup(
                "Other Settings",
                (
                    Link(
                        "menu-magento-adminnotification-system-adminnotification",
                        "Notifications",
                        "dashboard.notifications",
                    ),
                ),
            ),
        ),
    ),
)
