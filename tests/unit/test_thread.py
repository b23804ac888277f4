"""Threads (domain.rules.thread): on generated texts in many scripts, every part fits its
platform as the rules engine counts, no link, hashtag, mention or grapheme cluster is cut, and
the parts hold the whole text but the whitespace at the cuts."""

import json
import re

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from edcal.domain.rules import check
from edcal.domain.rules.counting import COUNTERS
from edcal.domain.rules.entities import extract_hashtags, extract_mentions
from edcal.domain.rules.profiles import default_profiles
from edcal.domain.rules.thread import SplitError, split
from edcal.domain.thread_text import THREAD_PLATFORMS

from .test_cli_errors import edcal_here, one_line
from .test_twitter_text_fidelity import twitter_text_js

WORDS = {
    "latin": ["launch", "week", "sync", "engine", "café", "naïve", "über", "résumé", "team", "today."],
    "cjk": ["我们今天发布", "新版本，", "感谢大家。", "東京で", "ローンチ", "しました！"],
    "rtl": ["שלום", "עולם", "مرحبا", "بالعالم", "تحديث"],
    "emoji": ["👩‍👩‍👧‍👦", "🇫🇷", "👍🏽", "❤️", "🧵", "1️⃣", "🏳️‍🌈"],
    "entity": ["https://example.com/launch/notes?x=1", "example.org", "#launch", "#日本語", "#café_2026",
               "@tidewater", "@marta@mastodon.social", "@bob.bsky.social", "t.co/abc"],
    "marks": ["e\u0301", "a\u0308\u0323", "\u0915\u094d\u0937"],  # combining sequences, a Devanagari conjunct
}
pieces = st.one_of(*(st.sampled_from(words) for words in WORDS.values()))
spaces = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", " \n", ""])  # "": glued to the next piece
texts = st.lists(st.tuples(pieces, spaces), min_size=1, max_size=400).map(lambda pairs: "".join(a + b for a, b in pairs))


def protected(text, platform):
    counter = COUNTERS[default_profiles()[platform].counter]
    urls = counter.links(text)
    return [(e.start, e.end) for e in [*urls, *extract_hashtags(text, urls), *extract_mentions(text, urls)]]


@settings(max_examples=60, deadline=None)
@given(text=texts, platform=st.sampled_from(THREAD_PLATFORMS), numbering=st.sampled_from(["1/n", "(1/n)", "none"]))
def test_every_part_fits_and_the_parts_hold_the_text(text, platform, numbering):
    parts = split(text, platform, numbering=numbering)
    assert parts, "a text with words gives at least one part"
    for part in parts:
        report = check(part.text, platform)
        assert not [v for v in report.violations if v.code in ("too_long", "too_many_bytes")], part.text
        assert report.length == part.length <= part.limit
    # The parts, in order, are the text; only whitespace lies between them (or nothing, between
    # two characters of a script written without spaces).
    assert not text[:parts[0].start].strip() and not text[parts[-1].end:].strip()
    for before, after in zip(parts, parts[1:], strict=False):
        assert before.end <= after.start and not text[before.end:after.start].strip()
    if len(parts) > 1 and numbering != "none":
        assert all(part.text.endswith(f"{i}/{len(parts)}" + (")" if numbering == "(1/n)" else ""))
                   for i, part in enumerate(parts, 1))
    # No link, hashtag or mention is cut, nor any grapheme cluster.
    cuts = {p.end for p in parts[:-1]} | {p.start for p in parts[1:]}
    for start, end in protected(text, platform):
        assert not any(start < cut < end for cut in cuts), text[start:end]
    clusters = {m.start() for m in regex.finditer(r"\X", text)}
    assert cuts <= clusters


def test_a_script_without_spaces_is_cut_between_characters_but_never_inside_a_hashtag():
    text = "#日本語版本感谢大家的支持「" * 60  # no pause anywhere: a cut may fall only outside the hashtags
    parts = split(text, "x")
    assert len(parts) > 1
    for start, end in protected(text, "x"):
        assert not any(start < cut < end for p in parts for cut in (p.start, p.end)), text[start:end]
    assert "".join(text[p.start:p.end] for p in parts) == text  # nothing left out: no spaces to drop


def test_a_text_that_fits_is_one_part_without_numbering():
    (part,) = split("  Launch day!  ", "x")
    assert (part.text, part.length, part.limit, part.start, part.end) == ("Launch day!", 11, 280, 2, 13)


def test_cuts_prefer_paragraphs_then_sentences_then_words():
    paragraph = "First paragraph, short." + "\n\n"
    sentences = " ".join(["This sentence is about the launch of the new version."] * 5)
    parts = split(paragraph + sentences, "x")
    assert parts[0].text == "First paragraph, short. 1/2" or parts[0].text.endswith("version. 1/2")
    assert all(re.search(r"[.] \d/\d$", p.text) for p in parts[:-1])  # each ends a sentence


def test_numbering_is_counted_in_the_parts_length():
    text = " ".join(["word"] * 150)  # 749 characters on X: three parts
    parts = split(text, "x")
    assert [p.text[-3:] for p in parts] == ["1/3", "2/3", "3/3"]
    assert all(p.length <= 280 for p in parts) and max(p.length for p in parts) > 270


def test_a_token_longer_than_a_post_is_named():
    text = "Intro. " + "Supercalifragilistic" * 20 + " end"
    with pytest.raises(SplitError, match=r"the word 'Supercalifragilistic.*' at character 8 is longer than one "
                                         r"Bluesky post can hold \(300\)"):
        split(text, "bluesky")
    with pytest.raises(SplitError, match=r"the hashtag '#a+…' at character 1"):
        split("#" + "a" * 600 + " and more", "mastodon")


def test_platforms_without_threads_are_refused():
    with pytest.raises(SplitError, match="Instagram feed has no threads; split works for x, bluesky, mastodon, threads"):
        split("hello " * 500, "instagram")


def test_edcal_split_prints_the_parts_or_json():
    text = ("Launch week starts today with one lesson a day. " * 8).strip()
    printed = edcal_here("split", "--platform", "x", "-", input=text)
    assert printed.returncode == 0
    assert printed.stdout.startswith("── part 1 of 2 · ") and "── part 2 of 2 · " in printed.stdout
    data = json.loads(edcal_here("split", "--platform", "x", "--numbering", "none", "--json", "-", input=text).stdout)
    assert [set(p) for p in data] == [{"text", "length", "limit"}] * 2 and data[0]["limit"] == 280
    assert " ".join(p["text"] for p in data) == text


def test_edcal_split_bad_input_is_one_sentence():
    long_word = edcal_here("split", "--platform", "bluesky", "-", input="x" * 400)
    assert long_word.returncode == 1 and "is longer than one Bluesky post can hold (300)" in one_line(long_word)
    no_threads = edcal_here("split", "--platform", "linkedin", "-", input="hello")
    assert no_threads.returncode == 1 and "LinkedIn has no threads" in one_line(no_threads)
    empty = edcal_here("split", "--platform", "x", "-", input="   ")
    assert empty.returncode == 2 and "there is no text to split" in one_line(empty)


@settings(max_examples=60, deadline=None)
@given(text=texts, numbering=st.sampled_from(["1/n", "(1/n)", "none"]))
@example(text="שלום" + "example.org " * 30, numbering="1/n")  # found by hypothesis: the port says no link, X says link
def test_every_x_part_fits_as_twitter_text_counts(text, numbering):
    """Differential: X's reference (the twitter-text port) agrees that each part fits."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the port imports pkg_resources
        from twitter_text import parse_tweet

    parts = split(text, "x", numbering=numbering)
    disputed = []
    for part in parts:
        parsed = parse_tweet(part.text)
        if parsed.weightedLength != part.length:
            disputed.append(part)  # the port's IDNA 2003 codec refuses hosts X takes (an RTL word glued to a domain)
            continue
        assert parsed.weightedLength <= 280 and parsed.valid, (part.text, parsed.weightedLength)
    if disputed:  # Twitter's own twitter-text decides
        for part, reference in zip(disputed, twitter_text_js([p.text for p in disputed]), strict=True):
            assert reference["weightedLength"] == part.length <= 280, part.text
