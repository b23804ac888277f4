"""The read path's bad days: the same one-line messages as the store, and a schema changed by
another process read whole or refused, never half-read."""

import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest

from edcal.domain.models import Post
from edcal.record import replace
from edcal.store import open_store
from edcal.store.errors import StoreError
from edcal.store.read import Reader, open_reader

WHEN = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


def sqlite_only(db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("a file-level failure of SQLite")


def other_process(db_url: str, script: str) -> subprocess.Popen:
    """Python in another process with ``db`` open on the database (sqlite3 or psycopg, no edcal):
    it prints 'ready' once it holds what ``script`` takes, then waits for a line on stdin."""
    if db_url.startswith("sqlite"):
        opening = f"import sqlite3\ndb = sqlite3.connect({db_url.split('///', 1)[1]!r}, isolation_level=None)\n"
    else:
        opening = f"import psycopg\ndb = psycopg.connect({'postgresql://' + db_url.split('://', 1)[1]!r}, autocommit=True)\n"
    code = opening + textwrap.dedent(script) + "\nprint('ready', flush=True)\nimport sys; sys.stdin.readline()\n"
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    return child


def finish(child: subprocess.Popen) -> None:
    child.communicate("\n", timeout=30)


def test_a_database_another_program_holds_alone_is_refused_in_the_stores_words(db_url, config, tmp_path):
    sqlite_only(db_url)
    open_store(db_url, config).close()
    config = replace(config, busy_timeout=0.2)
    holder = other_process(db_url, "db.execute('PRAGMA locking_mode = EXCLUSIVE')\n"
                                   "db.execute('BEGIN EXCLUSIVE'); db.execute('DELETE FROM setting'); db.execute('COMMIT')")
    try:
        with pytest.raises(StoreError) as read:
            open_reader(db_url, config).settings()
        with pytest.raises(StoreError) as stored:
            open_store(db_url, config).settings()
    finally:
        finish(holder)
    assert str(read.value) == str(stored.value)
    assert "is locked by another program; try again in a moment" in str(read.value)


def test_a_file_that_is_not_a_database_is_refused_in_the_stores_words(tmp_path, config):
    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a database\n" * 100)
    before = junk.read_bytes()
    with pytest.raises(StoreError) as read:
        Reader.connect(f"sqlite:///{junk}", config)
    with pytest.raises(StoreError) as stored:
        open_store(f"sqlite:///{junk}", config)
    assert str(read.value) == str(stored.value)
    assert str(read.value) == f"{junk} is not an SQLite database; point --db at an edcal database or a new file."
    assert junk.read_bytes() == before


def test_a_damaged_file_is_refused_in_the_stores_words(db_url, config):
    sqlite_only(db_url)
    import sqlite3

    store = open_store(db_url, config)
    for i in range(40):
        store.add_post(Post(platform="x", body=f"post {i} " * 40, scheduled_at=WHEN, tz="UTC"))
    store.close()
    path = db_url.split("///", 1)[1]
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(Path(path).read_bytes())
    data[4096 * 2:] = b"Z" * (len(data) - 4096 * 2)  # the schema's page is whole, the rows' are not
    Path(path).write_bytes(data)
    with pytest.raises(StoreError) as read:
        open_reader(db_url, config).all_posts()
    with pytest.raises(StoreError) as stored:
        open_store(db_url, config).all_posts()
    assert str(read.value) == str(stored.value) == f"the database {path} failed: database disk image is malformed."


def test_the_store_takes_over_when_the_database_is_new_older_or_newer(db_url, config, tmp_path):
    fresh = open_reader(str(tmp_path / "new.db"), config)  # nothing there yet: the store creates it
    assert not isinstance(fresh, Reader) and (tmp_path / "new.db").is_file()
    fresh.close()
    open_store(db_url, config, migrate_to="0005").close()
    upgraded = open_reader(db_url, config)  # an older schema: the store upgrades it
    assert not isinstance(upgraded, Reader) and upgraded.settings().timezone
    upgraded.close()
    assert isinstance(open_reader(db_url, config), Reader)
    store = open_store(db_url, config)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    store.close()
    with pytest.raises(StoreError, match=r"written by a newer edcal \(schema 9999\); upgrade edcal"):
        open_reader(db_url, config)


def test_a_migration_running_elsewhere_is_read_whole_or_refused(db_url, config):
    store = open_store(db_url, config)
    store.add_post(Post(platform="x", body="before", scheduled_at=WHEN, tz="UTC"))
    store.close()
    reader = open_reader(db_url, config)
    assert isinstance(reader, Reader)
    begin = "db.execute('BEGIN IMMEDIATE')" if db_url.startswith("sqlite") else "db.execute('BEGIN')"
    migrating = other_process(db_url, f"""
        {begin}
        db.execute("UPDATE post SET body = 'half-way'")
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    """)
    try:  # not committed yet: the reader sees the schema and the rows as they were, whole
        assert [p.body for p in reader.all_posts()] == ["before"]
    finally:
        migrating.stdin.write("\n")
        migrating.stdin.flush()
    committed = other_process(db_url, "db.execute(\"UPDATE alembic_version SET version_num = '9999'\")")
    finish(committed)
    migrating.kill()
    migrating.wait()
    with pytest.raises(StoreError, match=r"was upgraded to schema 9999 while edcal read it; run edcal again"):
        reader.all_posts()
    reader.close()
