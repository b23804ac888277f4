"""ISO dates with a day of 12 or less, through every command that reads a date (the real command)."""

import json

import pytest

from .test_cli_errors import edcal_here, one_line


@pytest.mark.clock  # `series list` and the default week come from the clock
def test_iso_dates_are_year_month_day_everywhere(tmp_path):
    db = str(tmp_path / "edcal.db")
    edcal_here("settings", "--timezone", "Europe/Paris", "--db", db)
    r = edcal_here("add", "--platform", "linkedin", "--at", "2026-12-01 09:30", "--tz", "Europe/Paris", "--body", "hi",
              "--db", db)
    assert r.returncode == 0, r.stderr
    pid = r.stdout.strip()
    shown = json.loads(edcal_here("show", pid, "--json", "--db", db).stdout)
    assert shown["local_time"] == "2026-12-01T09:30:00+01:00"
    week = edcal_here("list", "--week", "2026-12-01", "--db", db).stdout
    assert week.startswith("Week 49 · 30 Nov – 6 Dec 2026: 1 post") and "Tue 2026-12-01 09:30" in week
    listed = json.loads(edcal_here("list", "--from", "2026-12-01", "--to", "2026-12-01", "--json", "--db", db).stdout)
    assert [p["id"] for p in listed] == [int(pid)]
    assert json.loads(edcal_here("list", "--from", "2026-01-12", "--to", "2026-01-12", "--json", "--db", db).stdout) == []
    # what `show` prints can be typed back
    when = next(line for line in edcal_here("show", pid, "--db", db).stdout.splitlines() if line.startswith("When:"))
    assert when == "When:     Tue 2026-12-01 09:30 (Europe/Paris)"
    assert edcal_here("edit", pid, "--at", when[10:30], "--db", db).returncode == 0
    assert json.loads(edcal_here("show", pid, "--json", "--db", db).stdout)["local_time"] == "2026-12-01T09:30:00+01:00"

    # time, report and lint weeks
    assert edcal_here("log", "40m", "--at", "2026-12-02 10:00", "--db", db).returncode == 0
    entries = json.loads(edcal_here("time", "list", "--week", "2026-12-01", "--json", "--db", db).stdout)
    assert [e["start"] for e in entries] == ["2026-12-02T09:00:00+00:00"]
    report = json.loads(edcal_here("report", "--week", "2026-12-01", "--json", "--db", db).stdout)
    assert report["weeks"][0]["week_start"] == "2026-11-30" and report["weeks"][0]["minutes"] == 40
    lint = edcal_here("lint", "--week", "2026-12-01", "--db", db).stdout
    assert lint.rstrip().endswith("in the week of 30 Nov 2026")
    # the week by the number its label shows
    assert edcal_here("list", "--week", "2026-W49", "--db", db).stdout == week
    assert json.loads(edcal_here("time", "list", "--week", "2026w49", "--json", "--db", db).stdout) == entries

    # series: start, until, skip with the date `series list` printed
    r = edcal_here("series", "add", "--platform", "x", "--rule", "FREQ=WEEKLY;BYDAY=TU", "--time", "09:00",
              "--start", "2027-02-02", "--until", "2027-03-02", "--db", db)
    assert r.returncode == 0, r.stderr
    sid = r.stdout.strip()
    listed = json.loads(edcal_here("series", "list", "--json", "--db", db).stdout)[0]
    assert (listed["start"], listed["until"]) == ("2027-02-02", "2027-03-02")
    assert listed["next"] == ["2027-02-02 09:00", "2027-02-09 09:00", "2027-02-16 09:00"]
    assert edcal_here("series", "skip", sid, listed["next"][0], "--db", db).returncode == 0
    after = json.loads(edcal_here("series", "list", "--json", "--db", db).stdout)[0]["next"]
    assert after == ["2027-02-09 09:00", "2027-02-16 09:00", "2027-02-23 09:00"]


def test_export_then_import_keeps_every_date(tmp_path):
    db = str(tmp_path / "edcal.db")
    edcal_here("settings", "--timezone", "America/New_York", "--db", db)
    for at in ("2026-12-01 09:30", "2027-01-12 23:59", "2026-11-01 01:30", "2026-03-08 03:00"):
        assert edcal_here("add", "--platform", "x", "--at", at, "--body", f"post at {at}", "--db", db).returncode == 0
    second = edcal_here("add", "--platform", "x", "--at", "2026-11-01 01:30", "--later-fold", "--body", "second 01:30",
                   "--db", db)
    assert second.returncode == 0 and "happens twice" in second.stderr
    before = json.loads(edcal_here("list", "--from", "2026-01-01", "--to", "2027-12-31", "--json", "--db", db).stdout)
    for fmt in ("csv", "json"):
        out = tmp_path / f"plan.{fmt}"
        assert edcal_here("export", fmt, str(out), "--db", db).returncode == 0
        fresh = str(tmp_path / f"fresh-{fmt}.db")
        edcal_here("settings", "--timezone", "Asia/Tokyo", "--db", fresh)  # another zone: the file names its own
        r = edcal_here("import", fmt, str(out), "--db", fresh)
        assert r.returncode == 0, r.stderr
        after = json.loads(edcal_here("list", "--from", "2026-01-01", "--to", "2027-12-31", "--json", "--db", fresh).stdout)
        key = lambda p: (p["scheduled_at"], p["tz"], p["fold"], p["body"])  # noqa: E731
        assert sorted(map(key, after)) == sorted(map(key, before))
        # and back into the first database: nothing moves
        assert edcal_here("import", fmt, str(out), "--db", db).returncode == 0
        again = json.loads(edcal_here("list", "--from", "2026-01-01", "--to", "2027-12-31", "--json", "--db", db).stdout)
        assert sorted(map(key, again)) == sorted(map(key, before))


def test_impossible_dates_hours_and_zones_write_nothing(tmp_path):
    db = str(tmp_path / "edcal.db")
    assert edcal_here("add", "--platform", "x", "--at", "2026-12-01 09:30", "--body", "keep", "--db", db).returncode == 0
    for args, needle in [
        (["add", "--platform", "x", "--at", "2026-02-30 09:00", "--body", "b"], "'2026-02-30' is not a date"),
        (["add", "--platform", "x", "--at", "today 25:00", "--body", "b"], "is not a time of day"),
        (["add", "--platform", "x", "--at", "32/11 9:30", "--body", "b"], "'32/11' is not a date"),
        (["add", "--platform", "x", "--at", "tue 13pm", "--body", "b"], "12-hour clock"),
        (["add", "--platform", "x", "--at", "5", "--body", "b"], "alone is ambiguous"),
        (["add", "--platform", "x", "--at", "next month", "--body", "b"], "'next' goes before a weekday"),
        (["add", "--platform", "x", "--at", "tomorrow 9:00", "--tz", "Mars/Base", "--body", "b"], "unknown time zone"),
        (["list", "--week", "13/13"], "is not a date"),
        (["list", "--week", "2027-W53"], "2027 has weeks 1 to 52"),
        (["lint", "--week", "w54"], "has weeks 1 to"),
        (["series", "add", "--platform", "x", "--rule", "FREQ=DAILY", "--time", "09:00", "--start", "2026-02-30"],
         "is not a date"),
    ]:
        r = edcal_here(*args, "--db", db)
        line = one_line(r)
        assert r.returncode == 2 and needle in line, (args, line)
        if "ambiguous" in needle or "is not a date" in needle:
            assert "try a form such as 2026-11-24 09:30" in line
    listed = json.loads(edcal_here("list", "--from", "2020-01-01", "--to", "2030-12-31", "--json", "--db", db).stdout)
    assert [p["body"] for p in listed] == ["keep"] and edcal_here("list", "--backlog", "--db", db).stdout.startswith(
        "Backlog: 0 posts")


def test_a_bad_frozen_clock_is_one_line(tmp_path):
    r = edcal_here("list", "--db", str(tmp_path / "edcal.db"), env={"EDCAL_NOW": "yesterday"})
    assert r.returncode == 2 and "EDCAL_NOW must be an ISO 8601 instant" in one_line(r)
