"""Dates: weeks, the typed-date parser, wall times across daylight saving, durations."""

from datetime import date, datetime, timezone

import pytest

from edcal.domain.dates import (
    DateError, day_bounds, format_minutes, iso_week_label, parse_date, parse_duration, parse_when,
    resolve_wall_time, week_bounds, week_start,
)

NOW = datetime(2026, 11, 22, 10, 0)  # a Sunday


@pytest.mark.parametrize("text, expected", [
    ("25m", 25), ("1h30", 90), ("1h30m", 90), ("1:30", 90), ("90", 90), ("1.5h", 90), ("2h", 120),
    ("45min", 45), (" 10m ", 10), ("24h", 1440),
])
def test_durations(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text, needle", [
    ("0", "more than zero"), ("0m", "more than zero"), ("-5", "cannot read"), ("25h", "more than 24 hours"),
    ("1:75", "cannot read"), ("abc", "cannot read"), ("", "cannot read"), ("h", "cannot read"),
])
def test_bad_durations(text, needle):
    with pytest.raises(DateError, match=needle):
        parse_duration(text)


def test_format_minutes():
    assert [format_minutes(m) for m in (0, 45, 60, 90, 125)] == ["0m", "45m", "1h", "1h30", "2h05"]


@pytest.mark.parametrize("text, expected", [
    ("2026-11-24 09:30", datetime(2026, 11, 24, 9, 30)),
    ("24/11 9:30", datetime(2026, 11, 24, 9, 30)),
    ("24/11/2026 21:05", datetime(2026, 11, 24, 21, 5)),
    ("tue 9:30", datetime(2026, 11, 24, 9, 30)),
    ("Tuesday 9:30", datetime(2026, 11, 24, 9, 30)),
    ("sun 9:00", datetime(2026, 11, 22, 9, 0)),  # today is Sunday: today counts
    ("sat 9:00", datetime(2026, 11, 28, 9, 0)),  # the next Saturday, not the past one
    ("tomorrow 8:00", datetime(2026, 11, 23, 8, 0)),
    ("today 17:45", datetime(2026, 11, 22, 17, 45)),
    ("+2d 10:00", datetime(2026, 11, 24, 10, 0)),
    ("+1w 9am", datetime(2026, 11, 29, 9, 0)),
    ("24 nov 3pm", datetime(2026, 11, 24, 15, 0)),
    ("2026-11-24 00:00", datetime(2026, 11, 24, 0, 0)),
])
def test_parse_when(text, expected):
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize("text, needle", [
    ("garbage", "cannot read"), ("2026-13-01 9:00", "is not a date"), ("31/02 9:00", "cannot read"),
    ("12", "ambiguous"), ("tomorrow", "no time of day"), ("2026-11-24", "no time of day"),
    ("today 25:00", "not a time of day"), ("tomorrow 13pm", "12-hour clock"), ("", "no date given"),
    ("2026-11-24 09:30+02:00", "UTC offset"), ("\x00\x01", "cannot read"),
])
def test_parse_when_refuses_guesses_with_an_accepted_form(text, needle):
    with pytest.raises(DateError, match=needle):
        parse_when(text, NOW)


def test_parse_date_without_time():
    assert parse_date("fri", NOW.date()) == date(2026, 11, 27)
    assert parse_date("2026-12-24", NOW.date()) == date(2026, 12, 24)


@pytest.mark.parametrize("first_weekday, expected", [(0, date(2026, 11, 16)), (6, date(2026, 11, 22)),
                                                     (5, date(2026, 11, 21))])
def test_week_start_follows_the_first_day_setting(first_weekday, expected):
    assert week_start(date(2026, 11, 22), first_weekday) == expected


def test_week_label_uses_the_iso_week():
    assert iso_week_label(date(2026, 11, 23)) == "Week 48 · 23–29 Nov 2026"
    assert iso_week_label(date(2026, 12, 28)) == "Week 53 · 28 Dec 2026 – 03 Jan 2027"
    assert iso_week_label(date(2026, 11, 29)) == "Week 49 · 29 Nov – 5 Dec 2026"  # a Sunday-first week


def test_dst_weeks_have_23_and_25_hour_days():
    spring_start, spring_end = day_bounds(date(2026, 3, 29), 1, "Europe/Paris")
    assert (spring_end - spring_start).total_seconds() == 23 * 3600
    fall_start, fall_end = day_bounds(date(2026, 10, 25), 1, "Europe/Paris")
    assert (fall_end - fall_start).total_seconds() == 25 * 3600
    start, end = week_bounds(date(2026, 3, 23), "Europe/Paris")
    assert (end - start).total_seconds() == (7 * 24 - 1) * 3600
    assert start == datetime(2026, 3, 22, 23, 0, tzinfo=timezone.utc)  # local midnight, CET


def test_nonexistent_time_is_refused_with_the_resolved_time():
    with pytest.raises(DateError, match=r"02:30 does not exist on 2026-03-29 in Europe/Paris .* did you mean 03:30"):
        resolve_wall_time(datetime(2026, 3, 29, 2, 30), "Europe/Paris")
    with pytest.raises(DateError, match="did you mean 03:30"):
        resolve_wall_time(datetime(2026, 3, 8, 2, 30), "America/New_York")


def test_ambiguous_time_is_flagged_and_defaults_to_the_first():
    first = resolve_wall_time(datetime(2026, 10, 25, 2, 30), "Europe/Paris")
    assert first.ambiguous and first.fold == 0 and first.utc == datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc)
    assert "happens twice" in first.note
    second = resolve_wall_time(datetime(2026, 10, 25, 2, 30), "Europe/Paris", fold=1)
    assert second.utc == datetime(2026, 10, 25, 1, 30, tzinfo=timezone.utc)
    plain = resolve_wall_time(datetime(2026, 10, 26, 2, 30), "Europe/Paris", fold=1)
    assert not plain.ambiguous and plain.fold == 0 and plain.note is None


def test_unknown_zone():
    with pytest.raises(DateError, match="unknown time zone 'Mars/Base'"):
        resolve_wall_time(datetime(2026, 1, 1, 9, 0), "Mars/Base")


def test_month_first_is_configurable():
    from edcal.domain.dates import set_day_first

    assert parse_when("03/04 9:00", NOW) == datetime(2026, 4, 3, 9, 0)  # day first by default
    set_day_first(False)
    try:
        assert parse_when("03/04/2027 9:00", NOW) == datetime(2027, 3, 4, 9, 0)
        assert parse_when("11/24 9:00", NOW) == datetime(2026, 11, 24, 9, 0)
    finally:
        set_day_first(True)
    assert parse_when("03/04/2027 9:00", NOW) == datetime(2027, 4, 3, 9, 0)
