"""The facts of the published doc that a person following it acts on, and what changes between two sets of them.

A fact is a UI label (``[!UICONTROL ...]``), a menu path (labels joined by ``>``), the example description (a
code span), a picture's file name or a link's target. Prose is not a fact: a re-translation that rewrites the
sentences around the same labels changes none. ``[!DNL ...]`` names are not facts either: the editions mark
them differently (``[!DNL Commerce Admin]`` against ``[!DNL Commerce] Admin``) and nothing is clicked by them.

The German edition's machine-translated markup glues labels to words (``_[!UICONTROL Admin]_Sidebar``) and
varies the separators (``**[!UICONTROL Marketing]**>_[!UICONTROL Channels]_ > ...``); both editions give the
same facts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from difflib import SequenceMatcher
from pathlib import PurePosixPath

UI_LABEL = re.compile(r"\[!UICONTROL\s+([^\]]*)\]")
PATH_SEPARATOR = re.compile(r"^[\s*_]*>[\s*_]*$")  # only emphasis and spaces around the ">"
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*([^)\s]+)[^)]*\)")
LINK_TARGET = re.compile(r"\]\(\s*([^)\s]+)[^)]*\)")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
SIMILAR = 0.5  # a removed and an added value this alike (difflib's ratio) read as one value renamed


@dataclass(frozen=True)
class Facts:
    """The facts of one part of the doc, each kind in the doc's order, without repeats."""

    labels: tuple[str, ...] = ()  # UI labels that are not part of a menu path
    paths: tuple[str, ...] = ()  # menu paths, "A > B > C"
    examples: tuple[str, ...] = ()  # the example description ("Amazon Sales Channel")
    pictures: tuple[str, ...] = ()  # file names, without their folder
    links: tuple[str, ...] = ()  # link targets as written ("./store-integration.md", "https://...")

    def key(self) -> tuple[tuple[str, ...], ...]:
        """What identifies the part when the doc's steps are lined up with the suite's: all its facts."""
        return tuple(tuple(sorted(getattr(self, kind))) for kind in KINDS)

    def values(self) -> list[tuple[str, str]]:
        return [(kind, value) for kind in KINDS for value in getattr(self, kind)]

    def describe(self) -> str:
        """'label "Add New", picture amazon-add-api-key.png', or 'no facts' (prose only)."""
        return ", ".join(_show(kind, value) for kind, value in self.values()) or "no facts (prose only)"

    def __add__(self, other: Facts) -> Facts:
        return Facts(*(_unique([*getattr(self, kind), *getattr(other, kind)]) for kind in KINDS))


KINDS = tuple(f.name for f in fields(Facts))
NOUNS = {"labels": "label", "paths": "menu path", "examples": "example", "pictures": "picture", "links": "link"}


def facts_of(markdown: str, pictures: bool = True) -> Facts:
    """The facts in a piece of the doc's Markdown (a step, the introduction, the tail)."""
    text = html.unescape(markdown)
    images = [PurePosixPath(target).name for target in IMAGE.findall(text)]
    text = IMAGE.sub(" ", text)
    labels, paths = _labels_and_paths(text)
    return Facts(
        labels=_unique(labels),
        paths=_unique(paths),
        examples=_unique(code.strip() for code in CODE_SPAN.findall(text)),
        pictures=_unique(images) if pictures else (),
        links=_unique(LINK_TARGET.findall(text)),
    )


def _labels_and_paths(text: str) -> tuple[list[str], list[str]]:
    """Labels joined by nothing but ``>`` (and emphasis) form a menu path; the others stand alone."""
    matches = list(UI_LABEL.finditer(text))
    runs: list[list[str]] = []
    for at, match in enumerate(matches):
        label = " ".join(match.group(1).split())
        between = text[matches[at - 1].end() : match.start()] if at else ""
        if at and PATH_SEPARATOR.match(between):
            runs[-1].append(label)
        else:
            runs.append([label])
    labels = [run[0] for run in runs if len(run) == 1]
    return labels, [" > ".join(run) for run in runs if len(run) > 1]


def changes_between(old: Facts, new: Facts) -> list[tuple[str, str | None, str | None]]:
    """What changed from ``old`` to ``new``, kind by kind: (kind, old value, new value); a value renamed has
    both, one removed has no new value, one added no old value."""
    found: list[tuple[str, str | None, str | None]] = []
    for kind in KINDS:
        before, after = getattr(old, kind), getattr(new, kind)
        gone = [value for value in before if value not in after]
        came = [value for value in after if value not in before]
        for a, b in _renamed(gone, came):
            found.append((kind, a, b))
            gone.remove(a)
            came.remove(b)
        found += [(kind, value, None) for value in gone] + [(kind, None, value) for value in came]
    return found


def _renamed(gone: list[str], came: list[str]) -> list[tuple[str, str]]:
    """Pairs of a removed and an added value that read as one renamed: as many removed as added, one by one
    in order; else the most alike pairs, if alike enough."""
    if len(gone) == len(came):
        return list(zip(gone, came, strict=True))
    scored = sorted(((similarity(a, b), a, b) for a in gone for b in came), reverse=True)
    pairs: list[tuple[str, str]] = []
    for score, a, b in scored:
        if score >= SIMILAR and all(a != p[0] and b != p[1] for p in pairs):
            pairs.append((a, b))
    return pairs


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a.lower(), b.lower(), autojunk=False).ratio()


def show_change(kind: str, old: str | None, new: str | None) -> str:
    if old is not None and new is not None:
        return f"{NOUNS[kind]} {quote(kind, old)} → {quote(kind, new)}"
    if old is not None:
        return f"{_show(kind, old)} removed"
    return f"{_show(kind, new or '')} added"


def _show(kind: str, value: str) -> str:
    return f"{NOUNS[kind]} {quote(kind, value)}"


def quote(kind: str, value: str) -> str:
    return value if kind in ("pictures", "links") else f'"{value}"'


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
