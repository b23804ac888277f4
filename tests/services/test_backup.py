"""A backup holds everything and a restore brings all of it back: the same reports, plan,
series and posts, on SQLite and PostgreSQL, in both directions."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.postgres

READS = (["report"], ["report", "--json"], ["plan", "show"], ["series", "list"], ["list", "--json", "--week", "2026-11-24"],
         ["list", "--backlog", "--json"], ["time", "list"], ["settings"], ["results", "--help"])


def edcal(db: str, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "edcal", *args], capture_output=True, text=True, input=input,
                          env=dict(os.environ, EDCAL_DB=db), timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def fill(db: str) -> None:
    """The demo, logged time, a running timer, results, the plan, a series with a skipped slot."""
    for args in (["demo"], ["log", "45m", "--activity", "writing", "--at", "2026-11-23 09:00"],
                 ["timer", "start", "--activity", "ideas"],
                 ["plan", "set", "--objective", "Sign-ups for Launch 2.0"],
                 ["plan", "set", "linkedin", "--reason", "B2B buyers", "--target", "3"],
                 ["settings", "--organizer", "team@example.com", "--hourly-rate", "40"],
                 ["series", "add", "--platform", "x", "--rule", "FREQ=WEEKLY;BYDAY=TU", "--time", "09:00",
                  "--tz", "Europe/Paris", "--start", "2026-11-24", "--title", "Tip Tuesday"],
                 ["series", "skip", "1", "2026-12-01"]):
        done = edcal(db, *args)
        assert done.returncode == 0, (args, done.stderr)
    published = edcal(db, "add", "--platform", "x", "--at", "2026-11-20 10:00", "--status", "published",
                      "--body", "It went out")
    post = published.stdout.strip()
    assert edcal(db, "results", post, "--reach", "1200", "--clicks", "30").returncode == 0
    edcal(db, "delete", edcal(db, "add", "--platform", "x", "--body", "gone").stdout.strip())  # an id left behind


def same_everywhere(source: str, target: str) -> None:
    for args in READS:
        assert edcal(source, *args).stdout == edcal(target, *args).stdout, args
    assert edcal(source, "timer", "status").stdout == edcal(target, "timer", "status").stdout
    assert edcal(source, "serve", "--help").returncode == 0


def round_trip(source: str, target: str, tmp_path) -> None:
    fill(source)
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


def test_backup_then_restore_into_a_new_sqlite_database(db_url, tmp_path):
    round_trip(db_url, f"sqlite:///{tmp_path / 'restored.db'}", tmp_path)


def test_a_sqlite_backup_restores_into_this_database(db_url, tmp_path):
    round_trip(f"sqlite:///{tmp_path / 'source.db'}", db_url, tmp_path)


def test_restore_refuses_a_database_that_is_not_empty_unless_told_and_a_newer_backup(db_url, tmp_path):
    source = f"sqlite:///{tmp_path / 'source.db'}"
    fill(source)
    edcal(source, "backup", str(tmp_path / "all.json"))
    assert edcal(db_url, "add", "--platform", "x", "--body", "mine").returncode == 0
    refused = edcal(db_url, "restore", str(tmp_path / "all.json"))
    assert refused.returncode == 1 and "not empty" in refused.stderr
    assert "mine" in edcal(db_url, "list", "--backlog").stdout  # untouched
    assert edcal(db_url, "restore", str(tmp_path / "all.json"), "--replace").returncode == 0
    assert "mine" not in edcal(db_url, "list", "--backlog").stdout
    same_everywhere(source, db_url)
    newer = json.loads((tmp_path / "all.json").read_text()) | {"version": 99}
    (tmp_path / "newer.json").write_text(json.dumps(newer))
    refused = edcal(db_url, "restore", str(tmp_path / "newer.json"), "--replace")
    assert refused.returncode == 1 and "written by a newer edcal" in refused.stderr
    assert edcal(db_url, "restore", str(tmp_path / "source.db")).returncode != 0  # not a backup: one sentence
