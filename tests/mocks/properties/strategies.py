"""What the property tests send: text of every kind, with the characters that broke things before."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.mocks.conftest import CONTROL_TOKEN, as_on_the_wire

ANY_CHARACTER = st.characters()  # all of Unicode, lone surrogates included (JSON can escape one: "\ud800")
TRICKY = [
    "", " ", "\t", "\r", "\n", "\r\n", "\x00", "\x1b", "\x7f", "\x85", "\xa0",
    "\u200b", "\u200f", "\u2028", "\u202e", "\ufeff", "\ufffd", "\uffff",
    "\ud800", "\udfff", "\ud83d\udd11",  # lone surrogates, and a pair that JSON joins into one character
    "e\u0301", "\u0958", "\u212a", "\U0001f511", "ß", "ключ",
    "<script>alert(1)</script>", "'\"&", "%00", "%0d%0a", "../", "\\", "{{7*7}}", "a" * 40,
]  # fmt: skip


def texts(max_length: int = 64) -> st.SearchStrategy[str]:
    """Any text around ``max_length`` long or shorter, often built of the tricky pieces."""
    return st.one_of(
        st.text(ANY_CHARACTER, max_size=max_length + 3),
        st.lists(st.sampled_from(TRICKY), max_size=6).map("".join),
        st.text(st.sampled_from("abc\u0958e\u0301 \t"), min_size=max(0, max_length - 3), max_size=max_length + 3),
    )


def json_values(max_leaves: int = 6) -> st.SearchStrategy[object]:
    """Any JSON value, small."""
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        texts(40),
    )
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts(8), inner, max_size=3),
        max_leaves=max_leaves,
    )


def json_objects(fields: list[str]) -> st.SearchStrategy[dict[str, object]]:
    """Objects with some of ``fields`` (any JSON value each), now and then a field of another name."""
    known = st.fixed_dictionaries({}, optional={name: json_values() for name in fields})
    extra = st.dictionaries(texts(12), json_values(), max_size=2)
    return st.one_of(known, st.tuples(known, extra).map(lambda pair: {**pair[1], **pair[0]}))


# --------------------------------------------------------------------------- headers

HOSTS = [
    "localhost", "127.0.0.1:8080", "[::1]:1", "a..b", "x" * 64 + ".example", "a" * 254, "exa mple", "ex/ample",
    "example.com:99999", "example.com:-1", "é.example", "xn--", ".", "[", "@", "user@host", "host:port:x",
]  # fmt: skip
HEADER_NAMES = [
    "Host", "Cookie", "Accept", "Accept-Language", "Content-Type", "Referer", "Origin", "User-Agent",
    "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Authorization", "If-None-Match",
    "If-Modified-Since", "Range", "magento-api-key", "X-Mock-Control-Token", "X-Requested-With",
]  # fmt: skip
TOKEN_CHARACTERS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def header_values() -> st.SearchStrategy[str]:
    """Any text (all of Unicode, lone surrogates included), as the bytes a client would send for it."""
    return texts(60).map(as_on_the_wire)


def headers() -> st.SearchStrategy[list[tuple[str, str]]]:
    """A request's headers: the usual names and any other, each with any value; Host often a host name of sorts.
    Never the control token (the calls it opens are tested with their own oracles)."""
    other = st.text(st.sampled_from(TOKEN_CHARACTERS), min_size=1, max_size=20).filter(
        lambda n: n.lower() not in ("content-length", "transfer-encoding")  # framing: the test client sets it
    )
    name = st.sampled_from(HEADER_NAMES) | other
    value = header_values() | st.sampled_from(HOSTS)
    pairs = st.lists(st.tuples(name, value), max_size=6)
    return pairs.filter(lambda found: all(v != CONTROL_TOKEN for _, v in found))
