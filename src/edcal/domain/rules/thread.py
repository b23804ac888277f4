"""Threads: a text too long for one post, split into parts that each fit the platform's count.

Cuts fall where a reader would pause: between paragraphs first, then after a sentence, then
between words (or, in scripts written without spaces, between two of their characters). A cut
never falls inside a link, a hashtag, a mention or a grapheme cluster. Each part is counted the
way its platform counts, numbering included ("1/3" costs what it costs), and the whitespace at
a cut is the only thing the parts leave out of the text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import partial

from edcal.domain.rules.counting import COUNTERS, _cluster
from edcal.domain.rules.entities import extract_hashtags, extract_mentions
from edcal.domain.rules.profiles import Profile, default_profiles, resolve
from edcal.domain.thread_text import NUMBERINGS, THREAD_PLATFORMS, split_parts
from edcal.errors import EdcalError
from edcal.record import record

_SENTENCE_END = ".!?…。！？‼⁉"
_CLAUSE_END = "，、；：,;:"
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


class SplitError(EdcalError):
    """The text cannot be split so that every part fits."""


@record
class Part:
    text: str  # as posted, numbering included
    length: int  # as the platform counts it
    limit: int
    start: int  # where its words lie in the whole text: text[start:end] (the numbering aside)
    end: int

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "length": self.length, "limit": self.limit}


@record
class _Cut:
    end: int  # the part before ends here
    resume: int  # the next part starts here (past the whitespace)
    rank: int  # 3 paragraph, 2 sentence or line, 1 word or clause, 0 between characters of a script without spaces


def _cuts(text: str, protected: list[tuple[int, int]], clusters: set[int]) -> list[_Cut]:
    """Every place the text may be cut, in order."""
    def allowed(at: int) -> bool:
        return at in clusters and not any(start < at < end for start, end in protected)

    found = []
    for gap in re.finditer(r"\s+", text):
        a, b = gap.start(), gap.end()
        if a == 0 or b == len(text) or not (allowed(a) and allowed(b)):
            continue
        space = gap.group()
        rank = 3 if space.count("\n") >= 2 else 2 if "\n" in space or text[a - 1] in _SENTENCE_END else 1
        found.append(_Cut(a, b, rank))
    for at in sorted(clusters):  # scripts written without spaces: between two of their characters
        if 0 < at < len(text) and not text[at - 1].isspace() and not text[at].isspace() and allowed(at) \
                and (_NO_SPACES.match(text[at - 1]) or _NO_SPACES.match(text[at])):
            pause = 2 if text[at - 1] in _SENTENCE_END else 1 if text[at - 1] in _CLAUSE_END else 0
            found.append(_Cut(at, at, pause))
    return sorted(found, key=lambda c: c.end)


def _numbered(body: str, template: str | None, index: int, total: int) -> str:
    if template is None:
        return body
    mark = template.replace("n", str(total)).replace("1", str(index), 1) if "n" in template else \
        template.replace("1", str(index), 1)
    return f"{body} {mark}"


def split(text: str, platform: str, *, numbering: str = "1/n",
          profiles: Mapping[str, Profile] | None = None) -> list[Part]:
    """``text`` as a thread for ``platform`` (a profile key): one part when it fits as it is."""
    profile = resolve(platform, profiles if profiles is not None else default_profiles())
    if profile.key not in THREAD_PLATFORMS:
        raise SplitError(f"{profile.name} has no threads; split works for {', '.join(THREAD_PLATFORMS)}")
    if numbering not in NUMBERINGS:
        raise SplitError(f"unknown numbering '{numbering}'; use one of: {', '.join(NUMBERINGS)}")
    template = None if numbering == "none" else numbering
    limit = profile.limit
    assert limit is not None, "every threaded platform has a length"
    counter = COUNTERS[profile.counter]
    bytes_rule = profile.rule("bytes_max")
    max_bytes = int(bytes_rule["value"]) if bytes_rule else None

    def measure(part: str) -> int | None:
        """The part's length, or None when it does not fit."""
        length = counter.measure(part)[0]
        if length > limit or (max_bytes is not None and len(part.encode("utf-8", "surrogatepass")) > max_bytes):
            return None
        return length

    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    whole = text[start:end]
    if not whole:
        return []
    length = measure(whole)
    if length is not None:
        return [Part(whole, length, limit, start, end)]
    urls = counter.links(text)
    protected = [(e.start, e.end) for e in [*urls, *extract_hashtags(text, urls), *extract_mentions(text, urls)]]
    clusters = {m.start() for m in _cluster().finditer(text)} | {len(text)}
    cuts = _cuts(text, protected, clusters)
    for widest in (9, 99, 999):  # room for the numbering of as many parts as that
        spans = _spans(text, start, end, cuts, partial(_measure_numbered, measure, template, widest), profile)
        if len(spans) <= widest:
            break
    total = len(spans)
    parts = []
    for index, (a, b) in enumerate(spans, 1):
        posted = _numbered(text[a:b], template, index, total)
        found = measure(posted)
        assert found is not None, "a part checked with the widest numbering fits with its own"
        parts.append(Part(posted, found, limit, a, b))
    return parts


def _measure_numbered(measure: Callable[[str], int | None], template: str | None, widest: int, body: str) -> int | None:
    """A part's length with its number, written as wide as the widest number may be."""
    return measure(_numbered(body, template, widest, widest))


def _spans(text: str, start: int, end: int, cuts: list[_Cut], measure: Callable[[str], int | None],
           profile: Profile) -> list[tuple[int, int]]:
    """Greedy: each part runs to the best cut that fits, preferring a paragraph's end to a
    sentence's, a sentence's to a word's, a word's to a place between two characters, whenever
    the better cut gives at least half as much."""
    spans, pos = [], start
    ends = [c.end for c in cuts]
    while pos < end:
        if measure(text[pos:end]) is not None:
            spans.append((pos, end))
            break
        first = bisect.bisect_right(ends, pos)
        low, high = first, len(cuts)  # cuts[first:low] fit; find the first that does not
        while low < high:
            middle = (low + high) // 2
            if measure(text[pos:cuts[middle].end]) is not None:
                low = middle + 1
            else:
                high = middle
        fitting = cuts[first:low]
        if not fitting:
            raise SplitError(_too_long(text, pos, cuts[first].end if first < len(cuts) else end, profile))
        furthest = fitting[-1].end
        chosen = fitting[-1]
        for rank in (3, 2, 1):
            better = [c for c in fitting if c.rank >= rank and c.end - pos >= (furthest - pos) / 2]
            if better:
                chosen = better[-1]
                break
        spans.append((pos, chosen.end))
        pos = chosen.resume
    return spans


def _too_long(text: str, start: int, end: int, profile: Profile) -> str:
    token = text[start:end]
    shown = token if len(token) <= 40 else token[:37] + "…"
    kind = "link" if "://" in token or "." in token.strip(".") and " " not in token else "word"
    if token[:1] in "#＃":
        kind = "hashtag"
    elif token[:1] in "@＠":
        kind = "mention"
    name = unicodedata.normalize("NFC", profile.name)
    return (f"the {kind} '{shown}' at character {start + 1} is longer than one {name} post can hold "
            f"({profile.limit}); shorten it, then split again")


_MARK = re.compile(r"[ \t]+(?:\(\d{1,3}/\d{1,3}\)|\d{1,3}/\d{1,3}|\d{1,3}/)$")  # what split appends: 1/3, (1/3), 1/


def unnumbered(part: str) -> str:
    """A part without the number ``split`` put at its end ("… 2/5" gives "…")."""
    return _MARK.sub("", part.rstrip())


def resplit(text: str, platform: str, *, numbering: str = "1/n",
            profiles: Mapping[str, Profile] | None = None) -> list[Part]:
    """Split a text that may already be a thread again, as a whole: its old numbers dropped,
    its parts' boundaries kept as paragraph ends (the cuts a reader would pick first)."""
    whole = "\n\n".join(unnumbered(part) for part in split_parts(text))
    return split(whole, platform, numbering=numbering, profiles=profiles)
