"""Plain values the layers pass around. The store converts its rows to these at its edge."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from zoneinfo import ZoneInfo

from edcal.domain import wording
from edcal.errors import EdcalError
from edcal.record import field, record, replace

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any


class Status(StrEnum):
    """Where a post stands. Stored, printed and compared as its value ("draft")."""

    IDEA = "idea"
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    SKIPPED = "skipped"

    @property
    def mark(self) -> str:
        return {"idea": "·", "draft": "✎", "scheduled": "◷", "published": "✔", "skipped": "✗"}[self.value]

    @property
    def planned(self) -> bool:
        """It goes out, or went out: what exports hold by default."""
        return self in (Status.SCHEDULED, Status.PUBLISHED)

    @property
    def in_plan(self) -> bool:
        """It is meant to go out (a draft too): what the plan's figures count; ideas and skipped do not."""
        return self not in (Status.IDEA, Status.SKIPPED)

    @classmethod
    def parse(cls, text: str) -> Status:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise EdcalError(f"unknown status '{text}'; use one of: {', '.join(cls)}") from None


class Severity(StrEnum):
    """How much a finding weighs: an error blocks scheduling (or fails lint), a warning advises."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def mark(self) -> str:
        return "✖" if self is Severity.ERROR else "!"


ACTIVITIES = (
    "ideas", "writing", "visuals", "publishing", "analytics", "engagement", "ads", "trends", "other",
)
ACTIVITY_LABELS = {
    "ideas": "ideas and research", "writing": "writing", "visuals": "visuals",
    "publishing": "publishing", "analytics": "analytics", "engagement": "engagement",
    "ads": "ads", "trends": "trend watching", "other": "other",
}


@record
class Platform:
    """A channel: a rule profile (the platform's codes) plus an account. One per profile is the
    default; a brand and a personal account on X are two channels of the profile x."""

    key: str
    name: str
    profile: str
    enabled: bool = True
    sort_order: int = 0
    colour: str | None = None
    reason: str | None = None
    audience: str | None = None
    objective: str | None = None
    kpi: str | None = None
    weekly_target: int | None = None
    handle: str | None = None  # the account on the platform, e.g. @brand

    def label(self, profile_name: str) -> str:
        """The channel as calendars and lists name it: "X · Brand" for a channel whose name does
        not say its platform, the name alone where it does ("Instagram" on "Instagram feed")."""
        name, platform = (set(re.findall(r"\w+", text.casefold())) for text in (self.name, profile_name))
        return self.name if name <= platform or platform <= name else f"{profile_name} · {self.name}"


MEDIA_KINDS = ("image", "gif", "video", "document", "audio")
_EXTENSIONS = {
    "image": (".jpg", ".jpeg", ".png", ".webp", ".heic", ".avif", ".bmp", ".tif", ".tiff"),
    "gif": (".gif",),
    "video": (".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv"),
    "document": (".pdf", ".ppt", ".pptx", ".doc", ".docx"),
    "audio": (".mp3", ".m4a", ".wav", ".ogg", ".flac"),
}


def kind_of(location: str) -> str:
    """The kind of media a path or URL names, by its extension (an image when it does not say)."""
    path = location.lower().split("?", 1)[0]
    for name, extensions in _EXTENSIONS.items():
        if path.endswith(extensions):
            return name
    return "image"


@record
class Media:
    """An image, video… attached to a post. People write one a line: ``path-or-URL | alt text``."""

    location: str  # a path or a URL
    kind: str = "image"
    alt: str | None = None

    @classmethod
    def at(cls, location: str, alt: str | None = None) -> Media:
        """The item at ``location``, its kind told by the extension."""
        location = location.strip()
        return cls(location, kind_of(location), (alt or "").strip() or None)

    @property
    def line(self) -> str:
        return f"{self.location} | {self.alt}" if self.alt else self.location

    @classmethod
    def from_lines(cls, text: str) -> tuple[Media, ...]:
        """Items written one a line (blank lines skipped); the first ``|`` starts the alt text."""
        items = []
        for raw in text.splitlines():
            location, _, alt = raw.partition("|")
            if location.strip():
                items.append(cls.at(location, alt))
        return tuple(items)

    @staticmethod
    def to_lines(media: Iterable[Media]) -> str:
        return "\n".join(m.line for m in media)


_OPTIONAL_TEXTS = ("title", "link", "campaign", "notes", "published_url", "idea")


@record
class Post:
    platform: str
    body: str = ""
    title: str | None = None
    link: str | None = None
    status: Status = Status.DRAFT
    scheduled_at: datetime | None = None  # aware, UTC; None for an unscheduled idea
    tz: str | None = None  # the IANA zone the post was planned in
    fold: int = 0  # which of two equal wall times in a repeated (fall back) hour
    campaign: str | None = None
    notes: str | None = None
    media: tuple[Media, ...] = ()
    published_url: str | None = None  # where it went out, once published
    thread: tuple[str, ...] = ()  # a thread's parts after the first (the body); empty: a single post
    idea: str | None = None  # posts adapted from one idea share this key (the first post's uid)
    series_id: int | None = None  # the recurring slot this post fills, if any
    slot_date: date | None = None  # that slot's original local date
    id: int | None = None
    uid: str | None = None
    revision: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    # The report of the last check, kept with the post (edcal.domain.checked); not part of the post
    checked: str | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.status, Status):  # a plain string from a file, a row or a test
            object.__setattr__(self, "status", Status.parse(self.status))
        for name in _OPTIONAL_TEXTS:  # an empty text is no text: one way to say it, in files and rows alike
            if getattr(self, name) == "":
                object.__setattr__(self, name, None)

    def local_time(self) -> datetime | None:
        """The planned wall time in the zone the post was planned in."""
        if self.scheduled_at is None:
            return None
        return self.scheduled_at.astimezone(ZoneInfo(self.tz) if self.tz else timezone.utc)

    def seen_from(self, tz: str) -> tuple[datetime, str] | None:
        """The planned instant on a clock in ``tz`` (the viewer's), and, when the post was planned
        in a zone whose clock reads otherwise then, its own wall time: '(09:00 New York)'."""
        local = self.local_time()
        if local is None:
            return None
        seen = local.astimezone(ZoneInfo(tz))
        if seen.replace(tzinfo=None) == local.replace(tzinfo=None):
            return seen, ""
        place = (self.tz or "UTC").rsplit("/", 1)[-1].replace("_", " ")
        day = "" if seen.date() == local.date() else f"{local:%a} "
        return seen, f"({day}{local:%H:%M} {place})"

    @property
    def parts(self) -> tuple[str, ...]:
        """The texts as posted: the body, then a thread's later parts."""
        return (self.body, *self.thread)

    def headline(self, width: int = 40) -> str:
        """The title, or the start of the body, on one line."""
        source = (self.title or "").strip() or (self.body or "").strip()
        text = source.splitlines()[0] if source else "(empty)"
        return wording.clip(wording.visible(text), width)

    def with_changes(self, **changes: Any) -> Post:
        """The post with ``changes``; the kept check goes (it was of the post before)."""
        changes.setdefault("checked", None)
        return replace(self, **changes)


RESULT_FIELDS = ("reach", "engagements", "clicks", "conversions")  # a published post's numbers


@record
class Results:
    post_id: int
    reach: int | None = None
    engagements: int | None = None
    clicks: int | None = None
    conversions: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"post_id": self.post_id, **{f: getattr(self, f) for f in RESULT_FIELDS}}


# What a person edits in a post, each with the words that name it; the time is one field.
EDITED_FIELDS = {"platform": "the platform", "status": "the status", "when": "the time", "title": "the title",
                 "body": "the text", "link": "the link", "media": "the media", "campaign": "the campaign",
                 "notes": "the notes", "published_url": "the published URL", "thread": "the thread"}


def _field(post: Post, name: str) -> Any:
    return (post.scheduled_at, post.tz if post.scheduled_at else None, post.fold) if name == "when" \
        else getattr(post, name)


def changed_fields(before: Post, after: Post) -> list[str]:
    """The edited fields that differ between two versions of a post."""
    return [name for name in EDITED_FIELDS if _field(before, name) != _field(after, name)]


def merge(base: Post, mine: Post, theirs: Post) -> tuple[Post, list[str]]:
    """``theirs`` (saved elsewhere since ``base`` was read) with ``mine``'s changes on top: each
    field someone changed takes that change. Returns it and the fields both changed, differently,
    where mine is kept (the caller shows theirs)."""
    merged, both = theirs, []
    for name in changed_fields(base, mine):
        if name in changed_fields(base, theirs) and _field(mine, name) != _field(theirs, name):
            both.append(name)
        if name == "when":
            merged = replace(merged, scheduled_at=mine.scheduled_at, tz=mine.tz, fold=mine.fold)
        else:
            merged = replace(merged, **{name: getattr(mine, name)})
    return merged, both


@record
class TimeEntry:
    start: datetime  # aware UTC
    minutes: int
    activity: str = "other"
    platform: str | None = None
    post_id: int | None = None
    note: str | None = None
    id: int | None = None

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


@record
class RunningTimer:
    started: datetime  # aware UTC
    activity: str = "other"
    platform: str | None = None
    post_id: int | None = None
    note: str | None = None


@record
class Settings:
    weekly_minimum: int = 60  # minutes
    week_start: int = 0  # 0 = Monday ... 6 = Sunday
    timezone: str = field(default_factory=lambda: local_zone_name())
    hourly_rate: float | None = None
    currency: str | None = None  # ISO 4217 code of the hourly rate, shown with costs
    organizer: str | None = None  # e-mail of the calendar's organiser, for exports
    objective: str | None = None  # the plan's main goal: awareness, sales, loyalty...


def local_zone_name() -> str:
    """The system's IANA zone name, or UTC when it cannot be told."""
    import os

    env = os.environ.get("TZ")
    if env and "/" in env:
        return env.lstrip(":")
    try:
        link = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in link:
            return link.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    return "UTC"
