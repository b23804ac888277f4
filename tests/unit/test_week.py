"""The Week value: first day setting, ISO numbers at year ends, bounds across daylight saving."""

from datetime import date, datetime, timedelta, timezone

import pytest

from edcal.domain.dates import DateError
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
    assert Week(date(2026, 12, 28)).label == "Week 53 · 28 Dec 2026 – 3 Jan 2027"
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


# -- a week named by its number ------------------------------------------------------------


def test_every_numbered_week_is_the_one_its_label_shows_whatever_the_first_day():
    """Against the standard library's ISO calendar: each week of 40 years, named '2026-W05', is
    the seven days labelled with that number and holding that ISO week's Thursday."""
    today = date(2026, 11, 30)
    for year in range(2000, 2040):
        weeks = date(year, 12, 28).isocalendar()[1]
        for number in range(1, weeks + 1):
            thursday = date.fromisocalendar(year, number, 4)
            for first in range(7):
                week = Week.typed(f"{year}-W{number:02}", today, first)
                assert week.start.weekday() == first and thursday in week and week.number == number
        with pytest.raises(DateError, match=f"{year} has weeks 1 to {weeks}"):
            Week.typed(f"{year}-W{weeks + 1}", today)


@pytest.mark.parametrize("text", ["w50", "W50", "week 50", "Week  50", "wk50", "wk 50", " 2026w50 ", "2026-w50",
                                  "2026-W50"])
def test_the_forms_of_a_week_number(text):
    assert Week.typed(text, date(2026, 11, 30)) == Week(date(2026, 12, 7))


@pytest.mark.parametrize("today, text, start", [
    (date(2026, 12, 4), "w49", date(2026, 11, 30)),  # this week
    (date(2026, 12, 4), "w53", date(2026, 12, 28)),  # 2026 has 53 weeks
    (date(2026, 12, 4), "w2", date(2027, 1, 11)),  # 5 weeks ahead, not 47 back
    (date(2026, 12, 4), "w48", date(2026, 11, 23)),  # last week, not 52 ahead
    (date(2026, 12, 4), "w23", date(2026, 6, 1)),  # 26 weeks back, 27 ahead
    (date(2026, 12, 4), "w22", date(2027, 5, 31)),  # 27 weeks back, 26 ahead
    (date(2027, 1, 2), "w53", date(2026, 12, 28)),  # a Saturday of 2027 in 2026's week 53
    (date(2027, 1, 2), "w1", date(2027, 1, 4)),
    (date(2027, 3, 1), "w53", date(2026, 12, 28)),  # 2027 has none: 2026's, 9 weeks back
    (date(2026, 1, 1), "w1", date(2025, 12, 29)),  # 2026's week 1 began in 2025
])
def test_a_bare_number_is_the_nearest_week_of_that_number(today, text, start):
    assert Week.typed(text, today).start == start


def test_two_weeks_of_a_number_as_near_give_the_one_ahead():
    today = date(2026, 7, 2)  # week 27 of 2026, which has 53 weeks: week 1 is 26 weeks back and 27 ahead
    assert Week.typed("w1", today) == Week(date(2025, 12, 29))
    assert Week.typed("w1", date(2026, 7, 9)) == Week(date(2027, 1, 4))  # 27 back, 26 ahead
    tie = date(2027, 7, 8)  # week 27 of 2027, which has 52: week 1 is 26 weeks back and 26 ahead
    assert Week.typed("w1", tie) == Week(date(2028, 1, 3))
    assert Week.typed("w53", tie) == Week(date(2026, 12, 28))  # the only one near


def test_a_bare_number_follows_the_first_day_of_the_week():
    sunday = date(2026, 11, 29)  # with Sunday-first weeks, the first day of week 49
    assert Week.typed("w49", sunday, 6) == Week.of(sunday, 6) == Week(sunday)
    assert Week.typed("w50", sunday, 6) == Week(date(2026, 12, 6))


@pytest.mark.parametrize("today, text, message", [
    (date(2028, 6, 1), "w53", "none of 2027 to 2029 has a week 53; name the year, as in 2026-W53"),
    (date(2026, 11, 30), "w0", "a year has weeks 1 to 52, or 53"),
    (date(2026, 11, 30), "w54", "a year has weeks 1 to 52, or 53"),
    (date(2026, 11, 30), "2027-W53", "2027 has weeks 1 to 52"),
    (date(2026, 11, 30), "1899-W10", "edcal plans the years 1900 to 2999"),
    (date(2026, 11, 30), "w", "cannot read 'w'"),
    (date(2026, 11, 30), "week fifty", "cannot read 'week fifty'"),
])
def test_a_week_that_is_not_there_is_said(today, text, message):
    with pytest.raises(DateError, match=message):
        Week.typed(text, today)


def test_a_day_names_the_week_holding_it():
    assert Week.typed("2026-12-24", date(2026, 11, 30)) == Week(date(2026, 12, 21))
    assert Week.typed("+2w", date(2026, 11, 30), 6) == Week(date(2026, 12, 13))
    assert Week.named("2026-12-24", date(2026, 11, 30)) is None


@pytest.mark.parametrize("text, start", [("this week", date(2026, 12, 27)), ("Next  week", date(2027, 1, 3)),
                                         ("last week", date(2026, 12, 20)), ("previous week", date(2026, 12, 20))])
def test_weeks_in_words_around_a_year_end(text, start):
    assert Week.typed(text, date(2027, 1, 2), 6) == Week(start)  # Sunday-first weeks, on a Saturday
