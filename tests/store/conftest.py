"""Store tests run on SQLite, and again on PostgreSQL when EDCAL_TEST_DB names a server.

With EDCAL_TEST_DB=postgresql://USER@HOST:PORT/postgres each test gets a database of
its own, created and dropped around it, so the tests stay parallel-friendly.
"""

import os
import uuid

import pytest

from edcal.config import Config
from edcal.store import open_store


@pytest.fixture
def db_url(tmp_path):
    server = os.environ.get("EDCAL_TEST_DB")
    if not server:
        yield f"sqlite:///{tmp_path / 'edcal.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from edcal.store.urls import resolve_url

    admin_url = resolve_url(server)
    name = f"edcal_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def config(tmp_path):
    return Config(path=tmp_path / "config.toml")


@pytest.fixture
def store(db_url, config):
    s = open_store(db_url, config)
    yield s
    s.close()
