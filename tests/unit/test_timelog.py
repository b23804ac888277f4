"""Weekly totals, the streak, and the report's JSON and CSV on a fixed dataset."""

import json
from datetime import date, datetime, timezone

import pytest

from edcal.domain.models import TimeEntry
from edcal.domain.timelog import activity_key, report, report_csv, report_text, streak, week_totals
from edcal.domain.week import Week
from edcal.errors import UsageError

UTC = timezone.utc
WEEKS = [Week(date(2026, 11, 2)), Week(date(2026, 11, 9)), Week(date(2026, 11, 16))]


def entries():
    return [
        TimeEntry(datetime(2026, 11, 3, 9, 0, tzinfo=UTC), 40, "writing", "x"),
        TimeEntry(datetime(2026, 11, 4, 9, 0, tzinfo=UTC), 30, "visuals", "instagram"),
        TimeEntry(datetime(2026, 11, 10, 9, 0, tzinfo=UTC), 20, "engagement", "x"),
        TimeEntry(datetime(2026, 11, 16, 8, 0, tzinfo=UTC), 45, "ideas"),
        TimeEntry(datetime(2026, 11, 18, 8, 0, tzinfo=UTC), 25, "analytics", "x"),
        # Sunday 22:30 UTC is already Monday in Paris: next week there
        TimeEntry(datetime(2026, 11, 15, 23, 30, tzinfo=UTC), 15, "ads", "x"),
        TimeEntry(datetime(2026, 10, 1, 8, 0, tzinfo=UTC), 500, "other"),  # outside the weeks
    ]


def totals(by="activity", tz="Europe/Paris"):
    return week_totals(entries(), WEEKS, tz=tz, minimum=60, by=by)


def test_week_totals_split_and_met():
    t = totals()
    assert [w.minutes for w in t] == [70, 20, 85]
    assert [w.met for w in t] == [True, False, True]
    assert t[2].by == {"ads": 15, "analytics": 25, "ideas": 45}
    assert t[1].missing == 40


def test_week_boundaries_follow_the_zone():
    in_utc = week_totals(entries(), WEEKS, tz="UTC", minimum=60)
    assert [w.minutes for w in in_utc] == [70, 35, 70]


def test_week_boundaries_follow_the_first_day():
    sunday_weeks = [Week(date(2026, 11, 1)), Week(date(2026, 11, 8)), Week(date(2026, 11, 15))]
    t = week_totals(entries(), sunday_weeks, tz="UTC", minimum=60)
    assert [w.minutes for w in t] == [70, 20, 85]


def test_streak_counts_back_and_the_open_week_does_not_break_it():
    t = totals()
    assert streak(t) == 1
    met_all = week_totals(entries(), WEEKS, tz="Europe/Paris", minimum=20)
    assert streak(met_all) == 3
    open_week = week_totals(entries()[:3], WEEKS, tz="Europe/Paris", minimum=20)
    assert streak(open_week, current=WEEKS[-1]) == 2  # this week has no time yet, still open
    assert streak(open_week) == 0


def test_report_json_and_csv_on_a_fixed_dataset():
    data = report(totals(by="platform"), current=WEEKS[-1], hourly_rate=60.0, by="platform")
    assert json.loads(json.dumps(data)) == data
    assert data["total_minutes"] == 175 and data["weeks_met"] == 2 and data["streak"] == 1
    assert data["total_cost"] == 175.0
    assert data["weeks"][0] == {
        "week_start": "2026-11-02", "label": "Week 45 · 2–8 Nov 2026", "minutes": 70, "minimum": 60,
        "counted": True, "met": True, "missing": 0, "current": False, "state": "met",
        "by_platform": {"instagram": 30, "x": 40},
        "cost": 70.0,
    }
    assert report_csv(data) == (
        "week_start,minutes,minimum,met,(none),instagram,x,cost\n"
        "2026-11-02,70,60,yes,0,30,40,70.0\n"
        "2026-11-09,20,60,no,0,0,20,20.0\n"
        "2026-11-16,85,60,yes,45,0,40,85.0\n"
    )


def test_activity_names():
    assert activity_key("Writing") == "writing"
    assert activity_key("research") == "ideas"
    assert activity_key("trend watching") == "trends"
    with pytest.raises(UsageError, match="unknown activity 'napping'"):
        activity_key("napping")


def test_the_weeks_of_a_report():
    assert Week.ending_with(date(2026, 11, 22), 3, 0) == WEEKS


@pytest.mark.parametrize(("seconds", "minutes"), [(0, 0), (21, 0), (29.9, 0), (30, 1), (89, 1), (90, 2), (3599, 60)])
def test_a_timer_logs_its_seconds_rounded_to_whole_minutes_half_up(seconds, minutes):
    from datetime import timedelta

    from edcal.domain.timelog import logged_minutes

    start = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
    assert logged_minutes(start, start + timedelta(seconds=seconds)) == minutes


def test_an_entry_overlapping_another_or_ending_ahead_gets_warnings_not_refusals():
    from datetime import datetime, timedelta, timezone

    from edcal.domain.models import TimeEntry
    from edcal.domain.timelog import entry_warnings

    utc = timezone.utc
    now = datetime(2026, 3, 29, 1, 30, tzinfo=utc)  # 03:30 in Paris, the night the clocks went forward
    earlier = TimeEntry(start=datetime(2026, 3, 29, 0, 30, tzinfo=utc), minutes=45, activity="writing", id=7)
    touching = TimeEntry(start=earlier.end, minutes=10, activity="ads", id=8)
    assert entry_warnings(touching, [earlier], now, "Europe/Paris") == ()  # end to end is not an overlap
    inside = TimeEntry(start=datetime(2026, 3, 29, 1, 0, tzinfo=utc), minutes=20)
    assert entry_warnings(inside, [earlier, touching], now, "Europe/Paris") == (
        "it overlaps entry 7 (writing, Sun 01:30–03:15); is that time counted twice?",
        "it overlaps entry 8 (ads, Sun 03:15–03:25); is that time counted twice?")
    # West of UTC the same entry reads on the evening before; correcting an entry never overlaps itself.
    assert entry_warnings(earlier, [earlier], now, "America/New_York") == ()
    assert "(writing, Sat 20:30–21:15)" in entry_warnings(inside, [earlier], now, "America/New_York")[0]
    ahead = TimeEntry(start=now - timedelta(minutes=10), minutes=130)
    assert entry_warnings(ahead, [], now, "UTC") == ("it ends 2 hours from now; time is logged once the work is done",)
    assert entry_warnings(TimeEntry(start=now - timedelta(minutes=10), minutes=10), [], now, "UTC") == ()


def test_weeks_before_the_first_activity_are_not_failures():
    since = date(2026, 11, 10)  # a Tuesday: the week holding it counts, the one before does not
    t = week_totals(entries()[2:], WEEKS, tz="Europe/Paris", minimum=60, since=since)
    assert [w.counted for w in t] == [False, True, True]
    assert streak(t) == 1 and streak(week_totals(entries()[2:], WEEKS, tz="Europe/Paris", minimum=20, since=since)) == 2
    data = report(t, current=WEEKS[-1], hourly_rate=None, by="activity")
    assert [w["met"] for w in data["weeks"]] == [None, False, True]
    assert [w["state"] for w in data["weeks"]] == ["before", "short", "met"]
    ahead = report(t, current=WEEKS[0], hourly_rate=None, by="activity")  # the same weeks seen from the first
    assert [w["state"] for w in ahead["weeks"]] == ["before", "open", "met"]  # one to come is not short yet
    assert "… 40m to go" in report_text(ahead)[2]
    assert (data["weeks_counted"], data["weeks_met"]) == (2, 1)
    assert report_csv(data).splitlines()[1].startswith("2026-11-02,0,60,,")
    nothing_yet = week_totals([], WEEKS, tz="UTC", minimum=60, since=None)
    assert not any(w.counted for w in nothing_yet)
    assert report_text(report(nothing_yet, current=None, hourly_rate=None, by="activity"))[-1] == (
        "total 0m; no week counted yet (3 before the first activity, not counted); streak: 0 weeks")


def test_the_report_text_aligns_its_columns_and_gives_the_cost_its_unit():
    t = week_totals(entries()[2:], WEEKS, tz="Europe/Paris", minimum=60, since=date(2026, 11, 10))
    lines = report_text(report(t, current=WEEKS[-1], hourly_rate=20.0, by="activity", currency="EUR"))
    assert lines == [
        "Week                      logged  minimum  status                            cost",
        "Week 45 · 2–8 Nov 2026        0m       1h  — before the first activity   0.00 EUR",
        "Week 46 · 9–15 Nov 2026      20m       1h  ✗ 40m short                   6.67 EUR",
        "                          engagement 20m",
        "Week 47 · 16–22 Nov 2026    1h25       1h  ✔ met                        28.33 EUR",
        "                          ads 15m, analytics 25m, ideas 45m",
        "total 1h45; 1 of 2 weeks met the minimum (1 before the first activity, not counted); streak: 1 week",
        "cost 35.00 EUR at 20.00 EUR/h",
    ]
    rows = [line for line in lines if line.startswith("Week")]
    for column in ("logged", "minimum", "cost"):  # right-aligned: every row ends each column at the heading's end
        edge = rows[0].index(column) + len(column)
        assert all(row[edge - 1] != " " and row[edge:edge + 1] in (" ", "") for row in rows), column
    open_week = week_totals(entries()[:3], WEEKS, tz="Europe/Paris", minimum=60)
    lines = report_text(report(open_week, current=WEEKS[-1], hourly_rate=None, by="activity"))
    assert lines[-2] == "Week 47 · 16–22 Nov 2026      0m       1h  … 1h to go"
