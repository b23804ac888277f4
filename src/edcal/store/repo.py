"""Queries. Every method opens a short session, so a Store is safe to share across threads."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from functools import cached_property

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from edcal.config import Config
from edcal.domain.models import (
    ACTIVITIES,
    Media,
    Platform,
    Post,
    RunningTimer,
    Settings,
    TimeEntry,
)
from edcal.domain.plan import Results
from edcal.domain.recurrence import Series, Slot, SlotChange, normalise_rule, occurrences
from edcal.domain.rules import load_profiles
from edcal.domain.rules.profiles import ProfileError
from edcal.errors import ConflictError, EdcalError, NotFoundError
from edcal.store.errors import translate_errors
from edcal.store.tables import (
    MediaRow,
    PlatformRow,
    PostRow,
    ResultRow,
    SeriesRow,
    SettingRow,
    SlotChangeRow,
    TimeEntryRow,
    TimerRow,
)


def _now() -> datetime:
    from edcal.domain import clock

    return clock.now()


def _platform(row: PlatformRow) -> Platform:
    return Platform(
        key=row.key, name=row.name, profile=row.profile, enabled=row.enabled,
        sort_order=row.sort_order, colour=row.colour, reason=row.reason, audience=row.audience,
        objective=row.objective, kpi=row.kpi, weekly_target=row.weekly_target,
    )


def _post(row, media: Iterable[MediaRow] = ()) -> Post:
    """A Post from an ORM row or a Core result row (same attribute names)."""
    return Post(
        id=row.id, uid=row.uid, platform=row.platform, scheduled_at=row.scheduled_utc,
        tz=row.tz, fold=row.fold, title=row.title, body=row.body, link=row.link,
        status=row.status, campaign=row.campaign, notes=row.notes, revision=row.revision or 0,
        created_at=row.created_utc, updated_at=row.updated_utc,
        series_id=row.series_id, slot_date=row.slot_date,
        media=tuple(Media(m.location, m.kind, m.alt) for m in sorted(media, key=lambda m: m.position)),
    )


def _entry(row: TimeEntryRow) -> TimeEntry:
    return TimeEntry(
        id=row.id, start=row.start_utc, minutes=row.minutes, activity=row.activity,
        platform=row.platform, post_id=row.post_id, note=row.note,
    )


def _require(s: Session, table, key, missing: str):
    """The row of ``table`` with primary key ``key``, or NotFoundError(``missing``)."""
    row = s.get(table, key)
    if row is None:
        raise NotFoundError(missing)
    return row


class Store:
    def __init__(self, engine: Engine, url: str, config: Config):
        self.engine = engine
        self.url = url
        self.config = config

    # -- plumbing ---------------------------------------------------------------------

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        with translate_errors(self.url), Session(self.engine, expire_on_commit=False) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    @cached_property
    def profiles(self):
        try:
            return load_profiles(self.config.profiles)
        except ProfileError as exc:
            raise EdcalError(f"{self.config.path}: {exc}.") from None

    # -- platforms --------------------------------------------------------------------

    def platforms(self, enabled_only: bool = False) -> list[Platform]:
        with self.session() as s:
            query = select(PlatformRow).order_by(PlatformRow.sort_order, PlatformRow.key)
            if enabled_only:
                query = query.where(PlatformRow.enabled == True)  # noqa: E712
            return [_platform(r) for r in s.scalars(query)]

    def get_platform(self, key: str) -> Platform:
        """The platform ``key`` names: its row, or for a shipped or configured rule profile not
        used yet, the platform it would be. Reads only; writes that need the row add it."""
        key = key.strip().lower()
        with self.session() as s:
            row = s.get(PlatformRow, key)
            if row is not None:
                return _platform(row)
            count = s.scalar(select(func.count()).select_from(PlatformRow)) or 0
        if key not in self.profiles:
            known = ", ".join(sorted(set(self.profiles) | {p.key for p in self.platforms()}))
            raise NotFoundError(f"unknown platform '{key}'; known platforms: {known}")
        return Platform(key=key, name=self.profiles[key].name, profile=key, sort_order=count)

    def _ensure_platform(self, s: Session, key: str) -> str:
        """Inside a write: the platform row for ``key``, added if it is a known profile."""
        key = key.strip().lower()
        if s.get(PlatformRow, key) is None:
            if key not in self.profiles:
                raise NotFoundError(f"unknown platform '{key}'")
            count = s.scalar(select(func.count()).select_from(PlatformRow)) or 0
            s.add(PlatformRow(key=key, name=self.profiles[key].name, profile=key, enabled=True, sort_order=count))
            s.flush()
        return key

    def save_platform(self, platform: Platform) -> Platform:
        if platform.profile not in self.profiles:
            raise NotFoundError(f"unknown rule profile '{platform.profile}' for platform '{platform.key}'")
        with self.session() as s:
            row = s.get(PlatformRow, platform.key) or PlatformRow(key=platform.key, name=platform.name,
                                                                  profile=platform.profile)
            for name in ("name", "profile", "enabled", "sort_order", "colour", "reason", "audience",
                         "objective", "kpi", "weekly_target"):
                setattr(row, name, getattr(platform, name))
            s.add(row)
            s.commit()
            return _platform(row)

    def enable_platforms(self, keys: Iterable[str]) -> list[Platform]:
        """Enable exactly ``keys`` in that order; other platforms stay but are disabled."""
        keys = [k.lower() for k in keys]
        with self.session() as s:
            for key in keys:
                self._ensure_platform(s, key)
            for row in s.scalars(select(PlatformRow)):
                row.enabled = row.key in keys
                if row.key in keys:
                    row.sort_order = keys.index(row.key)
            s.commit()
        return self.platforms(enabled_only=True)

    # -- posts ------------------------------------------------------------------------

    @staticmethod
    def _validate(post: Post) -> None:
        """What the tables themselves need; the rules are the services' (edcal.services.posts)."""
        if post.scheduled_at is not None and post.scheduled_at.tzinfo is None:
            raise ValueError("scheduled_at must be aware")

    @staticmethod
    def _fill_post_row(row: PostRow, post: Post) -> None:
        for name, value in (("platform", post.platform.lower()), ("scheduled_utc", post.scheduled_at),
                            ("tz", post.tz), ("fold", post.fold), ("title", post.title),
                            ("body", post.body or ""), ("link", post.link), ("status", post.status),
                            ("campaign", post.campaign), ("notes", post.notes),
                            ("series_id", post.series_id), ("slot_date", post.slot_date)):
            setattr(row, name, value)

    def import_posts(self, posts: Iterable[Post]) -> tuple[int, int]:
        """Add each post, or update the one with its uid; all in one transaction, so an import
        that fails half-way changes nothing. Returns (added, updated)."""
        added = updated = 0
        now = _now()
        with self.session() as s:
            for post in posts:
                self._validate(post)
                self._ensure_platform(s, post.platform)
                row = s.scalars(select(PostRow).where(PostRow.uid == post.uid)).first() if post.uid else None
                if row is None:
                    row = PostRow(uid=post.uid or uuid.uuid4().hex, platform=post.platform, created_utc=now,
                                  updated_utc=now)
                    added += 1
                else:
                    updated += 1
                self._fill_post_row(row, post)
                row.updated_utc = now
                s.add(row)
                s.flush()
                self._replace_media(s, row.id, post.media)
            s.commit()
        return added, updated

    def add_post(self, post: Post) -> Post:
        """Insert a post (and its platform's row, when it is the first post there)."""
        self._validate(post)
        now = _now()
        with self.session() as s:
            row = PostRow(
                uid=post.uid or uuid.uuid4().hex, platform=self._ensure_platform(s, post.platform),
                scheduled_utc=post.scheduled_at, tz=post.tz, fold=post.fold, title=post.title,
                body=post.body or "", link=post.link, status=post.status, campaign=post.campaign,
                notes=post.notes, created_utc=post.created_at or now, updated_utc=now,
                series_id=post.series_id, slot_date=post.slot_date,
            )
            s.add(row)
            s.flush()
            media = self._replace_media(s, row.id, post.media)
            s.commit()
            return _post(row, media)

    def _replace_media(self, s: Session, post_id: int, media: Iterable[Media]) -> list[MediaRow]:
        s.execute(delete(MediaRow).where(MediaRow.post_id == post_id))
        rows = [MediaRow(post_id=post_id, position=i, kind=m.kind, location=m.location, alt=m.alt)
                for i, m in enumerate(media)]
        s.add_all(rows)
        return rows

    def update_post(self, post: Post) -> Post:
        """Save changes to a post read earlier; ConflictError if it changed since."""
        if post.id is None:
            raise ValueError("update_post needs a post with an id")
        self._validate(post)
        with self.session() as s:
            row = _require(s, PostRow, post.id, f"post {post.id} does not exist (deleted elsewhere?)")
            self._ensure_platform(s, post.platform)
            if row.revision != post.revision:
                raise ConflictError(
                    f"post {post.id} was changed elsewhere (revision {row.revision}, you had "
                    f"{post.revision}); reload it and apply your change again"
                )
            self._fill_post_row(row, post)
            row.updated_utc = _now()
            media = self._replace_media(s, row.id, post.media)
            try:
                s.commit()
            except StaleDataError:
                raise ConflictError(
                    f"post {post.id} was changed elsewhere while saving; reload it and apply your change again"
                ) from None
            return _post(row, media)

    def get_post(self, post_id: int) -> Post:
        with self.session() as s:
            row = _require(s, PostRow, post_id, f"there is no post {post_id}")
            media = s.scalars(select(MediaRow).where(MediaRow.post_id == post_id)).all()
            return _post(row, media)

    def post_by_uid(self, uid: str) -> Post | None:
        return self.posts_by_uid([uid]).get(uid)

    def posts_by_uid(self, uids: Iterable[str]) -> dict[str, Post]:
        """The posts with these uids, by uid."""
        wanted, found = list(dict.fromkeys(uids)), []
        with self.session() as s:
            post = PostRow.__table__.c
            for start in range(0, len(wanted), 500):
                query = select(PostRow.__table__).where(post.uid.in_(wanted[start:start + 500]))
                found += self._with_media(s, self._rows(s, query))
        return {p.uid: p for p in found if p.uid}

    def delete_post(self, post_id: int) -> None:
        with self.session() as s:
            row = _require(s, PostRow, post_id, f"there is no post {post_id}")
            s.delete(row)
            s.commit()

    def _with_media(self, s: Session, rows: list) -> list[Post]:
        by_post: dict[int, list] = {}
        ids = [r.id for r in rows]
        media = MediaRow.__table__
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for m in s.execute(select(media).where(media.c.post_id.in_(chunk))):
                by_post.setdefault(m.post_id, []).append(m)
        return [_post(r, by_post.get(r.id, ())) for r in rows]

    def _rows(self, s: Session, query) -> list:
        """Plain result rows: listing thousands of posts needs no ORM identity map."""
        return list(s.execute(query))

    def posts_between(self, start: datetime, end: datetime, platforms: Iterable[str] | None = None,
                      statuses: Iterable[str] | None = None) -> list[Post]:
        """Scheduled-time posts with ``start <= time < end``, in time order."""
        with self.session() as s:
            post = PostRow.__table__.c
            query = (select(PostRow.__table__).where(post.scheduled_utc >= start, post.scheduled_utc < end)
                     .order_by(post.scheduled_utc, post.id))
            if platforms:
                query = query.where(post.platform.in_([p.lower() for p in platforms]))
            if statuses:
                query = query.where(post.status.in_(list(statuses)))
            return self._with_media(s, self._rows(s, query))

    def backlog(self) -> list[Post]:
        """Ideas and drafts without a date, newest first."""
        with self.session() as s:
            post = PostRow.__table__.c
            query = (select(PostRow.__table__).where(post.scheduled_utc.is_(None))
                     .order_by(post.created_utc.desc(), post.id.desc()))
            return self._with_media(s, self._rows(s, query))

    def all_posts(self) -> list[Post]:
        with self.session() as s:
            return self._with_media(s, self._rows(s, select(PostRow.__table__).order_by(PostRow.__table__.c.id)))

    def count_posts(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(PostRow)) or 0

    # -- settings ---------------------------------------------------------------------

    def settings(self) -> Settings:
        with self.session() as s:
            values = {r.key: r.value for r in s.scalars(select(SettingRow))}
        default = Settings()
        return Settings(
            weekly_minimum=int(values.get("weekly_minimum", default.weekly_minimum)),
            week_start=int(values.get("week_start", default.week_start)),
            timezone=values.get("timezone", default.timezone),
            hourly_rate=float(values["hourly_rate"]) if values.get("hourly_rate") else None,
            organizer=values.get("organizer") or None,
            objective=values.get("objective") or None,
        )

    def save_settings(self, settings: Settings) -> None:
        values = {
            "weekly_minimum": str(settings.weekly_minimum), "week_start": str(settings.week_start),
            "timezone": settings.timezone,
            "hourly_rate": "" if settings.hourly_rate is None else str(settings.hourly_rate),
            "organizer": settings.organizer or "",
            "objective": settings.objective or "",
        }
        with self.session() as s:
            for key, value in values.items():
                row = s.get(SettingRow, key) or SettingRow(key=key, value=value)
                row.value = value
                s.add(row)
            s.commit()

    def feed_token(self) -> str:
        """The secret in the feed's URL, made once and kept."""
        import secrets

        with self.session() as s:
            row = s.get(SettingRow, "feed_token")
            if row is None:
                row = SettingRow(key="feed_token", value=secrets.token_urlsafe(24))
                s.add(row)
                s.commit()
            return row.value

    # -- time -------------------------------------------------------------------------

    def _check_entry_refs(self, s: Session, entry: TimeEntry | RunningTimer) -> None:
        """Inside a write: the activity is known, the platform's row exists, the post too."""
        if entry.activity not in ACTIVITIES:
            raise EdcalError(f"unknown activity '{entry.activity}'; use one of: {', '.join(ACTIVITIES)}")
        if entry.platform is not None:
            self._ensure_platform(s, entry.platform)
        if entry.post_id is not None:
            _require(s, PostRow, entry.post_id, f"there is no post {entry.post_id}")

    def add_time(self, entry: TimeEntry) -> TimeEntry:
        with self.session() as s:
            self._check_entry_refs(s, entry)
            row = TimeEntryRow(start_utc=entry.start, minutes=entry.minutes, activity=entry.activity,
                               platform=entry.platform, post_id=entry.post_id, note=entry.note)
            s.add(row)
            s.commit()
            return _entry(row)

    def update_time(self, entry: TimeEntry) -> TimeEntry:
        with self.session() as s:
            row = _require(s, TimeEntryRow, entry.id, f"there is no time entry {entry.id}")
            self._check_entry_refs(s, entry)
            row.start_utc, row.minutes, row.activity = entry.start, entry.minutes, entry.activity
            row.platform, row.post_id, row.note = entry.platform, entry.post_id, entry.note
            s.commit()
            return _entry(row)

    def get_time(self, entry_id: int) -> TimeEntry:
        with self.session() as s:
            row = _require(s, TimeEntryRow, entry_id, f"there is no time entry {entry_id}")
            return _entry(row)

    def delete_time(self, entry_id: int) -> None:
        with self.session() as s:
            row = _require(s, TimeEntryRow, entry_id, f"there is no time entry {entry_id}")
            s.delete(row)
            s.commit()

    def time_between(self, start: datetime, end: datetime) -> list[TimeEntry]:
        with self.session() as s:
            query = (select(TimeEntryRow).where(TimeEntryRow.start_utc >= start, TimeEntryRow.start_utc < end)
                     .order_by(TimeEntryRow.start_utc, TimeEntryRow.id))
            return [_entry(r) for r in s.scalars(query)]

    def running_timer(self) -> RunningTimer | None:
        with self.session() as s:
            row = s.get(TimerRow, 1)
            if row is None:
                return None
            return RunningTimer(started=row.started_utc, activity=row.activity, platform=row.platform,
                                post_id=row.post_id, note=row.note)

    def start_timer(self, timer: RunningTimer) -> TimeEntry | None:
        """Start ``timer``; a timer already running is stopped first and its entry returned,
        in the same transaction."""
        with self.session() as s:
            self._check_entry_refs(s, timer)
            stopped = self._stop_timer(s, timer.started)
            s.add(TimerRow(id=1, started_utc=timer.started, activity=timer.activity,
                           platform=timer.platform, post_id=timer.post_id, note=timer.note))
            s.commit()
            return None if stopped is None else _entry(stopped)

    def stop_timer(self, at: datetime | None = None) -> TimeEntry:
        """Stop the running timer and log its time (at least one minute)."""
        with self.session() as s:
            entry = self._stop_timer(s, at or _now())
            if entry is None:
                raise NotFoundError("no timer is running")
            s.commit()
            return _entry(entry)

    @staticmethod
    def _stop_timer(s: Session, at: datetime) -> TimeEntryRow | None:
        row = s.get(TimerRow, 1)
        if row is None:
            return None
        # Only the caller whose DELETE takes the row logs it: two stops never log it twice.
        taken = s.execute(delete(TimerRow).where(TimerRow.id == 1, TimerRow.started_utc == row.started_utc))
        if taken.rowcount != 1:
            return None
        s.expunge(row)
        minutes = max(1, round((at - row.started_utc).total_seconds() / 60))
        entry = TimeEntryRow(start_utc=row.started_utc, minutes=minutes, activity=row.activity,
                             platform=row.platform, post_id=row.post_id, note=row.note)
        s.add(entry)
        s.flush()
        return entry

    # -- recurring slots --------------------------------------------------------------

    @staticmethod
    def _series(row: SeriesRow) -> Series:
        return Series(platform=row.platform, rule=row.rule, at=row.at, tz=row.tz, start=row.start,
                      until=row.until, title=row.title, template=row.template, id=row.id, uid=row.uid)

    def add_series(self, series: Series) -> Series:
        from dataclasses import replace

        series = replace(series, platform=self.get_platform(series.platform).key)  # known, and as its key
        self._check_series(series)
        with self.session() as s:
            row = self._insert_series(s, series)
            s.commit()
            return self._series(row)

    @staticmethod
    def _check_series(series: Series) -> None:
        from edcal.domain.dates import zone

        zone(series.tz)
        normalise_rule(series.rule)
        if series.until and series.until < series.start:
            raise EdcalError("the series ends before it starts")

    def _insert_series(self, s: Session, series: Series) -> SeriesRow:
        row = SeriesRow(uid=series.uid or uuid.uuid4().hex, platform=self._ensure_platform(s, series.platform),
                        rule=normalise_rule(series.rule), at=series.at, tz=series.tz, start=series.start,
                        until=series.until, title=series.title, template=series.template)
        s.add(row)
        s.flush()
        return row

    def series(self) -> list[Series]:
        with self.session() as s:
            return [self._series(r) for r in s.scalars(select(SeriesRow).order_by(SeriesRow.id))]

    def get_series(self, series_id: int) -> Series:
        with self.session() as s:
            row = _require(s, SeriesRow, series_id, f"there is no series {series_id}")
            return self._series(row)

    def edit_series(self, series_id: int, today: date, **changes) -> Series:
        """Change a series from ``today`` on, in one transaction; slots before today keep the old
        definition (the old series ends yesterday and a new one carries on, with the skipped and
        moved slots and the posts filling slots from today on)."""
        from dataclasses import replace

        if "platform" in changes:
            changes["platform"] = self.get_platform(changes["platform"]).key
        with self.session() as s:
            row = _require(s, SeriesRow, series_id, f"there is no series {series_id}")
            old = self._series(row)
            if old.start >= today:  # nothing of it has happened yet: change it in place
                self._check_series(replace(old, **changes))
                if "platform" in changes:
                    self._ensure_platform(s, changes["platform"])
                for name, value in changes.items():
                    setattr(row, name, normalise_rule(value) if name == "rule" else value)
                s.commit()
                return self._series(row)
            carried = replace(old, **changes, start=max(today, changes.get("start", today)), id=None, uid=None)
            self._check_series(carried)
            created = self._insert_series(s, carried)
            row.until = today - timedelta(days=1)
            for change in s.scalars(select(SlotChangeRow).where(SlotChangeRow.series_id == series_id,
                                                                SlotChangeRow.day >= today)):
                s.add(SlotChangeRow(series_id=created.id, day=change.day, moved_utc=change.moved_utc, fold=change.fold))
                s.delete(change)
            s.execute(PostRow.__table__.update().where(PostRow.__table__.c.series_id == series_id,
                                                       PostRow.__table__.c.slot_date >= today)
                      .values(series_id=created.id))
            s.commit()
            return self._series(created)

    def delete_series(self, series_id: int) -> None:
        """Delete a series and its slot changes; posts that filled its slots stay."""
        with self.session() as s:
            row = _require(s, SeriesRow, series_id, f"there is no series {series_id}")
            s.execute(delete(SlotChangeRow).where(SlotChangeRow.series_id == series_id))
            s.execute(PostRow.__table__.update().where(PostRow.__table__.c.series_id == series_id)
                      .values(series_id=None))
            s.delete(row)
            s.commit()

    def change_slot(self, series_id: int, day: date, moved_to: datetime | None = None, fold: int = 0) -> None:
        """Skip (``moved_to`` None) or move the occurrence of ``day``."""
        series = self.get_series(series_id)
        if not occurrences(series, day, day):
            raise EdcalError(f"series {series_id} has no slot on {day:%a %d %b %Y}")
        with self.session() as s:
            row = s.get(SlotChangeRow, (series_id, day)) or SlotChangeRow(series_id=series_id, day=day)
            row.moved_utc, row.fold = moved_to, fold
            s.add(row)
            s.commit()

    def open_slots(self, start: datetime, end: datetime, platforms: Iterable[str] | None = None) -> list[Slot]:
        """Slots between two instants that no post fills yet, in time order."""
        every = self.series()
        if platforms:
            keys = {p.lower() for p in platforms}
            every = [x for x in every if x.platform in keys]
        if not every:
            return []
        with self.session() as s:
            changes: dict[int, dict[date, SlotChange]] = {}
            for row in s.scalars(select(SlotChangeRow).where(SlotChangeRow.series_id.in_([x.id for x in every]))):
                changes.setdefault(row.series_id, {})[row.day] = SlotChange(row.day, row.moved_utc, row.fold)
            post = PostRow.__table__.c
            filled = {(r.series_id, r.slot_date) for r in s.execute(
                select(post.series_id, post.slot_date).where(post.series_id.is_not(None)))}
        slots = []
        # Local dates a day either side cover every zone's offset from UTC.
        first, last = (start - timedelta(days=2)).date(), (end + timedelta(days=2)).date()
        for series in every:
            for slot in occurrences(series, first - timedelta(days=31), last, changes.get(series.id)):
                if start <= slot.utc < end and (series.id, slot.day) not in filled:
                    slots.append(slot)
        return sorted(slots, key=lambda x: (x.utc, x.platform))

    # -- results ----------------------------------------------------------------------

    def plan_figures(self, weeks: int, today: date | None = None):
        """(week starts, per-platform PlatformFigures, settings) over the ``weeks`` ending with
        the week holding ``today``: what `report --plan` and the plan screen show."""
        from edcal.domain import clock
        from edcal.domain.plan import plan_report
        from edcal.domain.week import Week

        settings = self.settings()
        starts = Week.ending_with(today or clock.today(settings.timezone), weeks, settings.week_start)
        begin, _ = starts[0].bounds(settings.timezone)
        _, end = starts[-1].bounds(settings.timezone)
        posts = self.posts_between(begin, end)
        results = self.results([p.id for p in posts if p.status == "published"])
        return starts, plan_report(self.platforms(), posts, self.time_between(begin, end), results), settings

    def save_results(self, many: Iterable[Results]) -> None:
        """Record posts' numbers, all in one transaction; blank ones stay blank."""
        from edcal.domain.plan import RESULT_FIELDS

        many = list(many)
        for results in many:
            for name in RESULT_FIELDS:
                value = getattr(results, name)
                if value is not None and value < 0:
                    raise EdcalError(f"{name} cannot be negative")
        with self.session() as s:
            for results in many:
                _require(s, PostRow, results.post_id, f"there is no post {results.post_id}")
                row = s.get(ResultRow, results.post_id) or ResultRow(post_id=results.post_id, recorded_utc=_now())
                for name in RESULT_FIELDS:
                    setattr(row, name, getattr(results, name))
                row.recorded_utc = _now()
                s.add(row)
            s.commit()

    def results(self, post_ids: Iterable[int] | None = None) -> dict:
        from edcal.domain.plan import Results

        with self.session() as s:
            query = select(ResultRow)
            if post_ids is not None:
                query = query.where(ResultRow.post_id.in_(list(post_ids)))
            return {r.post_id: Results(r.post_id, r.reach, r.engagements, r.clicks, r.conversions)
                    for r in s.scalars(query)}
