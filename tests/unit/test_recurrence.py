"""Series expand in local time: 09:00 stays 09:00 across daylight saving changes."""

from datetime import date, datetime, time, timezone

import pytest

from edcal.domain.dates import DateError
from edcal.domain.recurrence import Series, SlotChange, normalise_rule, occurrences, split_for_edit

UTC = timezone.utc


def weekly(tz: str, start: date, at: time = time(9, 0), rule: str = "FREQ=WEEKLY;BYDAY=TU,TH") -> Series:
    return Series(platform="linkedin", rule=rule, at=at, tz=tz, start=start, id=1, uid="u1")


@pytest.mark.parametrize("tz, first, last, before, after", [
    ("Europe/Paris", date(2026, 3, 24), date(2026, 3, 31), 8, 7),  # clocks forward on 29 March
    ("Europe/Paris", date(2026, 10, 20), date(2026, 10, 27), 7, 8),  # back on 25 October
    ("America/New_York", date(2026, 3, 3), date(2026, 3, 10), 14, 13),  # forward on 8 March
    ("America/New_York", date(2026, 10, 27), date(2026, 11, 3), 13, 14),  # back on 1 November
])
def test_weekly_slots_keep_their_wall_time_across_dst(tz, first, last, before, after):
    slots = occurrences(weekly(tz, date(2026, 1, 1)), first, last)
    assert [s.local().strftime("%a %H:%M") for s in slots] == ["Tue 09:00", "Thu 09:00", "Tue 09:00"]
    assert [s.utc.hour for s in slots] == [before, before, after]


def test_last_friday_of_the_month():
    series = weekly("Europe/Paris", date(2026, 1, 1), rule="FREQ=MONTHLY;BYDAY=-1FR")
    slots = occurrences(series, date(2026, 1, 1), date(2026, 6, 30))
    assert [s.day.isoformat() for s in slots] == [
        "2026-01-30", "2026-02-27", "2026-03-27", "2026-04-24", "2026-05-29", "2026-06-26"]


def test_every_other_week_with_a_count():
    series = weekly("UTC", date(2026, 11, 6), rule="FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=3")
    slots = occurrences(series, date(2026, 1, 1), date(2027, 12, 31))
    assert [s.day.isoformat() for s in slots] == ["2026-11-06", "2026-11-20", "2026-12-04"]


def test_skip_and_move_one_occurrence():
    series = weekly("Europe/Paris", date(2026, 11, 1))
    moved_to = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    changes = {date(2026, 11, 24): SlotChange(date(2026, 11, 24)),
               date(2026, 11, 26): SlotChange(date(2026, 11, 26), moved_to)}
    slots = occurrences(series, date(2026, 11, 23), date(2026, 11, 29), changes)
    assert len(slots) == 1 and slots[0].moved and slots[0].utc == moved_to and slots[0].day == date(2026, 11, 26)


def test_a_slot_in_the_skipped_hour_moves_to_the_resolved_time():
    series = weekly("Europe/Paris", date(2026, 1, 1), at=time(2, 30), rule="FREQ=DAILY")
    (slot,) = occurrences(series, date(2026, 3, 29), date(2026, 3, 29))
    assert slot.local().strftime("%H:%M") == "03:30" and "does not exist" in slot.note
    assert slot.utc == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_a_slot_in_the_repeated_hour_takes_the_first():
    series = weekly("Europe/Paris", date(2026, 1, 1), at=time(2, 30), rule="FREQ=DAILY")
    (slot,) = occurrences(series, date(2026, 10, 25), date(2026, 10, 25))
    assert slot.utc == datetime(2026, 10, 25, 0, 30, tzinfo=UTC) and slot.fold == 0


def test_slot_uids_are_stable_and_distinct():
    series = weekly("UTC", date(2026, 11, 1))
    a = occurrences(series, date(2026, 11, 1), date(2026, 11, 30))
    b = occurrences(series, date(2026, 11, 1), date(2026, 11, 30))
    assert [s.uid for s in a] == [s.uid for s in b] and len({s.uid for s in a}) == len(a)


def test_until_ends_a_series_and_edits_split_it():
    series = weekly("UTC", date(2026, 11, 1))
    ended, new_start = split_for_edit(series, date(2026, 11, 20))
    assert ended.until == date(2026, 11, 19) and new_start == date(2026, 11, 20)
    assert occurrences(ended, date(2026, 11, 1), date(2026, 12, 31))[-1].day == date(2026, 11, 19)
    assert split_for_edit(weekly("UTC", date(2026, 12, 1)), date(2026, 11, 20)) == (None, date(2026, 12, 1))


@pytest.mark.parametrize("rule", ["", "garbage", "FREQ=SOMETIMES", "FREQ=WEEKLY;BYDAY=XX",
                                  "DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "FREQ=WEEKLY;INTERVAL=x"])
def test_bad_rules_are_refused_with_an_example(rule):
    with pytest.raises(DateError, match="FREQ=WEEKLY;BYDAY=TU,TH"):
        normalise_rule(rule)


def test_rules_are_normalised():
    assert normalise_rule(" rrule:freq=weekly;byday=tu,th; ") == "FREQ=WEEKLY;BYDAY=TU,TH"
