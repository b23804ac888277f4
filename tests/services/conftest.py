from ..store.conftest import config, db_url, store  # noqa: F401  (the same real databases: SQLite, and PostgreSQL in CI)
