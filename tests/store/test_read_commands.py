"""The commands that only read run on the read path: on an up-to-date database they answer
without loading SQLAlchemy, SQLModel, Alembic or Textual (on SQLite, and on PostgreSQL in CI)."""

import json
import subprocess
import sys
from datetime import date, datetime, time, timezone

import pytest

from edcal.domain.models import Post, Settings, TimeEntry
from edcal.domain.recurrence import Series

RUN = """
import json, sys
from edcal.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in ("sqlalchemy", "sqlmodel", "alembic", "textual") if m in sys.modules)
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def run(*args):
    done = subprocess.run([sys.executable, "-c", RUN, *map(str, args)], capture_output=True, text=True, timeout=60)
    *_, last = done.stderr.strip().splitlines()
    return json.loads(last), done.stdout


@pytest.fixture
def planned(store):
    store.save_settings(Settings(timezone="Europe/Paris"))
    post = store.add_post(Post(platform="linkedin", title="Launch", body="Our launch is today.",
                               scheduled_at=datetime(2026, 11, 24, 8, 0, tzinfo=timezone.utc), tz="Europe/Paris"))
    store.add_time(TimeEntry(start=datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc), minutes=25, activity="writing"))
    store.add_series(Series(platform="x", rule="FREQ=WEEKLY;BYDAY=TH", at=time(9, 0), tz="Europe/Paris",
                            start=date(2026, 11, 1), title="Thursday tip"))
    return post


@pytest.mark.parametrize("command", [
    ["list", "--week", "2026-11-24", "--json"], ["show", "{id}"], ["next"], ["report", "--weeks", "2"],
    ["time", "list", "--week", "2026-11-24"], ["plan", "show"], ["lint", "--week", "2026-11-24"],
    ["report", "--plan"], ["export", "json"], ["export", "ics", "--from", "2026-11-23"],
])
def test_a_command_that_reads_needs_no_orm(store, planned, command, monkeypatch):
    monkeypatch.setenv("EDCAL_NOW", "2026-12-02T10:00:00+01:00")  # the week of the 24th is over: lint holds it
    result, out = run(*[part.format(id=planned.id) for part in command], "--db", store.url)
    lint_error = command[0] == "lint"  # lint exits 1 on an error: the week is under its time minimum
    assert result == {"code": 1 if lint_error else 0, "heavy": []}
    assert out.strip() and (not lint_error or "minimum" in out)


def test_what_the_read_path_lists_is_what_the_store_holds(store, planned):
    _, out = run("list", "--week", "2026-11-24", "--json", "--db", store.url)
    (listed,) = json.loads(out)
    assert listed["id"] == planned.id and listed["title"] == "Launch" and listed["ok"] is True
    assert listed["scheduled_at"] == "2026-11-24T08:00:00+00:00" and listed["tz"] == "Europe/Paris"


def test_a_command_that_writes_still_uses_the_store(store, planned):
    result, _ = run("log", "10m", "--activity", "writing", "--db", store.url)
    assert result["code"] == 0 and "sqlalchemy" in result["heavy"]
