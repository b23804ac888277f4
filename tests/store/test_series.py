"""Series in the store: open slots, filling one, skip and move, edits from today on."""

from datetime import date, datetime, time, timezone

import pytest

from edcal.domain.models import Post
from edcal.domain.recurrence import Series
from edcal.errors import EdcalError, NotFoundError

UTC = timezone.utc
WEEK = (datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 11, 30, tzinfo=UTC))


def add(store, **kw):
    values = dict(platform="linkedin", rule="FREQ=WEEKLY;BYDAY=TU,TH", at=time(9, 0), tz="Europe/Paris",
                  start=date(2026, 11, 1), title="Insight")
    return store.add_series(Series(**{**values, **kw}))


def test_open_slots_and_filling_one(store):
    series = add(store)
    slots = store.open_slots(*WEEK)
    assert [s.local().strftime("%a %H:%M") for s in slots] == ["Tue 09:00", "Thu 09:00"]
    tuesday = slots[0]
    store.add_post(Post(platform="linkedin", body="filled", scheduled_at=tuesday.utc, tz=tuesday.tz,
                        series_id=series.id, slot_date=tuesday.day))
    assert [s.day for s in store.open_slots(*WEEK)] == [date(2026, 11, 26)]
    filled = store.all_posts()[0]
    assert filled.series_id == series.id and filled.slot_date == date(2026, 11, 24)


def test_filled_slots_are_read_the_same_both_ways_from_the_index_near_the_week(store):
    """A slot a post fills is read from ix_post_series_slot, for the days around the week only:
    the store and the read path agree, a slot moved into the week from weeks before included."""
    from edcal.store.read import open_reader

    series = add(store, rule="FREQ=DAILY", start=date(2026, 8, 1))
    store.change_slot(series.id, date(2026, 10, 30), datetime(2026, 11, 25, 15, 0, tzinfo=UTC))  # into the week
    for day in (date(2026, 9, 1), date(2026, 10, 30), date(2026, 11, 24), date(2026, 11, 28), date(2027, 1, 5)):
        store.add_post(Post(platform="linkedin", body=f"fills {day}", series_id=series.id, slot_date=day))
    reader = open_reader(store.url, store.config)
    try:
        got = reader.open_slots(*WEEK)
        assert got == store.open_slots(*WEEK)
        assert [s.day.day for s in got] == [23, 25, 26, 27, 29]  # 24 and 28 filled, 30 Oct moved in and filled
        if reader.dialect == "sqlite":
            with reader._read() as query:
                plan = query("EXPLAIN QUERY PLAN SELECT series_id, slot_date FROM post "
                             "WHERE series_id IS NOT NULL AND slot_date BETWEEN ? AND ?", ("2026-10-01", "2026-12-01"))
            assert any("ix_post_series_slot" in row.detail for row in plan)
    finally:
        reader.close()


def test_skip_and_move(store):
    series = add(store)
    store.change_slot(series.id, date(2026, 11, 24))
    store.change_slot(series.id, date(2026, 11, 26), datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    (slot,) = store.open_slots(*WEEK)
    assert slot.moved and slot.local().strftime("%a %H:%M") == "Fri 11:00"
    with pytest.raises(EdcalError, match="has no slot on Wed 25 Nov 2026"):
        store.change_slot(series.id, date(2026, 11, 25))


def test_an_edit_changes_slots_from_today_only(store):
    series = add(store)
    store.change_slot(series.id, date(2026, 12, 1))  # a future skip carries over
    new = store.edit_series(series.id, date(2026, 11, 25), at=time(10, 0))
    assert new.id != series.id and store.get_series(series.id).until == date(2026, 11, 24)
    slots = store.open_slots(datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 12, 5, tzinfo=UTC))
    assert [s.local().strftime("%d %H:%M") for s in slots] == ["24 09:00", "26 10:00", "03 10:00"]


def test_an_edit_before_the_start_changes_it_in_place(store):
    series = add(store, start=date(2026, 12, 1))
    edited = store.edit_series(series.id, date(2026, 11, 25), rule="FREQ=WEEKLY;BYDAY=MO")
    assert edited.id == series.id and edited.rule == "FREQ=WEEKLY;BYDAY=MO"


def test_delete_keeps_the_posts_it_made(store):
    series = add(store)
    slot = store.open_slots(*WEEK)[0]
    post = store.add_post(Post(platform="linkedin", body="kept", scheduled_at=slot.utc, tz=slot.tz,
                               series_id=series.id, slot_date=slot.day))
    store.delete_series(series.id)
    assert store.get_post(post.id).series_id is None
    with pytest.raises(NotFoundError):
        store.get_series(series.id)
    assert store.open_slots(*WEEK) == []


def test_bad_series(store):
    with pytest.raises(EdcalError, match="unknown platform"):
        add(store, platform="myspace")
    with pytest.raises(EdcalError, match="unknown time zone"):
        add(store, tz="Nowhere/Town")
    with pytest.raises(EdcalError, match="ends before it starts"):
        add(store, until=date(2026, 10, 1))


def test_a_refused_edit_changes_nothing_and_an_edit_carries_on_from_today(store):
    from datetime import date, time

    from edcal.domain.dates import DateError
    from edcal.domain.recurrence import Series

    series = store.add_series(Series(platform="x", rule="FREQ=WEEKLY;BYDAY=TU", at=time(9, 0), tz="UTC",
                                     start=date(2026, 1, 6)))
    store.change_slot(series.id, date(2026, 12, 8))
    with pytest.raises(DateError, match="unknown time zone"):
        store.edit_series(series.id, date(2026, 12, 1), tz="Mars/Base")
    assert store.series() == [series]
    moved = store.edit_series(series.id, date(2026, 12, 1), at=time(10, 0))
    assert [s.id for s in store.series()] == [series.id, moved.id]
    assert store.get_series(series.id).until == date(2026, 11, 30) and moved.start == date(2026, 12, 1)
