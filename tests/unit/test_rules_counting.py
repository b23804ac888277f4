"""Counting as each platform counts, on real multilingual text."""

from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from edcal.domain.rules import check, count
from edcal.domain.rules.counting import COUNTERS, bluesky_label

FAMILY = "👨‍👩‍👧"  # ZWJ sequence
THUMB = "👍🏽"  # skin tone
FLAG = "🇫🇷"
KEYCAP = "1️⃣"
ENGLAND = "🏴󠁧󠁢󠁥󠁮󠁧󠁿"  # tag sequence
NAMASTE = "नमस्ते"  # Devanagari with conjuncts: 3 graphemes
CAFE_DECOMPOSED = "cafe\u0301"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hello", 5),
        ("日本語", 6),
        ("안녕", 4),
        (FAMILY, 2),
        (THUMB, 2),
        (FLAG, 2),
        (KEYCAP, 2),
        (ENGLAND, 2),
        ("©", 2),
        (CAFE_DECOMPOSED, 4),  # NFC first: é is one character weighing 1
        ("example.com", 23),
        ("https://example.com/a/very/long/path/that/goes/on/and/on?x=1", 23),
        ("see www.test.de/path).", 4 + 23 + 2),
        ("file.txt", 8),  # .txt is no top-level domain
        ("Mr.Smith e.g.", 13),
        ("“quotes” – dash…", 17),  # quotes and dash weigh 1 (U+2010-201F), the ellipsis U+2026 weighs 2
        (NAMASTE, 6),
    ],
)
def test_x_weighted_length(text, expected):
    assert count(text, "twitter_v3") == expected


@pytest.mark.parametrize(
    "text",
    [
        "english text 日本語 😷 https://example.com",
        "Launch day! 🚀🚀 Read more at example.org/launch #launch @edcal",
        FAMILY + THUMB + FLAG + KEYCAP + ENGLAND + " done",
        "Ünïcödé çàfé " + CAFE_DECOMPOSED + " naïve",
        "中文测试，日本語のテスト、한국어 테스트 — mixed with English.",
        NAMASTE + " দেশ " + "ক্ষ",
    ],
)
def test_x_length_agrees_with_twitter_text_reference(text):
    assert count(text, "twitter_v3") == parse_tweet(text).weightedLength


@pytest.mark.parametrize(
    "text, expected",
    [
        (NAMASTE, 3),
        (FAMILY, 1),
        (FLAG + FLAG, 2),
        (KEYCAP, 1),
        (CAFE_DECOMPOSED, 4),
        ("a\r\nb", 3),
        ("e\u0301\u0302x", 2),
        ("Hello 👋🏾 world", 13),
    ],
)
def test_graphemes(text, expected):
    assert count(text, "graphemes") == expected


def test_mastodon_counts_links_as_23_and_remote_mentions_without_domain():
    text = "Hi @alice@mastodon.social see https://example.com/" + "x" * 100
    assert count(text, "mastodon") == len("Hi @alice see ") + 23
    # a bare domain is not auto-linked by Mastodon, so it counts in full
    assert count("example.com", "mastodon") == 11


def test_bluesky_counts_the_shortened_link_label():
    url = "https://www.example.com/articles/2026/11/a-long-slug-for-the-post"
    assert bluesky_label(url) == "www.example.com/articles/202..."  # the app keeps www.
    assert count("read " + url, "bluesky") == 5 + 31
    assert bluesky_label("https://example.com/short") == "example.com/short"


@pytest.mark.parametrize(("url", "label"), [
    ("https://www.example.com/articles/2026/11/x", "www.example.com/articles/202..."),
    ("https://example.com/?q=1", "example.com?q=1"),
    ("https://example.com/", "example.com"),
    ("https://EXAMPLE.com:443/a", "example.com/a"),
    ("http://example.com:80/a", "example.com/a"),
    ("https://example.com:8443/a", "example.com:8443/a"),
    ("https://bücher.example/é", "xn--bcher-kva.example/%C3%A9"),
    ("https://example.com/a b", "example.com/a%20b"),
    ("https://example.com/a/../b/./c", "example.com/b/c"),
    ("https://example.com/123456789012345", "example.com/123456789012..."),  # a tail of 16: shortened
    ("https://example.com/12345678901234", "example.com/12345678901234"),  # 15: kept
    ("https://user:pw@example.com/x#frag", "example.com/x#frag"),
])
def test_bluesky_labels_are_what_the_app_writes(url, label):
    assert bluesky_label(url) == label


def test_bluesky_shortens_only_links_with_a_scheme():
    bare = "example.com/articles/2026/11/a-long-slug"
    assert count(bare, "bluesky") == len(bare)  # a bare domain is a link there, but keeps its text
    from edcal.domain.rules.counting import bluesky_links

    assert [u.text for u in bluesky_links("see example.com, (https://a.example/x) and file.txt!")] == [
        "example.com", "https://a.example/x"]
    assert bluesky_links("Example.COM") == []  # the app checks the top-level domain case-sensitively


def test_utf16_and_bytes():
    assert count("a😀", "utf16") == 3
    assert count("𝐛𝐨𝐥𝐝", "utf16") == 8
    assert count("é日😀", "utf8_bytes") == 2 + 3 + 4


def test_exactly_at_the_limit_and_one_past():
    at = "a" * 278 + "日"
    assert check(at, "x").length == 280 and check(at, "x").ok
    past = at + "b"
    report = check(past, "x")
    assert report.length == 281 and not report.ok
    too_long = [v for v in report.violations if v.code == "too_long"][0]
    assert too_long.start == 279  # the "b" is the first thing that does not fit


def test_overflow_offset_lands_on_a_whole_emoji():
    text = "a" * 279 + FAMILY + "tail"
    report = check(text, "x")
    too_long = [v for v in report.violations if v.code == "too_long"][0]
    assert too_long.start == 279 and text[too_long.start :].startswith(FAMILY)


def test_overflow_offset_for_graphemes_is_a_cluster_start():
    text = "x" * 298 + NAMASTE
    report = check(text, "bluesky")
    assert report.length == 301
    too_long = [v for v in report.violations if v.code == "too_long"][0]
    assert text[too_long.start :] == "स्ते"


def test_overflow_inside_a_link_marks_the_whole_link():
    text = "a" * 270 + " https://example.com/page"
    too_long = [v for v in check(text, "x").violations if v.code == "too_long"][0]
    assert too_long.start == 271


TOKENS = ["a", "w", " ", "日本", "é", "e\u0301", FAMILY, THUMB, FLAG, KEYCAP, ENGLAND, NAMASTE, "😀", "\u200d", "\n", "—"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60),
       st.sampled_from(["twitter_v3", "graphemes", "utf16", "utf8_bytes", "codepoints", "threads"]),
       st.integers(0, 120))
def test_the_overflow_is_the_first_character_that_does_not_fit(tokens, counter, limit):
    """Without links, the text before the overflow fits the limit, and the text up to the end
    of the token the overflow falls in (a character, an emoji, a cluster) does not."""
    text = "".join(tokens)
    ends = list(accumulate(len(t) for t in tokens))
    length, overflow = COUNTERS[counter].measure(text)
    at = overflow(limit)
    if length <= limit:
        assert at is None
        return
    assert at is not None and count(text[:at], counter) <= limit
    assert count(text[: next(end for end in ends if end > at)], counter) > limit


# The pattern X's count found emoji with in the `regex` package, before its classes became
# generated tables (pictographs.py) so that counting never loads `regex`.
REGEX_PICTOGRAPH = r"(?:(?=\p{Emoji_Presentation})\p{Extended_Pictographic}|\p{Extended_Pictographic}\uFE0F?)\p{EMod}?"
REGEX_EMOJI = (r"\p{RI}\p{RI}|[#*0-9]\uFE0F?\u20E3"
               rf"|{REGEX_PICTOGRAPH}(?:[\U000E0020-\U000E007E]+\U000E007F|\u200D{REGEX_PICTOGRAPH})*")
EMOJI_PARTS = st.one_of(
    st.sampled_from(["\ufe0f", "\ufe0e", "\u200d", "\u20e3", "#", "*", "1", " ", "a", "é", "\U000e007f"]),
    st.characters(min_codepoint=0x1F1E6, max_codepoint=0x1F1FF),  # regional indicators
    st.characters(min_codepoint=0x1F3FB, max_codepoint=0x1F3FF),  # skin tones
    st.characters(min_codepoint=0xE0020, max_codepoint=0xE007E),  # tags
    st.characters(min_codepoint=0x2000, max_codepoint=0x2BFF),  # text pictographs among others
    st.characters(min_codepoint=0x1F000, max_codepoint=0x1FBFF),  # emoji, assigned or not
    st.characters(),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(EMOJI_PARTS, max_size=14).map("".join))
def test_the_emoji_pattern_finds_what_the_unicode_property_pattern_finds(text):
    import regex

    from edcal.domain.rules.counting import _emoji_pattern

    expected = [m.span() for m in regex.finditer(REGEX_EMOJI, text)]
    assert [m.span() for m in _emoji_pattern().finditer(text)] == expected


def test_the_pictograph_tables_hold_every_code_point_the_properties_hold():
    """Every code point, once: the two generated classes split Extended_Pictographic by
    Emoji_Presentation exactly as the `regex` package reads Unicode."""
    import re

    import regex

    from edcal.domain.rules.pictographs import PRESENTATION, TEXT

    everything = "".join(map(chr, range(0x110000)))
    for ours, theirs in ((f"[{PRESENTATION}]", r"(?V1)[\p{Extended_Pictographic}&&\p{Emoji_Presentation}]"),
                         (f"[{TEXT}]", r"(?V1)[\p{Extended_Pictographic}--\p{Emoji_Presentation}]")):
        assert [m.start() for m in re.finditer(ours, everything)] == [m.start() for m in regex.finditer(theirs, everything)]
