"""A backup holds everything and a restore brings all of it back: the same reports, plan,
series and posts, on SQLite and PostgreSQL, in both directions."""

from __future__ import annotations

import json
import subprocess

import pytest

pytestmark = pytest.mark.postgres

READS = (["report", "--json"], ["plan", "show"], ["series", "list"], ["list", "--json", "--week", "2026-11-24"],
         ["list", "--backlog", "--json"], ["timer", "status"])


def edcal(db: str, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    """The command on database ``db``, in this process (edcal_here: no Python start-up each time)."""
    from ..unit.test_cli_errors import edcal_here

    return edcal_here(*args, env={"EDCAL_DB": db}, input=input)


def fill(db: str, config) -> None:
    """The demo, logged time, a running timer, results, the plan, settings, a series with a
    skipped slot, and a deleted post (an id left behind)."""
    from datetime import date, datetime, time, timezone

    from edcal.cli.demo import fill_demo
    from edcal.domain.models import Post, RunningTimer, Settings, TimeEntry
    from edcal.domain.plan import Results
    from edcal.domain.recurrence import Series
    from edcal.record import replace
    from edcal.services import posts, results
    from edcal.store import open_store

    store = open_store(db, config)
    try:
        fill_demo(store, date(2026, 11, 23))
        store.add_time(TimeEntry(start=datetime(2026, 11, 23, 8, tzinfo=timezone.utc), minutes=45, activity="writing"))
        store.start_timer(RunningTimer(started=datetime(2026, 11, 25, 8, tzinfo=timezone.utc), activity="ideas"))
        store.save_settings(Settings(timezone="Europe/Paris", organizer="team@example.com", hourly_rate=40,
                                     objective="Sign-ups for Launch 2.0"))
        linkedin = store.get_platform("linkedin")
        store.save_platform(replace(linkedin, reason="B2B buyers", weekly_target=3))
        series = store.add_series(Series(platform="x", rule="FREQ=WEEKLY;BYDAY=TU", at=time(9), tz="Europe/Paris",
                                         start=date(2026, 11, 24), title="Tip Tuesday"))
        store.change_slot(series.id, date(2026, 12, 1))
        out = posts.save(store, Post(platform="x", body="It went out", status="published", tz="Europe/Paris",
                                     scheduled_at=datetime(2026, 11, 20, 9, tzinfo=timezone.utc))).post
        results.record(store, Results(out.id, reach=1200, clicks=30))
        store.delete_post(posts.save(store, Post(platform="x", body="gone")).post.id)
        store.feed_token()
    finally:
        store.close()


def same_everywhere(source: str, target: str) -> None:
    for args in READS:
        assert edcal(source, *args).stdout == edcal(target, *args).stdout, args


def round_trip(source: str, target: str, tmp_path, config) -> None:
    fill(source, config)
    assert edcal(source, "backup", str(tmp_path / "all.json")).returncode == 0
    restored = edcal(target, "restore", str(tmp_path / "all.json"))
    assert restored.returncode == 0 and "restored" in restored.stdout
    same_everywhere(source, target)
    document = json.loads((tmp_path / "all.json").read_text())
    assert document["format"] == "edcal-backup" and document["tables"]["setting"]
    assert edcal(target, "backup", "-").stdout.split('"tables"')[1] == (tmp_path / "all.json").read_text().split('"tables"')[1]
    # ids go on from where the source stopped (the deleted post's id is not handed out again)
    last = max(row["id"] for row in document["tables"]["post"])
    assert int(edcal(target, "add", "--platform", "x", "--body", "new").stdout) > last + 0


def test_backup_then_restore_into_a_new_sqlite_database(db_url, tmp_path, config):
    round_trip(db_url, f"sqlite:///{tmp_path / 'restored.db'}", tmp_path, config)


def test_a_sqlite_backup_restores_into_this_database(db_url, tmp_path, config):
    round_trip(f"sqlite:///{tmp_path / 'source.db'}", db_url, tmp_path, config)


def test_restore_refuses_a_database_that_is_not_empty_unless_told_and_a_newer_backup(db_url, tmp_path, config):
    source = f"sqlite:///{tmp_path / 'source.db'}"
    fill(source, config)
    edcal(source, "backup", str(tmp_path / "all.json"))
    assert edcal(db_url, "add", "--platform", "x", "--body", "mine").returncode == 0
    refused = edcal(db_url, "restore", str(tmp_path / "all.json"))
    assert refused.returncode == 1 and "not empty" in refused.stderr
    assert "mine" in edcal(db_url, "list", "--backlog").stdout  # untouched
    assert edcal(db_url, "restore", str(tmp_path / "all.json"), "--replace").returncode == 0
    assert "mine" not in edcal(db_url, "list", "--backlog").stdout
    assert edcal(source, "plan", "show").stdout == edcal(db_url, "plan", "show").stdout
    newer = json.loads((tmp_path / "all.json").read_text()) | {"version": 99}
    (tmp_path / "newer.json").write_text(json.dumps(newer))
    refused = edcal(db_url, "restore", str(tmp_path / "newer.json"), "--replace")
    assert refused.returncode == 1 and "written by a newer edcal" in refused.stderr
    assert edcal(db_url, "restore", str(tmp_path / "source.db")).returncode != 0  # not a backup: one sentence


@pytest.mark.parametrize(("change", "message"), [
    ({"taken_at": "last tuesday"}, "'taken_at' must be the instant it was taken"),
    ({"taken_at": "2026-12-01T09:00:00"}, "'taken_at' must be the instant it was taken"),
    ({"taken_at": None}, "'taken_at' must be the instant it was taken"),
    ({"schema": -1}, "'schema' must be a schema revision such as"),
    ({"schema": "latest"}, "'schema' must be a schema revision such as"),
    ({"version": "1"}, "'version' must be a whole number from 1"),
    ({"version": 0}, "'version' must be a whole number from 1"),
])
def test_a_backup_with_a_garbage_header_is_refused_with_one_sentence(db_url, tmp_path, config, change, message):
    source = f"sqlite:///{tmp_path / 'source.db'}"
    fill(source, config)
    document = json.loads(edcal(source, "backup", "-").stdout) | change
    refused = edcal(db_url, "restore", "-", input=json.dumps(document))
    assert refused.returncode == 1 and message in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert edcal(db_url, "list", "--backlog").stdout.startswith("Backlog: 0 posts")  # nothing written


@pytest.mark.parametrize(("table", "field", "value", "message"), [
    ("post", "body", 123, "row 1 of the backup's post table: 'body' must be a text, not 123"),
    ("post", "revision", "2", "row 1 of the backup's post table: 'revision' must be a whole number, not \"2\""),
    ("post", "created_utc", 5, "'created_utc' must be a date or time written as text"),
    ("platform", "enabled", "yes", "row 1 of the backup's platform table: 'enabled' must be true or false"),
])
def test_a_backup_row_of_the_wrong_type_is_refused_naming_the_row_and_field(db_url, tmp_path, config, table, field,
                                                                            value, message):
    source = f"sqlite:///{tmp_path / 'source.db'}"
    fill(source, config)
    document = json.loads(edcal(source, "backup", "-").stdout)
    document["tables"][table][0][field] = value
    refused = edcal(db_url, "restore", "-", input=json.dumps(document))
    assert refused.returncode == 1 and message in refused.stderr, refused.stderr
    assert edcal(db_url, "list", "--backlog").stdout.startswith("Backlog: 0 posts")
