"""Which database to open. Light on purpose: the TUI resolves the URL before its first frame."""

from __future__ import annotations

import os
from pathlib import Path

from edcal.config import Config, default_db_url


def resolve_url(cli_url: str | None = None, config: Config | None = None) -> str:
    """The database URL: --db, then EDCAL_DB, then the config file, then SQLite in the data dir.

    A plain path (no ``://``) means an SQLite file.
    """
    url = cli_url or os.environ.get("EDCAL_DB") or (config.db_url if config else None)
    if not url:
        return default_db_url()
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url

