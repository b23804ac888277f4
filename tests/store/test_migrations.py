"""Alembic migrations: upgrades keep data; a newer or foreign database is refused untouched."""

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from edcal.store import open_store
from edcal.store.engine import HEAD_REVISION, StoreError, current_revision, make_engine
from edcal.store.urls import resolve_url


def test_head_constant_matches_the_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from edcal.store.engine import _migrations_dir

    config = Config()
    config.set_main_option("script_location", _migrations_dir())
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_first_migration_upgrades_to_head_with_data_intact(db_url, config):
    old = open_store(db_url, config, migrate_to="0001")
    assert current_revision(old.engine) == "0001"
    with old.engine.begin() as conn:
        assert not inspect(conn).has_table("running_timer")
        conn.execute(text("INSERT INTO platform (key, name, profile, enabled, sort_order) VALUES ('x', 'X', 'x', true, 0)"))
        conn.execute(text(
            "INSERT INTO post (uid, platform, scheduled_utc, tz, fold, body, status, created_utc, updated_utc, revision) "
            "VALUES ('u1', 'x', '2026-11-24 08:30:00', 'Europe/Paris', 0, 'kept through the upgrade', 'draft', "
            "'2026-11-01 10:00:00', '2026-11-01 10:00:00', 1)"))
    old.close()
    store = open_store(db_url, config)
    try:
        assert current_revision(store.engine) == HEAD_REVISION
        (post,) = store.all_posts()
        assert post.body == "kept through the upgrade" and post.local_time().hour == 9
        assert store.running_timer() is None  # the new table works
    finally:
        store.close()


def _fingerprint(url: str) -> str:
    if url.startswith("sqlite"):
        return hashlib.sha256(Path(url.split("///", 1)[1]).read_bytes()).hexdigest()
    engine = create_engine(resolve_url(url))
    with engine.connect() as conn:
        names = sorted(inspect(conn).get_table_names())
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    return f"{names} {version}"


def test_database_from_a_newer_edcal_is_refused_untouched(db_url, config):
    store = open_store(db_url, config)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    before = _fingerprint(db_url)
    with pytest.raises(StoreError, match=r"written by a newer edcal \(schema 9999\); upgrade edcal"):
        open_store(db_url, config)
    assert _fingerprint(db_url) == before


def test_database_of_another_program_is_refused(db_url, config):
    engine = make_engine(resolve_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id integer primary key)"))
    engine.dispose()
    with pytest.raises(StoreError, match="not edcal's"):
        open_store(db_url, config)
