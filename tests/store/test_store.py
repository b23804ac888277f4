"""The store's round trips, the optimistic lock and the scheduling guard, on SQLite and PostgreSQL."""

from datetime import datetime, timedelta, timezone

import pytest

from edcal.domain.dates import resolve_wall_time
from edcal.domain.models import Media, Platform, Post, RunningTimer, Settings, TimeEntry
from edcal.errors import ConflictError, EdcalError, NotFoundError
from edcal.store import open_store

UTC = timezone.utc


def test_post_round_trip_keeps_every_field(store):
    wall = resolve_wall_time(datetime(2026, 10, 25, 2, 30), "Europe/Paris", fold=1)
    post = store.add_post(Post(
        platform="bluesky", body="Ünïcode 👨‍👩‍👧 日本語\nline two", title="T", link="https://example.com",
        status="draft", scheduled_at=wall.utc, tz="Europe/Paris", fold=wall.fold, campaign="Q4",
        notes="n", media=(Media("a.jpg", "image", "alt one"), Media("b.mp4", "video")),
    ))
    got = store.get_post(post.id)
    assert got == post
    assert got.scheduled_at == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # the second 02:30
    assert got.local_time().hour == 2 and got.fold == 1
    assert [m.location for m in got.media] == ["a.jpg", "b.mp4"] and got.media[0].alt == "alt one"
    assert got.revision == 1 and len(got.uid) == 32
    assert store.post_by_uid(got.uid) == got


def test_update_bumps_the_revision_and_replaces_media(store):
    post = store.add_post(Post(platform="x", body="one", media=(Media("a.jpg"),)))
    updated = store.update_post(post.with_changes(body="two", media=()))
    assert updated.revision == 2 and updated.body == "two" and updated.media == ()
    assert store.get_post(post.id) == updated
    assert updated.updated_at >= post.updated_at and updated.created_at == post.created_at


def test_two_sessions_editing_the_same_post(db_url, config):
    first, second = open_store(db_url, config), open_store(db_url, config)
    try:
        post = first.add_post(Post(platform="x", body="original"))
        mine, theirs = first.get_post(post.id), second.get_post(post.id)
        first.update_post(mine.with_changes(body="first writer wins"))
        with pytest.raises(ConflictError, match="changed elsewhere"):
            second.update_post(theirs.with_changes(body="stale copy"))
        assert second.get_post(post.id).body == "first writer wins"
        # after a reload the second writer can save
        fresh = second.get_post(post.id)
        assert second.update_post(fresh.with_changes(body="merged")).revision == 3
    finally:
        first.close()
        second.close()


def test_posts_between_orders_by_time_and_filters(store):
    base = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    for hours, platform in ((5, "x"), (1, "linkedin"), (3, "x"), (200, "x")):
        store.add_post(Post(platform=platform, body=f"{platform} {hours}", scheduled_at=base + timedelta(hours=hours), tz="UTC"))
    store.add_post(Post(platform="x", body="idea", status="idea"))
    week = store.posts_between(base, base + timedelta(days=7))
    assert [p.body for p in week] == ["linkedin 1", "x 3", "x 5"]
    assert [p.body for p in store.posts_between(base, base + timedelta(days=7), platforms=["X"])] == ["x 3", "x 5"]
    assert [p.body for p in store.backlog()] == ["idea"]


def test_unknown_platform_and_missing_post(store):
    with pytest.raises(NotFoundError, match="unknown platform 'myspace'"):
        store.add_post(Post(platform="myspace", body="hi"))
    with pytest.raises(NotFoundError):
        store.get_post(999)
    with pytest.raises(NotFoundError):
        store.delete_post(999)


def test_delete_cascades_to_media(store):
    post = store.add_post(Post(platform="x", body="bye", media=(Media("a.jpg"),)))
    store.delete_post(post.id)
    with pytest.raises(NotFoundError):
        store.get_post(post.id)


def test_platforms_and_enabling(store):
    store.save_platform(Platform("newsletter", "Newsletter", "linkedin", reason="Our own list", weekly_target=1))
    enabled = store.enable_platforms(["instagram", "x"])
    assert [p.key for p in enabled] == ["instagram", "x"]
    assert {p.key: p.enabled for p in store.platforms()}["newsletter"] is False
    assert store.get_platform("newsletter").reason == "Our own list"


def test_settings_round_trip(store):
    assert store.settings().weekly_minimum == 60 and store.settings().week_start == 0
    store.save_settings(Settings(weekly_minimum=90, week_start=6, timezone="America/New_York", hourly_rate=42.5,
                                 organizer="ed@example.com"))
    s = store.settings()
    assert (s.weekly_minimum, s.week_start, s.timezone, s.hourly_rate, s.organizer) == (
        90, 6, "America/New_York", 42.5, "ed@example.com")


def test_time_entries_and_the_stored_timer(db_url, config, store):
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    entry = store.add_time(TimeEntry(start=start, minutes=30, activity="writing", platform="x"))
    assert store.time_between(start, start + timedelta(days=1)) == [entry]
    store.start_timer(RunningTimer(started=start, activity="engagement"))
    # another process (a new store) still sees the running timer
    other = open_store(db_url, config)
    try:
        assert other.running_timer().activity == "engagement"
        logged = other.stop_timer(start + timedelta(minutes=45))
    finally:
        other.close()
    assert logged.minutes == 45 and store.running_timer() is None
    with pytest.raises(EdcalError, match="no timer is running"):
        store.stop_timer()
    with pytest.raises(EdcalError, match="unknown activity"):
        store.add_time(TimeEntry(start=start, minutes=5, activity="napping"))
