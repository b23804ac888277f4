"""Storage: SQLModel tables, the engine, queries and migrations.

Nothing here touches a database at import time; ``open_store`` does the work.
"""

from edcal.store.engine import open_store, resolve_url
from edcal.store.repo import Store

__all__ = ["Store", "open_store", "resolve_url"]
