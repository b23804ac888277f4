"""The rule checks. Each rule kind of a profile maps to one function here.

A check gets the draft being checked and its rule's data, and returns violations.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Callable, Mapping

from edcal.domain.checked import Violation
from edcal.domain.models import MEDIA_KINDS, kind_of
from edcal.domain.rules.counting import COUNTERS
from edcal.domain.rules.entities import Entity
from edcal.domain.wording import count
from edcal.record import record

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

    Rule = Mapping[str, Any]


def media_kind(item: Any) -> str:
    """The kind of a media item: an object with ``.kind``, a kind name, or a path/URL."""
    kind = getattr(item, "kind", None)
    if kind:
        return str(kind)
    text = str(item).lower()
    return text if text in MEDIA_KINDS else kind_of(text)


@record(frozen=False, slots=True)
class Draft:
    """What the checks look at: the text, its entities and the post's other fields."""

    platform: str
    text: str
    title: str | None
    link: str | None
    media: list[Any]
    urls: list[Entity]
    hashtags: list[Entity]
    length: int
    overflow: Callable[[int], int | None]


def _length(d: Draft, r: Rule) -> list[Violation]:
    limit = int(r["value"])
    if d.length <= limit:
        return []
    if limit == 0:
        return [Violation("text_not_shown", r["severity"],
                          f"{d.platform} shows no text with this kind of post; put the words on the media.",
                          0, len(d.text))]
    start = d.overflow(limit)
    return [Violation("too_long", r["severity"],
                      f"Too long for {d.platform}: {d.length} / {limit}, {d.length - limit} over.",
                      start, len(d.text))]


def _bytes_max(d: Draft, r: Rule) -> list[Violation]:
    limit = int(r["value"])
    size = len(d.text.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return []
    return [Violation("too_many_bytes", r["severity"],
                      f"Too long for {d.platform}: {size} bytes, the limit is {limit}.")]


def _hashtags_max(d: Draft, r: Rule) -> list[Violation]:
    limit = int(r["value"])
    if len(d.hashtags) <= limit:
        return []
    first = d.hashtags[limit]
    return [Violation("too_many_hashtags", r["severity"],
                      f"{d.platform} allows at most {count(limit, 'hashtag')}; this post has {len(d.hashtags)}.",
                      first.start, d.hashtags[-1].end)]


def _hashtags_advised(d: Draft, r: Rule) -> list[Violation]:
    limit = int(r["value"])
    if len(d.hashtags) <= limit:
        return []
    return [Violation("many_hashtags", r["severity"],
                      f"{len(d.hashtags)} hashtags is a lot for {d.platform}; {limit} or fewer reads better there.",
                      d.hashtags[limit].start, d.hashtags[-1].end)]


def _links_max(d: Draft, r: Rule) -> list[Violation]:
    """At most ``value`` links; with ``unique``, a link written twice counts once (Threads)."""
    limit = int(r["value"])
    unique = bool(r.get("unique", False))
    urls = d.urls
    if unique:
        first: dict[str, Entity] = {}
        for u in d.urls:
            first.setdefault(u.text.lower(), u)
        urls = list(first.values())
    if len(urls) <= limit:
        return []
    word = "different link" if unique else "link"
    return [Violation("too_many_links", r["severity"],
                      f"{d.platform} allows at most {count(limit, word)} in a post; this one has {len(urls)}.",
                      urls[limit].start, urls[-1].end)]


def _links_not_clickable(d: Draft, r: Rule) -> list[Violation]:
    found = [Violation("link_not_clickable", r["severity"],
                       f"Links in the text are not clickable on {d.platform}: {d.text[u.start:u.end]}", u.start, u.end)
             for u in d.urls]
    if d.link and not r.get("link_field", False):
        found.append(Violation("link_not_clickable", r["severity"],
                               f"The post's link will not be clickable on {d.platform}; use the bio or a sticker."))
    return found


def _media_required(d: Draft, r: Rule) -> list[Violation]:
    kinds = r.get("kinds")
    if kinds:
        if any(media_kind(m) in kinds for m in d.media):
            return []
        return [Violation("media_required", r["severity"],
                          f"{d.platform} needs a {' or '.join(kinds)} attached.")]
    if d.media:
        return []
    return [Violation("media_required", r["severity"], f"{d.platform} needs an image or a video attached.")]


_MEDIA_LIMIT_KEYS = {"image": "images", "gif": "gifs", "video": "videos", "document": "documents", "audio": "audio"}


def _media_max(d: Draft, r: Rule) -> list[Violation]:
    if not d.media:
        return []
    tally = Tally(media_kind(m) for m in d.media)
    found = []
    if not r.get("mix", True) and len(tally) > 1:
        found.append(Violation("media_mix", r["severity"],
                               f"{d.platform} does not mix {' and '.join(sorted(tally))} in one post."))
    for kind, n in sorted(tally.items()):
        limit = r.get(_MEDIA_LIMIT_KEYS[kind], 0)
        if n > limit:
            allowed = f"at most {count(limit, kind)}" if limit else f"no {kind}"
            found.append(Violation("too_much_media", r["severity"],
                                   f"{d.platform} takes {allowed} in one post; this one has {n}."))
    total = r.get("total")
    if total is not None and len(d.media) > total:
        found.append(Violation("too_much_media", r["severity"],
                               f"{d.platform} takes at most {count(total, 'media item')}; this post has {len(d.media)}."))
    return found


def _alt_text_required(d: Draft, r: Rule) -> list[Violation]:
    missing = sum(1 for m in d.media if media_kind(m) in ("image", "gif") and not getattr(m, "alt", None))
    if not missing:
        return []
    return [Violation("alt_text_missing", r["severity"],
                      f"{count(missing, 'image')} without alt text; {d.platform} expects a description.")]


def _title_required(d: Draft, r: Rule) -> list[Violation]:
    if d.title and d.title.strip():
        return []
    return [Violation("title_required", r["severity"], f"{d.platform} needs a title.")]


def _title_max(d: Draft, r: Rule) -> list[Violation]:
    if not d.title:
        return []
    limit = int(r["value"])
    n = COUNTERS[r.get("counter", "codepoints")].measure(d.title, [])[0]
    if n <= limit:
        return []
    return [Violation("title_too_long", r["severity"], f"The title is too long for {d.platform}: {n} / {limit}.")]


def _forbidden_chars(d: Draft, r: Rule) -> list[Violation]:
    chars = str(r["value"])
    found = []
    first = min((i for c in chars if (i := d.text.find(c)) >= 0), default=None)
    if first is not None:
        c = d.text[first]
        shown = f"'{c}'" if c.isprintable() else f"the invisible character U+{ord(c):04X}"
        found.append(Violation("forbidden_character", r["severity"],
                               f"{d.platform} does not accept {shown} in the text.", first, first + 1))
    if d.title and any(c in chars for c in d.title):
        found.append(Violation("forbidden_character", r["severity"],
                               f"{d.platform} does not accept any of {' '.join(chars)} in the title."))
    return found


def _empty_without_media(d: Draft, r: Rule) -> list[Violation]:
    if d.text.strip() or d.media:
        return []
    return [Violation("empty", r["severity"], f"{_a(d.platform).capitalize()} {d.platform} post needs text or media.")]


def _a(name: str) -> str:
    """The article before ``name`` as it is said: an Instagram post, an X post, a LinkedIn post."""
    spelled = name.isupper() and len(name) <= 3  # read letter by letter: X, SMS
    return "an" if name[:1].lower() in "aeiou" or (spelled and name[:1] in "AEFHILMNORSX") else "a"


def fold_at(text: str, rule: Rule) -> int | None:
    """Where the feed cuts ``text`` and shows "…more": after ``value`` characters (as the rule's
    counter counts, graphemes by default) or ``lines`` lines, whichever comes first; None when
    all of it shows."""
    at = COUNTERS[rule.get("counter", "graphemes")].measure(text)[1](int(rule["value"]))
    lines = rule.get("lines")
    if lines is not None:
        end = -1
        for _ in range(int(lines)):
            end = text.find("\n", end + 1)
            if end < 0:
                break
        else:
            at = end if at is None else min(at, end)
    return None if at is None or not text[at:].strip() else at


CHECKS: dict[str, Callable[[Draft, Rule], list[Violation]]] = {
    "length": _length,
    "bytes_max": _bytes_max,
    "hashtags_max": _hashtags_max,
    "hashtags_advised": _hashtags_advised,
    "links_max": _links_max,
    "links_not_clickable": _links_not_clickable,
    "media_required": _media_required,
    "media_max": _media_max,
    "alt_text_required": _alt_text_required,
    "title_required": _title_required,
    "title_max": _title_max,
    "forbidden_chars": _forbidden_chars,
    "empty_without_media": _empty_without_media,
    "fold": lambda draft, rule: [],  # advice: check() gives Report.fold_at
}
