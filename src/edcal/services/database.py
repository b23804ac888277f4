"""The faces' one door to the database: which one a person named, opening it to write (the
store, which creates and migrates) or to read (the read path, without the ORM), and watching it
for what other processes write. Light to import: each function loads what it needs when called,
so the TUI's first frame and the reading commands stay off SQLAlchemy."""

from __future__ import annotations

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

    from edcal.config import Config
    from edcal.store.read import Reader, Reads
    from edcal.store.repo import Store

__all__ = ["Reads", "Store", "connect_reader", "describe", "named_url", "open_reader", "open_store", "open_watch",
           "resolve_url"]


def resolve_url(cli_url: str | None = None, config: Config | None = None) -> str:
    """The database URL: --db, then EDCAL_DB, then the config file, then SQLite in the data dir."""
    from edcal.store.urls import resolve_url as resolve

    return resolve(cli_url, config)


def named_url(cli_url: str | None = None, config: Config | None = None) -> str | None:
    """The database a person named (--db, EDCAL_DB, the config file); None for the default."""
    from edcal.store.urls import named_url as named

    return named(cli_url, config)


def describe(url: str) -> str:
    """The URL for messages: an SQLite file's path, or the URL with its password masked."""
    from edcal.store.errors import describe as said

    return said(url)


def open_store(url: str | None = None, config: Config | None = None) -> Store:
    """The store, for what writes: it creates or upgrades the database as needed."""
    from edcal.store import open_store as opened

    store: Store = opened(url, config)
    return store


def open_reader(url: str | None = None, config: Config | None = None) -> Reads:
    """A reader for what only reads, or the store when the database needs it first."""
    from edcal.store.read import open_reader as opened

    return opened(url, config)


def connect_reader(url: str, config: Config) -> Reader | None:
    """A reader on ``url``, or None when the store must open the database first."""
    from edcal.store.read import Reader

    return Reader.connect(url, config)


def open_watch(store: Store) -> Any:
    """A watch on ``store``'s database (``changed(seconds)``, ``close()``); None without a file."""
    from edcal.store.watch import open_watch as watch

    return watch(store.engine)
