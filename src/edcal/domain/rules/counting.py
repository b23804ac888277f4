"""Length counters, one per way a platform counts.

A counter first puts the text in the form the platform counts (X normalizes to NFC and
makes every line break one LF), then splits it into *special* spans (links, emoji,
remote mentions), each with a fixed cost, and plain stretches between them, costed in
bulk with C-speed string operations. ``measure`` gives the length and a function that
finds where the text passes a limit, so the editor can mark the overflowing part.

Counters:
- ``twitter_v3``: X's weighted length (twitter-text v3): code points in U+0000-10FF,
  2000-200D, 2010-201F, 2032-2037 weigh 1, all others 2; an emoji sequence (ZWJ, skin tone,
  flag, keycap, tag) weighs 2 in total; every link twitter-text finds weighs 23.
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
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from edcal.domain.rules.entities import Entity, extract_mentions, extract_urls

Span = tuple[int, int, int]  # start, end, cost


@cache
def _re() -> tuple[Any, ...]:  # compiled `regex` patterns (the package has no type hints)
    heavy = regex.compile(r"[^\u0000-\u10FF\u2000-\u200D\u2010-\u201F\u2032-\u2037]")
    # An emoji shown as emoji by default takes no variation selector; a text-default one may
    # take U+FE0F (as in Unicode's emoji-test.txt, which twitter-text's list comes from).
    pictograph = r"(?:(?=\p{Emoji_Presentation})\p{Extended_Pictographic}|\p{Extended_Pictographic}\uFE0F?)\p{EMod}?"
    emoji = regex.compile(
        r"\p{RI}\p{RI}"
        r"|[#*0-9]\uFE0F?\u20E3"
        rf"|{pictograph}(?:[\U000E0020-\U000E007E]+\U000E007F|\u200D{pictograph})*"
    )
    grapheme = regex.compile(r"\X")
    non_ascii = regex.compile(r"[^\x00-\x7f]+")
    return heavy, emoji, grapheme, non_ascii


def _graphemes(s: str) -> int:
    """Extended grapheme clusters in ``s``.

    Two ASCII characters always break apart except CR LF, so only the non-ASCII runs,
    widened by one character each side (a combining mark joins the letter before it),
    need the full segmentation.
    """
    joins = s.count("\r\n")
    if s.isascii():
        return len(s) - joins
    cluster = _re()[2]
    segments: list[list[int]] = []
    for m in _re()[3].finditer(s):
        start, end = max(m.start() - 1, 0), min(m.end() + 1, len(s))
        if segments and start < segments[-1][1]:
            segments[-1][1] = end
        else:
            segments.append([start, end])
    for start, end in segments:
        joins += (end - start) - len(cluster.findall(s, start, end))
    return len(s) - joins


def _grapheme_units(s: str) -> Iterator[tuple[int, int]]:
    for m in _re()[2].finditer(s):
        yield m.end(), 1


_LINE_BREAK = re.compile(r"\r\n?")


def _x_form(s: str) -> str:
    """The text as X counts it: NFC, and CR LF or a lone CR as one LF."""
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    return _LINE_BREAK.sub("\n", s) if "\r" in s else s


def _x_weight(s: str) -> int:
    return len(s) + len(_re()[0].findall(s))


def _x_units(s: str) -> Iterator[tuple[int, int]]:
    for i, c in enumerate(s, 1):
        yield i, _x_weight(c)


def _utf16(s: str) -> int:
    return len(s) if s.isascii() else len(s.encode("utf-16-le", "surrogatepass")) // 2


def _utf16_units(s: str) -> Iterator[tuple[int, int]]:
    for i, c in enumerate(s, 1):
        yield i, 2 if ord(c) > 0xFFFF else 1


def _utf8(s: str) -> int:
    return len(s.encode("utf-8", "surrogatepass"))


def _utf8_units(s: str) -> Iterator[tuple[int, int]]:
    for i, c in enumerate(s, 1):
        yield i, len(c.encode("utf-8", "surrogatepass"))


def _cp_units(s: str) -> Iterator[tuple[int, int]]:
    for i in range(1, len(s) + 1):
        yield i, 1


def _same(s: str) -> str:
    return s


@dataclass(frozen=True)
class Counter:
    name: str
    plain: Callable[[str], int]
    units: Callable[[str], Iterator[tuple[int, int]]]
    specials: Callable[[str, list[Entity]], list[Span]]
    form: Callable[[str], str] = _same  # the text as the platform counts it
    links: Callable[[str], list[Entity]] = extract_urls  # the links the platform finds

    def length(self, text: str, specials: list[Span]) -> int:
        """The count of ``text`` (in its counted form), given ``self.specials(text, links)``."""
        total, pos = 0, 0
        for start, end, cost in specials:
            total += self.plain(text[pos:start]) + cost
            pos = end
        return total + self.plain(text[pos:])

    def overflow_at(self, text: str, specials: list[Span], limit: int) -> int | None:
        """Index of the first character that does not fit in ``limit``, or None."""
        total, pos = 0, 0
        for start, end, cost in [*specials, (len(text), len(text), 0)]:
            stretch = text[pos:start]
            weight = self.plain(stretch)
            if total + weight > limit:
                prev = 0
                for unit_end, unit in self.units(stretch):
                    total += unit
                    if total > limit:
                        return pos + prev
                    prev = unit_end
            else:
                total += weight
            if total + cost > limit and end > start:
                return start
            total += cost
            pos = end
        return None

    def measure(self, text: str, links: list[Entity] | None = None) -> tuple[int, Callable[[int], int | None]]:
        """The length of ``text``, and where it passes a limit (an index into ``text``).
        ``links`` are the platform's links in ``text`` when the caller has them already."""
        counted = self.form(text)
        if counted is not text or links is None:
            links = self.links(counted)
        specials = self.specials(counted, links)

        def overflow(limit: int) -> int | None:
            at = self.overflow_at(counted, specials, limit)
            return at if at is None or counted is text else _index_before_form(text, at, self.form)

        return self.length(counted, specials), overflow


def _index_before_form(text: str, at: int, form: Callable[[str], str]) -> int:
    """The index in ``text`` whose counted form is ``at`` characters long (the first such)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        if len(form(text[:middle])) < at:
            low = middle + 1
        else:
            high = middle
    return low


def _no_specials(text: str, urls: list[Entity]) -> list[Span]:
    return []


def _x_specials(text: str, urls: list[Entity]) -> list[Span]:
    spans = [(u.start, u.end, 23) for u in urls]
    if not text.isascii():
        emoji = [(m.start(), m.end(), 2) for m in _re()[1].finditer(text)]
        if urls:
            emoji = [e for e in emoji if not any(u.start <= e[0] < u.end for u in urls)]
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
    return [(m.start(), m.end(), _utf8(m[0])) for m in _re()[1].finditer(text)]


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
        Counter("twitter_v3", _x_weight, _x_units, _x_specials, form=_x_form),
        Counter("graphemes", _graphemes, _grapheme_units, _no_specials),
        Counter("mastodon", _graphemes, _grapheme_units, _mastodon_specials),
        Counter("bluesky", _graphemes, _grapheme_units, _bluesky_specials, links=bluesky_links),
        Counter("threads", len, _cp_units, _threads_specials),
        Counter("utf16", _utf16, _utf16_units, _no_specials),
        Counter("utf8_bytes", _utf8, _utf8_units, _no_specials),
        Counter("codepoints", len, _cp_units, _no_specials),
    )
}


def count(text: str, counter: str = "codepoints") -> int:
    """The length of ``text`` as the named counter counts it."""
    return COUNTERS[counter].measure(text)[0]
