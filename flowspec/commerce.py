"""Facts of Adobe Commerce that the flow touches, defined once.

Sources: Magento_ServicesConnector's ``etc/adminhtml/system.xml`` and ``Model/Environment.php``
(config paths), the Commerce docs (the two admin layouts) and the account site's API Portal URL.
"""

from __future__ import annotations

# core_config_data paths of the Services Connector's keys (section/group/field).
API_KEYS_SECTION = "services_connector"
API_KEYS_GROUP = "services_connector_integration"
PRODUCTION_API_KEY_PATH = f"{API_KEYS_SECTION}/{API_KEYS_GROUP}/production_api_key"
SANDBOX_API_KEY_PATH = f"{API_KEYS_SECTION}/{API_KEYS_GROUP}/sandbox_api_key"

# The admin layouts: where the API key settings live.
LAYOUT_DOC = "doc"  # the doc's: Stores > Settings > Configuration > Services > Magento Services > Api Keys
LAYOUT_CURRENT = "current"  # current Commerce: System > Services > Commerce Services Connector
LAYOUTS = (LAYOUT_DOC, LAYOUT_CURRENT)
LAYOUT_LOCATIONS = {
    LAYOUT_DOC: "Stores > Settings > Configuration > Services > Magento Services > Api Keys",
    LAYOUT_CURRENT: "System > Services > Commerce Services Connector",
}
# What the current layout calls the doc's "Production Api key" field and its "Save Config" button.
CURRENT_PRODUCTION_API_KEY_LABEL = "Production API Key"
CURRENT_SAVE_LABEL = "Save"

# The account site's API Portal (My Account > API Portal), relative to the portal's base URL.
API_PORTAL_PATH = "apiportal/index/index/"
