"""Recurring slots: series, skipped and moved slots, the open ones."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session, col

from edcal.domain.recurrence import Series, SlotChange, normalise_rule, occurrences
from edcal.errors import EdcalError
from edcal.store.platforms import PlatformStore
from edcal.store.rows import require
from edcal.store.tables import (
    POST,
    SeriesRow,
    SlotChangeRow,
)
from edcal.store.values import to_series


class SeriesStore(PlatformStore):
    def add_series(self, series: Series) -> Series:
        from edcal.record import replace

        series = replace(series, platform=self.get_platform(series.platform).key)  # known, and as its key
        self._check_series(series)
        with self.session() as s:
            row = self._insert_series(s, series)
            s.commit()
            return to_series(row)

    @staticmethod
    def _check_series(series: Series) -> None:
        from edcal.domain.dates import zone

        zone(series.tz)
        normalise_rule(series.rule)
        if series.until and series.until < series.start:
            raise EdcalError("the series ends before it starts")

    @staticmethod
    def _series_id(row: SeriesRow) -> int:
        assert row.id is not None, "a series row has its id once flushed"
        return row.id

    def _insert_series(self, s: Session, series: Series) -> SeriesRow:
        row = SeriesRow(uid=series.uid or uuid.uuid4().hex, platform=self._ensure_platform(s, series.platform),
                        rule=normalise_rule(series.rule), at=series.at, tz=series.tz, start=series.start,
                        until=series.until, title=series.title, template=series.template)
        s.add(row)
        s.flush()
        return row

    def series(self) -> list[Series]:
        with self.session() as s:
            return [to_series(r) for r in s.scalars(select(SeriesRow).order_by(col(SeriesRow.id)))]

    def get_series(self, series_id: int) -> Series:
        with self.session() as s:
            row = require(s, SeriesRow, series_id, f"there is no series {series_id}")
            return to_series(row)

    def edit_series(self, series_id: int, today: date, **changes: Any) -> Series:
        """Change a series from ``today`` on, in one transaction; slots before today keep the old
        definition (the old series ends yesterday and a new one carries on, with the skipped and
        moved slots and the posts filling slots from today on)."""
        from edcal.record import replace

        if "platform" in changes:
            changes["platform"] = self.get_platform(changes["platform"]).key
        with self.session() as s:
            row = require(s, SeriesRow, series_id, f"there is no series {series_id}")
            old = to_series(row)
            if old.start >= today:  # nothing of it has happened yet: change it in place
                self._check_series(replace(old, **changes))
                if "platform" in changes:
                    self._ensure_platform(s, changes["platform"])
                for name, value in changes.items():
                    setattr(row, name, normalise_rule(value) if name == "rule" else value)
                s.commit()
                return to_series(row)
            carried = replace(old, **changes, start=max(today, changes.get("start", today)), id=None, uid=None)
            self._check_series(carried)
            created = self._insert_series(s, carried)
            row.until = today - timedelta(days=1)
            for change in s.scalars(select(SlotChangeRow).where(col(SlotChangeRow.series_id) == series_id,
                                                                col(SlotChangeRow.day) >= today)):
                s.add(SlotChangeRow(series_id=self._series_id(created), day=change.day,
                                    moved_utc=change.moved_utc, fold=change.fold))
                s.delete(change)
            s.execute(POST.update().where(POST.c.series_id == series_id, POST.c.slot_date >= today)
                      .values(series_id=created.id))
            s.commit()
            return to_series(created)

    def delete_series(self, series_id: int) -> None:
        """Delete a series and its slot changes; posts that filled its slots stay."""
        with self.session() as s:
            row = require(s, SeriesRow, series_id, f"there is no series {series_id}")
            s.execute(delete(SlotChangeRow).where(col(SlotChangeRow.series_id) == series_id))
            s.execute(POST.update().where(POST.c.series_id == series_id).values(series_id=None))
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

    def _slot_changes(self, series_ids: list[int | None]) -> dict[int | None, dict[date, SlotChange]]:
        changes: dict[int | None, dict[date, SlotChange]] = {}
        with self.session() as s:
            for row in s.scalars(select(SlotChangeRow).where(col(SlotChangeRow.series_id).in_(series_ids))):
                changes.setdefault(row.series_id, {})[row.day] = SlotChange(row.day, row.moved_utc, row.fold)
        return changes

    def _filled_slots(self, first: date, last: date) -> set[tuple[int | None, date | None]]:
        post = POST.c
        with self.session() as s:  # ix_post_series_slot
            return {(r.series_id, r.slot_date) for r in s.execute(
                select(post.series_id, post.slot_date).where(post.series_id.is_not(None),
                                                             post.slot_date.between(first, last)))}
