"""The Stores > Configuration tree the mock admin shows (Magento's system.xml, in Python).

Only what the flow needs: a "General" tab for realism and the "Services" tab
with the "Magento Services" section, whose "Api Keys" group holds the keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flowspec.commerce import API_KEYS_GROUP, API_KEYS_SECTION
from mocks.shared.forms import Text


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    comment: str = ""
    max_length: int = 255

    def rules(self) -> Text:
        return Text(self.label, max_length=self.max_length, required=False)


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Section:
    id: str
    label: str
    tab: str
    groups: tuple[Group, ...]

    def path(self, group: Group, fld: Field) -> str:
        return f"{self.id}/{group.id}/{fld.id}"

    def html_id(self, group: Group, fld: Field | None = None) -> str:
        """Magento's element id: the config path with '/' replaced by '_'."""
        parts = [self.id, group.id] + ([fld.id] if fld else [])
        return "_".join(parts)

    def all_paths(self) -> list[str]:
        return [self.path(g, f) for g in self.groups for f in g.fields]


@dataclass(frozen=True)
class Tab:
    id: str
    label: str
    sections: list[Section] = field(default_factory=list)


SECTIONS: dict[str, Section] = {
    s.id: s
    for s in (
        Section(
            id="general",
            label="General",
            tab="general",
            groups=(
                Group(
                    "store_information",
                    "Store Information",
                    (Field("name", "Store Name"), Field("phone", "Store Phone Number", max_length=64)),
                ),
            ),
        ),
        Section(
            id=API_KEYS_SECTION,
            label="Magento Services",
            tab="service",
            groups=(
                Group(
                    API_KEYS_GROUP,
                    "Api Keys",
                    (
                        Field(
                            "production_api_key",
                            "Production Api key",
                            "Production API Key is a value passed in by Commerce calling Commerce Services"
                            " in the production environment.",
                        ),
                        Field(
                            "sandbox_api_key",
                            "Sandbox Api key",
                            "Sandbox API Key is a value passed in by Commerce calling Commerce Services"
                            " in the sandbox environment.",
                        ),
                    ),
                ),
            ),
        ),
    )
}

DEFAULT_SECTION = "general"


def tabs() -> list[Tab]:
    result = [Tab("general", "General"), Tab("service", "Services")]
    for tab in result:
        tab.sections.extend(s for s in SECTIONS.values() if s.tab == tab.id)
    return result
