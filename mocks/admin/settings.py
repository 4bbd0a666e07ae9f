"""Every setting this admin's UI can save, by config path, with the rules its field applies.

The control API sets stored config values by path; it applies the same rules as the page
that would save them (Stores > Configuration on the doc layout, the Commerce Services
Connector page on the current one), so what it stores is what a person could have saved.
"""

from __future__ import annotations

from flowspec.commerce import LAYOUT_CURRENT
from mocks.admin import services_connector
from mocks.admin.config_sections import SECTIONS
from mocks.admin.system_config import MOVED_IN_CURRENT_ADMIN
from mocks.shared.forms import Text


def setting_rules(layout: str) -> dict[str, Text]:
    """Config path -> the rules of the field that saves it, on an admin of ``layout``."""
    found: dict[str, Text] = {}
    for section in SECTIONS.values():
        if layout == LAYOUT_CURRENT and section.id in MOVED_IN_CURRENT_ADMIN:
            continue
        for group in section.groups:
            for fld in group.fields:
                found[section.path(group, fld)] = fld.rules()
    if layout == LAYOUT_CURRENT:
        for _, fid, label in services_connector.FIELDS:
            found[services_connector.PREFIX + fid] = services_connector.rules(fid, label)
    return found
