"""Storage: SQLModel tables, the engine, queries and migrations.

Nothing here touches a database at import time; ``open_store`` does the work. The names
below load lazily so that importing ``edcal.store.urls`` stays free of SQLAlchemy.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Store", "open_store", "resolve_url"]


def __getattr__(name: str) -> Any:
    if name == "open_store":
        from edcal.store.engine import open_store

        return open_store
    if name == "Store":
        from edcal.store.repo import Store

        return Store
    if name == "resolve_url":
        from edcal.store.urls import resolve_url

        return resolve_url
    raise AttributeError(name)
