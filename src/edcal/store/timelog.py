"""Time entries and the running timer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlmodel import Session, col

from edcal.domain.models import (
    ACTIVITIES,
    RunningTimer,
    TimeEntry,
)
from edcal.domain.timelog import logged_minutes
from edcal.errors import EdcalError, NotFoundError
from edcal.store.platforms import PlatformStore
from edcal.store.rows import require, utc_now
from edcal.store.tables import (
    PostRow,
    TimeEntryRow,
    TimerRow,
)
from edcal.store.values import to_entry


class TimeStore(PlatformStore):
    def _check_entry_refs(self, s: Session, entry: TimeEntry | RunningTimer) -> None:
        """Inside a write: the activity is known, the platform's row exists, the post too."""
        if entry.activity not in ACTIVITIES:
            raise EdcalError(f"unknown activity '{entry.activity}'; use one of: {', '.join(ACTIVITIES)}")
        if entry.platform is not None:
            self._ensure_platform(s, entry.platform)
        if entry.post_id is not None:
            require(s, PostRow, entry.post_id, f"there is no post {entry.post_id}")

    def add_time(self, entry: TimeEntry) -> TimeEntry:
        with self.session() as s:
            self._check_entry_refs(s, entry)
            row = TimeEntryRow(start_utc=entry.start, minutes=entry.minutes, activity=entry.activity,
                               platform=entry.platform, post_id=entry.post_id, note=entry.note)
            s.add(row)
            s.commit()
            return to_entry(row)

    def update_time(self, entry: TimeEntry) -> TimeEntry:
        with self.session() as s:
            row = require(s, TimeEntryRow, entry.id, f"there is no time entry {entry.id}")
            self._check_entry_refs(s, entry)
            row.start_utc, row.minutes, row.activity = entry.start, entry.minutes, entry.activity
            row.platform, row.post_id, row.note = entry.platform, entry.post_id, entry.note
            s.commit()
            return to_entry(row)

    def get_time(self, entry_id: int) -> TimeEntry:
        with self.session() as s:
            row = require(s, TimeEntryRow, entry_id, f"there is no time entry {entry_id}")
            return to_entry(row)

    def delete_time(self, entry_id: int) -> None:
        with self.session() as s:
            row = require(s, TimeEntryRow, entry_id, f"there is no time entry {entry_id}")
            s.delete(row)
            s.commit()

    def time_between(self, start: datetime, end: datetime) -> list[TimeEntry]:
        with self.session() as s:
            query = (select(TimeEntryRow).where(col(TimeEntryRow.start_utc) >= start, col(TimeEntryRow.start_utc) < end)
                     .order_by(col(TimeEntryRow.start_utc), col(TimeEntryRow.id)))
            return [to_entry(r) for r in s.scalars(query)]

    def first_activity(self) -> datetime | None:
        """When edcal was first used here: the earliest logged time or added post (None:
        nothing yet). Weeks before it are not held against the minimum."""
        from sqlalchemy import func

        with self.session() as s:
            found = [s.scalar(select(func.min(col(TimeEntryRow.start_utc)))),
                     s.scalar(select(func.min(col(PostRow.created_utc))))]
        return min((when for when in found if when is not None), default=None)

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
            self._one_writer(s, "timer")
            self._check_entry_refs(s, timer)
            stopped = self._stop_timer(s, timer.started)
            s.add(TimerRow(id=1, started_utc=timer.started, activity=timer.activity,
                           platform=timer.platform, post_id=timer.post_id, note=timer.note))
            s.commit()
            return None if stopped is None else to_entry(stopped)

    def stop_timer(self, at: datetime | None = None) -> TimeEntry:
        """Stop the running timer and log its time in whole minutes; a run under 30 seconds
        logs nothing and comes back with 0 minutes and no id."""
        with self.session() as s:
            self._one_writer(s, "timer")
            entry = self._stop_timer(s, at or utc_now())
            if entry is None:
                raise NotFoundError("no timer is running")
            s.commit()
            return to_entry(entry)

    @staticmethod
    def _stop_timer(s: Session, at: datetime) -> TimeEntryRow | None:
        row = s.get(TimerRow, 1)
        if row is None:
            return None
        # Only the caller whose DELETE takes the row logs it: two stops never log it twice.
        taken = s.connection().execute(
            delete(TimerRow).where(col(TimerRow.id) == 1, col(TimerRow.started_utc) == row.started_utc))
        if taken.rowcount != 1:
            return None
        s.expunge(row)
        entry = TimeEntryRow(start_utc=row.started_utc, minutes=logged_minutes(row.started_utc, at),
                             activity=row.activity, platform=row.platform, post_id=row.post_id, note=row.note)
        if entry.minutes:  # under 30 seconds: stopped, and nothing logged (the entry has no id)
            s.add(entry)
            s.flush()
        return entry
