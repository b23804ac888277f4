"""Length counters, one per way a platform counts.

A counter splits a text into *special* spans (links, emoji sequences, remote mentions),
each with a fixed cost, and plain stretches between them, costed in bulk with C-speed
string operations. ``length`` is the sum; ``overflow_at`` walks the same pieces to find
the index where the text passes a limit, so the editor can mark the overflowing part.

Counters:
- ``twitter_v3``: X's weighted length (twitter-text v3): NFC first; code points in
  U+0000-10FF, 2000-200D, 2010-201F, 2032-2037 weigh 1, all others 2; an emoji sequence
  (ZWJ, skin tone, flag, keycap, tag) weighs 2 in total; every link weighs 23.
- ``graphemes``: extended grapheme clusters (Unicode ``\\X``), as Bluesky's PDS counts.
- ``mastodon``: graphemes, each http(s) link 23, ``@user@server`` counted as ``@user``.
- ``bluesky``: graphemes after the official app shortens link labels
  (host + first 13 characters of the path + "..." when the path is longer than 15).
- ``utf16``: UTF-16 code units (TikTok, and the safe unit where a platform is silent).
- ``utf8_bytes``: UTF-8 bytes (YouTube descriptions, Bluesky's byte cap).
- ``codepoints``: Python's ``len``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import regex

from edcal.domain.rules.entities import Entity, extract_mentions, extract_urls

Span = tuple[int, int, int]  # start, end, cost


@cache
def _re() -> tuple[Any, ...]:  # compiled `regex` patterns (the package has no type hints)
    heavy = regex.compile(r"[^\u0000-\u10FF\u2000-\u200D\u2010-\u201F\u2032-\u2037]")
    emoji = regex.compile(
        r"\p{RI}\p{RI}"
        r"|[#*0-9]\uFE0F?\u20E3"
        r"|\p{Extended_Pictographic}[\uFE0E\uFE0F]?\p{EMod}?"
        r"(?:[\U000E0020-\U000E007E]+\U000E007F"
        r"|\u200D\p{Extended_Pictographic}[\uFE0E\uFE0F]?\p{EMod}?)*"
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


def _x_weight(s: str) -> int:
    s = unicodedata.normalize("NFC", s)
    return len(s) + len(_re()[0].findall(s))


def _x_units(s: str) -> Iterator[tuple[int, int]]:
    # Per grapheme cluster, so a decomposed "e" + accent costs what its NFC form costs.
    for m in _re()[2].finditer(s):
        yield m.end(), _x_weight(m[0])


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


def bluesky_label(url: str) -> str:
    """The link label Bluesky's app shows and stores for ``url``."""
    parts = urlsplit(url if "://" in url else "https://" + url)
    rest = url.split(parts.netloc, 1)[1] if parts.netloc and parts.netloc in url else ""
    host = parts.netloc.removeprefix("www.") if parts.netloc else url
    if len(rest) > 15:
        return host + rest[:13] + "..."
    return host + (rest if rest != "/" else "")


@dataclass(frozen=True)
class Counter:
    name: str
    plain: Callable[[str], int]
    units: Callable[[str], Iterator[tuple[int, int]]]
    specials: Callable[[str, list[Entity]], list[Span]]
    url_cost: int | None = None

    def length(self, text: str, specials: list[Span]) -> int:
        """The count of ``text``, given ``self.specials(text, urls)``."""
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


def _bluesky_specials(text: str, urls: list[Entity]) -> list[Span]:
    return [(u.start, u.end, _graphemes(bluesky_label(u.text))) for u in urls]


COUNTERS: dict[str, Counter] = {
    c.name: c
    for c in (
        Counter("twitter_v3", _x_weight, _x_units, _x_specials, 23),
        Counter("graphemes", _graphemes, _grapheme_units, _no_specials),
        Counter("mastodon", _graphemes, _grapheme_units, _mastodon_specials, 23),
        Counter("bluesky", _graphemes, _grapheme_units, _bluesky_specials),
        Counter("utf16", _utf16, _utf16_units, _no_specials),
        Counter("utf8_bytes", _utf8, _utf8_units, _no_specials),
        Counter("codepoints", len, _cp_units, _no_specials),
    )
}


def count(text: str, counter: str = "codepoints") -> int:
    """The length of ``text`` as the named counter counts it."""
    chosen = COUNTERS[counter]
    return chosen.length(text, chosen.specials(text, extract_urls(text)))
