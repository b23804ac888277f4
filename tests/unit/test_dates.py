"""Dates: the typed-date parser, the machine reader, wall times across daylight saving, durations."""

from datetime import date, datetime, time, timezone

import pytest

from edcal.domain.dates import (
    DateError,
    day_bounds,
    format_minutes,
    format_wall,
    parse_date,
    parse_duration,
    parse_when,
    read_wall,
    resolve_wall_time,
)

NOW = datetime(2026, 11, 22, 10, 0)  # a Sunday, 10:00


@pytest.mark.parametrize("text, expected", [
    ("25m", 25), ("1h30", 90), ("1h30m", 90), ("1:30", 90), ("90", 90), ("1.5h", 90), ("2h", 120),
    ("45min", 45), (" 10m ", 10), ("24h", 1440),
])
def test_durations(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text, needle", [
    ("0", "more than zero"), ("0m", "more than zero"), ("-5", "must be positive"), ("25h", "more than 24 hours"),
    ("1:75", "cannot read"), ("abc", "cannot read"), ("", "cannot read"), ("h", "cannot read"),
])
def test_bad_durations(text, needle):
    with pytest.raises(DateError, match=needle):
        parse_duration(text)


def test_format_minutes():
    assert [format_minutes(m) for m in (0, 45, 60, 90, 125)] == ["0m", "45m", "1h", "1h30", "2h05"]


@pytest.mark.parametrize("text, expected", [
    # ISO 8601 is year-month-day whatever the day-first setting, days 1 to 12 included
    ("2026-12-01 09:30", datetime(2026, 12, 1, 9, 30)),
    ("2026-12-01T09:30", datetime(2026, 12, 1, 9, 30)),
    ("2026-12-01T09:30:15", datetime(2026, 12, 1, 9, 30, 15)),
    ("2026-01-05 00:00", datetime(2026, 1, 5, 0, 0)),
    ("2026-11-24 09:30", datetime(2026, 11, 24, 9, 30)),
    ("2026-12-01 9am", datetime(2026, 12, 1, 9, 0)),
    ("Tue 2026-12-01 09:30", datetime(2026, 12, 1, 9, 30)),  # as `list` and `show` print it
    ("01/12/2026 9:30", datetime(2026, 12, 1, 9, 30)),
    ("01.12.2026 9:30", datetime(2026, 12, 1, 9, 30)),
    ("1/12 9h30", datetime(2026, 12, 1, 9, 30)),
    ("24/11 9:30", datetime(2026, 11, 24, 9, 30)),
    ("24/11/26 21:05", datetime(2026, 11, 24, 21, 5)),
    ("24 nov 3pm", datetime(2026, 11, 24, 15, 0)),
    ("1st Dec 2027 9:00", datetime(2027, 12, 1, 9, 0)),
    ("December 1, 2026 at 9am", datetime(2026, 12, 1, 9, 0)),
    ("tue 9:30", datetime(2026, 11, 24, 9, 30)),
    ("Tuesday 9:30", datetime(2026, 11, 24, 9, 30)),
    ("next tuesday 9:30", datetime(2026, 11, 24, 9, 30)),
    ("next sun 9:30", datetime(2026, 11, 29, 9, 30)),  # 'next' never means today
    ("sun 11:00", datetime(2026, 11, 22, 11, 0)),  # today is Sunday and 11:00 is still ahead
    ("sun 9:00", datetime(2026, 11, 29, 9, 0)),  # 9:00 has passed today: next Sunday
    ("sat 9:00", datetime(2026, 11, 28, 9, 0)),
    ("tomorrow 8am", datetime(2026, 11, 23, 8, 0)),
    ("tomorrow 8:00", datetime(2026, 11, 23, 8, 0)),
    ("yesterday 17:00", datetime(2026, 11, 21, 17, 0)),
    ("today 17:45", datetime(2026, 11, 22, 17, 45)),
    ("in 3 days 10:00", datetime(2026, 11, 25, 10, 0)),
    ("+2d 10:00", datetime(2026, 11, 24, 10, 0)),
    ("+1w 9am", datetime(2026, 11, 29, 9, 0)),
    ("noon", datetime(2026, 11, 22, 12, 0)),
    ("9:30pm", datetime(2026, 11, 22, 21, 30)),
    ("12am", datetime(2026, 11, 22, 0, 0)),
    ("12pm", datetime(2026, 11, 22, 12, 0)),
    ("tomorrow 21h", datetime(2026, 11, 23, 21, 0)),
])
def test_the_forms_people_type(text, expected):
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize("text, expected", [
    ("12/01/2026 9:00", datetime(2026, 12, 1, 9, 0)),
    ("11/24 9:00", datetime(2026, 11, 24, 9, 0)),
    ("2026-12-01 09:30", datetime(2026, 12, 1, 9, 30)),  # ISO does not care
    ("2026-01-12 09:30", datetime(2026, 1, 12, 9, 30)),
])
def test_month_first(text, expected):
    assert parse_when(text, NOW, dayfirst=False) == expected


def test_the_configured_reading_applies_to_numbers_only():
    from edcal.domain.dates import set_day_first

    assert parse_when("03/04 9:00", NOW) == datetime(2026, 4, 3, 9, 0)  # day first by default
    set_day_first(False)
    try:
        assert parse_when("03/04/2027 9:00", NOW) == datetime(2027, 3, 4, 9, 0)
        assert parse_when("2026-03-04 9:00", NOW) == datetime(2026, 3, 4, 9, 0)
    finally:
        set_day_first(True)
    assert parse_when("2026-03-04 9:00", NOW) == datetime(2026, 3, 4, 9, 0)


@pytest.mark.parametrize("text, needle", [
    ("garbage", "cannot read"), ("2026-13-01 9:00", "is not a date"), ("31/02 9:00", "is not a date"),
    ("2026-02-30 9:00", "'2026-02-30' is not a date"), ("32/11 9:30", "'32/11' is not a date"),
    ("13/13", "is not a date"), ("5", "alone is ambiguous"), ("12", "alone is ambiguous"),
    ("next month", "'next' goes before a weekday"), ("9.30", "is not a date"),
    ("tomorrow", "no time of day"), ("2026-11-24", "no time of day"), ("+1w", "no time of day"),
    ("today 25:00", "not a time of day"), ("today 9:60", "not a time of day"),
    ("tomorrow 13pm", "12-hour clock"), ("tue 13pm", "12-hour clock"), ("", "no date given"),
    ("   ", "no date given"), ("2026-11-24 09:30+02:00", "UTC offset"), ("2026-11-24T09:30Z", "UTC offset"),
    ("\x00\x01", "no date given"), ("Mon 2026-12-01 9:00", "is a Tuesday, not a Monday"),
    ("0001-01-01 00:00", "1900 to 2999"), ("+5000d 9:00", "cannot read"),
])
def test_guesses_are_refused_with_one_clear_line(text, needle):
    with pytest.raises(DateError, match=needle) as caught:
        parse_when(text, NOW)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text", ["garbage", "2026-02-30 9:00", "today 25:00", "5"])
def test_errors_name_the_accepted_forms(text):
    with pytest.raises(DateError, match="try a form such as 2026-11-24 09:30, 24/11 9:30"):
        parse_when(text, NOW)


def test_parse_date_without_time():
    assert parse_date("fri", NOW.date()) == date(2026, 11, 27)
    assert parse_date("sun", NOW.date()) == date(2026, 11, 22)  # a day alone: today counts
    assert parse_date("2026-12-01", NOW.date()) == date(2026, 12, 1)
    assert parse_date("2026-01-05", NOW.date()) == date(2026, 1, 5)
    assert parse_date("+1w", NOW.date()) == date(2026, 11, 29)
    assert parse_date("2026-12-01 09:00", NOW.date()) == date(2026, 12, 1)  # as `series list` prints it


def test_machine_reader_takes_only_what_export_writes():
    assert read_wall("2026-12-01", "09:30") == datetime(2026, 12, 1, 9, 30)
    assert read_wall("2026-01-12", "23:59:30") == datetime(2026, 1, 12, 23, 59, 30)
    for day, clock, needle in [("01/12/2026", "09:30", "YYYY-MM-DD"), ("2026-12-01", "9h30", "HH:MM"),
                               ("2026-02-30", "09:30", "is not a date"), ("2026-12-01", "25:00", "not a time")]:
        with pytest.raises(DateError, match=needle):
            read_wall(day, clock)


def test_format_wall_is_iso_and_keeps_seconds_only_when_there_are_some():
    assert format_wall(datetime(2026, 12, 1, 9, 30)) == "2026-12-01 09:30"
    assert format_wall(datetime(2026, 12, 1, 9, 30, 5)) == "2026-12-01 09:30:05"


def test_dst_days_last_23_and_25_hours():
    spring_start, spring_end = day_bounds(date(2026, 3, 29), 1, "Europe/Paris")
    assert (spring_end - spring_start).total_seconds() == 23 * 3600
    fall_start, fall_end = day_bounds(date(2026, 10, 25), 1, "Europe/Paris")
    assert (fall_end - fall_start).total_seconds() == 25 * 3600


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


@pytest.mark.parametrize("name", ["Mars/Base", "x" * 5000, "../../etc/passwd", ""])
def test_unknown_zone(name):
    with pytest.raises(DateError, match="unknown time zone"):
        resolve_wall_time(datetime(2026, 1, 1, 9, 0), name)


def test_bad_frozen_clock_is_one_line(monkeypatch):
    from edcal.domain import clock

    monkeypatch.setenv("EDCAL_NOW", "2026-11-30 08:00")  # no offset: which zone's 08:00?
    with pytest.raises(clock.ClockError, match="EDCAL_NOW must be an ISO 8601 instant with its UTC offset"):
        clock.now()
    monkeypatch.setenv("EDCAL_NOW", "2026-11-30T08:00:00+01:00")
    assert clock.now() == datetime(2026, 11, 30, 7, 0, tzinfo=timezone.utc)
    assert clock.wall_now("America/New_York") == datetime(2026, 11, 30, 2, 0)
    assert clock.today("Pacific/Kiritimati") == date(2026, 11, 30)
    assert clock.today("Pacific/Pago_Pago") == date(2026, 11, 29)


def test_the_clock_runs_when_not_frozen(monkeypatch):
    from edcal.domain import clock

    monkeypatch.delenv("EDCAL_NOW")
    before = datetime.now(timezone.utc)
    assert before <= clock.now() <= datetime.now(timezone.utc)


def test_bare_weekday_with_a_default_time_moves_on_once_it_passed():
    # The move prompt: 'sun' keeps the post's 09:00, which on Sunday at 10:00 is next Sunday
    assert parse_when("sun", NOW, need_time=False, default_time=time(9, 0)) == datetime(2026, 11, 29, 9, 0)
    assert parse_when("sun", NOW, need_time=False, default_time=time(18, 0)) == datetime(2026, 11, 22, 18, 0)


def test_a_weekday_for_work_done_is_the_last_one():
    # logging time on Sunday 22 Nov at 10:00
    assert parse_when("mon 9:00", NOW, past=True) == datetime(2026, 11, 16, 9, 0)
    assert parse_when("sun 9:00", NOW, past=True) == datetime(2026, 11, 22, 9, 0)  # earlier today
    assert parse_when("sun 11:00", NOW, past=True) == datetime(2026, 11, 15, 11, 0)  # not come yet today
    assert parse_when("tomorrow 9:00", NOW, past=True) == datetime(2026, 11, 23, 9, 0)  # said outright: as typed


@pytest.mark.parametrize("day, now, slots, expected", [
    # today: the next whole hour still ahead, never one gone by
    ("2026-11-25", "2026-11-25 10:00", [], "2026-11-25 11:00"),
    ("2026-11-25", "2026-11-25 10:59", [], "2026-11-25 11:00"),
    ("2026-12-31", "2026-12-31 22:10", [], "2026-12-31 23:00"),
    ("2026-12-31", "2026-12-31 23:30", [], None),  # no whole hour left in the year: typed by the person
    # a day to come starts the working day; a day gone by offers nothing
    ("2027-01-01", "2026-12-31 23:30", [], "2027-01-01 09:00"),
    ("2026-11-24", "2026-11-25 10:00", [], None),
    # the channel's open slot that day, when one is still ahead; past ones and other days' are passed over
    ("2026-11-25", "2026-11-25 10:00", ["2026-11-25 09:00", "2026-11-25 15:30", "2026-11-26 08:00"],
     "2026-11-25 15:30"),
    ("2026-11-26", "2026-11-25 10:00", ["2026-11-26 08:00"], "2026-11-26 08:00"),
    ("2026-11-25", "2026-11-25 16:00", ["2026-11-25 15:30"], "2026-11-25 17:00"),
    # clocks go forward in Paris at 02:00 on 29 March: 02:00 does not exist, 03:00 does
    ("2026-03-29", "2026-03-29 01:20", [], "2026-03-29 03:00"),
    # and back on 25 October: 02:00 happens twice; the first is offered
    ("2026-10-25", "2026-10-25 01:59", [], "2026-10-25 02:00"),
])
def test_a_new_post_starts_at_a_time_still_ahead(day, now, slots, expected):
    from edcal.domain.dates import suggested_start

    def wall(text: str) -> datetime:
        return datetime.fromisoformat(text)

    found = suggested_start(date.fromisoformat(day), wall(now), "Europe/Paris", [wall(s) for s in slots])
    assert found == (wall(expected) if expected else None)


def test_the_instant_a_person_typed_is_read_on_the_posts_own_clock():
    from edcal.domain.dates import typed_instant

    now = datetime.fromisoformat("2026-12-31T23:30:00-05:00")  # New York's New Year's Eve; Tokyo's 1 January
    tokyo = typed_instant("tomorrow 9:00", "Asia/Tokyo", now)
    assert tokyo.local.replace(tzinfo=None) == datetime(2027, 1, 2, 9, 0)  # tomorrow on Tokyo's clock
    york = typed_instant("tomorrow 9:00", "America/New_York", now)
    assert york.local.replace(tzinfo=None) == datetime(2027, 1, 1, 9, 0)
    # the repeated autumn hour: the first unless told
    first = typed_instant("2026-10-25 02:30", "Europe/Paris", now)
    second = typed_instant("2026-10-25 02:30", "Europe/Paris", now, fold=1)
    assert (second.utc - first.utc).total_seconds() == 3600 and second.fold == 1
    # a day alone keeps the post's time of day, the same wall time typed again its own fold
    kept = datetime(2026, 10, 25, 2, 30)
    assert typed_instant("2026-10-25", "Europe/Paris", now, keep=kept, keep_fold=1).utc == second.utc
    assert typed_instant("2026-11-03", "Europe/Paris", now, keep=kept, keep_fold=1).local.hour == 2
    with pytest.raises(DateError, match="does not exist"):  # clocks go forward
        typed_instant("2026-03-29 02:30", "Europe/Paris", now)
    with pytest.raises(DateError, match="has no time of day"):
        typed_instant("tomorrow", "Europe/Paris", now)


def test_the_cli_the_editor_and_the_move_prompt_read_a_typed_time_in_one_place():
    from pathlib import Path

    import edcal

    root = Path(edcal.__file__).parent
    for face in ("cli/posts.py", "ui/screens/editor.py", "ui/widgets/post_actions.py"):  # post_actions: the move prompt
        source = (root / face).read_text()
        assert "typed_instant(" in source and "parse_when(" not in source, face
