"""Which database to open. Light on purpose: the TUI resolves the URL before its first frame."""

from __future__ import annotations

import os

from edcal.config import Config, default_db_url, user_path


def named_url(cli_url: str | None = None, config: Config | None = None) -> str | None:
    """The database a person named: --db, then EDCAL_DB, then the config file; None when none
    is named (the default in the data dir)."""
    return cli_url or os.environ.get("EDCAL_DB") or (config.db_url if config else None) or None


def resolve_url(cli_url: str | None = None, config: Config | None = None) -> str:
    """The database URL: --db, then EDCAL_DB, then the config file, then SQLite in the data dir.

    A plain path (no ``://``) means an SQLite file.
    """
    url = named_url(cli_url, config)
    if not url:
        return default_db_url()
    if "://" not in url:
        return f"sqlite:///{user_path(url).resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url

