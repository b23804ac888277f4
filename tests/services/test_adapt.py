"""One idea adapted per platform: linked variants, each checked by its own profile; lint knows
an unadapted copy; the command line. On SQLite, and on PostgreSQL with EDCAL_TEST_DB."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from edcal.domain.models import Post, Status
from edcal.domain.week import Week
from edcal.errors import ConflictError, EdcalError
from edcal.services import plan, posts

from ..store.test_races import race
from ..unit.test_cli_errors import edcal_here, one_line

pytestmark = pytest.mark.postgres

WHEN = datetime(2026, 12, 3, 8, 0, tzinfo=timezone.utc)
TEXT = "We shipped 2.0 today: sync is 4x faster and it works offline. #launch"

@pytest.fixture(autouse=True)
def _monday(monkeypatch):
    """Their posts are planned for early December: the clock is the Monday before, whatever
    EDCAL_TEST_NOW says."""
    monkeypatch.setenv("EDCAL_NOW", "2026-11-30T08:00:00+01:00")



def original(store, **changes) -> Post:
    store.enable_platforms(["x", "linkedin", "mastodon"])
    post = Post(platform="x", body=TEXT, title="2.0", link="https://example.com/2", campaign="launch",
                status=Status.SCHEDULED, scheduled_at=WHEN, tz="Europe/Paris")
    return posts.save(store, post.with_changes(**changes)).post


def test_variants_share_the_idea_the_time_and_the_campaign(store):
    first = original(store)
    made = posts.adapt(store, first.id, ["linkedin", "Mastodon"])
    assert [s.post.platform for s in made] == ["linkedin", "mastodon"]
    stored = store.get_post(first.id)
    assert stored.idea == stored.uid and stored.revision == first.revision + 1
    for saved in made:
        v = saved.post
        assert (v.idea, v.body, v.title, v.link, v.campaign, v.scheduled_at, v.tz) == \
            (stored.uid, TEXT, "2.0", "https://example.com/2", "launch", WHEN, "Europe/Paris")
        assert v.status is Status.DRAFT and saved.report.platform == v.platform  # checked by its own profile
    assert [p.id for p in posts.idea_of(store, made[1].post.id)] == [first.id, *(s.post.id for s in made)]
    assert posts.idea_of(store, first.id) == store.idea_posts(stored.uid)


def test_a_thread_is_kept_where_the_platform_has_threads_and_joined_where_not(store):
    first = original(store, body="Why we rebuilt sync 1/2", thread=("It had to work offline. 2/2",))
    linkedin, mastodon = (s.post for s in posts.adapt(store, first.id, ["linkedin", "mastodon"]))
    assert (linkedin.body, linkedin.thread) == ("Why we rebuilt sync\n\nIt had to work offline.", ())
    assert mastodon.parts == first.parts


def test_adapting_twice_to_one_platform_or_to_its_own_is_refused(store):
    first = original(store)
    posts.adapt(store, first.id, ["linkedin"])
    with pytest.raises(ConflictError, match=f"post {first.id} already has a variant on linkedin"):
        posts.adapt(store, first.id, ["mastodon", "linkedin"])
    assert len(store.idea_posts(store.get_post(first.id).idea)) == 2  # nothing added by the refused call
    with pytest.raises(EdcalError, match="is on x already"):
        posts.adapt(store, first.id, ["x"])


def test_a_platform_not_on_is_enabled_only_when_asked(store):
    first = original(store)
    store.enable_platforms(["x", "linkedin"])  # Mastodon off; Bluesky never used
    with pytest.raises(posts.NotEnabled, match="Bluesky and Mastodon are not enabled"):
        posts.adapt(store, first.id, ["bluesky", "mastodon"])
    assert store.get_post(first.id).idea is None
    posts.adapt(store, first.id, ["bluesky", "mastodon"], enable=True)
    assert [p.key for p in store.platforms(enabled_only=True)] == ["x", "linkedin", "bluesky", "mastodon"]


def test_lint_names_an_unadapted_variant_until_its_text_changes(store):
    first = original(store)
    (variant,) = (s.post for s in posts.adapt(store, first.id, ["linkedin"]))
    week = Week.of(WHEN.date())

    def duplicates():
        return [f.message for f in plan.lint(store, week, WHEN.date()) if f.code == "duplicate_text"]

    assert duplicates() == [f"posts {first.id} on x and {variant.id} on linkedin are variants of one idea with the "
                            "same text: adapt each to its platform"]
    posts.save(store, variant.with_changes(body=TEXT.replace("sync is 4x faster", "syncing is 4x faster")))
    assert len(duplicates()) == 1  # nearly the same is still a copy
    posts.save(store, store.get_post(variant.id).with_changes(
        body="Tidewater 2.0 is out. Three lessons from rebuilding our sync engine for teams that work offline."))
    assert duplicates() == []
    # a copy made by hand, not by adapt, is named as before
    posts.save(store, Post(platform="mastodon", body=TEXT, status=Status.DRAFT, scheduled_at=WHEN, tz="UTC"))
    assert [m.startswith("the same text is planned on x and mastodon") for m in duplicates()] == [True]


def test_two_processes_adapting_at_once_make_one_variant(tmp_path, db_url, store):
    first = original(store)
    results = race(tmp_path, db_url, [["adapt", str(first.id), "--to", "linkedin"] for _ in range(4)])
    assert sorted(r.returncode for r in results) == [0, 1, 1, 1], [r.stderr for r in results]
    assert all("already has a variant on linkedin" in r.stderr for r in results if r.returncode)
    assert [p.platform for p in store.idea_posts(store.get_post(first.id).idea)] == ["x", "linkedin"]


def test_the_command_line(tmp_path):
    db = str(tmp_path / "a.db")
    assert edcal_here("add", "--db", db, "--platform", "x", "--at", "2026-12-03 09:00", "--body", TEXT).returncode == 0
    off = edcal_here("adapt", "--db", db, "1", "--to", "linkedin")
    assert off.returncode == 2 and "LinkedIn is not enabled: give --enable to enable it and adapt" in one_line(off)
    made = edcal_here("adapt", "--db", db, "1", "--to", "linkedin", "bluesky", "--enable")
    assert made.returncode == 0, made.stderr
    assert [line.split()[:2] for line in made.stdout.splitlines()[:2]] == [["2", "linkedin"], ["3", "bluesky"]]
    listed = edcal_here("list", "--db", db, "--idea", "3", "--json")
    ideas = json.loads(listed.stdout)
    assert [p["id"] for p in ideas] == [1, 2, 3] and len({p["idea"] for p in ideas}) == 1 and ideas[0]["idea"]
    assert "The idea of post 1: 3 posts" in edcal_here("list", "--db", db, "--idea", "1").stdout
    shown = edcal_here("show", "--db", db, "1").stdout
    assert "Variant:  post 2 on linkedin, draft, Thu 2026-12-03 09:00" in shown and "post 3 on bluesky" in shown
    again = edcal_here("adapt", "--db", db, "2", "--to", "bluesky")
    assert again.returncode == 1 and "already has a variant on bluesky: post 3" in one_line(again)
    unknown = edcal_here("adapt", "--db", db, "1", "--to", "myspace")
    assert unknown.returncode != 0 and "unknown platform 'myspace'" in one_line(unknown)
    missing = edcal_here("adapt", "--db", db, "42", "--to", "bluesky")
    assert missing.returncode == 1 and "there is no post 42" in one_line(missing)
    # the idea travels with the posts
    exported = edcal_here("export", "--db", db, "json", "--from", "2026-12-01", "--to", "2026-12-07").stdout
    assert len({p["idea"] for p in json.loads(exported)}) == 1
