"""Noticing what other processes write, without polling the tables.

SQLite: ``PRAGMA data_version`` on a connection of its own changes when any other connection
commits; asking costs microseconds. PostgreSQL: the database NOTIFYs channel ``edcal`` after
every write (migration 0006), and a connection LISTENs. An open calendar waits on one of these
in a thread and reloads what it shows.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from sqlalchemy.engine import Engine

from edcal.errors import EdcalError

CHANNEL = "edcal"
SETTLE = 0.2  # a save writes several statements: wait this long for the rest before reloading


class SqliteWatch:
    def __init__(self, path: str) -> None:
        self.connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.version = self._version()

    def _version(self) -> int:
        return int(self.connection.execute("PRAGMA data_version").fetchone()[0])

    def changed(self, timeout: float) -> bool:
        """Whether another connection committed, checked after ``timeout`` seconds."""
        time.sleep(timeout)
        version = self._version()
        changed, self.version = version != self.version, version
        return changed

    def close(self) -> None:
        self.connection.close()


class PostgresWatch:
    def __init__(self, conninfo: str) -> None:
        import psycopg

        self.connection: Any = psycopg.connect(conninfo, autocommit=True)
        self.connection.execute(f"LISTEN {CHANNEL}")

    def changed(self, timeout: float) -> bool:
        """Whether a write was notified within ``timeout`` seconds (and the ones right after it)."""
        if not list(self.connection.notifies(timeout=timeout, stop_after=1)):
            return False
        list(self.connection.notifies(timeout=SETTLE))  # the rest of that save
        return True

    def close(self) -> None:
        self.connection.close()


def open_watch(engine: Engine) -> SqliteWatch | PostgresWatch | None:
    """A watch on ``engine``'s database; None for a database without a file (in memory)."""
    url = engine.url
    try:
        if url.get_backend_name() == "sqlite":
            return SqliteWatch(url.database) if url.database and url.database != ":memory:" else None
        return PostgresWatch(url.set(drivername="postgresql").render_as_string(hide_password=False))
    except Exception as exc:  # sqlite3.Error, psycopg.Error, a missing driver: all say the same
        raise EdcalError(f"cannot watch the database for changes made elsewhere: {exc}") from exc
