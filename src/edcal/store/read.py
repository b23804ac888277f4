"""The read path: the queries that show a calendar, on the database driver alone.

SQLAlchemy, SQLModel and Alembic take longer to import than Textual's whole first frame and
ten times longer than a command that reads needs in all. The reader answers the same read
methods as the store (``Reads``) with hand-written SQL on the DB-API driver: the standard
library's ``sqlite3`` (opened read-only) or ``psycopg``. Rows become domain values through
``edcal.store.values``, the module the store uses too, and tests/store/test_read_path.py
holds both paths to the same answers on random databases.

Each method reads in one transaction that first checks the schema version: on SQLite in WAL
mode, and in a REPEATABLE READ transaction on PostgreSQL, every query of it sees one snapshot,
so a migration running elsewhere (itself one transaction) is seen whole or not at all.
``open_reader`` hands over to the store whenever the database is not one this edcal reads
as it is (missing, older, newer, in memory): the store creates, upgrades or refuses it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time, timezone
from operator import itemgetter
from pathlib import Path

from edcal.domain.models import Platform, Post, RunningTimer, Settings, TimeEntry
from edcal.errors import NotFoundError
from edcal.store.errors import StoreError, describe, operational_message
from edcal.store.values import (
    HEAD_REVISION,
    Lookups,
    to_entry,
    to_platform,
    to_post,
    to_results,
    to_series,
    to_settings,
)

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any, Protocol

    from edcal.config import Config
    from edcal.domain.plan import Results
    from edcal.domain.recurrence import Series, Slot, SlotChange
    from edcal.domain.rules.profiles import Profile

    Query = Callable[[str, Sequence[Any]], list[Any]]  # SQL with ? placeholders, its values: rows

    class Reads(Protocol):
        """What showing a calendar needs: the store answers it, and so does the Reader."""

        config: Config
        url: str

        @property
        def profiles(self) -> dict[str, Profile]: ...
        def settings(self) -> Settings: ...
        def platforms(self, enabled_only: bool = False) -> list[Platform]: ...
        def get_platform(self, key: str) -> Platform: ...
        def get_post(self, post_id: int) -> Post: ...
        def posts_between(self, start: datetime, end: datetime, platforms: Iterable[str] | None = None,
                          statuses: Iterable[str] | None = None) -> list[Post]: ...
        def backlog(self) -> list[Post]: ...
        def all_posts(self) -> list[Post]: ...
        def idea_posts(self, *ideas: str) -> list[Post]: ...
        def post_counts(self) -> dict[str, int]: ...
        def campaigns(self) -> list[str]: ...
        def time_between(self, start: datetime, end: datetime) -> list[TimeEntry]: ...
        def first_activity(self) -> datetime | None: ...
        def running_timer(self) -> RunningTimer | None: ...
        def series(self) -> list[Series]: ...
        def open_slots(self, start: datetime, end: datetime, platforms: Iterable[str] | None = None) -> list[Slot]: ...
        def results(self, post_ids: Iterable[int] | None = None) -> dict[int | None, Results]: ...
        def close(self) -> None: ...

CHUNK = 500  # values in one IN (...), well under either database's limit




# How a column's stored value becomes the Python value the store's tables give (by column
# name: edcal's tables use each name with one type). Times are naive UTC in both databases.
_UTC_COLUMNS = {"scheduled_utc", "created_utc", "updated_utc", "start_utc", "started_utc", "moved_utc", "recorded_utc"}
_DATE_COLUMNS = {"slot_date", "start", "until", "day"}


def _utc(value: Any) -> datetime | None:
    if value is None:
        return None
    when = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return when.replace(tzinfo=timezone.utc)


def _date(value: Any) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(value)


def _time(value: Any) -> time | None:
    return value if value is None or isinstance(value, time) else time.fromisoformat(value)


def _row_class(names: tuple[str, ...]) -> type[tuple[Any, ...]]:
    """A row: a tuple whose columns are read by name, as the store's ORM rows are. Made per
    query's columns, once; namedtuple would compile a class for it, 0.3 ms for the post's."""
    return type("Row", (tuple,), {"__slots__": (), **{name: property(itemgetter(i)) for i, name in enumerate(names)}})


def _converter(name: str) -> Callable[[Any], Any] | None:
    if name in _UTC_COLUMNS:
        return _utc
    if name in _DATE_COLUMNS:
        return _date
    if name == "at":
        return _time
    if name == "enabled":
        return bool
    return None


class Reader(Lookups):
    """The store's read methods on one DB-API connection (see the module's docstring)."""

    def __init__(self, connection: Any, dialect: str, url: str, config: Config) -> None:
        self.connection = connection
        self.dialect = dialect
        self.url = url
        self.config = config
        self._shapes: dict[tuple[str, ...], tuple[Any, list[Callable[[Any], Any] | None]]] = {}

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def connect(cls, url: str, config: Config) -> Reader | None:
        """A reader on ``url``, or None when the store must open it first (see open_reader)."""
        scheme = url.partition("://")[0]
        with _translate(url, "sqlite" if scheme == "sqlite" else "postgresql"):
            if scheme == "sqlite":
                path = url.partition("://")[2][1:].partition("?")[0]
                if not path or path == ":memory:" or not Path(path).is_file():
                    return None
                import sqlite3

                connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True,
                                             isolation_level=None, timeout=config.busy_timeout,
                                             check_same_thread=False)
                dialect = "sqlite"
            elif scheme == "postgresql+psycopg" and not describe(url).endswith("://..."):  # else the store says why
                connection = _postgres(url)
                dialect = "postgresql"
            else:
                return None
            reader = cls(connection, dialect, url, config)
            if reader._revision() != HEAD_REVISION:
                reader.close()
                return None
            return reader

    def _revision(self) -> str | None:
        """The schema's version, or None for a database without edcal's tables."""
        cursor = self.connection.cursor()
        try:
            cursor.execute("SELECT version_num FROM alembic_version")
        except Exception as exc:  # no such table: a new file, or another program's
            if "alembic_version" in str(exc):
                return None
            raise
        row = cursor.fetchone()
        cursor.close()
        return None if row is None else str(row[0])

    def close(self) -> None:
        self.connection.close()

    # -- one consistent read ----------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        with _translate(self.url, self.dialect):
            if self.dialect == "sqlite":
                cursor = self.connection.cursor()
                cursor.execute("BEGIN")
                try:
                    yield cursor
                finally:
                    cursor.execute("COMMIT")  # a read-only transaction: nothing to keep or lose
            else:
                with self.connection.transaction(), self.connection.cursor() as cursor:
                    yield cursor

    @contextlib.contextmanager
    def _read(self) -> Iterator[Query]:
        """One transaction, its queries seeing one snapshot, of a schema this edcal knows."""
        with self._transaction() as cursor:
            cursor.execute("SELECT version_num FROM alembic_version")
            found = cursor.fetchone()
            if found is None or found[0] != HEAD_REVISION:
                raise StoreError(f"the database {describe(self.url)} was upgraded to schema "
                                 f"{found[0] if found else 'none'} while edcal read it; run edcal again.")

            def query(sql: str, values: Sequence[Any] = ()) -> list[Any]:
                cursor.execute(sql if self.dialect == "sqlite" else sql.replace("?", "%s"),
                               [self._bind(v) for v in values])
                return self._rows(cursor)

            yield query

    def _bind(self, value: Any) -> Any:
        if isinstance(value, datetime):
            naive = value.astimezone(timezone.utc).replace(tzinfo=None)
            # the text SQLAlchemy stores in SQLite, so that comparisons agree
            return naive.strftime("%Y-%m-%d %H:%M:%S.%f") if self.dialect == "sqlite" else naive
        if isinstance(value, date) and self.dialect == "sqlite":
            return value.isoformat()  # as SQLAlchemy stores a date there
        return value

    def _rows(self, cursor: Any) -> list[Any]:
        names = tuple(d[0] for d in cursor.description)
        shape = self._shapes.get(names)
        if shape is None:
            shape = self._shapes[names] = (_row_class(names), [_converter(n) for n in names])
        make: Any = shape[0]
        converters = shape[1]
        if not any(converters):
            return [make(r) for r in cursor.fetchall()]
        return [make([v if c is None else c(v) for c, v in zip(converters, r, strict=True)]) for r in cursor.fetchall()]

    # -- what the calendar shows --------------------------------------------------------

    def settings(self) -> Settings:
        with self._read() as query:
            return to_settings({r.key: r.value for r in query("SELECT key, value FROM setting", ())})

    def platforms(self, enabled_only: bool = False) -> list[Platform]:
        where = " WHERE enabled" if enabled_only else ""
        with self._read() as query:
            return [to_platform(r) for r in query(f"SELECT * FROM platform{where} ORDER BY sort_order, key", ())]

    def _posts(self, where: str, values: Sequence[Any], order: str) -> list[Post]:
        with self._read() as query:
            rows = query(f"SELECT * FROM post WHERE {where} ORDER BY {order}", values)
            media: dict[int, list[Any]] = {}
            ids = [r.id for r in rows]
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start:start + CHUNK]
                for m in query(f"SELECT * FROM media WHERE post_id IN ({_marks(chunk)})", chunk):
                    media.setdefault(m.post_id, []).append(m)
        return [to_post(r, media.get(r.id, ())) for r in rows]

    def get_post(self, post_id: int) -> Post:
        found = self._posts("id = ?", [post_id], "id")
        if not found:
            raise NotFoundError(f"there is no post {post_id}")
        return found[0]

    def posts_between(self, start: datetime, end: datetime, platforms: Iterable[str] | None = None,
                      statuses: Iterable[str] | None = None) -> list[Post]:
        """Scheduled-time posts with ``start <= time < end``, in time order."""
        where = "scheduled_utc >= ? AND scheduled_utc < ?"
        values: list[object] = [start, end]
        for column, wanted in (("platform", [p.lower() for p in platforms or ()]), ("status", list(statuses or ()))):
            if wanted:
                where += f" AND {column} IN ({_marks(wanted)})"
                values += wanted
        return self._posts(where, values, "scheduled_utc, id")

    def backlog(self) -> list[Post]:
        return self._posts("scheduled_utc IS NULL", (), "created_utc DESC, id DESC")

    def all_posts(self) -> list[Post]:
        return self._posts("1 = 1", (), "id")

    def idea_posts(self, *ideas: str) -> list[Post]:
        wanted, found = list(dict.fromkeys(ideas)), []
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start:start + CHUNK]
            found += self._posts(f"idea IN ({_marks(chunk)})", chunk, "id")
        return sorted(found, key=lambda p: p.id or 0)

    def post_counts(self) -> dict[str, int]:
        with self._read() as query:
            return {r.platform: r.n for r in query("SELECT platform, count(*) AS n FROM post GROUP BY platform", ())}

    def campaigns(self) -> list[str]:
        with self._read() as query:
            found = query("SELECT DISTINCT campaign FROM post WHERE campaign IS NOT NULL", ())
        return sorted((r.campaign for r in found), key=str.casefold)

    def time_between(self, start: datetime, end: datetime) -> list[TimeEntry]:
        with self._read() as query:
            rows = query("SELECT * FROM time_entry WHERE start_utc >= ? AND start_utc < ? ORDER BY start_utc, id",
                         [start, end])
        return [to_entry(r) for r in rows]

    def first_activity(self) -> datetime | None:
        with self._read() as query:
            found = [query("SELECT min(start_utc) AS start_utc FROM time_entry", ())[0].start_utc,
                     query("SELECT min(created_utc) AS created_utc FROM post", ())[0].created_utc]
        return min((when for when in found if when is not None), default=None)

    def running_timer(self) -> RunningTimer | None:
        with self._read() as query:
            rows = query("SELECT * FROM running_timer WHERE id = 1", ())
        if not rows:
            return None
        row = rows[0]
        return RunningTimer(started=row.started_utc, activity=row.activity, platform=row.platform,
                            post_id=row.post_id, note=row.note)

    def series(self) -> list[Series]:
        with self._read() as query:
            return [to_series(r) for r in query("SELECT * FROM series ORDER BY id", ())]

    def _slot_changes(self, series_ids: list[int | None]) -> dict[int | None, dict[date, SlotChange]]:
        from edcal.domain.recurrence import SlotChange

        changes: dict[int | None, dict[date, SlotChange]] = {}
        with self._read() as query:
            for start in range(0, len(series_ids), CHUNK):
                chunk = series_ids[start:start + CHUNK]
                for row in query(f"SELECT * FROM slot_change WHERE series_id IN ({_marks(chunk)})", chunk):
                    changes.setdefault(row.series_id, {})[row.day] = SlotChange(row.day, row.moved_utc, row.fold)
        return changes

    def _filled_slots(self, first: date, last: date) -> set[tuple[int | None, date | None]]:
        with self._read() as query:  # ix_post_series_slot
            return {(r.series_id, r.slot_date) for r in query(
                "SELECT series_id, slot_date FROM post WHERE series_id IS NOT NULL AND slot_date BETWEEN ? AND ?",
                (first, last))}

    def results(self, post_ids: Iterable[int] | None = None) -> dict[int | None, Results]:
        with self._read() as query:
            if post_ids is None:
                rows = query("SELECT * FROM result", ())
            else:
                wanted, rows = list(post_ids), []
                for start in range(0, len(wanted), CHUNK):
                    chunk = wanted[start:start + CHUNK]
                    rows += query(f"SELECT * FROM result WHERE post_id IN ({_marks(chunk)})", chunk)
        return {r.post_id: to_results(r) for r in rows}


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _postgres(url: str) -> Any:
    import psycopg

    connection = psycopg.connect("postgresql://" + url.partition("://")[2], connect_timeout=5, autocommit=True)
    connection.read_only = True
    connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    return connection


def _driver_errors(dialect: str) -> tuple[type[Exception], type[Exception]]:
    """The driver's errors for a database it cannot use at all, and for any other failure."""
    if dialect == "sqlite":
        import sqlite3

        return sqlite3.OperationalError, sqlite3.DatabaseError
    import psycopg

    return psycopg.OperationalError, psycopg.Error


@contextlib.contextmanager
def _translate(url: str, dialect: str) -> Iterator[None]:
    """The driver's errors in the store's words (edcal.store.errors), one sentence each."""
    where = describe(url)
    try:
        yield
    except ModuleNotFoundError as exc:
        raise StoreError(f"the database driver '{exc.name}' is not installed; "
                         "for PostgreSQL run: pip install 'edcal[postgres]'.") from None
    except StoreError:
        raise
    except Exception as exc:
        unusable, failed = _driver_errors(dialect)
        if isinstance(exc, unusable) or "not a database" in str(exc):
            raise StoreError(operational_message(str(exc), where)) from None
        if isinstance(exc, failed):
            raise StoreError(f"the database {where} failed: {str(exc).strip().splitlines()[0]}.") from None
        raise


def open_reader(url: str | None = None, config: Config | None = None) -> Reads:
    """A reader on the database, or the store itself when the database needs it first."""
    from edcal.config import load_config
    from edcal.store.urls import resolve_url

    config = config if config is not None else load_config()
    resolved = resolve_url(url, config)
    reader = Reader.connect(resolved, config)
    if reader is not None:
        return reader
    from edcal.store.engine import open_store

    return open_store(resolved, config)
