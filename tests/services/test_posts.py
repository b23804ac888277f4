"""Saving a post: the rules run once, where it is saved; a refused save writes nothing."""

from datetime import datetime, timezone

import pytest

from edcal.domain.dates import resolve_wall_time
from edcal.domain.models import Media, Post
from edcal.domain.rules import RuleError
from edcal.errors import EdcalError, NotFoundError
from edcal.services import posts

UTC = timezone.utc
WHEN = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


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


def test_move_copy_and_delete(store):
    post = posts.save(store, Post(platform="x", body="Launch day", status="draft", scheduled_at=WHEN, tz="UTC")).post
    moved = posts.move(store, post, resolve_wall_time(datetime(2026, 10, 25, 2, 30), "Europe/Paris", fold=1)).post
    assert (moved.scheduled_at, moved.tz, moved.fold) == (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "Europe/Paris", 1)
    copy = posts.copy_to(store, moved, "linkedin")
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
