"""Opening a database: URL resolution, engine settings, error messages, migrations."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url

from edcal.config import Config, default_db_url, load_config
from edcal.store.errors import StoreError, describe, translate_errors
from edcal.store.urls import resolve_url

if TYPE_CHECKING:
    from edcal.store.repo import Store

HEAD_REVISION = "0004"  # tests check that this is the migration scripts' head


def make_engine(url: str, busy_timeout: float = 5.0) -> Engine:
    with translate_errors(url):
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:" and url == default_db_url():
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": busy_timeout, "check_same_thread": False})

            @event.listens_for(engine, "connect")
            def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
                cursor = dbapi_connection.cursor()
                cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
                cursor.execute("PRAGMA foreign_keys = ON")
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
                cursor.close()

            return engine
        connect_args = {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _migrations_dir() -> str:
    return str(files("edcal.store").joinpath("migrations"))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, url: str, target: str = "head") -> None:
    """Bring the schema to ``target``; refuse a database from a newer edcal or another program."""
    with translate_errors(url):
        current = current_revision(engine)
        if current == HEAD_REVISION and target == "head":
            return
        from alembic import command
        from alembic.config import Config as AlembicConfig
        from alembic.script import ScriptDirectory
        from alembic.util.exc import CommandError

        config = AlembicConfig()
        config.set_main_option("script_location", _migrations_dir())
        script = ScriptDirectory.from_config(config)
        if current is not None:
            try:
                script.get_revision(current)
            except CommandError:
                raise StoreError(
                    f"the database {describe(url)} was written by a newer edcal (schema {current}); "
                    "upgrade edcal to open it."
                ) from None
        else:
            with engine.connect() as conn:
                others = inspect(conn).get_table_names()
            if others:
                raise StoreError(
                    f"the database {describe(url)} holds tables that are not edcal's; "
                    "point --db at a new file or an edcal database."
                )
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, target)


def open_store(url: str | None = None, config: Config | None = None, *, migrate_to: str = "head") -> Store:
    """Open (and create or upgrade) the database; returns a Store."""
    from edcal.store.repo import Store

    config = config if config is not None else load_config()
    resolved = resolve_url(url, config)
    engine = make_engine(resolved, config.busy_timeout)
    migrate(engine, resolved, migrate_to)
    return Store(engine, resolved, config)
