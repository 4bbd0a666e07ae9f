"""The published doc is read and split into its rule and numbered steps, for both editions."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from flowspec.published_doc import DocUnreadable, NotThisDoc, load, parse, plain_text
from tests.flowspec.conftest import SEEDS, needs_seeds


@needs_seeds
@pytest.mark.parametrize("edition, language", [("de", "de"), ("en", "en")])
def test_both_editions_have_nine_steps_in_order(edition: str, language: str) -> None:
    doc = load(str(SEEDS / f"amazon-api-key.{edition}.md"))
    assert doc.language == language
    assert [s.number for s in doc.steps] == list(range(1, 10))
    assert "Production Api key" in doc.step(7).text  # type: ignore[union-attr]
    assert "Save Config" in doc.step(8).text  # type: ignore[union-attr]
    assert "[!UICONTROL" not in "".join(s.text for s in doc.steps)
    assert "store-integration.md" in doc.tail_markdown


@needs_seeds
def test_the_german_edition_names_its_revision_and_reads_without_markup() -> None:
    doc = load(str(SEEDS / "amazon-api-key.de.md"))
    assert doc.revision and len(doc.revision) == 40
    step2 = doc.step(2)
    assert step2 is not None and "Marketing > Channels > Amazon Sales Channel" in step2.text  # glued labels set apart


def test_plain_text_resolves_labels_links_and_pictures() -> None:
    md = "Klick **[!UICONTROL Sign in]** , um [die [!DNL Commerce] Seite](https://x/){target=&quot;_blank&quot;}.\n\n![Bild](a.png)"
    assert plain_text(md) == "Klick Sign in, um die Commerce Seite."


def test_continuation_lines_stay_with_their_step() -> None:
    doc = parse("# Amazon API key\n\nRule.\n\n1. One.\n\n   More of one.\n\n1. Two.\n\nAfter.\n")
    assert [s.text for s in doc.steps] == ["One.\nMore of one.", "Two."]
    assert doc.intro_text == "Rule."
    assert doc.tail_markdown == "After."


@pytest.mark.parametrize(
    "text", ["no title\n\n1. step", "# Amazon API key\n\nno steps at all", "# Release notes\n\n1. step"]
)
def test_a_text_that_is_not_this_doc_is_refused(text: str) -> None:
    with pytest.raises(NotThisDoc):
        parse(text)


def test_a_missing_file_or_a_refusing_url_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(DocUnreadable, match="could not be read"):
        load(str(tmp_path / "missing.md"))

    class NotFound(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), NotFound)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(DocUnreadable, match="HTTP 404"):
            load(f"http://127.0.0.1:{server.server_address[1]}/doc.md")
    finally:
        server.shutdown()
