"""Hashtags, mentions and links found the way X's twitter-text finds them.

- a link may have no scheme (``example.com``) when its top-level domain is a real one;
- a hashtag is ``#`` then letters, marks, digits or ``_`` in any script, not digits only,
  not glued to a word before it, and never inside a link;
- a mention is ``@name``, optionally ``@name@server`` (Mastodon) or ``@name.domain`` (Bluesky).

Offsets are Python string indices (code points) into the text as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from edcal.domain.rules.tlds import ALL as TLDS


@dataclass(frozen=True, slots=True)
class Entity:
    kind: str  # "url" | "hashtag" | "mention"
    text: str  # the link as written, or the tag / name without its sign
    start: int
    end: int
    server: str | None = None  # mentions: the part after "@name@"


@cache
def _patterns() -> tuple[Any, ...]:  # compiled `regex` patterns (the package has no type hints)
    url = regex.compile(
        r"""
        (?<![\w@#$./\-])
        (?P<scheme>https?://)?
        (?P<host>(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?\.)+(?P<tld>\p{L}{2,63}))
        (?P<port>:\d{1,5})?
        (?P<path>[/?\#][^\s<>"]*)?
        """,
        regex.X | regex.I | regex.V0,
    )
    hashtag = regex.compile(
        r"(?<![\p{L}\p{M}\p{N}_&#＃/])[#＃](?![\uFE0F\u20E3])"
        r"([\p{L}\p{M}\p{N}_\u200c\u200d\u00b7]+)(?![#＃]|://)"
    )
    mention = regex.compile(
        r"(?<![A-Za-z0-9_!#$%&*@＠.])[@＠]([A-Za-z0-9_]{1,30})"
        r"(?:@((?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,63})|((?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,63}))?"
    )
    digits_only = regex.compile(r"[\p{N}_]+")
    return url, hashtag, mention, digits_only


_TRAILING = ".,;:!?'\")]}…"


def _trim_path(path: str) -> str:
    """Drop trailing punctuation from a link's path, keeping a ``)`` that closes a ``(``."""
    while path and path[-1] in _TRAILING:
        if path[-1] == ")" and path.count("(") >= path.count(")"):
            break
        path = path[:-1]
    return path


def extract_urls(text: str) -> list[Entity]:
    if "." not in text:
        return []
    pattern, found, searched_to = _patterns()[0], [], 0
    for dot in _positions(text, "."):
        # Only words holding a dot can be links: run the costly pattern on those alone.
        if dot < searched_to:
            continue
        start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot), searched_to - 1) + 1
        end = _word_end(text, dot)
        searched_to = end
        for m in pattern.finditer(text, start, end):
            scheme, host, tld = m["scheme"], m["host"], m["tld"].lower()
            if scheme is None and (not host.isascii() or tld not in TLDS):
                continue
            if scheme is not None and tld.isascii() and tld not in TLDS:
                continue
            end = (m.end("port") if m["port"] else m.end("host")) + len(_trim_path(m["path"] or ""))
            found.append(Entity("url", text[m.start() : end], m.start(), end))
    return found


def _positions(text: str, signs: str) -> list[int]:
    """Every index of any of ``signs`` in ``text``, in order."""
    found = []
    for sign in signs:
        pos = text.find(sign)
        while pos != -1:
            found.append(pos)
            pos = text.find(sign, pos + 1)
    return sorted(found)


_SPACE = regex.compile(r"\s")


def _word_end(text: str, pos: int) -> int:
    m = _SPACE.search(text, pos)
    return m.start() if m else len(text)


def _inside(pos: int, spans: list[Entity]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def extract_hashtags(text: str, urls: list[Entity] | None = None) -> list[Entity]:
    if "#" not in text and "＃" not in text:
        return []
    urls = extract_urls(text) if urls is None else urls
    pattern, tags = _patterns()[1], []
    for m in filter(None, (pattern.match(text, pos) for pos in _positions(text, "#＃"))):
        tag = m[1]
        if _patterns()[3].fullmatch(tag):
            continue
        if urls and _inside(m.start(), urls):
            continue
        tags.append(Entity("hashtag", tag, m.start(), m.end()))
    return tags


def extract_mentions(text: str, urls: list[Entity] | None = None) -> list[Entity]:
    if "@" not in text and "＠" not in text:
        return []
    urls = extract_urls(text) if urls is None else urls
    found = []
    for m in _patterns()[2].finditer(text):
        if urls and _inside(m.start(), urls):
            continue
        name, server, dotted = m[1], m[2], m[3]
        if dotted and dotted.rsplit(".", 1)[-1].lower() not in TLDS:
            # "@bob.Next" is a mention of bob followed by a sentence, not a handle.
            found.append(Entity("mention", name, m.start(), m.start(1) + len(name)))
            continue
        found.append(Entity("mention", name + (dotted or ""), m.start(), m.end(), server))
    return found
