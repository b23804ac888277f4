"""Platform content rules: count as each platform counts and check a draft against its rules.

    >>> report = check("Hello #world", "x")
    >>> report.length, report.limit, report.ok
    (12, 280, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from edcal.domain.models import MEDIA_KINDS, Severity
from edcal.domain.rules.checks import CHECKS, Draft, Violation, fold_at, media_kind
from edcal.domain.rules.counting import COUNTERS, count
from edcal.domain.rules.duplicates import DuplicatePair, find_duplicates, similarity
from edcal.domain.rules.entities import extract_hashtags, extract_mentions
from edcal.domain.rules.profiles import (
    Profile,
    ProfileError,
    default_profiles,
    load_profiles,
    resolve,
)
from edcal.errors import EdcalError

__all__ = [
    "COUNTERS", "MEDIA_KINDS", "DuplicatePair", "Profile", "ProfileError", "Report", "RuleError", "Violation",
    "check", "check_thread", "combine", "count", "default_profiles", "find_duplicates", "load_profiles", "media_kind",
    "resolve", "similarity", "thread_reports",
]


@dataclass(frozen=True)
class Report:
    platform: str
    counter: str
    length: int
    limit: int | None
    hashtags: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    fold_at: int | None = None  # where the feed hides the rest behind "…more" (None: all of it shows)

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else self.limit - self.length

    @property
    def ok(self) -> bool:
        """True when no violation is an error, so the post may be scheduled."""
        return not any(v.severity is Severity.ERROR for v in self.violations)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity is Severity.WARNING]

    def to_dict(self) -> dict[str, Any]:
        return {
            "platform": self.platform, "counter": self.counter, "length": self.length,
            "limit": self.limit, "remaining": self.remaining, "ok": self.ok,
            "hashtags": self.hashtags, "mentions": self.mentions, "urls": self.urls,
            "violations": [v.to_dict() for v in self.violations], "fold_at": self.fold_at,
        }


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
    from dataclasses import replace

    from edcal.domain.rules.thread import THREAD_PLATFORMS

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


class RuleError(EdcalError):
    """A post breaks its platform's rules and cannot be scheduled."""

    def __init__(self, report: Report, platform_name: str):
        self.report = report
        reasons = "; ".join(v.message for v in report.errors)
        super().__init__(f"cannot schedule this {platform_name} post: {reasons}")


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
