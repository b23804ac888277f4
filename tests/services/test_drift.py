"""Rules that had drifted between the CLI, the TUI and the store now have one home each."""

from datetime import datetime, timezone

import pytest

from edcal.domain.models import Post, Settings
from edcal.domain.plan import Results
from edcal.errors import EdcalError
from edcal.services import exports, imports, posts, results

WHEN = datetime(2027, 11, 24, 9, 0, tzinfo=timezone.utc)


def test_results_are_for_published_posts_on_every_path(store):
    draft = posts.save(store, Post(platform="x", body="later")).post
    out = posts.save(store, Post(platform="x", body="out", status="published", scheduled_at=WHEN, tz="UTC")).post
    with pytest.raises(EdcalError, match="is draft, not published"):
        results.record(store, Results(draft.id, reach=5))
    with pytest.raises(EdcalError, match=f"line 3: post {draft.id} is draft, not published.*nothing was recorded"):
        results.record_csv(store, f"post,reach\n{out.id},10\n{draft.id},5\n")
    assert store.results() == {}  # the good row was not recorded either
    assert results.record_csv(store, f"post,reach\n{out.id},10\n") == [Results(out.id, reach=10)]
    assert results.record(store, Results(out.id, clicks=3)) == Results(out.id, reach=10, clicks=3)  # merged


def test_a_refused_import_changes_nothing_at_all(store):
    store.save_settings(Settings(timezone="Europe/Paris", weekly_minimum=45))
    before = (store.platforms(), store.settings(), store.all_posts())
    text = ("platform,status,date,time,body\n"
            "linkedin,draft,2026-12-01,09:30,fine\n"
            "mastodon,draft,2026-12-02,09:30,fine too\n"
            "instagram,scheduled,2026-12-03,09:30,no image\n")
    warned: list[str] = []
    with pytest.raises(EdcalError, match="1 of 3 rows are bad; nothing was imported"):
        imports.import_posts(store, text, "csv", warn=warned.append)
    assert warned == ["line 4: cannot schedule this Instagram feed post: "
                      "Instagram feed needs an image or a video attached."]
    assert (store.platforms(), store.settings(), store.all_posts()) == before
    done = imports.import_posts(store, text, "csv", skip_bad=True)
    assert (done.added, done.updated, len(done.bad)) == (2, 0, 1)
    assert sorted(p.key for p in store.platforms()) == ["linkedin", "mastodon"]
    again = imports.import_posts(store, text, "csv", skip_bad=True)  # the same rows match themselves
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2) and store.count_posts() == 2
    edited = imports.import_posts(store, text.replace("fine too", "changed"), "csv", skip_bad=True)
    assert (edited.added, edited.updated, edited.unchanged) == (1, 0, 1)  # no uid: the row's content is its identity
    keyed = "uid,platform,status,date,time,body\nk1,x,draft,2026-12-01,09:30,one\n"
    imports.import_posts(store, keyed, "csv")
    renamed = imports.import_posts(store, keyed.replace(",one", ",two"), "csv")
    assert (renamed.added, renamed.updated, renamed.unchanged) == (0, 1, 0)
    assert store.post_by_uid("k1").body == "two" and store.post_by_uid("k1").revision == 2


def test_one_export_policy(store, config):
    store.save_settings(Settings(timezone="UTC", organizer="team@example.com"))
    posts.save(store, Post(platform="x", body="on", status="scheduled", scheduled_at=WHEN, tz="UTC"))
    posts.save(store, Post(platform="x", body="draft", status="draft", scheduled_at=WHEN, tz="UTC"))
    plan = exports.plan(store)
    assert [i.post.body for i in plan.items] == ["on"] and plan.organizer == "team@example.com"
    assert exports.default_target(store).name == "edcal.ics"
    data, changed = exports.feed(store)
    assert b"ORGANIZER" in data and b"team@example.com" in data and changed == plan.items[0].post.updated_at


def test_one_post_schema_and_a_json_round_trip_that_changes_nothing(store):
    import json

    from edcal.domain.dates import resolve_wall_time
    from edcal.domain.models import Media
    from edcal.domain.schema import POST_FIELDS, post_record
    from edcal.export import tabular
    from edcal.services.records import records

    wall = resolve_wall_time(datetime(2026, 10, 25, 2, 30), "Europe/Paris", fold=1)
    posts.save(store, Post(platform="x", body="Ünïcode 👨‍👩‍👧\nline two", title="T, with; marks", status="draft",
                           scheduled_at=wall.utc, tz="Europe/Paris", fold=1, campaign="Q4",
                           media=(Media("a.jpg", "image", "alt | pipe"), Media.at("b.mp4"))))
    posts.save(store, Post(platform="linkedin", body="an idea", status="idea"))
    exported = tabular.to_json(records(store, store.all_posts()))
    assert [list(r) for r in json.loads(exported)] == [list(POST_FIELDS)] * 2
    assert tabular.read_csv(tabular.to_csv(records(store, store.all_posts())))[0][1].keys() == set(POST_FIELDS)
    done = imports.import_posts(store, exported, "json")
    assert (done.added, done.updated, done.unchanged) == (0, 0, 2)
    assert tabular.to_json(records(store, store.all_posts())) == exported  # byte for byte: nothing moved
    first = store.all_posts()[0]
    assert json.loads(exported)[0] == post_record(first, "X", store.get_platform("x"))
