"""Length counters, one per way a platform counts.

A counter first puts the text in the form the platform counts (X normalizes to NFC and
makes every line break one LF), then splits it into *special* spans (links, emoji,
remote mentions), each with a fixed cost, and plain stretches between them, costed in
bulk with C-speed string operations. ``measure`` gives the length and a function that
finds where the text passes a limit, so the editor can mark the overflowing part.

Counters:
- ``twitter_v3``: X's weighted length (twitter-text v3): code points in U+0000-10FF,
  2000-200D, 2010-201F, 2032-2037 weigh 1, all others 2; an emoji sequence (skin tone, flag,
  keycap, tag, and a ZWJ sequence Unicode lists) weighs 2 in total; every link twitter-text
  finds weighs 23.
- ``graphemes``: extended grapheme clusters (Unicode ``\\X``), as Bluesky's PDS counts.
- ``mastodon``: graphemes, each http(s) link 23, ``@user@server`` counted as ``@user``.
- ``bluesky``: graphemes after the official app shortens its links' labels (``bluesky_label``).
- ``threads``: code points, but an emoji costs its UTF-8 bytes (Meta's Threads API).
- ``utf16``: UTF-16 code units (TikTok, and the safe unit where a platform is silent).
- ``utf8_bytes``: UTF-8 bytes (YouTube descriptions, Bluesky's byte cap).
- ``codepoints``: Python's ``len``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from itertools import islice

from edcal.domain.rules.entities import Entity, extract_mentions, extract_urls
from edcal.record import record

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

Span = tuple[int, int, int]  # start, end, cost


@cache
def _heavy() -> re.Pattern[str]:
    """A code point X weighs 2."""
    return re.compile("[^\u0000-\u10FF\u2000-\u200D\u2010-\u201F\u2032-\u2037]")


@cache
def _emoji_pattern() -> re.Pattern[str]:
    """An emoji as X counts it: a flag, a keycap, or a pictograph with its skin tone, tag and
    ZWJ joins. A pictograph shown as emoji by default takes no variation selector; one shown as
    text by default may take U+FE0F (as in Unicode's emoji-test.txt, which twitter-text's list
    comes from). In `re`, from generated tables (pictographs.py), so counting X never loads
    `regex`; tests/unit/test_rules_counting.py holds it against the \\p{...} pattern."""
    from edcal.domain.rules.pictographs import PRESENTATION, TEXT

    pictograph = f"(?:[{PRESENTATION}]|[{TEXT}]\uFE0F?)[\U0001F3FB-\U0001F3FF]?"
    # The lookahead first: `re` tries the pattern at every position, and most positions fail
    # there, on one small class (without it, 10 times slower on a long text): what can start
    # an emoji is #, *, a digit or beyond ASCII, written as what cannot (a class of ASCII
    # compiles in microseconds, one spanning the BMP in milliseconds).
    return re.compile(
        "(?=[^\x00-\x22\x24-\x29\x2b-\x2f\x3a-\x7f])"
        "(?:[\U0001F1E6-\U0001F1FF]{2}"
        "|[#*0-9]\uFE0F?\u20E3"
        f"|{pictograph}(?:[\U000E0020-\U000E007E]+\U000E007F|\u200D{pictograph})*)"
    )


@cache
def _cluster() -> Any:  # a compiled `regex` pattern (the package has no type hints)
    """An extended grapheme cluster: Unicode's segmentation needs the `regex` package (12 ms to
    import), so it loads only for counts by graphemes of text beyond ASCII."""
    import regex

    return regex.compile(r"\X")


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _graphemes(s: str) -> int:
    """Extended grapheme clusters in ``s``.

    Two ASCII characters always break apart except CR LF, so only the non-ASCII runs,
    widened by one character each side (a combining mark joins the letter before it),
    need the full segmentation.
    """
    joins = s.count("\r\n")
    if s.isascii():
        return len(s) - joins
    cluster = _cluster()
    segments: list[list[int]] = []
    for m in _NON_ASCII.finditer(s):
        start, end = max(m.start() - 1, 0), min(m.end() + 1, len(s))
        if segments and start < segments[-1][1]:
            segments[-1][1] = end
        else:
            segments.append([start, end])
    for start, end in segments:
        joins += (end - start) - len(cluster.findall(s, start, end))
    return len(s) - joins


def _grapheme_cut(s: str, room: int) -> int:
    if s.isascii() and "\r" not in s:  # one cluster a character
        return room
    cluster = next(islice(_cluster().finditer(s), room, None))
    return int(cluster.start())


def _bisect(plain: Callable[[str], int]) -> Callable[[str, int], int]:
    """A ``cut`` for a count that adds up its characters' weights: the shortest prefix of the
    stretch that weighs more than ``room`` ends with the character that does not fit."""

    def cut(s: str, room: int) -> int:
        low, high = 0, len(s)  # plain(s[:high]) > room
        while low < high:
            middle = (low + high) // 2
            if plain(s[: middle + 1]) > room:
                high = middle
            else:
                low = middle + 1
        return low

    return cut


_LINE_BREAK = re.compile(r"\r\n?")


def _x_form(s: str) -> str:
    """The text as X counts it: NFC, and CR LF or a lone CR as one LF."""
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    return _LINE_BREAK.sub("\n", s) if "\r" in s else s


def _x_weight(s: str) -> int:
    if s.isascii() or max(s) <= "\u10ff":  # every character weighs 1 (most scripts of Europe and the Middle East)
        return len(s)
    return len(s) + len(_heavy().findall(s))


def _x_cut(s: str, room: int) -> int:
    return room if s.isascii() else _bisect(_x_weight)(s, room)


def _utf16(s: str) -> int:
    return len(s) if s.isascii() else len(s.encode("utf-16-le", "surrogatepass")) // 2




def _utf8(s: str) -> int:
    return len(s.encode("utf-8", "surrogatepass"))


def _cp_cut(s: str, room: int) -> int:
    return room


def _same(s: str) -> str:
    return s


@record
class Counter:
    name: str
    plain: Callable[[str], int]  # the count of a stretch without special spans
    cut: Callable[[str, int], int]  # the index of a stretch's first character past ``room`` units
    specials: Callable[[str, list[Entity]], list[Span]]
    form: Callable[[str], str] = _same  # the text as the platform counts it
    links: Callable[[str], list[Entity]] = extract_urls  # the links the platform finds

    def pieces(self, text: str, specials: list[Span]) -> list[tuple[int, int, Span]]:
        """``text`` (in its counted form) as stretches, each (start, plain count) followed by
        the special span after it; the last one's span is empty, at the end."""
        found, pos = [], 0
        for span in [*specials, (len(text), len(text), 0)]:
            found.append((pos, self.plain(text[pos : span[0]]), span))
            pos = span[1]
        return found

    def overflow_at(self, text: str, pieces: list[tuple[int, int, Span]], limit: int) -> int | None:
        """Index of the first character that does not fit in ``limit``, or None."""
        total = 0
        for pos, weight, (start, end, cost) in pieces:
            if total + weight > limit:
                return pos + self.cut(text[pos:start], limit - total)
            total += weight
            if total + cost > limit and end > start:
                return start
            total += cost
        return None

    def measure(self, text: str, links: list[Entity] | None = None) -> tuple[int, Callable[[int], int | None]]:
        """The length of ``text``, and where it passes a limit (an index into ``text``).
        ``links`` are the platform's links in ``text`` when the caller has them already."""
        counted = self.form(text)
        if counted is not text or links is None:
            links = self.links(counted)
        pieces = self.pieces(counted, self.specials(counted, links))
        length = sum(weight + span[2] for _, weight, span in pieces)

        def overflow(limit: int) -> int | None:
            at = None if length <= limit else self.overflow_at(counted, pieces, limit)
            return at if at is None or counted is text else _index_before_form(text, at, self.form)

        return length, overflow


def _index_before_form(text: str, at: int, form: Callable[[str], str]) -> int:
    """The index in ``text`` of the first character whose counted form lies past ``at``: the
    end of the longest prefix whose form is at most ``at`` characters long (so a combining
    mark stays with the letter NFC joins it to)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if len(form(text[:middle])) <= at:
            low = middle
        else:
            high = middle - 1
    return low


def _no_specials(text: str, urls: list[Entity]) -> list[Span]:
    return []


def _emoji(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the emoji in ``text``. A ZWJ join of emoji is one emoji only when Unicode
    lists the sequence; otherwise its longest listed parts are, and each ZWJ between them is a
    character of its own (as twitter-text counts it)."""
    for m in _emoji_pattern().finditer(text):
        if "\u200d" not in m[0]:
            yield m.span()
            continue
        from edcal.domain.rules.emoji import zwj_sequences

        if m[0] in zwj_sequences():
            yield m.span()
            continue
        parts, at, i = m[0].split("\u200d"), m.start(), 0
        while i < len(parts):
            j = next((j for j in range(len(parts), i + 1, -1) if "\u200d".join(parts[i:j]) in zwj_sequences()), i + 1)
            size = len("\u200d".join(parts[i:j]))
            yield at, at + size
            at, i = at + size + 1, j


def _x_specials(text: str, urls: list[Entity]) -> list[Span]:
    spans = [(u.start, u.start + len(u.text), 23) for u in urls]  # see extract_urls: the text may be shorter
    if not text.isascii():
        emoji = [(start, end, 2) for start, end in _emoji(text)]
        if urls:
            emoji = [e for e in emoji if not any(u[0] <= e[0] < u[1] for u in spans)]
        spans = sorted(spans + emoji)
    return spans


def _mastodon_specials(text: str, urls: list[Entity]) -> list[Span]:
    spans = [(u.start, u.end, 23) for u in urls if u.text.lower().startswith(("http://", "https://"))]
    for m in extract_mentions(text, urls):
        if m.server:
            spans.append((m.start, m.end, 1 + len(m.text)))
    spans.sort()
    return spans


def _threads_specials(text: str, urls: list[Entity]) -> list[Span]:
    if text.isascii():
        return []
    return [(start, end, _utf8(text[start:end])) for start, end in _emoji(text)]


# -- Bluesky: the app's own link detection and link labels ----------------------------------

@cache
def _bluesky_link_pattern() -> re.Pattern[str]:
    # The app's rich-text detection: after a line start, a space or "(", an http(s) URL up to
    # the next space, or a bare domain whose last label is a top-level domain in IANA's list.
    return re.compile(r"(?:^|(?<=[\s(]))(https?://\S+|(?P<domain>[a-z][a-z0-9]*(?:\.[a-z0-9]+)+)\S*)",
                      re.I | re.M)


def bluesky_links(text: str) -> list[Entity]:
    """Links as Bluesky's app finds them: trailing ``.,;:!?`` and an unopened ``)`` left out."""
    if "." not in text:
        return []
    from edcal.domain.rules.tlds import IANA

    found = []
    for m in _bluesky_link_pattern().finditer(text):
        domain = m["domain"]
        if domain is not None and domain.rsplit(".", 1)[-1] not in IANA:  # the app's check is case-sensitive
            continue
        start, end = m.start(1), m.end(1)
        if text[end - 1] in ".,;:!?":
            end -= 1
        if text[end - 1] == ")" and "(" not in text[start:end]:
            end -= 1
        found.append(Entity("url", text[start:end], start, end))
    return found


_DEFAULT_PORTS = {"http": "80", "https": "443"}
_PATH_SAFE = "!$&'()*+,-./:;=@_~%[]|^"
_QUERY_SAFE = "!$&'()*+,-./:;=?@_~%[]{}|^`\\"
_FRAGMENT_SAFE = "!$&'()*+,-./:;=?@_~%[]{}|^#\\"


def _percent_encode(part: str, safe: str) -> str:
    from urllib.parse import quote

    return quote(part, safe=safe)


def _host_label(label: str) -> str:
    label = label.lower()
    return label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")


def bluesky_label(url: str) -> str:
    """The label Bluesky's app writes for a link it shortens: the URL parsed as a browser
    parses it (host lowercased and punycoded, default port dropped, path, query and fragment
    percent-encoded), then host + path + query + fragment, a lone "/" path dropped, and when
    that tail is longer than 15 characters its first 13 and "...". A link without http(s)://
    keeps its text."""
    m = re.fullmatch(r"(https?)://([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?", url, re.I | re.S)
    if m is None:
        return url
    scheme, authority, path, query, fragment = m[1].lower(), m[2], m[3], m[4] or "", m[5] or ""
    host = authority.rsplit("@", 1)[-1]
    port = ""
    if re.search(r":\d*$", host):
        host, port = host.rsplit(":", 1)
        port = "" if port.lstrip("0") in ("", _DEFAULT_PORTS[scheme]) else ":" + port.lstrip("0")
    host = ".".join(_host_label(label) for label in host.split("."))
    segments: list[str] = []
    for segment in path.replace("\\", "/").split("/")[1:]:
        if segment in (".", "%2e", "%2E"):
            continue
        if segment in ("..", ".%2e", "%2e.", "%2e%2e"):
            if segments:
                segments.pop()
            continue
        segments.append(_percent_encode(segment, _PATH_SAFE))
    path = "/" + "/".join(segments)
    tail = ("" if path == "/" else path) + _percent_encode(query, _QUERY_SAFE) + _percent_encode(fragment, _FRAGMENT_SAFE)
    if len(tail.encode("utf-16-le")) // 2 > 15:
        return f"{host}{port}{tail[:13]}..."
    return f"{host}{port}{tail}"


def _bluesky_specials(text: str, links: list[Entity]) -> list[Span]:
    return [(u.start, u.end, _graphemes(bluesky_label(u.text))) for u in links
            if u.text[:8].lower().startswith(("http://", "https://"))]


COUNTERS: dict[str, Counter] = {
    c.name: c
    for c in (
        Counter("twitter_v3", _x_weight, _x_cut, _x_specials, form=_x_form),
        Counter("graphemes", _graphemes, _grapheme_cut, _no_specials),
        Counter("mastodon", _graphemes, _grapheme_cut, _mastodon_specials),
        Counter("bluesky", _graphemes, _grapheme_cut, _bluesky_specials, links=bluesky_links),
        Counter("threads", len, _cp_cut, _threads_specials),
        Counter("utf16", _utf16, _bisect(_utf16), _no_specials),
        Counter("utf8_bytes", _utf8, _bisect(_utf8), _no_specials),
        Counter("codepoints", len, _cp_cut, _no_specials),
    )
}


def count(text: str, counter: str = "codepoints") -> int:
    """The length of ``text`` as the named counter counts it."""
    return COUNTERS[counter].measure(text)[0]
