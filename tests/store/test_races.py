"""Races and kills with real processes: several edcal processes released at once behind a
barrier (a file they wait for, after their imports), and migrations killed with SIGKILL.
On SQLite, and on PostgreSQL when EDCAL_TEST_DB names a server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import inspect, text

from edcal.store import open_store
from edcal.store.engine import current_revision
from edcal.store.values import HEAD_REVISION

pytestmark = pytest.mark.postgres

# Imports first, then "ready", then the wait for the go file: the processes start their
# commands within a millisecond of each other.
RUNNER = r"""
import os, sys, time
import edcal.cli, edcal.store.repo, edcal.services.posts
print("ready", flush=True)
while not os.path.exists(sys.argv[1]):
    time.sleep(0.0005)
sys.exit(edcal.cli.main(sys.argv[2:]))
"""


def race(tmp_path, db_url, commands: list[list[str]]) -> list[subprocess.CompletedProcess]:
    go = tmp_path / "go"
    # What is raced is who waits for whom, not how long: on a loaded machine (CI runs a worker
    # more than it has cores) eight fresh processes may wait past the 5 s default for a lock.
    patient = tmp_path / "race.toml"
    patient.write_text("[database]\nbusy_timeout = 60\n")
    env = dict(os.environ, EDCAL_DB=db_url, EDCAL_CONFIG=str(patient))
    procs = [subprocess.Popen([sys.executable, "-c", RUNNER, str(go), *command], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for command in commands]
    for proc in procs:
        assert proc.stdout.readline() == "ready\n"
    go.touch()
    done = []
    for proc, command in zip(procs, commands, strict=True):
        out, err = proc.communicate(timeout=120)
        assert "Traceback" not in err, err
        done.append(subprocess.CompletedProcess(command, proc.returncode, out, err))
    return done


def test_eight_processes_opening_a_new_database_at_once_all_succeed(tmp_path, db_url, config):
    results = race(tmp_path, db_url, [["add", "--platform", "x", "--body", f"post {i}"] for i in range(8)])
    assert [r.returncode for r in results] == [0] * 8, [r.stderr for r in results]
    store = open_store(db_url, config)
    try:
        assert current_revision(store.engine) == HEAD_REVISION
        assert sorted(p.body for p in store.all_posts()) == [f"post {i}" for i in range(8)]
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    finally:
        store.close()


def test_concurrent_first_posts_on_a_platform_all_land(tmp_path, db_url, config):
    open_store(db_url, config).close()  # the schema exists; the platform row does not
    results = race(tmp_path, db_url, [["add", "--platform", "linkedin", "--body", f"post {i}"] for i in range(4)])
    assert [r.returncode for r in results] == [0] * 4, [r.stderr for r in results]
    store = open_store(db_url, config)
    try:
        assert len(store.all_posts()) == 4
        assert [p.key for p in store.platforms()] == ["linkedin"]
    finally:
        store.close()


def _minutes_before(now: str, minutes: int) -> str:
    from datetime import datetime, timedelta

    return (datetime.fromisoformat(now) - timedelta(minutes=minutes)).isoformat()


TEN_MINUTES_AGO = _minutes_before(os.environ["EDCAL_NOW"], 10)


def test_simultaneous_timer_stops_log_the_timer_once(tmp_path, db_url, config):
    open_store(db_url, config).close()
    env = dict(os.environ, EDCAL_DB=db_url)
    subprocess.run([sys.executable, "-m", "edcal", "timer", "start", "--activity", "writing"], check=True,
                   env={**env, "EDCAL_NOW": TEN_MINUTES_AGO}, capture_output=True)
    results = race(tmp_path, db_url, [["timer", "stop"]] * 8)
    assert sorted(r.returncode for r in results) == [0] + [1] * 7, [r.stderr for r in results]
    assert all("no timer is running" in r.stderr for r in results if r.returncode)
    store = open_store(db_url, config)
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM time_entry")).scalar() == 1
        assert store.running_timer() is None
    finally:
        store.close()


def test_simultaneous_timer_starts_log_the_running_timer_once(tmp_path, db_url, config):
    open_store(db_url, config).close()
    env = dict(os.environ, EDCAL_DB=db_url)
    subprocess.run([sys.executable, "-m", "edcal", "timer", "start"], env={**env, "EDCAL_NOW": TEN_MINUTES_AGO},
                   check=True, capture_output=True)
    results = race(tmp_path, db_url, [["timer", "start", "--activity", "writing"]] * 4)
    assert [r.returncode for r in results] == [0] * 4, [r.stderr for r in results]
    store = open_store(db_url, config)
    try:
        with store.engine.connect() as conn:
            # the first timer (10 minutes) is logged once; the three started at the same instant
            # as the ones they stop ran 0 seconds and log nothing
            assert conn.execute(text("SELECT minutes FROM time_entry")).scalars().all() == [10]
        assert store.running_timer() is not None
    finally:
        store.close()


# A migration that stops half-way (after the given revision, in the same transaction) and
# waits to be killed.
STALLED = r"""
import sys, time
import edcal.store.engine as engine
real = engine._upgrade
def stalled(conn, url, target):
    real(conn, url, sys.argv[2])
    print("migrating", flush=True)
    time.sleep(120)
engine._upgrade = stalled
engine.open_store(sys.argv[1])
"""


def kill_mid_migration(db_url: str, upto: str) -> None:
    proc = subprocess.Popen([sys.executable, "-c", STALLED, db_url, upto], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout.readline() == "migrating\n", proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        proc.kill()
    time.sleep(0.05)


def test_a_first_run_killed_while_migrating_leaves_a_database_edcal_opens(db_url, config):
    kill_mid_migration(db_url, "0002")
    store = open_store(db_url, config)
    try:
        assert current_revision(store.engine) == HEAD_REVISION
        assert store.all_posts() == []
    finally:
        store.close()


def test_an_upgrade_killed_half_way_leaves_the_previous_schema_and_its_rows(db_url, config):
    old = open_store(db_url, config, migrate_to="0002")
    with old.engine.begin() as conn:
        conn.execute(text("INSERT INTO platform (key, name, profile, enabled, sort_order) VALUES ('x', 'X', 'x', true, 0)"))
        conn.execute(text(
            "INSERT INTO post (uid, platform, fold, body, status, created_utc, updated_utc, revision) "
            "VALUES ('u1', 'x', 0, 'kept', 'idea', '2026-11-01 10:00:00', '2026-11-01 10:00:00', 1)"))
    old.close()
    kill_mid_migration(db_url, "0003")
    check = open_store(db_url, config, migrate_to="0002")
    try:
        assert current_revision(check.engine) == "0002"
        with check.engine.connect() as conn:
            assert not inspect(conn).has_table("series")
    finally:
        check.close()
    store = open_store(db_url, config)
    try:
        assert [p.body for p in store.all_posts()] == ["kept"]
    finally:
        store.close()


def _import_file(tmp_path, rows: int):
    from edcal.domain.models import Post
    from edcal.domain.schema import post_record
    from edcal.export.tabular import to_csv

    sheet = tmp_path / "posts.csv"
    sheet.write_text(to_csv([post_record(Post(platform="linkedin", body=f"post {i}", uid=f"u{i}")) for i in range(rows)]))
    return sheet


def _writing(db_url: str) -> bool:
    """Whether another process is inside a write transaction on the database right now."""
    if db_url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(db_url.split("///", 1)[1], timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            conn.close()
    from sqlalchemy import create_engine

    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL")).scalar())
    finally:
        engine.dispose()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_an_import_stopped_while_it_writes_imports_nothing(tmp_path, db_url, config, sig):
    sheet = _import_file(tmp_path, 6000)
    open_store(db_url, config).close()
    proc = subprocess.Popen([sys.executable, "-m", "edcal", "import", "csv", str(sheet)], text=True,
                            env=dict(os.environ, EDCAL_DB=db_url), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while not _writing(db_url):  # the import holds its one write transaction open: stop it there
        assert proc.poll() is None, "the import ended before it was seen writing"
        time.sleep(0.002)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    store = open_store(db_url, config)
    try:
        if proc.returncode == 0:  # it committed between the look and the signal: then all of it
            assert store.count_posts() == 6000
            return
        assert store.count_posts() == 0
        assert store.platforms() == []  # not even the platform's row
    finally:
        store.close()
    if sig == signal.SIGINT:
        assert proc.returncode == 130, err
        assert err.strip().endswith("edcal: interrupted; nothing was imported."), err


def test_simultaneous_edits_of_one_post_end_saved_or_told_it_changed_elsewhere(tmp_path, db_url, config):
    store = open_store(db_url, config)
    try:
        post_id = store.add_post(__import__("edcal.domain.models", fromlist=["Post"]).Post(
            platform="x", body="start", status="draft")).id
    finally:
        store.close()
    results = race(tmp_path, db_url, [["edit", str(post_id), "--body", f"edit {i}", "--media", f"p{i}.jpg"]
                                      for i in range(4)])
    assert all(r.returncode == 0 or "changed elsewhere" in r.stderr for r in results), [r.stderr for r in results]
    assert any(r.returncode == 0 for r in results)
    store = open_store(db_url, config)
    try:
        post = store.get_post(post_id)
        winner = post.body.split()[-1]
        assert [m.location for m in post.media] == [f"p{winner}.jpg"]  # the body and media of one edit, whole
    finally:
        store.close()
