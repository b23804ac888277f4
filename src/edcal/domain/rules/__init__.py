"""Platform content rules: count as each platform counts and check a draft against its rules.

    >>> report = check("Hello #world", "x")
    >>> report.length, report.limit, report.ok
    (12, 280, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from edcal.domain.checked import Report, RuleError, Violation
from edcal.domain.models import MEDIA_KINDS, Severity
from edcal.domain.rules.checks import CHECKS, Draft, fold_at, media_kind
from edcal.domain.rules.counting import COUNTERS, count
from edcal.domain.rules.entities import extract_hashtags, extract_mentions
from edcal.domain.rules.profiles import (
    Profile,
    ProfileError,
    default_profiles,
    load_profiles,
    resolve,
)

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "COUNTERS", "MEDIA_KINDS", "Profile", "ProfileError", "Report", "RuleError", "Violation",
    "check", "check_thread", "combine", "count", "default_profiles", "load_profiles", "media_kind", "resolve",
    "thread_reports",
]


def thread_reports(
    parts: Sequence[str],
    platform: str,
    *,
    title: str | None = None,
    media: Sequence[Any] | Iterable[Any] = (),
    link: str | None = None,
    profiles: Mapping[str, Profile] | None = None,
) -> list[Report]:
    """Each part of a post that may be a thread checked on its own: the first as ``check`` does
    (with the title, the media and the link), each later one as a reply holding only its text."""
    first = check(parts[0] if parts else "", platform, title=title, media=media, link=link, profiles=profiles)
    return [first, *(check(text, platform, profiles=profiles) for text in parts[1:])]


def check_thread(
    parts: Sequence[str],
    platform: str,
    *,
    title: str | None = None,
    media: Sequence[Any] | Iterable[Any] = (),
    link: str | None = None,
    profiles: Mapping[str, Profile] | None = None,
) -> Report:
    """One report for a post that may be a thread: the first part's length and limit, every
    part's problems (a later part's named "Part 2: …"); a thread where the platform has none is
    an error."""
    reports = thread_reports(parts, platform, title=title, media=media, link=link, profiles=profiles)
    return combine(reports, resolve(platform, profiles if profiles is not None else default_profiles()))


def combine(reports: Sequence[Report], profile: Profile) -> Report:
    """A thread's reports as one (see ``check_thread``)."""
    from edcal.domain.thread_text import THREAD_PLATFORMS
    from edcal.record import replace

    first = reports[0]
    if len(reports) == 1:
        return first
    violations, hashtags, mentions, urls = list(first.violations), list(first.hashtags), list(first.mentions), list(first.urls)
    if profile.key not in THREAD_PLATFORMS:
        violations.append(Violation("no_threads", Severity.ERROR,
                                    f"{profile.name} has no threads: join the {len(reports)} parts into one post."))
    for number, reply in enumerate(reports[1:], 2):
        violations += [replace(v, message=f"Part {number}: {v.message}", start=None, end=None) for v in reply.violations]
        hashtags, mentions, urls = hashtags + reply.hashtags, mentions + reply.mentions, urls + reply.urls
    return replace(first, violations=violations, hashtags=hashtags, mentions=mentions, urls=urls)


def check(
    text: str,
    platform: str,
    *,
    title: str | None = None,
    media: Sequence[Any] | Iterable[Any] = (),
    link: str | None = None,
    profiles: Mapping[str, Profile] | None = None,
) -> Report:
    """Check a draft against the rules of ``platform`` (a profile key such as "x").

    ``media`` items are objects with ``kind`` (and ``alt``), kind names such as "image",
    or paths/URLs whose extension tells the kind. Raises ProfileError for an unknown key.
    """
    profile = resolve(platform, profiles if profiles is not None else default_profiles())
    text = text or ""
    counter = COUNTERS[profile.counter]
    urls = counter.links(text)
    hashtags = extract_hashtags(text, urls)
    mentions = extract_mentions(text, urls)
    length, overflow = counter.measure(text, urls)
    draft = Draft(
        platform=profile.name, text=text, title=title, link=link or None, media=list(media),
        urls=urls, hashtags=hashtags, length=length, overflow=overflow,
    )
    violations = [v for kind, rule in profile.rules.items() for v in CHECKS[kind](draft, rule)]
    fold = profile.rule("fold")
    return Report(
        platform=profile.key, counter=profile.counter, length=length, limit=profile.limit,
        hashtags=[h.text for h in hashtags], mentions=[m.text for m in mentions],
        urls=[u.text for u in urls], violations=violations, fold_at=fold_at(text, fold) if fold else None,
    )
