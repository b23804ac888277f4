"""The Week value: first day setting, ISO numbers at year ends, bounds across daylight saving."""

from datetime import date, datetime, timedelta, timezone

import pytest

from edcal.domain.week import Week


@pytest.mark.parametrize("first_weekday, expected", [(0, date(2026, 11, 16)), (6, date(2026, 11, 22)),
                                                     (5, date(2026, 11, 21))])
def test_week_start_follows_the_first_day_setting(first_weekday, expected):
    assert Week.of(date(2026, 11, 22), first_weekday).start == expected


def test_every_day_of_a_week_is_in_it_and_nothing_else():
    for offset in range(366 * 4):
        day = date(2025, 1, 1) + timedelta(days=offset)
        for first in range(7):
            week = Week.of(day, first)
            assert day in week and week.start.weekday() == first
            assert week.days[0] == week.start and week.days[-1] == week.end and len(week.days) == 7
            assert week.end + timedelta(days=1) not in week and week.start - timedelta(days=1) not in week
            assert week.next.start == week.end + timedelta(days=1) and week.previous.next == week


def test_iso_number_matches_the_standard_library_for_monday_weeks():
    for offset in range(366 * 4):
        day = date(2025, 1, 1) + timedelta(days=offset)
        assert Week.of(day).number == day.isocalendar()[1]


def test_labels_across_month_and_year_ends():
    assert Week(date(2026, 11, 23)).label == "Week 48 · 23–29 Nov 2026"
    assert Week(date(2026, 12, 28)).label == "Week 53 · 28 Dec 2026 – 03 Jan 2027"
    assert Week(date(2026, 11, 29)).label == "Week 49 · 29 Nov – 5 Dec 2026"  # a Sunday-first week
    assert Week(date(2027, 12, 26)).number == 52  # Sunday 26 Dec 2027: its Thursday is 30 Dec, week 52


def test_ending_with_counts_back_from_the_week_holding_the_day():
    weeks = Week.ending_with(date(2026, 1, 1), 3)
    assert [w.start for w in weeks] == [date(2025, 12, 15), date(2025, 12, 22), date(2025, 12, 29)]


@pytest.mark.parametrize("tz, start, hours, first_instant", [
    ("Europe/Paris", date(2026, 3, 23), 167, datetime(2026, 3, 22, 23, 0, tzinfo=timezone.utc)),
    ("Europe/Paris", date(2026, 10, 19), 169, datetime(2026, 10, 18, 22, 0, tzinfo=timezone.utc)),
    ("America/New_York", date(2026, 3, 2), 167, datetime(2026, 3, 2, 5, 0, tzinfo=timezone.utc)),
    ("America/New_York", date(2026, 10, 26), 169, datetime(2026, 10, 26, 4, 0, tzinfo=timezone.utc)),
    ("Asia/Tokyo", date(2026, 3, 23), 168, datetime(2026, 3, 22, 15, 0, tzinfo=timezone.utc)),
])
def test_bounds_are_local_midnights(tz, start, hours, first_instant):
    begin, end = Week(start).bounds(tz)
    assert begin == first_instant and (end - begin).total_seconds() == hours * 3600
