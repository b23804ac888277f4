"""The read path (edcal.store.read) against the store: on random databases built through the
store, every query gives equal values both ways. On SQLite, and on PostgreSQL in CI."""

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edcal.domain.models import Media, Post, RunningTimer, Settings, Status, TimeEntry
from edcal.domain.plan import Results
from edcal.domain.recurrence import Series, occurrences
from edcal.domain.week import Week
from edcal.errors import NotFoundError
from edcal.services.week import load_week
from edcal.store.read import Reader, open_reader

ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo", "Pacific/Auckland"]
PLATFORMS = ["x", "linkedin", "bluesky", "instagram", "mastodon"]
START = datetime(2026, 10, 20, tzinfo=timezone.utc)  # around both daylight-saving changes of the year's end

texts = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=40)
maybe_text = st.none() | texts
instants = st.builds(lambda minutes, micro: START + timedelta(minutes=minutes, microseconds=micro),
                     st.integers(0, 90 * 24 * 60), st.sampled_from([0, 0, 1, 999_999]))
media = st.builds(Media, st.sampled_from(["a.jpg", "clip.mp4", "https://example.com/x.png"]),
                  st.sampled_from(["image", "video"]), maybe_text)
posts = st.builds(
    lambda platform, when, zone, status, title, body, campaign, files, url, thread, idea: Post(
        platform=platform, scheduled_at=when, tz=zone if when else None, status=status, title=title, body=body,
        campaign=campaign, media=tuple(files), published_url=url, notes=title, thread=thread, idea=idea),
    st.sampled_from(PLATFORMS), st.none() | instants, st.sampled_from(ZONES), st.sampled_from(list(Status)),
    maybe_text, texts, st.sampled_from([None, "launch", "Launch", "q4"]), st.lists(media, max_size=3),
    st.sampled_from([None, "https://example.com/p/1"]), st.lists(texts, max_size=2).map(tuple),
    st.sampled_from([None, "idea-1", "idea-2"]))
entries = st.builds(lambda when, minutes, activity, platform: TimeEntry(start=when, minutes=minutes, activity=activity,
                                                                        platform=platform),
                    instants, st.integers(1, 240), st.sampled_from(["writing", "publishing", "engagement"]),
                    st.none() | st.sampled_from(PLATFORMS))
serieses = st.builds(
    lambda platform, rule, hour, zone, offset, until: Series(
        platform=platform, rule=rule, at=time(hour, 30), tz=zone, start=START.date() + timedelta(days=offset),
        until=None if until is None else START.date() + timedelta(days=offset + until), title="Slot"),
    st.sampled_from(PLATFORMS), st.sampled_from(["FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=DAILY", "FREQ=MONTHLY;BYMONTHDAY=1"]),
    st.integers(0, 23), st.sampled_from(ZONES), st.integers(0, 40), st.none() | st.integers(0, 60))
windows = st.tuples(instants, st.integers(0, 40 * 24 * 60)).map(lambda w: (w[0], w[0] + timedelta(minutes=w[1])))


def same(store, reader, name, *args, **kwargs):
    expected, got = getattr(store, name)(*args, **kwargs), getattr(reader, name)(*args, **kwargs)
    assert got == expected, name
    return got


@pytest.fixture
def reader(store):
    found = open_reader(store.url, store.config)
    assert isinstance(found, Reader)  # an up-to-date database is read without the ORM
    yield found
    found.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(new_posts=st.lists(posts, max_size=12), new_entries=st.lists(entries, max_size=5),
       new_series=st.lists(serieses, max_size=2), skips=st.lists(st.integers(0, 30), max_size=3),
       enabled=st.lists(st.sampled_from(PLATFORMS), min_size=1, max_size=4, unique=True),
       zone=st.sampled_from(ZONES), week_start=st.integers(0, 6), timer=st.booleans(),
       window=windows, picks=st.lists(st.sampled_from(PLATFORMS), max_size=2),
       statuses=st.lists(st.sampled_from([s.value for s in Status]), max_size=2))
def test_every_query_reads_the_same_both_ways(store, reader, new_posts, new_entries, new_series, skips, enabled,
                                              zone, week_start, timer, window, picks, statuses):
    # Each example adds to the same database, so later ones read a fuller one.
    store.save_settings(Settings(weekly_minimum=45, week_start=week_start, timezone=zone, hourly_rate=12.5))
    added = [store.add_post(p) for p in new_posts]
    for entry in new_entries:
        store.add_time(entry)
    for series in map(store.add_series, new_series):
        days = [s.day for s in occurrences(series, series.start, series.start + timedelta(days=31))]
        for i, skip in enumerate(skips):
            if days:
                day = days[skip % len(days)]
                moved = None if i % 2 else datetime.combine(day, time(7, 15), ZoneInfo(series.tz))
                store.change_slot(series.id, day, moved)
    published = [p for p in added if p.status == Status.PUBLISHED]
    store.save_results([Results(p.id, reach=len(p.body), clicks=None) for p in published])
    store.enable_platforms(enabled)
    if timer and store.running_timer() is None:
        store.start_timer(RunningTimer(started=START, activity="writing", platform=enabled[0]))

    for name in ("settings", "platforms", "backlog", "all_posts", "post_counts", "campaigns", "first_activity", "running_timer",
                 "series", "results"):
        same(store, reader, name)
    same(store, reader, "platforms", enabled_only=True)
    same(store, reader, "posts_between", *window)
    same(store, reader, "posts_between", *window, platforms=picks, statuses=statuses)
    same(store, reader, "time_between", *window)
    same(store, reader, "open_slots", *window)
    same(store, reader, "open_slots", *window, platforms=picks)
    same(store, reader, "results", [p.id for p in published[:3]])
    for idea in ("idea-1", "idea-2", "nobody's"):
        same(store, reader, "idea_posts", idea)
    same(store, reader, "idea_posts", "idea-2", "idea-1", "idea-2")
    for post in added:
        same(store, reader, "get_post", post.id)
    for key in [*PLATFORMS, "threads"]:
        same(store, reader, "get_platform", key)
    week = Week.of(window[0].date(), week_start)
    assert load_week(reader, week) == load_week(store, week)


def test_missing_things_are_told_the_same_way(store, reader):
    for name, arg in (("get_post", 42), ("get_platform", "myspace")):
        with pytest.raises(NotFoundError) as expected:
            getattr(store, name)(arg)
        with pytest.raises(NotFoundError) as got:
            getattr(reader, name)(arg)
        assert str(got.value) == str(expected.value)


def test_times_come_back_aware_and_to_the_microsecond(store, reader):
    when = datetime(2026, 12, 31, 23, 59, 59, 999_999, tzinfo=ZoneInfo("America/New_York"))
    post = store.add_post(Post(platform="x", body="last", scheduled_at=when, tz="America/New_York"))
    got = reader.get_post(post.id)
    assert got.scheduled_at == when and got.scheduled_at.utcoffset() == timedelta(0)
    assert got.created_at == post.created_at and got.slot_date is None
    assert reader.posts_between(when, when + timedelta(microseconds=1)) == [got]
    assert reader.posts_between(when - timedelta(microseconds=1), when) == []


def test_a_day_first_reading_cannot_come_from_stored_dates(store, reader):
    """Dates stored as text are ISO: 3 December is never read as 12 March."""
    series = store.add_series(Series(platform="x", rule="FREQ=DAILY", at=time(9, 0), tz="UTC",
                                     start=date(2026, 12, 3), until=date(2027, 1, 2), title="t"))
    (read,) = reader.series()
    assert read == series and read.start == date(2026, 12, 3) and read.until == date(2027, 1, 2)


def test_the_first_activity_is_found_from_indexes(store, reader):
    """The month, `report` and `lint` ask when edcal was first used here: the earliest post
    added or time logged, read from an index, not from every post (migration 0014)."""
    early = datetime(2020, 1, 6, 8, 0, tzinfo=timezone.utc)  # before any clock the tests run at
    store.add_post(Post(platform="x", body="later"))
    store.add_time(TimeEntry(start=early, minutes=15, activity="writing"))
    assert reader.first_activity() == store.first_activity() == early
    if reader.dialect == "sqlite":
        with reader._read() as query:
            for table, column in (("post", "created_utc"), ("time_entry", "start_utc")):
                plan = query(f"EXPLAIN QUERY PLAN SELECT min({column}) FROM {table}", ())
                assert any(f"ix_{table}_{column}" in row.detail for row in plan), (table, plan)
