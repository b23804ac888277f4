"""edcal log / timer / report / time / settings, through the real command."""

import json

import pytest

from .test_cli_errors import edcal_here, one_line


@pytest.mark.clock
def test_timer_survives_a_process_restart_and_logs_whole_minutes(tmp_path):
    db = str(tmp_path / "edcal.db")

    def at(clock: str, *args: str):
        return edcal_here(*args, "--db", db, env={"EDCAL_NOW": f"2026-11-25T{clock}+01:00"})  # a process each

    assert at("09:00:00", "timer", "start", "--activity", "engagement").returncode == 0
    assert "engagement running for 10m" in at("09:10:00", "timer", "status").stdout  # a new process
    started = at("09:20:45", "timer", "start", "--activity", "ads")  # stops the first: 20 min 45 s
    assert "stopped the running timer: logged 21m of engagement" in started.stdout
    stopped = at("09:21:05", "timer", "stop")  # 20 seconds: nothing to log
    assert stopped.returncode == 0 and "under half a minute, so nothing was logged for ads" in stopped.stdout
    r = at("09:22:00", "timer", "stop")
    assert r.returncode == 1 and "no timer is running" in one_line(r)
    listed = json.loads(edcal_here("time", "list", "--json", "--week", "2026-11-25", "--db", db).stdout)
    assert [(e["activity"], e["minutes"]) for e in listed] == [("engagement", 21)]


@pytest.mark.clock
def test_log_report_and_corrections(tmp_path):
    db = str(tmp_path / "edcal.db")
    edcal_here("settings", "--weekly-minimum", "1h", "--hourly-rate", "40", "--timezone", "UTC", "--db", db)
    assert edcal_here("log", "25m", "--activity", "writing", "--platform", "x", "--at", "today 08:00", "--db", db).returncode == 0
    assert edcal_here("log", "1:05", "--activity", "research", "--note", "trends", "--at", "today 09:00",
                      "--db", db).returncode == 0
    data = json.loads(edcal_here("report", "--weeks", "2", "--json", "--db", db).stdout)
    this_week = data["weeks"][-1]
    assert this_week["minutes"] == 90 and this_week["met"] and this_week["by_activity"] == {"ideas": 65, "writing": 25}
    assert data["total_cost"] == 60.0
    csv = edcal_here("report", "--week", "today", "--csv", "--by", "platform", "--db", db).stdout.splitlines()
    assert csv[0] == "week_start,minutes,minimum,met,(none),x,cost" and csv[1].endswith(",90,60,yes,65,25,60.0")
    entries = json.loads(edcal_here("time", "list", "--json", "--db", db).stdout)
    first = min(e["id"] for e in entries)
    assert edcal_here("time", "edit", str(first), "--duration", "40m", "--db", db).returncode == 0
    assert edcal_here("time", "delete", str(first + 1), "--db", db).returncode == 0
    after = json.loads(edcal_here("time", "list", "--json", "--db", db).stdout)
    assert [e["minutes"] for e in after] == [40]


def test_bad_time_input_writes_nothing(tmp_path):
    db = str(tmp_path / "edcal.db")
    for args, needle in [
        (["log", "0"], "more than zero"), (["log", "-10"], "a duration must be positive"), (["log", "25h"], "more than 24 hours"),
        (["log", "10m", "--activity", "napping"], "unknown activity"),
        (["log", "10m", "--platform", "myspace"], "unknown platform"),
        (["log", "10m", "--post", "42"], "there is no post 42"),
        (["time", "delete", "7"], "there is no time entry 7"),
        (["settings", "--week-start", "someday"], "must be a weekday"),
        (["settings", "--timezone", "Nowhere/City"], "unknown time zone"),
    ]:
        r = edcal_here(*args, "--db", db)
        assert r.returncode != 0 and needle in one_line(r), args
    assert json.loads(edcal_here("time", "list", "--json", "--db", db).stdout) == []


def test_log_warns_of_an_overlap_and_of_an_end_in_the_future_but_logs(tmp_path):
    db = str(tmp_path / "edcal.db")
    env = {"EDCAL_NOW": "2026-12-01T10:00:00+00:00"}
    edcal_here("settings", "--timezone", "UTC", "--db", db, env=env)  # not the machine's zone
    first = edcal_here("log", "45m", "--at", "2026-12-01 08:00", "--db", db, env=env)
    assert first.returncode == 0 and first.stderr == ""
    second = edcal_here("log", "30m", "--at", "2026-12-01 08:30", "--db", db, env=env)
    assert second.returncode == 0 and "logged 30m" in second.stdout
    assert second.stderr == ("edcal: warning: it overlaps entry 1 (other, Tue 08:00–08:45); "
                             "is that time counted twice?\n")
    ahead = edcal_here("log", "1h", "--at", "2026-12-01 09:30", "--db", db, env=env)
    assert ahead.returncode == 0
    assert "it ends 30 minutes from now" in ahead.stderr
    fixed = edcal_here("time", "edit", "3", "--duration", "30m", "--db", db, env=env)
    assert fixed.returncode == 0 and fixed.stderr == ""
    assert len(json.loads(edcal_here("time", "list", "--week", "2026-12-01", "--json", "--db", db, env=env).stdout)) == 3
