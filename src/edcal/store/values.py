"""Rows to domain values, and what both ways of reading derive from their queries.

The ORM store (``edcal.store.repo``) and the plain read path (``edcal.store.read``) share this
module, so a post, a platform or an open slot is built one way whichever path read it. Light on
purpose: no SQLAlchemy here, so the read path starts without it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import cached_property

from edcal.domain.models import Media, Platform, Post, Settings, Status, TimeEntry
from edcal.errors import EdcalError, NotFoundError

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:  # series and results load when a database holds some: off the first frame's path otherwise
    from typing import Any

    from edcal.config import Config
    from edcal.domain.plan import Results
    from edcal.domain.recurrence import Series, Slot, SlotChange
    from edcal.domain.rules.profiles import Profile

    Row = Any  # an ORM row or any row whose columns are attributes (the read path's named tuples)

HEAD_REVISION = "0014"  # the schema this edcal reads and writes (tests check it is the migrations' head)


def to_platform(row: Row) -> Platform:
    return Platform(
        key=row.key, name=row.name, profile=row.profile, enabled=bool(row.enabled),
        sort_order=row.sort_order, colour=row.colour, reason=row.reason, audience=row.audience,
        objective=row.objective, kpi=row.kpi, weekly_target=row.weekly_target, handle=row.handle,
    )


def to_post(row: Row, media: Iterable[Row] = ()) -> Post:
    return Post(
        id=row.id, uid=row.uid, platform=row.platform, scheduled_at=row.scheduled_utc,
        tz=row.tz, fold=row.fold, title=row.title, body=row.body, link=row.link,
        status=Status(row.status), campaign=row.campaign, notes=row.notes,
        published_url=row.published_url, revision=row.revision or 0,
        created_at=row.created_utc, updated_at=row.updated_utc,
        series_id=row.series_id, slot_date=row.slot_date, thread=thread_parts(row.thread), idea=row.idea,
        checked=getattr(row, "checked", None),
        media=tuple(Media(m.location, m.kind, m.alt) for m in sorted(media, key=lambda m: m.position)),
    )


def thread_parts(stored: str | None) -> tuple[str, ...]:
    """A thread's later parts from the post table's ``thread`` column (a JSON array, or NULL)."""
    if not stored:
        return ()
    import json

    return tuple(str(part) for part in json.loads(stored))


def thread_column(parts: tuple[str, ...]) -> str | None:
    """The ``thread`` column's value: NULL for a post that is no thread."""
    if not parts:
        return None
    import json

    return json.dumps(list(parts), ensure_ascii=False)


def to_entry(row: Row) -> TimeEntry:
    return TimeEntry(
        id=row.id, start=row.start_utc, minutes=row.minutes, activity=row.activity,
        platform=row.platform, post_id=row.post_id, note=row.note,
    )


def to_series(row: Row) -> Series:
    from edcal.domain.recurrence import Series

    return Series(platform=row.platform, rule=row.rule, at=row.at, tz=row.tz, start=row.start,
                  until=row.until, title=row.title, template=row.template, id=row.id, uid=row.uid)


def to_results(row: Row) -> Results:
    from edcal.domain.plan import Results

    return Results(row.post_id, row.reach, row.engagements, row.clicks, row.conversions)


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def to_settings(values: Mapping[str, str]) -> Settings:
    """The settings from the setting table's key/value rows (absent keys keep their defaults)."""
    default = Settings()
    rate = _number(values.get("hourly_rate"))
    return Settings(
        weekly_minimum=int(values.get("weekly_minimum", default.weekly_minimum)),
        week_start=int(values.get("week_start", default.week_start)),
        timezone=values.get("timezone", default.timezone),
        hourly_rate=rate if rate is not None and math.isfinite(rate) and rate >= 0 else None,  # never NaN in a report
        currency=values.get("currency") or None,
        organizer=values.get("organizer") or None,
        objective=values.get("objective") or None,
    )


class Lookups:
    """What the store and the read path answer alike from a few primitive queries: the rule
    profiles, a platform by key, the open slots of the series."""

    config: Config

    def platforms(self, enabled_only: bool = False) -> list[Platform]:
        raise NotImplementedError

    def series(self) -> list[Series]:
        raise NotImplementedError

    def _slot_changes(self, series_ids: list[int | None]) -> dict[int | None, dict[date, SlotChange]]:
        """The skipped and moved slots of these series, by series and day."""
        raise NotImplementedError

    def _filled_slots(self, first: date, last: date) -> set[tuple[int | None, date | None]]:
        """(series, day) of every slot a post fills, for days from ``first`` to ``last``."""
        raise NotImplementedError

    @cached_property
    def profiles(self) -> dict[str, Profile]:
        from edcal.domain.rules import load_profiles
        from edcal.domain.rules.profiles import ProfileError

        try:
            return load_profiles(self.config.profiles)
        except ProfileError as exc:
            raise EdcalError(f"{self.config.path}: {exc}.") from None

    def get_platform(self, key: str) -> Platform:
        """The platform ``key`` names: its row, or for a shipped or configured rule profile not
        used yet, the platform it would be. Reads only; writes that need the row add it."""
        key = key.strip().lower()
        every = self.platforms()
        for platform in every:
            if platform.key == key:
                return platform
        if key not in self.profiles:
            known = ", ".join(sorted(set(self.profiles) | {p.key for p in every}))
            raise NotFoundError(f"unknown platform '{key}'; known platforms: {known}")
        return Platform(key=key, name=self.profiles[key].name, profile=key, sort_order=len(every))

    def open_slots(self, start: datetime, end: datetime, platforms: Iterable[str] | None = None) -> list[Slot]:
        """Slots between two instants that no post fills yet, in time order."""
        every = self.series()
        if platforms:
            keys = {p.lower() for p in platforms}
            every = [x for x in every if x.platform in keys]
        if not every:
            return []
        from edcal.domain.recurrence import occurrences

        changes = self._slot_changes([x.id for x in every])
        slots = []
        # Local dates a day either side cover every zone's offset from UTC; from a month before, the
        # slots moved into these days from up to a month earlier are found too.
        first, last = (start - timedelta(days=2)).date() - timedelta(days=31), (end + timedelta(days=2)).date()
        filled = self._filled_slots(first, last)
        for series in every:
            for slot in occurrences(series, first, last, changes.get(series.id)):
                if start <= slot.utc < end and (series.id, slot.day) not in filled:
                    slots.append(slot)
        return sorted(slots, key=lambda x: (x.utc, x.platform))
