"""Everything in the database as plain values, and back: the rows of every table, ids kept,
so that links between them (media, time entries, slots, results) survive a round trip."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Date, DateTime, Table, Time, delete, func, insert, select, text

from edcal.errors import EdcalError
from edcal.store.base import StoreBase
from edcal.store.tables import UTCDateTime, table

# Parents before children: the order rows are written in, and deleted in reverse.
TABLES = ("platform", "setting", "series", "slot_change", "post", "media", "time_entry", "result", "running_timer")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (datetime, date, time)) else value


def _typed(column_type: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column_type, UTCDateTime):
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError(f"'{value}' has no UTC offset")
        return parsed
    if isinstance(column_type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    if isinstance(column_type, Time):
        return time.fromisoformat(value)
    return value


class BackupStore(StoreBase):
    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table, as JSON values, in a stable order."""
        found: dict[str, list[dict[str, Any]]] = {}
        with self.session() as s:
            for name in TABLES:
                t = table(name)
                keys = list(t.primary_key.columns) or list(t.columns)[:1]
                rows = s.execute(select(t).order_by(*keys)).mappings()
                found[name] = [{key: _plain(value) for key, value in row.items()} for row in rows]
        return found

    def is_empty(self) -> bool:
        """No post, time entry, series, platform or setting yet (a new database)."""
        with self.session() as s:
            return all(not s.scalar(select(func.count()).select_from(table(name))) for name in TABLES)

    def restore(self, tables: dict[str, list[dict[str, Any]]], *, replace: bool = False) -> dict[str, int]:
        """Write ``tables`` (as ``dump`` gives them) in one transaction: into an empty database,
        or, with ``replace``, instead of everything in it. Returns the rows written by table."""
        unknown = set(tables) - set(TABLES)
        if unknown:
            raise EdcalError(f"the backup holds tables edcal does not know: {', '.join(sorted(unknown))}")
        with self.session() as s:
            if not replace and not self.is_empty():
                raise EdcalError("the database is not empty; restore into a new one, or give --replace to "
                                 "replace everything in it")
            for name in reversed(TABLES):
                s.execute(delete(table(name)))
            written = {}
            for name in TABLES:
                rows = [self._row(table(name), row) for row in tables.get(name, [])]
                if rows:
                    s.execute(insert(table(name)), rows)
                written[name] = len(rows)
            if s.get_bind().dialect.name == "postgresql":
                for name in ("post", "media", "time_entry", "series", "running_timer"):  # ids go on from the highest
                    s.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                   f"coalesce((SELECT max(id) FROM {name}), 0) + 1, false)"))
            s.commit()
        return written

    @staticmethod
    def _row(t: Table, row: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(row, dict):
            raise EdcalError(f"a row of {t.name} in the backup is not an object")
        extra = set(row) - set(t.columns.keys())
        if extra:
            raise EdcalError(f"a row of {t.name} in the backup has columns edcal does not know: {', '.join(sorted(extra))}")
        try:
            return {key: _typed(t.columns[key].type, value) for key, value in row.items()}
        except (TypeError, ValueError) as exc:
            raise EdcalError(f"a row of {t.name} in the backup has a bad value: {exc}") from None
