"""The tables. Times are stored as naive UTC; the store adds the zone back at its edge."""


from datetime import date, datetime, time, timezone
from typing import Any

from sqlalchemy import Column, DateTime, Dialect, ForeignKey, Index, Integer, Table
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from edcal.domain.schema import CAMPAIGN_MAX, HANDLE_MAX, KEY_MAX, UID_MAX, ZONE_MAX


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime in Python, naive UTC in the database (the same on SQLite and PostgreSQL)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("edcal stores aware datetimes only")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


def _utc(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class PlatformRow(SQLModel, table=True):
    __tablename__ = "platform"

    key: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=80)
    profile: str = Field(max_length=40)
    enabled: bool = True
    sort_order: int = 0
    colour: str | None = Field(default=None, max_length=30)
    reason: str | None = None
    audience: str | None = None
    objective: str | None = None
    kpi: str | None = None
    weekly_target: int | None = None
    handle: str | None = Field(default=None, max_length=HANDLE_MAX)  # the account, e.g. @brand (migration 0010)


_REVISION = Column("revision", Integer, nullable=False)


class PostRow(SQLModel, table=True):
    __tablename__ = "post"
    __table_args__ = (Index("ix_post_platform_scheduled", "platform", "scheduled_utc"),
                      Index("ix_post_series_slot", "series_id", "slot_date"),  # the slots posts fill (0013)
                      Index("ix_post_created_utc", "created_utc"),  # the first activity (0014)
                      {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True, max_length=UID_MAX)
    platform: str = Field(foreign_key="platform.key", index=True, max_length=KEY_MAX)
    scheduled_utc: datetime | None = _utc(nullable=True, index=True)
    tz: str | None = Field(default=None, max_length=ZONE_MAX)
    fold: int = 0
    title: str | None = None
    body: str = ""
    link: str | None = None
    status: str = Field(default="draft", max_length=12, index=True)
    campaign: str | None = Field(default=None, max_length=CAMPAIGN_MAX)
    notes: str | None = None
    published_url: str | None = None
    thread: str | None = None  # a thread's parts after the first, a JSON array (migration 0008)
    idea: str | None = Field(default=None, max_length=UID_MAX, index=True)  # the variants' shared key (0009)
    series_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("series.id", ondelete="SET NULL"), nullable=True)
    )
    slot_date: date | None = None
    created_utc: datetime = _utc()
    updated_utc: datetime = _utc()
    revision: int | None = Field(default=None, sa_column=_REVISION)
    checked: str | None = None  # the last check's report, kept to print marks without the rules engine (0012)

    # The revision is an optimistic lock: an UPDATE names the revision it read, so a
    # second writer holding an older copy changes no row and is told to reload.
    __mapper_args__ = {"version_id_col": _REVISION}


class MediaRow(SQLModel, table=True):
    __tablename__ = "media"

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(sa_column=Column(Integer, ForeignKey("post.id", ondelete="CASCADE"), index=True, nullable=False))
    position: int = 0
    kind: str = Field(default="image", max_length=12)
    location: str
    alt: str | None = None


class TimeEntryRow(SQLModel, table=True):
    __tablename__ = "time_entry"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused (migration 0005)

    id: int | None = Field(default=None, primary_key=True)
    start_utc: datetime = _utc(index=True)
    minutes: int
    activity: str = Field(default="other", max_length=20)
    platform: str | None = Field(default=None, foreign_key="platform.key", max_length=40)
    post_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("post.id", ondelete="SET NULL"), nullable=True)
    )
    note: str | None = None


class SettingRow(SQLModel, table=True):
    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=40)
    value: str


class TimerRow(SQLModel, table=True):
    """The one running timer, stored so it survives a restart (added in migration 0002)."""

    __tablename__ = "running_timer"

    id: int = Field(default=1, primary_key=True)
    started_utc: datetime = _utc()
    activity: str = Field(default="other", max_length=20)
    platform: str | None = Field(default=None, max_length=40)
    post_id: int | None = None
    note: str | None = None


class SeriesRow(SQLModel, table=True):
    """A recurring slot (migration 0003)."""

    __tablename__ = "series"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=64)
    platform: str = Field(foreign_key="platform.key", max_length=40)
    rule: str
    at: time
    tz: str = Field(max_length=64)
    start: date
    until: date | None = None
    title: str | None = None
    template: str | None = None


class SlotChangeRow(SQLModel, table=True):
    """One occurrence of a series skipped (moved_utc empty) or moved."""

    __tablename__ = "slot_change"

    series_id: int = Field(sa_column=Column(Integer, ForeignKey("series.id", ondelete="CASCADE"), primary_key=True))
    day: date = Field(primary_key=True)
    moved_utc: datetime | None = _utc(nullable=True)
    fold: int = 0


class ResultRow(SQLModel, table=True):
    """A published post's numbers (migration 0004); any may be blank."""

    __tablename__ = "result"

    post_id: int = Field(sa_column=Column(Integer, ForeignKey("post.id", ondelete="CASCADE"), primary_key=True))
    reach: int | None = None
    engagements: int | None = None
    clicks: int | None = None
    conversions: int | None = None
    recorded_utc: datetime = _utc()


class CalDAVItemRow(SQLModel, table=True):
    """An event edcal wrote to a CalDAV calendar (migration 0011). No foreign key to the post:
    the row outlives a deleted post, which is how the next sync knows to delete its event."""

    __tablename__ = "caldav_item"

    calendar: str = Field(primary_key=True, max_length=500)  # the calendar's URL
    uid: str = Field(primary_key=True, max_length=255)
    href: str
    etag: str | None = None
    fingerprint: str = Field(max_length=64)
    start_utc: datetime = _utc()
    post_id: int | None = None


class CalDAVCalendarRow(SQLModel, table=True):
    """When a CalDAV calendar was last synced, and the last failure (migration 0011)."""

    __tablename__ = "caldav_calendar"

    calendar: str = Field(primary_key=True, max_length=500)
    synced_utc: datetime | None = _utc(nullable=True)
    error: str | None = None
    error_utc: datetime | None = _utc(nullable=True)


def table(name: str) -> Table:
    """The Core table ``name``, for bulk reads and writes that need no ORM objects."""
    return SQLModel.metadata.tables[name]


POST = table("post")
MEDIA = table("media")
PLATFORM = table("platform")
RESULT = table("result")
