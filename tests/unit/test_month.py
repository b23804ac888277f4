"""The month (domain.month), each week's cadence (domain.plan.cadence_weeks) and the CLI's
`list --month` and `report --cadence`, on boundary data: February of 28 and 29 days, weeks
starting on Sunday, a daylight-saving change inside the month, zones east and west of UTC."""

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edcal.domain.dates import DateError
from edcal.domain.models import Platform, Post, Status, TimeEntry
from edcal.domain.month import Month
from edcal.domain.plan import cadence, cadence_weeks, time_state
from edcal.domain.week import Week

from .test_cli_errors import edcal_here, one_line


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), first=st.integers(0, 6))
def test_a_month_holds_its_days_and_its_weeks_cover_them_once(day, first):
    month = Month.of(day)
    assert day in month and month.start.day == 1 and (month.end + timedelta(days=1)).day == 1
    assert len(month.days) == month.length and all(d in month for d in month.days)
    weeks = month.weeks(first)
    assert 4 <= len(weeks) <= 6 and all(w.start.weekday() == first for w in weeks)
    covered = [d for w in weeks for d in w.days if d in month]
    assert covered == list(month.days)  # every day once, in order
    assert month.start in weeks[0] and month.end in weeks[-1]
    assert month.shift(1).shift(-1) == month and month.shift(12) == Month(day.year + 1, day.month)


def test_february_and_the_year_end():
    assert Month(2026, 2).length == 28 and Month(2028, 2).length == 29
    assert len(Month(2027, 2).weeks(0)) == 4  # 1 Feb 2027 is a Monday: four whole weeks
    assert len(Month(2026, 2).weeks(0)) == 5  # 1 Feb 2026 is a Sunday: 26 Jan to 1 Mar
    assert Month(2026, 12).shift(1) == Month(2027, 1) and Month(2027, 1).shift(-1) == Month(2026, 12)
    assert Month(2026, 2).weeks(6)[0].start == date(2026, 2, 1)  # weeks from Sunday: the 1st starts one


@pytest.mark.parametrize(("typed", "expected"), [
    ("2026-12", Month(2026, 12)), ("2027-1", Month(2027, 1)), ("2026-03-29", Month(2026, 3)),
    ("24/12/2026", Month(2026, 12)), ("tomorrow", Month(2027, 1)),
    ("next month", Month(2027, 1)), ("Last  Month", Month(2026, 11)), ("this month", Month(2026, 12)),
    ("previous month", Month(2026, 11)), ("December 2027", Month(2027, 12)), ("sept 2025", Month(2025, 9)),
    ("jan", Month(2027, 1)), ("nov", Month(2026, 11)), ("dec", Month(2026, 12)),  # the nearest of the name
    ("jul", Month(2026, 7)), ("jun.", Month(2027, 6)),  # 5 back and 7 ahead; 6 either way: the one ahead
])
def test_a_typed_month(typed, expected):
    assert Month.parse(typed, date(2026, 12, 31)) == expected


@pytest.mark.parametrize(("today", "typed", "expected"), [
    (date(2027, 1, 1), "dec", Month(2026, 12)), (date(2027, 1, 1), "feb", Month(2027, 2)),
    (date(2026, 3, 8), "september", Month(2026, 9)), (date(2026, 3, 8), "oct", Month(2025, 10)),
])
def test_a_months_name_is_the_nearest_of_that_name(today, typed, expected):
    assert Month.parse(typed, today) == expected


@pytest.mark.parametrize("typed", ["2026-13", "2026-00", "soon", "", "ma", "jan 1899", "next months"])
def test_a_month_that_is_not_one_is_a_sentence(typed):
    with pytest.raises(DateError):
        Month.parse(typed, date(2026, 12, 3))


def test_month_bounds_follow_the_local_clock_across_a_daylight_saving_change():
    start, end = Month(2026, 3).bounds("Europe/Paris")
    assert start == datetime(2026, 2, 28, 23, 0, tzinfo=timezone.utc)  # +01:00 on the 1st
    assert end == datetime(2026, 3, 31, 22, 0, tzinfo=timezone.utc)  # +02:00 after the 29th
    start, end = Month(2026, 11).bounds("America/New_York")
    assert (end - start) == timedelta(days=30, hours=1)  # the hour given back on 1 November


def _post(pid, platform, when, status=Status.SCHEDULED, tz="UTC"):
    return Post(id=pid, platform=platform, body="hello", status=status, scheduled_at=when, tz=tz)


X = Platform(key="x", name="X", profile="x", weekly_target=2)
MASTODON = Platform(key="mastodon", name="Mastodon", profile="mastodon")  # no target


def test_each_week_counts_as_the_grid_does_on_the_viewers_clock():
    weeks = Month(2026, 3).weeks(0)  # 23 Feb to 5 Apr, Mondays; the clocks change in Paris on 29 March
    utc = timezone.utc
    posts = [
        _post(1, "x", datetime(2026, 3, 1, 23, 30, tzinfo=utc)),  # Sunday 1 March in UTC, Monday 2 March in Paris
        _post(2, "x", datetime(2026, 3, 3, 9, 0, tzinfo=utc)),
        _post(3, "x", datetime(2026, 3, 4, 9, 0, tzinfo=utc), Status.DRAFT),  # a draft: never counts
        _post(4, "x", datetime(2026, 3, 28, 23, 30, tzinfo=utc), Status.PUBLISHED),  # Sunday 29th 00:30 Paris
        _post(5, "mastodon", datetime(2026, 3, 10, 9, 0, tzinfo=utc)),
        _post(6, "x", datetime(2026, 3, 1, 9, 0, tzinfo=utc), Status.IDEA),
    ]
    entries = [TimeEntry(start=datetime(2026, 3, 29, 22, 30, tzinfo=utc), minutes=45, activity="write")]  # Monday 30 in Paris
    found = cadence_weeks(weeks, [X, MASTODON], posts, entries, 30, "Europe/Paris", today=date(2026, 4, 6))
    assert [w.week for w in found] == weeks
    by_start = {w.week.start: w for w in found}
    x_of = {start: dict((p.key, c) for p, c in w.channels)["x"] for start, w in by_start.items()}
    assert (x_of[date(2026, 3, 2)].out, x_of[date(2026, 3, 2)].drafts) == (2, 1)  # posts 1 and 2; 3 a draft
    assert x_of[date(2026, 3, 2)].verdict == "held"
    assert x_of[date(2026, 3, 23)].out == 1 and x_of[date(2026, 3, 23)].verdict == "short by 1"
    assert x_of[date(2026, 2, 23)].out == 0  # post 1 is not on Sunday 1 March in Paris
    mastodon = dict((p.key, c) for p, c in by_start[date(2026, 3, 9)].channels)["mastodon"]
    assert mastodon.out == 1 and mastodon.verdict == "no target"
    assert by_start[date(2026, 3, 30)].minutes == 45 and by_start[date(2026, 3, 30)].time_met
    assert by_start[date(2026, 3, 23)].minutes == 0 and by_start[date(2026, 3, 23)].time == "short"
    # the same count as the week grid's and lint's, week by week
    for w in found:
        begin, end = w.week.bounds("Europe/Paris")
        mine = [p for p in posts if begin <= p.scheduled_at < end]
        assert dict((p.key, c) for p, c in w.channels)["x"] == cadence(mine, X)


def test_weeks_from_sunday_in_a_zone_west_of_utc():
    weeks = Month(2026, 11).weeks(6)  # Sundays; New York gives back an hour on Sunday 1 November
    assert weeks[0].start == date(2026, 11, 1)
    late = _post(1, "x", datetime(2026, 11, 8, 3, 30, tzinfo=timezone.utc))  # Saturday 7th 22:30 in New York
    (first, second) = cadence_weeks(weeks[:2], [X], [late], [], 60, "America/New_York", today=date(2026, 11, 20))
    assert first.channels[0][1].out == 1 and second.channels[0][1].out == 0


def test_no_weeks_and_no_channels():
    assert cadence_weeks([], [X], [], [], 60, "UTC", today=date(2027, 1, 5)) == []
    (only,) = cadence_weeks([Week(date(2026, 12, 28))], [], [], [], 60, "UTC", today=date(2027, 1, 5))
    assert only.channels == () and only.time == "short"  # no time logged in a week gone by: the minimum is not met


def test_a_weeks_time_is_short_only_once_it_is_over_and_counted():
    """The same verdict as the report's: a week before the first activity is never held against
    the minimum, this week and those to come are not short yet; the week ending today is open."""
    weeks = Month(2026, 12).weeks(0)  # 30 Nov to 3 Jan 2027
    met = [TimeEntry(start=datetime(2026, 12, 8, 9, 0, tzinfo=timezone.utc), minutes=60, activity="write")]
    found = cadence_weeks(weeks, [X], [], met, 60, "UTC", today=date(2026, 12, 27), since=date(2026, 12, 1))
    assert [w.time for w in found] == ["short", "met", "short", "open", "open"]
    assert [w.counted for w in found] == [True] * 5  # the week holding the first day counts
    later = cadence_weeks(weeks, [X], [], [], 60, "UTC", today=date(2026, 12, 28), since=date(2026, 12, 14))
    assert [w.time for w in later] == ["before", "before", "short", "short", "open"]
    assert [w.time for w in cadence_weeks(weeks, [X], [], [], 60, "UTC", today=date(2026, 12, 1), since=None)] == [
        "before"] * 5  # nothing recorded yet: no week is held against the minimum


@pytest.mark.parametrize("minutes, counted, ongoing, state", [
    (60, False, False, "met"), (60, True, True, "met"), (59, False, False, "before"), (0, False, True, "before"),
    (59, True, True, "open"), (0, True, False, "short")])
def test_time_state(minutes, counted, ongoing, state):
    assert time_state(minutes, 60, counted=counted, ongoing=ongoing) == state


@pytest.mark.clock
def test_list_month_lists_the_whole_month_on_the_local_clock(tmp_path):
    db = str(tmp_path / "edcal.db")
    assert edcal_here("settings", "--timezone", "Asia/Tokyo", "--db", db).returncode == 0
    for at in ("2027-01-31 23:30", "2027-02-01 00:30", "2027-02-28 23:30", "2027-03-01 00:10"):
        assert edcal_here("add", "--platform", "x", "--at", at, "--body", f"post at {at}", "--past", "--db", db).returncode == 0
    listed = edcal_here("list", "--month", "2027-02", "--json", "--db", db)
    assert listed.returncode == 0, listed.stderr
    assert [p["body"] for p in json.loads(listed.stdout)] == ["post at 2027-02-01 00:30", "post at 2027-02-28 23:30"]
    text = edcal_here("list", "--month", "14/02/2027", "--db", db).stdout  # any date: its month
    assert text.startswith("February 2027: 2 posts")
    bad = edcal_here("list", "--month", "2027-13", "--db", db)
    assert bad.returncode == 2 and one_line(bad) == "edcal: there is no month 2027-13."
    both = edcal_here("list", "--month", "2027-02", "--week", "2027-02-01", "--db", db)
    assert both.returncode == 2 and "not allowed with" in one_line(both)


@pytest.mark.clock
def test_report_cadence_per_channel_and_week(tmp_path):
    db = str(tmp_path / "edcal.db")
    edcal_here("settings", "--timezone", "UTC", "--weekly-minimum", "30m", "--db", db)
    edcal_here("plan", "set", "x", "--target", "2", "--enable", "--db", db)
    edcal_here("plan", "set", "mastodon", "--enable", "--db", db)
    for at in ("2026-11-30 09:00", "2026-12-02 09:00", "2026-12-08 09:00"):
        assert edcal_here("add", "--platform", "x", "--at", at, "--body", "hello " + at, "--status", "published",
                          "--past", "--db", db).returncode == 0
    edcal_here("log", "40m", "--at", "2026-12-01 10:00", "--db", db)
    data = json.loads(edcal_here("report", "--cadence", "--week", "2026-12-01", "--json", "--db", db).stdout)
    (week,) = data
    assert week["week"] == "2026-11-30" and (week["minutes"], week["time_met"]) == (40, True)
    x = next(c for c in week["channels"] if c["key"] == "x")
    assert (x["out"], x["target"], x["state"], x["short_by"]) == (2, 2, "held", 0)
    mastodon = next(c for c in week["channels"] if c["key"] == "mastodon")
    assert (mastodon["state"], mastodon["target"]) == ("no target", None)
    def cadence_text(now: str) -> str:
        return edcal_here("report", "--cadence", "--week", "2026-12-08", "--db", db, env={"EDCAL_NOW": now}).stdout

    gone = cadence_text("2026-12-20T12:00:00+00:00")
    assert "1/2 short by 1" in gone and "0m of 30m short" in gone
    assert "0m of 30m, 30m to go" in cadence_text("2026-12-13T23:00:00+00:00")  # its last day: not over yet
    bad = edcal_here("report", "--cadence", "--plan", "--db", db)
    assert bad.returncode == 2 and one_line(bad) == "edcal: give --plan or --cadence, not both."


def test_a_weeks_bar_is_drawn_on_one_scale_with_the_minimum_marked():
    from edcal.domain.charts import minutes_bar, sparkline

    assert minutes_bar(30, 60, 120, width=12) == "███··│······"  # half the minimum; the mark ends the 6th cell of 12
    assert minutes_bar(120, 60, 120, width=12) == "█" * 12  # met: no mark left to show
    assert minutes_bar(0, 0, 1, width=4) == "····"  # no minimum: no mark
    assert minutes_bar(500, 60, 120, width=6) == "█" * 6  # never longer than its width
    assert sparkline([0, 1, 2, 4, None, 8]) == "▁▂▃▅ █" and sparkline([]) == "" and sparkline([0, 0]) == "▁▁"


@pytest.mark.clock
def test_report_draws_bars_on_a_terminal_and_plain_text_elsewhere(tmp_path):
    import sys

    from .test_cli_errors import on_a_terminal

    db = str(tmp_path / "edcal.db")
    edcal_here("settings", "--timezone", "UTC", "--weekly-minimum", "1h", "--db", db)
    edcal_here("log", "30m", "--at", "2026-12-01 10:00", "--db", db)
    edcal_here("log", "90m", "--at", "2026-12-08 10:00", "--db", db)
    command = [sys.executable, "-m", "edcal", "report", "--week", "2026-12-01", "--db", db]
    code, out = on_a_terminal(command)
    assert code == 0 and "\x1b[33m" in out and "│" in out  # short of the minimum: yellow, the minimum marked
    code, plain = on_a_terminal(command, env={"NO_COLOR": "1"})
    assert code == 0 and "\x1b[" not in plain and "█" in plain and "│" in plain  # the bar, without colour
    piped = edcal_here("report", "--week", "2026-12-01", "--db", db)  # not a terminal: the table as before
    assert piped.returncode == 0 and "█" not in piped.stdout and "\x1b" not in piped.stdout
    assert json.loads(edcal_here("report", "--week", "2026-12-01", "--json", "--db", db).stdout)["weeks"][0]["minutes"] == 30


def test_weekly_figures_give_each_channel_its_weeks():
    from edcal.domain.plan import Results, weekly_figures

    weeks = Week.ending_with(date(2026, 12, 3), 3)  # 16 Nov to 6 Dec, Mondays
    utc = timezone.utc
    posts = [_post(1, "x", datetime(2026, 11, 17, 9, tzinfo=utc), Status.PUBLISHED),
             _post(2, "x", datetime(2026, 12, 1, 9, tzinfo=utc), Status.PUBLISHED),
             _post(3, "x", datetime(2026, 12, 2, 9, tzinfo=utc), Status.DRAFT)]
    entries = [TimeEntry(start=datetime(2026, 11, 18, 9, tzinfo=utc), minutes=30, activity="write", platform="x"),
               TimeEntry(start=datetime(2026, 11, 18, 9, tzinfo=utc), minutes=99, activity="write")]  # no channel
    results = {1: Results(1, engagements=40)}
    x = weekly_figures(weeks, [X, MASTODON], posts, entries, results, "UTC")["x"]
    assert [w.published for w in x] == [1, 0, 1] and [w.planned for w in x] == [1, 0, 2]
    assert [w.minutes for w in x] == [30, 0, 0] and x[0].per_hour("engagements") == 80.0
