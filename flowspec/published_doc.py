"""The published doc, read at run time: "Add or verify the Amazon API key" as Adobe publishes its Markdown.

The project ships no copy of the vendor's text: a path or an http(s) URL of the German or English edition is
read when asked for (``read_source``) and split into what a reader follows (``parse``): the front matter (its
``source-git-commit`` is the revision), the introduction that states the rule, and the numbered steps, each with
its own Markdown and the plain text a person reads. The living doc shows the steps' text; the drift check
compares the facts in them with what the features rely on.
"""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

READ_TIMEOUT_SECONDS = 10.0
MAX_BYTES = 2_000_000  # the page is a few KB; anything far larger is not this doc
STEP_START = re.compile(r"^(\d+)\.\s+(.*)$")  # Adobe's Markdown numbers every item "1."; the order gives the number
CONTINUATION = re.compile(r"^(?:\s{2,}|\t)")
GERMAN_WORDS = re.compile(r"\b(?:Sie|und|der|die|das|wird|nicht|Schlüssel|Klick|zum)\b")
ENGLISH_WORDS = re.compile(r"\b(?:you|and|the|is|not|key|Click|to)\b")


class DocUnreadable(Exception):
    """The doc could not be read (missing file, refused or failed download, not UTF-8 text)."""


class NotThisDoc(Exception):
    """The text was read but does not look like the "Add or verify the Amazon API key" doc."""


@dataclass(frozen=True)
class PublishedStep:
    number: int  # 1, 2, ... in the doc's order
    markdown: str  # the step's own Markdown: its first line and its indented continuation, dedented
    text: str  # what a person reads: UI markup resolved, pictures left out, paragraphs kept


@dataclass(frozen=True)
class PublishedDoc:
    source: str
    title: str
    front_matter: dict[str, str]
    intro_markdown: str  # between the title and the first step: the rule
    steps: tuple[PublishedStep, ...]
    language: str  # "de" or "en", by the words the text uses
    tail_markdown: str = field(default="", repr=False)  # after the last step (the link to the next doc)

    @property
    def revision(self) -> str | None:
        """The ``source-git-commit`` of the front matter (the German edition has one; the English may not)."""
        return self.front_matter.get("source-git-commit") or None

    @property
    def intro_text(self) -> str:
        return plain_text(self.intro_markdown)

    def step(self, number: int) -> PublishedStep | None:
        return next((s for s in self.steps if s.number == number), None)


def read_source(location: str, timeout: float = READ_TIMEOUT_SECONDS) -> str:
    """The text at ``location``: a file path or an http(s) URL. Raises ``DocUnreadable`` with the reason."""
    if urlsplit(location).scheme in ("http", "https"):
        try:
            with urllib.request.urlopen(location, timeout=timeout) as answer:
                data = answer.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise DocUnreadable(f"{location} answered HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DocUnreadable(f"{location} could not be read: {reason}") from None
    else:
        try:
            data = Path(location).read_bytes()
        except OSError as exc:
            raise DocUnreadable(f"{location} could not be read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise DocUnreadable(f"{location} is larger than {MAX_BYTES} bytes: not this doc")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise DocUnreadable(f"{location} is not UTF-8 text") from None


def load(location: str, timeout: float = READ_TIMEOUT_SECONDS) -> PublishedDoc:
    return parse(read_source(location, timeout), source=location)


def parse(markdown: str, source: str = "") -> PublishedDoc:
    """Split the doc into front matter, introduction, numbered steps and tail. ``NotThisDoc`` when it has no
    title, no numbered steps, or does not mention the Amazon API key."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    front, body = _front_matter(lines)
    title_at = next((i for i, line in enumerate(body) if line.startswith("# ")), None)
    if title_at is None:
        raise NotThisDoc(f"{source or 'the text'} has no title (a line starting with '# ')")
    title = plain_text(body[title_at][2:])
    steps, intro, tail = _steps(body[title_at + 1 :])
    if not steps:
        raise NotThisDoc(f"{source or 'the text'} has no numbered steps")
    if "amazon" not in title.lower() or "api" not in title.lower():
        raise NotThisDoc(f"{source or 'the text'} is titled {title!r}, not the Amazon API key doc")
    words = " ".join([intro, *(s.markdown for s in steps)])
    language = "de" if len(GERMAN_WORDS.findall(words)) > len(ENGLISH_WORDS.findall(words)) else "en"
    return PublishedDoc(source, title, front, intro, tuple(steps), language, tail)


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    if not lines or lines[0].strip() != "---":
        return {}, lines
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return {}, lines
    front = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        if sep and key.strip():
            front[key.strip()] = value.strip().strip("'\"")
    return front, lines[end + 1 :]


def _steps(lines: list[str]) -> tuple[list[PublishedStep], str, str]:
    """The numbered list's items (each with its indented continuation), what comes before and after it."""
    starts = [i for i, line in enumerate(lines) if STEP_START.match(line)]
    if not starts:
        return [], "\n".join(lines).strip(), ""
    steps, end = [], starts[0]
    for number, start in enumerate(starts, 1):
        item = [STEP_START.match(lines[start]).group(2)]  # type: ignore[union-attr]
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or CONTINUATION.match(lines[end])):
            if end + 1 < len(lines) and not lines[end].strip() and STEP_START.match(lines[end + 1]):
                break
            item.append(lines[end])
            end += 1
        # a blank line then an unindented line that is not a step ends the list
        raw = _dedent(item)
        steps.append(PublishedStep(number, raw, plain_text(raw)))
        if end < len(lines) and lines[end].strip() and not STEP_START.match(lines[end]):
            break
    intro = "\n".join(lines[: starts[0]]).strip()
    tail = "\n".join(lines[end:]).strip()
    return steps, intro, tail


def _dedent(item: list[str]) -> str:
    first, rest = item[0], item[1:]
    indents = [len(line) - len(line.lstrip()) for line in rest if line.strip()]
    cut = min(indents) if indents else 0
    return "\n".join([first, *(line[cut:] for line in rest)]).strip()


IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)(?:\{[^}]*\})?")
# A UI label with the emphasis around it; the machine translation often glues it to the next word
# ("_[!UICONTROL Admin]_Sidebar"), so it is set apart by spaces.
UI_MARKUP = re.compile(r"(?:\*\*|_)?\[!(?:UICONTROL|DNL)\s+([^\]]*)\](?:\*\*|_)?")
EMPHASIS = re.compile(r"\*\*|(?<![\w/.-])_|_(?![\w/.-])")
CODE = re.compile(r"`([^`]*)`")


def plain_text(markdown: str) -> str:
    """What a person reads of a piece of the doc's Markdown: ``[!UICONTROL X]`` and ``[!DNL X]`` become X,
    links their text, pictures are left out, emphasis and code marks go; paragraphs and list items stay
    on lines of their own."""
    text = IMAGE.sub("", markdown)
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)  # a heading reads as its words
    text = UI_MARKUP.sub(r" \1 ", text)
    text = LINK.sub(r"\1", text)
    text = CODE.sub(r"\1", text)
    text = EMPHASIS.sub("", text)
    text = html.unescape(text)
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            line = re.sub(r"[ \t]+", " ", " ".join(lines))
            paragraphs.append(re.sub(r" (?=[,.;:!?])", "", line).strip())
    return "\n".join(paragraphs)
