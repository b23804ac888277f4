"""Saving a post: the rules run once, where it is saved; a refused save writes nothing."""

from datetime import datetime, timezone

import pytest

from edcal.domain.dates import resolve_wall_time
from edcal.domain.models import Media, Post
from edcal.domain.rules import RuleError
from edcal.errors import EdcalError, NotFoundError
from edcal.services import posts

UTC = timezone.utc
WHEN = datetime(2027, 11, 24, 9, 0, tzinfo=UTC)


def test_scheduling_is_refused_while_the_rules_report_an_error(store):
    with pytest.raises(RuleError, match="needs an image"):
        posts.save(store, Post(platform="instagram", body="caption", status="scheduled", scheduled_at=WHEN, tz="UTC"))
    draft = posts.save(store, Post(platform="instagram", body="caption", status="draft", scheduled_at=WHEN, tz="UTC"))
    assert not draft.report.ok  # drafts may break rules, and say so
    with pytest.raises(RuleError):
        posts.save(store, draft.post.with_changes(status="scheduled"))
    ok = posts.save(store, draft.post.with_changes(status="scheduled", media=(Media("p.jpg"),)))
    assert ok.post.status == "scheduled" and ok.report.ok and ok.post.revision == 2
    with pytest.raises(EdcalError, match="needs a date"):
        posts.save(store, Post(platform="x", body="hi", status="scheduled"))


def test_a_refused_post_writes_nothing_not_even_its_platform(store):
    assert store.platforms() == []
    with pytest.raises(RuleError):
        posts.save(store, Post(platform="instagram", body="no image", status="scheduled", scheduled_at=WHEN, tz="UTC"))
    with pytest.raises(NotFoundError, match="unknown platform 'myspace'"):
        posts.save(store, Post(platform="myspace", body="hi"))
    assert store.platforms() == [] and store.count_posts() == 0
    # a getter reads: asking about a platform does not add it
    assert store.get_platform("mastodon").name == "Mastodon" and store.platforms() == []
    saved = posts.save(store, Post(platform="Mastodon", body="hello"))
    assert saved.post.platform == "mastodon" and [p.key for p in store.platforms()] == ["mastodon"]


def test_move_adapt_and_delete(store):
    post = posts.save(store, Post(platform="x", body="Launch day", status="draft", scheduled_at=WHEN, tz="UTC")).post
    moved = posts.move(store, post, resolve_wall_time(datetime(2026, 10, 25, 2, 30), "Europe/Paris", fold=1)).post
    assert (moved.scheduled_at, moved.tz, moved.fold) == (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "Europe/Paris", 1)
    (copy,) = posts.adapt(store, moved.id, ["linkedin"], enable=True)
    assert copy.post.platform == "linkedin" and copy.post.status == "draft" and copy.post.body == "Launch day"
    assert copy.post.scheduled_at == moved.scheduled_at and copy.post.id != moved.id
    assert posts.delete(store, moved.id).id == moved.id
    with pytest.raises(NotFoundError):
        store.get_post(moved.id)


def test_reports_of_many_posts(store):
    a = posts.save(store, Post(platform="x", body="fine")).post
    b = posts.save(store, Post(platform="instagram", body="no picture")).post
    checked = posts.reports(store, [a, b])
    assert checked[a.id].ok and not checked[b.id].ok


def test_a_time_gone_by_warns_and_scheduling_there_needs_confirming(store, monkeypatch):
    from edcal.errors import PastError

    monkeypatch.setenv("EDCAL_NOW", "2026-12-01T11:00:00+01:00")  # Tuesday 1 December, 10:00 UTC
    two_hours_ago = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    with pytest.raises(PastError, match=r"Tue 2026-12-01 09:00 is 2 hours ago"):
        posts.save(store, Post(platform="x", body="late", status="scheduled", scheduled_at=two_hours_ago,
                               tz="Europe/Paris"))
    assert store.count_posts() == 0  # refused: nothing written
    draft = posts.save(store, Post(platform="x", body="late", status="draft", scheduled_at=two_hours_ago,
                                   tz="Europe/Paris"))
    assert draft.warnings == ("Tue 2026-12-01 09:00 is 2 hours ago",)
    with pytest.raises(PastError):
        posts.save(store, draft.post.with_changes(status="scheduled"))
    confirmed = posts.save(store, draft.post.with_changes(status="scheduled"), past=True)
    assert confirmed.post.status == "scheduled" and confirmed.warnings == draft.warnings
    # Saved again with its time and status untouched (a note fixed afterwards): no question.
    quiet = posts.save(store, confirmed.post.with_changes(notes="went out late"))
    assert quiet.warnings == () and quiet.post.notes == "went out late"
    # A published post is a record of the past; a future time says nothing.
    assert posts.save(store, quiet.post.with_changes(status="published",
                                                     scheduled_at=datetime(2026, 11, 2, tzinfo=UTC))).warnings == ()
    ahead = posts.save(store, Post(platform="x", body="soon", status="scheduled",
                                   scheduled_at=datetime(2026, 12, 1, 10, 1, tzinfo=UTC), tz="UTC"))
    assert ahead.warnings == () and ahead.post.id is not None
    # Moving a scheduled post into the past is refused the same way.
    with pytest.raises(PastError, match="3 days ago"):
        posts.move(store, ahead.post, resolve_wall_time(datetime(2026, 11, 28, 9, 0), "UTC"))


@pytest.mark.parametrize(("minutes", "words"), [(1, "1 minute"), (89, "89 minutes"), (90, "2 hours"),
                                                (149, "2 hours"), (150, "3 hours"), (47 * 60 + 29, "47 hours"),
                                                (48 * 60, "2 days"), (60 * 60 - 1, "2 days"), (60 * 60, "3 days")])
def test_spans_read_as_people_say_them(minutes, words):
    from edcal.domain.dates import span_words

    assert span_words(minutes) == words
