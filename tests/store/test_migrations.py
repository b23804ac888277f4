"""Alembic migrations: upgrades keep data; a newer or foreign database is refused untouched."""

import hashlib
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from edcal.store import open_store
from edcal.store.engine import StoreError, current_revision, make_engine
from edcal.store.urls import resolve_url
from edcal.store.values import HEAD_REVISION


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


# Rows each schema can hold, written as an older edcal wrote them, with every kind of link:
# media and time entries on posts, a post in a series, a moved slot, a result.
ROWS = {
    "0001": [
        "INSERT INTO platform (key, name, profile, enabled, sort_order) VALUES ('x', 'X', 'x', true, 0)",
        "INSERT INTO post (id, uid, platform, scheduled_utc, tz, fold, body, status, created_utc, updated_utc, revision) "
        "VALUES (1, 'u1', 'x', '2026-11-24 08:30:00', 'Europe/Paris', 0, 'one', 'draft', '2026-11-01 10:00:00', "
        "'2026-11-01 10:00:00', 1)",
        "INSERT INTO post (id, uid, platform, scheduled_utc, tz, fold, body, status, created_utc, updated_utc, revision) "
        "VALUES (2, 'u2', 'x', NULL, NULL, 0, 'two', 'idea', '2026-11-01 10:00:00', '2026-11-01 10:00:00', 3)",
        "INSERT INTO media (id, post_id, position, kind, location, alt) VALUES (1, 1, 0, 'image', 'a.jpg', 'alt a')",
        "INSERT INTO media (id, post_id, position, kind, location) VALUES (2, 1, 1, 'image', 'b.jpg')",
        "INSERT INTO media (id, post_id, position, kind, location) VALUES (3, 2, 0, 'video', 'c.mp4')",
        "INSERT INTO time_entry (id, start_utc, minutes, activity, platform, post_id) "
        "VALUES (1, '2026-11-23 09:00:00', 30, 'writing', 'x', 1)",
        "INSERT INTO time_entry (id, start_utc, minutes, activity, post_id) VALUES (2, '2026-11-23 10:00:00', 15, 'other', 2)",
        "INSERT INTO time_entry (id, start_utc, minutes, activity) VALUES (3, '2026-11-23 11:00:00', 45, 'planning')",
        "INSERT INTO setting (key, value) VALUES ('weekly_minimum', '60')",
    ],
    "0002": [
        "INSERT INTO running_timer (id, started_utc, activity, platform, post_id) "
        "VALUES (1, '2026-11-23 12:00:00', 'other', 'x', 1)",
    ],
    "0003": [
        "INSERT INTO series (id, uid, platform, rule, at, tz, start) "
        "VALUES (1, 's1', 'x', 'FREQ=WEEKLY;BYDAY=MO', '09:00:00', 'Europe/Paris', '2026-11-02')",
        "INSERT INTO slot_change (series_id, day, moved_utc, fold) VALUES (1, '2026-11-09', NULL, 0)",
        "UPDATE post SET series_id = 1, slot_date = '2026-11-23' WHERE id = 1",
    ],
    "0004": [
        "INSERT INTO result (post_id, reach, engagements, recorded_utc) VALUES (1, 1000, 50, '2026-11-25 10:00:00')",
    ],
    "0008": ["UPDATE post SET thread = '[\"two, part 2\", \"part 3 🧵\"]' WHERE id = 2"],
    "0009": ["UPDATE post SET idea = 'u1' WHERE id IN (1, 2)"],
}


def _rows(conn, table, columns):
    listed = ", ".join(columns)
    return [tuple(map(str, row)) for row in conn.execute(text(f"SELECT {listed} FROM {table} ORDER BY {listed}"))]


@pytest.mark.parametrize("start", sorted(ROWS))
def test_every_upgrade_keeps_every_row_and_link(db_url, config, start):
    old = open_store(db_url, config, migrate_to=start)
    with old.engine.begin() as conn:
        for revision in sorted(ROWS):
            if revision <= start:
                for statement in ROWS[revision]:
                    conn.execute(text(statement))
        tables = {t: [c["name"] for c in inspect(conn).get_columns(t)]
                  for t in inspect(conn).get_table_names() if t != "alembic_version"}
        before = {t: _rows(conn, t, columns) for t, columns in tables.items()}
    old.close()
    store = open_store(db_url, config)
    try:
        with store.engine.connect() as conn:
            after = {t: _rows(conn, t, columns) for t, columns in tables.items()}
        assert after == before
        assert [len(p.media) for p in sorted(store.all_posts(), key=lambda p: p.id)] == [2, 1]
    finally:
        store.close()


def test_a_foreign_sqlite_file_keeps_its_journal_mode_and_bytes(tmp_path, config):
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id integer primary key)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not edcal's"):
        open_store(f"sqlite:///{path}", config)
    assert path.read_bytes() == before and not (tmp_path / "other.db-wal").exists()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_an_edcal_file_in_rollback_journal_mode_is_switched_to_wal(tmp_path, config):
    import sqlite3

    url = f"sqlite:///{tmp_path / 'edcal.db'}"
    open_store(url, config).close()
    with sqlite3.connect(tmp_path / "edcal.db") as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    open_store(url, config).close()
    with sqlite3.connect(tmp_path / "edcal.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_ids_are_never_reused_after_the_highest_is_deleted(store):
    from datetime import date, time

    from edcal.domain.models import Post, TimeEntry
    from edcal.domain.recurrence import Series

    when = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    made = {
        "post": (lambda: store.add_post(Post(platform="x", body="a")).id, store.delete_post),
        "time": (lambda: store.add_time(TimeEntry(start=when, minutes=30)).id, store.delete_time),
        "series": (lambda: store.add_series(Series(platform="x", rule="FREQ=DAILY", at=time(9), tz="UTC",
                                                   start=date(2026, 11, 23))).id, store.delete_series),
    }
    for kind, (add, delete) in made.items():
        first, second = add(), add()
        assert second > first, kind
        delete(second)
        assert add() > second, kind


def test_an_in_memory_database_is_migrated_on_its_own_connection(config):
    from edcal.domain.models import Post

    store = open_store("sqlite://", config)
    try:
        assert current_revision(store.engine) == HEAD_REVISION
        assert store.add_post(Post(platform="x", body="kept")).id == 1
        assert [p.body for p in store.all_posts()] == ["kept"]
    finally:
        store.close()
