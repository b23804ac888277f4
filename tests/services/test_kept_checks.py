"""The report of a post's last check, kept with the post: the same as a fresh check on generated
posts (no drift), dropped when the rules or the profiles change, made again after bulk writes,
and never a reason for the revision or the time of change to move."""

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edcal.domain import checked
from edcal.domain.checked import kept
from edcal.domain.models import Media, Post
from edcal.record import replace
from edcal.services import backup, posts
from edcal.services.imports import import_posts

UTC = timezone.utc
WHEN = datetime(2027, 1, 12, 9, tzinfo=UTC)
PLATFORMS = ["x", "mastodon", "bluesky", "threads", "linkedin", "instagram", "youtube", "reddit", "pinterest"]
WORDS = st.sampled_from(["launch", "#news", "#Ünïcode", "@brand", "https://example.com/a?b=c", "example.org",
                         "😀", "👩🏽‍💻", "é", "漢字", "\n", "---", " ", "a" * 40, "$TSLA", "#1", "x.com/abc"])
texts = st.lists(WORDS, max_size=60).map(" ".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(PLATFORMS), texts, st.one_of(st.none(), texts), st.one_of(st.none(), st.just("https://t.co/x")),
       st.integers(0, 3), st.lists(texts, max_size=3))
def test_the_kept_report_is_the_fresh_one(store, platform, body, title, link, images, parts):
    store.enable_platforms(PLATFORMS)
    thread = tuple(parts) if platform in ("x", "mastodon", "bluesky", "threads") else ()
    saved = posts.save(store, Post(platform=platform, body=body, title=title, link=link, status="draft", tz="UTC",
                                   media=tuple(Media(f"p{i}.jpg") for i in range(images)), thread=thread,
                                   scheduled_at=WHEN)).post
    read = store.get_post(saved.id)
    platform_row = store.get_platform(platform)
    stored = kept(read.checked, posts.stamp(store, platform_row))
    assert stored is not None
    assert stored.to_dict() == posts.rule_report(store, read).to_dict() == posts.reports(store, [read])[read.id].to_dict()


def test_a_change_of_rules_or_profiles_drops_the_kept_report(store, monkeypatch):
    store.enable_platforms(["x"])
    saved = posts.save(store, Post(platform="x", body="a" * 200, status="draft", tz="UTC", scheduled_at=WHEN)).post
    read = store.get_post(saved.id)
    assert posts.reports(store, [read])[read.id].ok
    shorter = replace(store.config, profiles={"x": {"length": 100}})
    monkeypatch.setattr(store, "config", shorter)
    assert kept(read.checked, posts.stamp(store, store.get_platform("x"))) is None  # the override changed it
    store.__dict__.pop("profiles", None)  # the profiles are read again with the override
    assert not posts.reports(store, [read])[read.id].ok  # checked afresh: 200 > 100
    monkeypatch.setattr(checked, "_CODE_STAMP", "another-version-of-the-rules")
    assert kept(store.get_post(saved.id).checked, posts.stamp(store, store.get_platform("x"))) is None


def test_reports_checked_afresh_are_kept_without_moving_revision_or_time(store):
    store.enable_platforms(["x"])
    store.import_posts([Post(platform="x", body=f"post {n}", status="draft", tz="UTC",
                             scheduled_at=WHEN + timedelta(hours=n)) for n in range(3)])
    before = store.all_posts()
    assert all(p.checked is None for p in before)
    posts.save(store, before[2].with_changes(body="changed meanwhile"))  # another revision than the one read
    posts.reports(store, before)
    after = {p.id: p for p in store.all_posts()}
    for post in before[:2]:
        assert after[post.id].checked and after[post.id].revision == post.revision
        assert after[post.id].updated_at == post.updated_at
    assert "\"length\":17," in after[before[2].id].checked  # the save's own report ("changed meanwhile"), not the stale one


def test_imports_restores_and_the_demo_keep_their_checks(store, tmp_path, config):
    from edcal.cli.demo import fill_demo
    from edcal.store import open_store

    fill_demo(store, datetime(2026, 11, 25).date())
    assert all(p.checked for p in store.all_posts())
    saved = backup.backup(store)
    assert b'"checked"' not in saved  # a derived value: not in the backup
    other = open_store(f"sqlite:///{tmp_path / 'restored.db'}", config)
    try:
        backup.restore(other, saved.decode())
        assert all(p.checked for p in other.all_posts()) and len(other.all_posts()) == len(store.all_posts())
    finally:
        other.close()
    exported = tmp_path / "posts.csv"
    exported.write_text("platform,body,status,scheduled\nmastodon,Hello #news,draft,2027-01-12 09:00\n")
    store.enable_platforms(["mastodon"])
    import_posts(store, exported.read_text(), "csv")
    assert all(p.checked for p in store.all_posts())


def test_the_shipped_profiles_are_read_from_the_cache_as_parsed(tmp_path, monkeypatch):
    import tomllib

    from edcal.domain import profile_names

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    parsed = tomllib.loads(profile_names.SHIPPED.read_text("utf-8"))
    profile_names.shipped_tables.cache_clear()
    assert profile_names.shipped_tables() == parsed  # parsed, then kept
    (kept_file,) = (tmp_path / "cache" / "edcal").iterdir()
    profile_names.shipped_tables.cache_clear()
    assert profile_names.shipped_tables() == parsed  # read back from the cache
    kept_file.write_bytes(b"\x00damaged")
    profile_names.shipped_tables.cache_clear()
    assert profile_names.shipped_tables() == parsed  # a damaged cache is parsed again, and mended
    profile_names.shipped_tables.cache_clear()


def test_the_tuis_week_load_keeps_its_fresh_reports_only_when_asked(store):
    """The TUI paints the week first and keeps the reports it checked afresh after (keep_reports)."""
    from edcal.domain.week import Week
    from edcal.services.week import load_week

    store.enable_platforms(["x", "mastodon"])
    store.import_posts([Post(platform=platform, body=f"post {n} #tag", status="draft", tz="UTC",
                             scheduled_at=WHEN + timedelta(hours=n)) for n, platform in enumerate(["x", "mastodon"] * 2)])
    fresh: posts.Fresh = {}
    shown = load_week(store, Week.of(WHEN.date()), fresh)
    assert sorted(fresh) == sorted(p.id for p in store.all_posts())  # every post checked, none kept yet
    assert all(p.checked is None for p in store.all_posts())
    assert all(item.ok for cell in shown.cells.values() for item in cell)
    posts.keep_reports(store, fresh)
    for post in store.all_posts():
        assert kept(post.checked, posts.stamp(store, store.get_platform(post.platform))) is not None
    again: posts.Fresh = {}
    load_week(store, Week.of(WHEN.date()), again)
    assert again == {}  # kept: nothing to check afresh
