"""What edcal wrote to each CalDAV calendar, and when each was last synced."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlmodel import Session, col

from edcal.domain.sync import Synced
from edcal.store.base import StoreBase
from edcal.store.tables import CalDAVCalendarRow, CalDAVItemRow


class CalDAVStore(StoreBase):
    def synced_items(self, calendar: str) -> dict[str, Synced]:
        """The events edcal wrote to ``calendar``, by uid."""
        with self.session() as s:
            rows = s.scalars(select(CalDAVItemRow).where(col(CalDAVItemRow.calendar) == calendar))
            return {r.uid: Synced(r.uid, r.href, r.etag, r.fingerprint, r.start_utc, r.post_id) for r in rows}

    def record_synced(self, calendar: str, done: Iterable[Synced] = (), gone: Iterable[str] = ()) -> None:
        """After the server accepted them: the events written (inserted or replaced by uid) and
        the uids no longer there, in one transaction."""
        done, gone = list(done), list(gone)
        if not done and not gone:
            return
        with self.session() as s:
            if gone:
                s.execute(delete(CalDAVItemRow).where(col(CalDAVItemRow.calendar) == calendar,
                                                      col(CalDAVItemRow.uid).in_(gone)))
            for item in done:
                self._upsert(s, CalDAVItemRow, dict(
                    calendar=calendar, uid=item.uid, href=item.href, etag=item.etag, fingerprint=item.fingerprint,
                    start_utc=item.start, post_id=item.post_id), ("calendar", "uid"))
            s.commit()

    def forget_calendar(self, calendar: str) -> None:
        """The calendar is gone from the server: nothing edcal wrote there is left."""
        with self.session() as s:
            s.execute(delete(CalDAVItemRow).where(col(CalDAVItemRow.calendar) == calendar))
            s.commit()

    def sync_status(self, calendar: str) -> tuple[datetime | None, str | None, datetime | None]:
        """When ``calendar`` was last synced, and the last failure since (its words and time)."""
        with self.session() as s:
            row = s.get(CalDAVCalendarRow, calendar)
            return (row.synced_utc, row.error, row.error_utc) if row else (None, None, None)

    def record_sync_status(self, calendar: str, when: datetime, error: str | None = None) -> None:
        values: dict[str, object] = {"calendar": calendar}
        values.update({"error": error, "error_utc": when} if error else {"synced_utc": when, "error": None,
                                                                          "error_utc": None})
        with self.session() as s:
            self._upsert(s, CalDAVCalendarRow, values, ("calendar",))
            s.commit()

    @staticmethod
    def _upsert(s: Session, row: type, values: dict[str, object], keys: tuple[str, ...]) -> None:
        """INSERT, or UPDATE the row with the same keys: atomic on SQLite and PostgreSQL alike,
        so two syncs writing the same event leave one row."""
        dialect = s.get_bind().dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            statement = pg_insert(row).values(**values)
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            statement = sqlite_insert(row).values(**values)  # type: ignore[assignment]
        changed = {k: statement.excluded[k] for k in values if k not in keys}
        s.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=changed))
