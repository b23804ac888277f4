"""edcal plan / results / report --plan / lint, through the real command."""

import json

import pytest

from .test_cli_errors import edcal_here, one_line


def setup(db):
    edcal_here("settings", "--timezone", "UTC", "--weekly-minimum", "30m", "--db", db)
    pid = edcal_here("add", "--platform", "x", "--at", "today 09:00", "--body", "Hello world", "--status", "published",
                "--db", db).stdout.strip()
    return pid


@pytest.mark.clock
def test_plan_results_report_and_lint(tmp_path):
    db = str(tmp_path / "edcal.db")
    pid = setup(db)
    assert edcal_here("plan", "set", "--objective", "Awareness", "--db", db).returncode == 0
    r = edcal_here("plan", "set", "x", "--reason", "Developers are there", "--kpi", "reach", "--target", "3", "--db", db)
    assert r.returncode == 0
    plan = json.loads(edcal_here("plan", "show", "--json", "--db", db).stdout)
    assert plan["objective"] == "Awareness"  # kept as typed
    assert plan["platforms"][0] | {} == {"key": "x", "name": "X", "enabled": True, "reason": "Developers are there",
                                         "audience": None, "objective": None, "kpi": "reach", "weekly_target": 3}
    assert edcal_here("results", pid, "--reach", "900", "--engagements", "30", "--db", db).returncode == 0
    assert "clicks 4" in edcal_here("results", pid, "--clicks", "4", "--db", db).stdout  # merges with what was there
    edcal_here("log", "45m", "--platform", "x", "--at", "today 10:00", "--db", db)  # not "ended now": that may be last week
    report = json.loads(edcal_here("report", "--plan", "--weeks", "1", "--json", "--db", db).stdout)
    (x,) = report["platforms"]
    assert (x["published"], x["reach"], x["engagements"], x["clicks"], x["minutes"]) == (1, 900, 30, 4, 45)
    assert x["engagements_per_hour"] == 40.0 and x["flags"] == []
    r = edcal_here("lint", "--db", db)
    assert r.returncode == 0 and "cadence_gap: X: 1 of 3 posts" in r.stdout


@pytest.mark.clock
def test_lint_exits_1_on_an_error(tmp_path):
    db = str(tmp_path / "edcal.db")
    setup(db)
    before = edcal_here("lint", "--week", "2026-01-05", "--db", db)  # a past week, before edcal was first used
    assert before.returncode == 0 and "time_below_minimum" not in before.stdout
    assert edcal_here("log", "20m", "--at", "2025-12-31 10:00", "--db", db).returncode == 0  # first use: the week before
    r = edcal_here("lint", "--week", "2026-01-05", "--db", db)  # a past week with no time logged
    assert r.returncode == 1 and "error: time_below_minimum" in r.stdout


def test_results_from_csv_and_bad_input(tmp_path):
    db = str(tmp_path / "edcal.db")
    pid = setup(db)
    sheet = tmp_path / "results.csv"
    sheet.write_text(f"post,reach,engagements,clicks,conversions\n{pid},1200,55,,2\n")
    assert "recorded results for 1 post\n" in edcal_here("results", "--csv", str(sheet), "--db", db).stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(f"post,reach\n{pid},lots\n999,5\n")
    r = edcal_here("results", "--csv", str(bad), "--db", db)
    assert r.returncode == 1
    line = one_line(r)
    assert "line 2: reach must be a whole number" in line and "line 3: no post 999" in line
    draft = edcal_here("add", "--platform", "x", "--body", "later", "--db", db).stdout.strip()
    for args, needle in [
        (["results", draft, "--reach", "5"], "not published"),
        (["results", pid], "give at least one"),
        (["results", pid, "--reach", "-5"], "out of range: use 0 to"),
        (["plan", "set", "myspace", "--reason", "x"], "unknown platform"),
        (["plan", "set", "x"], "nothing to change"),
        (["report", "--plan", "--csv"], "--plan takes"),
    ]:
        r = edcal_here(*args, "--db", db)
        assert r.returncode != 0 and needle in one_line(r), (args, r.stderr)
