"""Everything in the database as plain values, and back: the rows of every table, ids kept,
so that links between them (media, time entries, slots, results) survive a round trip."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Table, Time, TypeDecorator, delete, func, insert, select, text

from edcal.errors import EdcalError
from edcal.store.base import StoreBase
from edcal.store.tables import UTCDateTime, table

# Parents before children: the order rows are written in, and deleted in reverse.
TABLES = ("platform", "setting", "series", "slot_change", "post", "media", "time_entry", "result", "running_timer")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (datetime, date, time)) else value


def _typed(column_type: Any, value: Any) -> Any:
    """A JSON value as the column takes it; ValueError saying what it must be."""
    if value is None:
        return None
    if isinstance(column_type, (UTCDateTime, DateTime, Date, Time)):
        if not isinstance(value, str):
            raise ValueError(f"must be a date or time written as text, not {json.dumps(value)[:40]}")
        if isinstance(column_type, UTCDateTime):
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise ValueError(f"'{value}' has no UTC offset")
            return parsed
        if isinstance(column_type, DateTime):
            return datetime.fromisoformat(value)
        if isinstance(column_type, Date):
            return date.fromisoformat(value)
        return time.fromisoformat(value)
    base = column_type.impl if isinstance(column_type, TypeDecorator) else column_type  # AutoString: a String
    for kind, python in ((Boolean, bool), (Integer, int), (String, str)):
        if isinstance(base, kind) and (not isinstance(value, python) or (python is int and isinstance(value, bool))):
            raise ValueError(f"must be {_NAMES[python]}, not {json.dumps(value)[:40]}")
    return value


_NAMES = {int: "a whole number", bool: "true or false", str: "a text"}
DERIVED = {"checked"}  # the post's kept check: computed again, not backed up


class BackupStore(StoreBase):
    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table, as JSON values, in a stable order."""
        found: dict[str, list[dict[str, Any]]] = {}
        with self.session() as s:
            for name in TABLES:
                t = table(name)
                keys = list(t.primary_key.columns) or list(t.columns)[:1]
                rows = s.execute(select(t).order_by(*keys)).mappings()
                found[name] = [{key: _plain(value) for key, value in row.items() if key not in DERIVED}
                               for row in rows]
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
                found = tables.get(name, [])
                if not isinstance(found, list):
                    raise EdcalError(f"the backup's {name} table must be a list of rows")
                rows = [self._row(table(name), row, i) for i, row in enumerate(found, 1)]
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
    def _row(t: Table, row: dict[str, Any], number: int) -> dict[str, Any]:
        where = f"row {number} of the backup's {t.name} table"
        if not isinstance(row, dict):
            raise EdcalError(f"{where} is not an object")
        extra = set(row) - set(t.columns.keys())
        if extra:
            raise EdcalError(f"{where} has columns edcal does not know: {', '.join(sorted(extra))}")
        typed = {}
        for key, value in row.items():
            try:
                typed[key] = _typed(t.columns[key].type, value)
            except (TypeError, ValueError) as exc:
                raise EdcalError(f"{where}: '{key}' {exc}") from None
        return typed
