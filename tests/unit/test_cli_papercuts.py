"""What a new user trips on: each a behaviour the CLI keeps."""

from __future__ import annotations

import json

from .test_cli_errors import edcal_here, one_line


def in_process(tmp_path):
    """edcal on a database of its own, in this process, on Tuesday 1 December 2026 at 10:00 UTC."""
    db = str(tmp_path / "edcal.db")

    def run(*args):
        return edcal_here(*args, "--db", db, env={"EDCAL_NOW": "2026-12-01T10:00:00+00:00"})

    return run


def test_the_plan_objective_keeps_its_case(tmp_path):
    db = str(tmp_path / "edcal.db")
    assert edcal_here("plan", "set", "--objective", "Sign-ups for  Launch 2.0", "--db", db).returncode == 0
    assert json.loads(edcal_here("plan", "show", "--json", "--db", db).stdout)["objective"] == "Sign-ups for Launch 2.0"


def test_a_body_from_a_file_or_stdin_drops_the_one_line_break_that_ends_it(tmp_path):
    db = str(tmp_path / "edcal.db")
    (tmp_path / "body.txt").write_text("first line\n\nlast line\n")
    (tmp_path / "crlf.txt").write_bytes(b"windows\r\n")
    bodies = []
    for source, stdin in (("-", "from echo\n"), ("-", "two breaks\n\n"), (str(tmp_path / "body.txt"), None),
                          (str(tmp_path / "crlf.txt"), None), ("-", "none at the end")):
        r = edcal_here("add", "--platform", "x", "--body-file", source, "--json", "--db", db, input=stdin)
        bodies.append(json.loads(r.stdout)["body"])
    assert bodies == ["from echo", "two breaks\n", "first line\n\nlast line", "windows", "none at the end"]
    r = edcal_here("check", "--platform", "x", "-", input="12345\n")
    assert r.stdout.startswith("x: 5 / 280")  # the line break echo adds is not counted


def test_options_may_come_before_or_after_the_output_file(tmp_path):
    db = str(tmp_path / "edcal.db")
    for platform in ("x", "linkedin"):
        edcal_here("add", "--platform", platform, "--at", "2026-11-24 09:00", "--status", "scheduled", "--past",
                   "--body", platform, "--db", db)
    first = edcal_here("export", "ics", "--platform", "x", str(tmp_path / "a.ics"), "--db", db)
    second = edcal_here("export", "ics", str(tmp_path / "b.ics"), "--platform", "x", "--db", db)
    assert first.returncode == second.returncode == 0
    for name in ("a.ics", "b.ics"):
        text = (tmp_path / name).read_text()
        assert text.count("BEGIN:VEVENT") == 1 and "SUMMARY:[X]" in text
    assert edcal_here("export", "ics", "--platform", "x", "linkedin", "-", "--db", db).stdout.count("BEGIN:VEVENT") == 2


def test_scheduling_for_a_time_gone_by_warns_and_needs_past(tmp_path):
    db = str(tmp_path / "edcal.db")
    monday_10 = {"EDCAL_NOW": "2026-11-30T10:00:00+01:00"}  # Monday 30 November, 10:00 in Paris
    edcal_here("settings", "--timezone", "Europe/Paris", "--db", db, env=monday_10)
    refused = edcal_here("add", "--platform", "x", "--body", "late", "--at", "2026-11-30 08:00", "--status", "scheduled",
                    "--db", db, env=monday_10)
    assert refused.returncode == 2 and one_line(refused) == (
        "edcal: Mon 2026-11-30 08:00 is 2 hours ago; give --past to schedule it anyway, "
        "or --status published if it already went out.")
    assert edcal_here("list", "--json", "--db", db, env=monday_10).stdout.strip() == "[]"
    draft = edcal_here("add", "--platform", "x", "--body", "late", "--at", "2026-11-30 08:00", "--db", db, env=monday_10)
    assert draft.returncode == 0 and draft.stderr == "edcal: warning: Mon 2026-11-30 08:00 is 2 hours ago\n"
    done = edcal_here("edit", draft.stdout.strip(), "--status", "scheduled", "--past", "--db", db, env=monday_10)
    assert done.returncode == 0 and "2 hours ago" in done.stderr
    empty = edcal_here("add", "--platform", "x", "--body", "", "--at", "2026-12-01 09:00", "--db", db, env=monday_10)
    pid = empty.stdout.strip()  # kept as a draft, to be finished: said on stderr
    assert empty.returncode == 0 and empty.stderr == (
        "edcal: error: An X post needs text or media.\n"
        f"edcal: post {pid} (draft) cannot be scheduled until this error is fixed\n")
    # 'mon 8:00' typed on Monday at 10:00 is next Monday: no warning at all.
    ahead = edcal_here("add", "--platform", "x", "--body", "ahead", "--at", "mon 8:00", "--status", "scheduled",
                  "--json", "--db", db, env=monday_10)
    assert ahead.stderr == "" and json.loads(ahead.stdout)["scheduled_at"].startswith("2026-12-07T07:00")


def test_the_currency_is_a_three_letter_code_shown_with_costs(tmp_path):
    db = str(tmp_path / "edcal.db")
    bad = edcal_here("settings", "--currency", "euro", "--db", db)
    assert bad.returncode == 2 and one_line(bad) == (
        "edcal: --currency must be a three-letter code such as EUR or USD, not 'euro'.")
    assert "currency:       EUR" in edcal_here("settings", "--currency", "eur", "--hourly-rate", "20", "--db", db).stdout
    assert edcal_here("log", "80m", "--at", "today 00:00", "--db", db).returncode == 0
    report = edcal_here("report", "--week", "today", "--db", db)
    assert report.stdout.splitlines()[-1] == "cost 26.67 EUR at 20.00 EUR/h"
    assert json.loads(edcal_here("report", "--week", "today", "--json", "--db", db).stdout)["currency"] == "EUR"
    assert "currency:       -" in edcal_here("settings", "--currency", "", "--db", db).stdout


def test_one_thing_is_said_in_the_singular_everywhere(tmp_path):
    from edcal.domain.wording import count

    assert [count(n, "entry", "entries") for n in (0, 1, 2)] == ["0 entries", "1 entry", "2 entries"]
    db = str(tmp_path / "edcal.db")
    env = {"EDCAL_NOW": "2026-12-01T10:00:00+00:00"}
    edcal_here("settings", "--timezone", "UTC", "--db", db, env=env)
    pid = edcal_here("add", "--platform", "x", "--body", "One", "--at", "2026-12-02 09:00", "--status", "scheduled",
                "--db", db, env=env).stdout.strip()
    assert edcal_here("list", "--db", db, env=env).stdout.splitlines()[0].endswith(": 1 post")
    out = tmp_path / "one.ics"
    assert edcal_here("export", "ics", str(out), "--db", db, env=env).stderr == f"wrote 1 post to {out}\n"
    sheet = tmp_path / "posts.json"
    edcal_here("export", "json", str(sheet), "--db", db, env=env)
    assert edcal_here("import", "json", str(sheet), "--db", db, env=env).stdout == "read 1 post: 0 new, 0 updated, 1 unchanged\n"
    assert edcal_here("edit", pid, "--status", "published", "--db", db, env=env).returncode == 0
    edcal_here("log", "1h", "--at", "2026-12-01 08:00", "--db", db, env=env)
    assert "1 entry, 1h of 1h minimum" in edcal_here("time", "list", "--db", db, env=env).stdout
    lint = edcal_here("lint", "--db", db, env=env).stdout.splitlines()[-1]
    assert lint.startswith(("0 findings, 0 errors", "1 finding, 0 errors")) and "1 findings" not in lint


def test_list_and_export_filter_by_text_campaign_and_status(tmp_path):
    run = in_process(tmp_path)
    run("settings", "--timezone", "UTC")
    run("add", "--platform", "x", "--body", "Launch day", "--at", "2026-12-02 09:00", "--status", "scheduled",
        "--campaign", "Launch 2.0")
    run("add", "--platform", "linkedin", "--body", "Café notes", "--at", "2026-12-03 09:00", "--notes", "Léa")
    run("add", "--platform", "x", "--body", "Another launch", "--at", "2026-12-04 09:00", "--status", "scheduled")
    first_line = run("list", "--search", "launch").stdout.splitlines()[0]
    assert first_line == 'Week 49 · 30 Nov – 6 Dec 2026: 2 posts (text "launch")'
    by_campaign = json.loads(run("list", "--campaign", "LAUNCH 2.0", "--json").stdout)
    assert [p["body"] for p in by_campaign] == ["Launch day"]
    assert [p["body"] for p in json.loads(run("list", "--search", "cafe lea", "--status", "draft", "--json").stdout)] == [
        "Café notes"]
    nothing = run("list", "--search", "zzz")
    assert nothing.returncode == 0 and nothing.stdout.endswith(': no post matches text "zzz"\n')
    ics = run("export", "ics", "-", "--search", "another")
    assert ics.stdout.count("BEGIN:VEVENT") == 1 and "Another launch" in ics.stdout
    empty = run("export", "ics", "-", "--campaign", "nope")
    assert empty.returncode == 0 and "BEGIN:VEVENT" not in empty.stdout
    assert empty.stderr == "edcal: no post matches campaign nope; the calendar is empty\n"
    sheet = run("export", "csv", "-", "--campaign", "launch 2.0").stdout
    assert sheet.count("\n") == 2 and "Launch day" in sheet


def test_list_and_show_give_the_viewers_clock_and_the_posts_own(tmp_path):
    run = in_process(tmp_path)
    run("settings", "--timezone", "Europe/Paris")
    late = run("add", "--platform", "x", "--body", "US evening", "--at", "2026-12-02 21:00",
               "--tz", "America/New_York").stdout.strip()
    run("add", "--platform", "x", "--body", "Paris noon", "--at", "2026-12-03 12:00")
    lines = run("list").stdout.splitlines()[1:]
    # sorted and shown on one clock, the post's own after its text
    assert lines[0] == "    1  Thu 2026-12-03 03:00  x            ✎ draft     US evening  (Wed 21:00 New York)"
    assert "Thu 2026-12-03 12:00" in lines[1] and "(" not in lines[1]
    when = next(line for line in run("show", late).stdout.splitlines() if line.startswith("When:"))
    assert when == "When:     Thu 2026-12-03 03:00 (Europe/Paris; planned Wed 21:00 New York)"


def test_publish_marks_a_post_as_gone_out(tmp_path):
    run = in_process(tmp_path)
    run("settings", "--timezone", "UTC")
    ahead = run("add", "--platform", "x", "--body", "Posted early", "--at", "2026-12-02 09:00", "--status",
                "scheduled").stdout.strip()
    idea = run("add", "--platform", "x", "--body", "An idea posted on the spot").stdout.strip()
    done = run("publish", ahead)
    assert done.returncode == 0 and done.stdout.startswith(f"post {ahead} marked published (x, Tue 2026-12-01 10:00)")
    assert run("publish", idea).returncode == 0
    shown = {p["body"]: (p["status"], p["scheduled_at"]) for p in json.loads(run("list", "--json").stdout)}
    assert shown == {"Posted early": ("published", "2026-12-01T10:00:00+00:00"),
                     "An idea posted on the spot": ("published", "2026-12-01T10:00:00+00:00")}
    again = run("publish", ahead)
    assert again.returncode == 1 and one_line(again) == f"edcal: post {ahead} is already marked published."
    third = run("add", "--platform", "x", "--body", "With its address").stdout.strip()
    bad = run("publish", third, "--url", "x.com/status/1")
    assert bad.returncode == 1 and one_line(bad) == ("edcal: the published post's URL starts with https:// "
                                                     "(got 'x.com/status/1').")
    assert run("publish", third, "--url", "https://x.com/brand/status/1").returncode == 0
    assert "Posted:   https://x.com/brand/status/1" in run("show", third).stdout
    listed = {p["body"]: p["published_url"] for p in json.loads(run("list", "--json").stdout)}
    assert listed["With its address"] == "https://x.com/brand/status/1" and listed["Posted early"] is None
