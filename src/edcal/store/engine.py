"""Opening a database: URL resolution, engine settings, error messages, migrations."""

from __future__ import annotations

import logging
import sqlite3
import time
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from edcal.config import Config, default_db_url, load_config
from edcal.store.errors import StoreError, describe, translate_errors
from edcal.store.urls import resolve_url
from edcal.store.values import HEAD_REVISION

if TYPE_CHECKING:
    from edcal.store.repo import Store



# SQLAlchemy logs what it meets while closing a connection (a ctrl+c there, say) with a
# traceback; with no handler of edcal's, Python would print it. edcal says what went wrong itself.
logging.getLogger("sqlalchemy").addHandler(logging.NullHandler())


def make_engine(url: str, busy_timeout: float = 5.0) -> Engine:
    with translate_errors(url):
        try:
            parsed = make_url(url)
        except ValueError as exc:  # a port that is not a number, and the like
            reason = "its port must be a number" if "int()" in str(exc) else str(exc)
            raise StoreError(f"the database URL {describe(url)} is not valid: {reason}.") from None
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:" and url == default_db_url():
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": busy_timeout, "check_same_thread": False})

            @event.listens_for(engine, "connect")
            def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
                cursor = dbapi_connection.cursor()
                cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
                cursor.execute("PRAGMA foreign_keys = ON")  # WAL: set once by migrate()
                cursor.execute("PRAGMA synchronous = NORMAL")
                cursor.close()

            return engine
        connect_args = {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _migrations_dir() -> str:
    return str(files("edcal.store").joinpath("migrations"))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _revision(conn)


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    version: str | None = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return version


def _sqlite_migration_engine(engine: Engine, busy_timeout: float) -> Engine:
    """A second engine on the same SQLite file for checking and migrating it.

    - Nothing about the file changes until a migration runs: no switch to WAL.
    - edcal issues BEGIN itself (pysqlite's own transaction handling is off), so the DDL joins
      the transaction and a killed migration leaves the previous schema whole. ``BEGIN
      IMMEDIATE`` on a connection asked to ``write`` takes the write lock first, so processes
      opening a new database at once migrate one after the other.
    - Foreign keys are off (they can only be switched outside a transaction), so rebuilding a
      table does not fire ON DELETE CASCADE / SET NULL on the rows that point at it;
      ``PRAGMA foreign_key_check`` runs before the commit instead.
    """
    migrating = create_engine(engine.url, poolclass=NullPool,
                              connect_args={"timeout": busy_timeout, "check_same_thread": False})

    @event.listens_for(migrating, "connect")
    def _connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        dbapi_connection.execute("PRAGMA foreign_keys = OFF")

    @event.listens_for(migrating, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return migrating


def migrate(engine: Engine, url: str, target: str = "head", busy_timeout: float = 5.0) -> None:
    """Bring the schema to ``target``; refuse a database from a newer edcal or another program,
    untouched. One process at a time migrates (the others wait, then find it done), in one
    transaction: a migration killed half-way leaves the previous schema."""
    with translate_errors(url):
        # a second engine on an SQLite file; an in-memory database has only the one connection
        sqlite = engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:")
        checking = _sqlite_migration_engine(engine, busy_timeout) if sqlite else engine
        try:
            with checking.connect() as conn:
                current = _revision(conn)
                journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar() if sqlite else None
                ours = (current is not None and current <= HEAD_REVISION) or not inspect(conn).get_table_names()
            if sqlite and ours and journal != "wal":
                _use_wal(checking, busy_timeout)
            if current == HEAD_REVISION and target == "head":
                return
            with checking.connect().execution_options(write=True) as conn, conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
                _upgrade(conn, url, target)
        finally:
            if checking is not engine:
                checking.dispose()


def _use_wal(migrating: Engine, busy_timeout: float) -> None:
    """Switch an edcal SQLite file to WAL (readers never wait for a writer). The switch takes
    the file alone for an instant, and SQLite does not wait for that: retry until the busy
    timeout, as a locked write would."""
    deadline = time.monotonic() + busy_timeout
    raw = migrating.raw_connection()
    try:
        while True:
            try:
                raw.driver_connection.execute("PRAGMA journal_mode = WAL")  # type: ignore[union-attr]
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise OperationalError("PRAGMA journal_mode = WAL", None, exc) from None
                time.sleep(0.01)
    finally:
        raw.close()


_MIGRATION_LOCK = 0x6564_6361_6C  # "edcal": PostgreSQL's advisory lock key for migrations


def _upgrade(conn: Connection, url: str, target: str) -> None:
    """Check the database (again, now under the lock) and run the migrations to ``target``."""
    from alembic import command
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    config = AlembicConfig()
    config.set_main_option("script_location", _migrations_dir())
    current = _revision(conn)
    if current == target or (current == HEAD_REVISION and target == "head"):
        return
    if current is not None:
        try:
            ScriptDirectory.from_config(config).get_revision(current)
        except CommandError:
            raise StoreError(
                f"the database {describe(url)} was written by a newer edcal (schema {current}); "
                "upgrade edcal to open it."
            ) from None
    elif inspect(conn).get_table_names():
        raise StoreError(
            f"the database {describe(url)} holds tables that are not edcal's; "
            "point --db at a new file or an edcal database."
        )
    config.attributes["connection"] = conn
    command.upgrade(config, target)
    if conn.dialect.name == "sqlite":
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StoreError(f"upgrading {describe(url)} would break {len(broken)} links between rows; "
                             "nothing was changed.")


def open_store(url: str | None = None, config: Config | None = None, *, migrate_to: str = "head") -> Store:
    """Open (and create or upgrade) the database; returns a Store."""
    from edcal.store.repo import Store

    config = config if config is not None else load_config()
    resolved = resolve_url(url, config)
    engine = make_engine(resolved, config.busy_timeout)
    migrate(engine, resolved, migrate_to, config.busy_timeout)
    return Store(engine, resolved, config)
