import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edcal.domain.rules import ProfileError, check, default_profiles, load_profiles
from edcal.domain.rules.checks import media_kind
from edcal.domain.rules.duplicates import find_duplicates, similarity


def codes(report):
    return [v.code for v in report.violations]


def test_report_api():
    r = check("Hello #world @bob example.com", "x")
    assert (r.length, r.limit, r.remaining) == (41, 280, 239)
    assert r.hashtags == ["world"] and r.mentions == ["bob"] and r.urls == ["example.com"]
    assert r.ok and r.violations == []
    assert json.loads(json.dumps(r.to_dict()))["limit"] == 280


def test_every_required_profile_ships_with_sources():
    required = {"x", "mastodon", "bluesky", "threads", "linkedin", "instagram", "instagram_reel",
                "instagram_story", "facebook", "tiktok", "youtube", "youtube_short", "pinterest"}
    profiles = default_profiles()
    assert required <= set(profiles)
    for profile in profiles.values():
        for kind, rule in profile.rules.items():
            assert rule.get("source") and rule.get("checked"), (profile.key, kind)
            assert rule["severity"] in ("error", "warning")


def test_instagram_needs_media_and_allows_five_hashtags():
    text = " ".join(f"#t{i}x" for i in range(6))
    r = check(text, "instagram")
    assert "media_required" in codes(r) and "too_many_hashtags" in codes(r)
    v = next(v for v in r.violations if v.code == "too_many_hashtags")
    assert text[v.start :].startswith("#t5x")
    ok = check(" ".join(f"#t{i}x" for i in range(5)), "instagram", media=["photo.jpg"])
    assert ok.ok


def test_links_not_clickable_on_instagram_is_a_warning():
    r = check("Shop at example.com", "instagram", media=["a.jpg"], link="https://example.com")
    assert codes(r) == ["link_not_clickable", "link_not_clickable"]
    assert r.ok  # a warning does not block


def test_facebook_advises_few_hashtags():
    r = check("#a1 #b2 #c3", "facebook")
    assert codes(r) == ["many_hashtags"] and r.ok


def test_threads_allows_one_topic_tag_and_five_links():
    r = check("#one #two " + " ".join(f"s{i}.com" for i in range(6)), "threads")
    assert set(codes(r)) == {"too_many_hashtags", "too_many_links"}


def test_youtube_title_rules_and_forbidden_characters():
    r = check("A <b>bold</b> description", "youtube", media=["clip.mp4"])
    assert set(codes(r)) == {"title_required", "forbidden_character"}
    r = check("fine", "youtube", title="x" * 101, media=["clip.mp4"])
    assert codes(r) == ["title_too_long"]
    assert check("fine", "youtube", title="Good title", media=["clip.mp4"]).ok


def test_media_mix_and_count():
    r = check("hi", "x", media=["a.jpg", "b.mp4"])
    assert "media_mix" in codes(r)
    r = check("hi", "x", media=["1.jpg", "2.jpg", "3.jpg", "4.jpg", "5.png"])
    assert codes(r) == ["too_much_media"]
    assert check("", "x", media=["a.jpg"]).ok


def test_empty_text_without_media():
    assert codes(check("   ", "x")) == ["empty"]
    assert codes(check("", "mastodon")) == ["empty"]


def test_reel_needs_a_video():
    assert codes(check("caption", "instagram_reel", media=["still.jpg"]))[0] == "media_required"
    assert check("caption", "instagram_reel", media=["clip.mp4"]).ok


def test_bluesky_alt_text_warning_uses_media_objects():
    class Media:
        def __init__(self, kind, alt):
            self.kind, self.alt = kind, alt

    assert codes(check("pic", "bluesky", media=[Media("image", "")])) == ["alt_text_missing"]
    assert check("pic", "bluesky", media=[Media("image", "A cat")]).violations == []


def test_media_kind_guesses():
    assert [media_kind(m) for m in ["a.JPG", "b.mp4?x=1", "c.gif", "video", "d.pdf", "noext"]] == [
        "image", "video", "gif", "video", "document", "image",
    ]


def test_unknown_platform_lists_known_keys():
    with pytest.raises(ProfileError, match="known platforms: .*bluesky.*x"):
        check("hi", "myspace")


def test_aliases():
    assert check("hi", "Twitter").platform == "x"


def test_overrides_for_mastodon_server_and_x_premium_and_a_custom_platform():
    profiles = load_profiles({
        "mastodon": {"length": 1000},
        "x": {"length": {"value": 25000}},
        "newsletter": {"name": "Newsletter", "counter": "codepoints", "length": 20000,
                       "title_required": True},
        "blog": {"based_on": "linkedin", "name": "Blog", "hashtags_advised": False},
    })
    assert check("a" * 900, "mastodon", profiles=profiles).ok
    assert check("a" * 5000, "x", profiles=profiles).ok
    assert profiles["x"].rules["length"]["source"]  # the rest of the rule is kept
    news = check("body", "newsletter", profiles=profiles)
    assert news.limit == 20000 and [v.code for v in news.violations] == ["title_required"]
    assert "hashtags_advised" not in profiles["blog"].rules and profiles["blog"].limit == 3000


def test_bad_overrides_are_refused_with_a_message():
    with pytest.raises(ProfileError, match="unknown rule 'lenght'"):
        load_profiles({"x": {"lenght": 1}})
    with pytest.raises(ProfileError, match="unknown counter"):
        load_profiles({"x": {"counter": "words"}})
    with pytest.raises(ProfileError, match="based on 'nope'"):
        load_profiles({"mine": {"based_on": "nope"}})


def test_duplicates_across_platforms():
    posts = [
        (1, "x", "Big news! We launch on Monday https://a.example.com #launch"),
        (2, "linkedin", "Big news: we launch on Monday. #Launch"),
        (3, "x", "Big news! We launch on Monday"),  # same platform as 1: not a finding
        (4, "bluesky", "Something completely different about our team"),
    ]
    pairs = find_duplicates(posts)
    assert {(p.first, p.second) for p in pairs} == {(1, 2), (2, 3)}
    assert similarity("Hello there", "HELLO, there!") == 1.0
    assert similarity("Hello there", "Goodbye now") < 0.5


def _every_pair(items, threshold=0.85):
    """The reference: every pair of posts on different platforms, compared in full."""
    found = set()
    for a, (ka, pa, ta) in enumerate(items):
        for kb, pb, tb in items[a + 1 :]:
            if pa != pb and len(" ".join(ta.split())) >= 12 and similarity(ta, tb) >= threshold:
                found.add((ka, kb))
    return found


WEEK_WORDS = ["launch", "monday", "team", "sync", "offline", "release", "notes", "thanks", "everyone", "today"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["x", "linkedin", "bluesky"]),
                          st.lists(st.sampled_from(WEEK_WORDS), min_size=3, max_size=12)), min_size=2, max_size=90))
def test_duplicates_agree_with_comparing_every_pair(drafts):
    """Differential: the candidate index finds what comparing every pair finds, also in weeks
    where every post ends with the same hashtag and link (runs of words most posts share)."""
    items = [(n, platform, " ".join(words) + " #news https://example.com/x") for n, (platform, words) in enumerate(drafts)]
    assert {(p.first, p.second) for p in find_duplicates(items)} == _every_pair(items)


def test_a_busy_week_with_a_shared_signature_is_not_compared_pair_by_pair():
    from edcal.domain.rules.duplicates import _candidates, _fold

    items = [(n, "x" if n % 2 else "linkedin", f"post number {n} of {n * 7} lines #news example dot com")
             for n in range(400)]
    folded = [(k, p, _fold(t)) for k, p, t in items]
    assert len(_candidates(folded)) < 400 * 399 // 2 // 20  # the shared words alone make no candidates
    same = [(n, "x" if n % 2 else "linkedin", "The very same words posted everywhere today") for n in range(100)]
    assert len(find_duplicates(same)) == 50 * 50  # identical texts are still found, however many


@settings(max_examples=150, deadline=None)
@given(st.text(), st.sampled_from(sorted(default_profiles())))
def test_check_never_raises_on_arbitrary_unicode(text, platform):
    r = check(text, platform)
    assert r.length >= 0
    for v in r.violations:
        if v.start is not None:
            assert 0 <= v.start <= len(text)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), min_size=0, max_size=200))
def test_check_handles_control_characters_and_huge_text(text):
    big = (text or "\x00\x07\u202e") * (100_000 // max(len(text), 1) + 1)
    big = big[:100_000]
    for platform in ("x", "bluesky", "mastodon", "youtube"):
        assert check(big, platform).length > 0


# Without a dot there is no link, whose fixed cost could make "example.com" + "x" shorter.
NO_LINKS = st.text(alphabet=st.characters(blacklist_characters="."))


@settings(max_examples=300, deadline=None)
@given(NO_LINKS, NO_LINKS, st.sampled_from(["twitter_v3", "graphemes", "mastodon", "bluesky",
                                            "utf16", "utf8_bytes", "codepoints"]))
def test_appending_text_never_lowers_the_length(a, b, counter):
    from edcal.domain.rules import count

    assert count(a + b, counter) >= count(a, counter)


def test_the_article_before_a_platform_is_the_one_said():
    from edcal.domain.rules.checks import _a

    assert [_a(name) for name in ("X", "Instagram", "LinkedIn", "YouTube", "Mastodon", "Threads")] == \
        ["an", "an", "a", "a", "a", "a"]
    assert any(v.message == "An X post needs text or media." for v in check("", "x").errors)
