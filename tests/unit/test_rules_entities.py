import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edcal.domain.rules import entities
from edcal.domain.rules.entities import extract_hashtags, extract_mentions, extract_urls


def tags(text):
    return [e.text for e in extract_hashtags(text)]


def test_hashtags_in_several_scripts():
    assert tags("#launch #日本語 #café #привет #مرحبا #ñandú #한국") == [
        "launch", "日本語", "café", "привет", "مرحبا", "ñandú", "한국",
    ]


def test_digit_only_hashtags_are_not_hashtags():
    assert tags("#2026 #100days #1_000") == ["100days"]


def test_no_hashtag_inside_a_link_or_a_word():
    assert tags("https://example.com/page#section and a#b and #real") == ["real"]


def test_fullwidth_hash():
    assert tags("＃全角") == ["全角"]


def test_keycap_is_not_a_hashtag():
    assert tags("#️⃣ ok") == []


def test_bare_domains_are_links_but_file_names_are_not():
    urls = [e.text for e in extract_urls("see example.com, file.txt, readme.md and t.co/abc.")]
    assert urls == ["example.com", "readme.md", "t.co/abc"]


def test_links_keep_balanced_parentheses_and_drop_trailing_punctuation():
    urls = [e.text for e in extract_urls("(https://en.wikipedia.org/wiki/Rust_(language)). Also http://x.com/a?b=1!")]
    assert urls == ["https://en.wikipedia.org/wiki/Rust_(language)", "http://x.com/a?b=1"]


def test_email_is_neither_link_nor_mention():
    assert extract_urls("write to me@example.com") == []
    assert extract_mentions("write to me@example.com") == []


def test_mentions():
    found = extract_mentions("@bob and @alice@mastodon.social and @carol.bsky.social.")
    assert [(m.text, m.server) for m in found] == [
        ("bob", None), ("alice", "mastodon.social"), ("carol.bsky.social", None),
    ]


def test_offsets_point_into_the_text():
    text = "日本 #タグ https://example.com"
    (url,) = extract_urls(text)
    (tag,) = extract_hashtags(text)
    assert text[url.start : url.end] == "https://example.com"
    assert text[tag.start : tag.end] == "#タグ"


ASCII_POSTS = st.text(alphabet="#&_@.:/-aZk9 0\n!'(", max_size=40)


@settings(max_examples=400, deadline=None)
@given(ASCII_POSTS)
def test_an_ascii_text_finds_the_tags_the_unicode_patterns_find(text):
    """A text all ASCII is searched with `re` patterns of the same classes' ASCII members, so the
    `regex` package stays unloaded; they find what the \\p{...} patterns find."""
    fast = extract_hashtags(text)
    with pytest.MonkeyPatch.context() as patch:
        full = entities._tag_patterns(False)
        patch.setattr(entities, "_tag_patterns", lambda ascii_only: full)
        assert extract_hashtags(text) == fast
