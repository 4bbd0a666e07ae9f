"""Where the flow's pages show a secret that no picture may show: API keys, and the credentials typed or
greeted with. CSS selectors, from the page objects that know each page."""

from __future__ import annotations

from pages import admin_login, api_portal, portal_login, portal_registration, services_connector, store_configuration

SECRET_PLACES: tuple[str, ...] = (
    *api_portal.SECRET_PLACES,
    *store_configuration.SECRET_PLACES,
    *services_connector.SECRET_PLACES,
    *admin_login.SECRET_PLACES,
    *portal_login.SECRET_PLACES,
    *portal_registration.SECRET_PLACES,
)
