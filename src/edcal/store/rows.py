"""Rows to domain values, and the helpers every part of the store shares."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Row
from sqlmodel import Session

from edcal.domain.models import (
    Media,
    Platform,
    Post,
    Status,
    TimeEntry,
)
from edcal.errors import NotFoundError
from edcal.store.tables import (
    MediaRow,
    PlatformRow,
    PostRow,
    TimeEntryRow,
)

T = TypeVar("T")


def utc_now() -> datetime:
    from edcal.domain import clock

    return clock.now()


def to_platform(row: PlatformRow) -> Platform:
    return Platform(
        key=row.key, name=row.name, profile=row.profile, enabled=row.enabled,
        sort_order=row.sort_order, colour=row.colour, reason=row.reason, audience=row.audience,
        objective=row.objective, kpi=row.kpi, weekly_target=row.weekly_target,
    )


def to_post(row: PostRow | Row[Any], media: Iterable[MediaRow | Row[Any]] = ()) -> Post:
    """A Post from an ORM row or a Core result row (same attribute names)."""
    return Post(
        id=row.id, uid=row.uid, platform=row.platform, scheduled_at=row.scheduled_utc,
        tz=row.tz, fold=row.fold, title=row.title, body=row.body, link=row.link,
        status=Status(row.status), campaign=row.campaign, notes=row.notes,
        published_url=row.published_url, revision=row.revision or 0,
        created_at=row.created_utc, updated_at=row.updated_utc,
        series_id=row.series_id, slot_date=row.slot_date,
        media=tuple(Media(m.location, m.kind, m.alt) for m in sorted(media, key=lambda m: m.position)),
    )


def to_entry(row: TimeEntryRow) -> TimeEntry:
    return TimeEntry(
        id=row.id, start=row.start_utc, minutes=row.minutes, activity=row.activity,
        platform=row.platform, post_id=row.post_id, note=row.note,
    )


def require(s: Session, table: type[T], key: object, missing: str) -> T:
    """The row of ``table`` with primary key ``key``, or NotFoundError(``missing``)."""
    row = s.get(table, key)
    if row is None:
        raise NotFoundError(missing)
    return row
