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


def regex_hashtags(text):
    """The hashtags as edcal found them with the `regex` package's \\p{...} classes, before it
    scanned them with Python's Unicode data (so that `regex` stays unloaded)."""
    import regex

    alnum = rf"[\p{{L}}\p{{M}}\p{{Nd}}{entities._HASHTAG_SPECIAL}]"
    tag, letter = regex.compile(rf"[#＃](?![\uFE0F\u20E3])({alnum}*+)"), regex.compile(r"[\p{L}\p{M}]")
    alnum_or_amp = regex.compile(rf"{alnum}|&")
    found, scanned = [], 0
    for pos in [i for i, c in enumerate(text) if c in "#＃"]:
        if pos < scanned:
            continue
        if pos and (pos - 1 < scanned or (text[pos - 1] not in "\ufe0e\ufe0f" and alnum_or_amp.match(text[pos - 1]))):
            continue
        m = tag.match(text, pos)
        if m is None or not letter.search(m[1]):
            continue
        scanned = m.end()
        if not text.startswith(("#", "＃", "://"), m.end()):
            found.append((m[1], pos, m.end()))
    return found


TAG_TEXTS = st.lists(st.one_of(
    st.sampled_from(list("#＃&_@.:/-aZk9 0\n!'(") + ["\ufe0f", "\u20e3", "\ufe0e", "\u200c", "\u0301", "·", "ー", "٣"]),
    st.characters(),
), max_size=30).map("".join)


@settings(max_examples=600, deadline=None)
@given(TAG_TEXTS)
def test_the_tags_found_by_pythons_unicode_data_are_those_the_unicode_properties_find(text):
    found = [(t.text, t.start, t.end) for t in extract_hashtags(text, urls=[])]
    assert found == regex_hashtags(text)


def test_every_code_point_is_the_same_kind_of_hashtag_character_for_python_and_regex():
    """Python's Unicode data (3.11 has Unicode 14) against the `regex` package's (newer) on
    every code point: a letter or mark, a digit or special, or neither. Only code points Python
    does not know ask `regex`, so only those may tell the two apart."""
    import random
    import unicodedata

    import regex

    everything = "".join(map(chr, range(0x110000)))
    letters = {m.start() for m in regex.finditer(r"[\p{L}\p{M}]", everything)}
    others = {m.start() for m in regex.finditer(rf"[\p{{Nd}}{entities._HASHTAG_SPECIAL}]", everything)} - letters
    unknown = {cp for cp in range(0x80, 0x110000) if unicodedata.category(chr(cp)) == "Cn"}
    # Every code point Python knows, those of the others `regex` calls a hashtag character, and
    # 5,000 of the rest (asking `regex` one code point at a time for all 800,000 takes 14 s).
    tried = ((set(range(0x110000)) - unknown) | (unknown & (letters | others))
             | set(random.Random(30).sample(sorted(unknown), 5000)))
    ours = {cp: entities._tag_char(chr(cp)) for cp in tried}
    assert {cp for cp, kind in ours.items() if kind == 2} == letters & tried
    assert {cp for cp, kind in ours.items() if kind == 1} == others & tried
    assert entities._tag_char("\U00011F04") == 2  # KAWI LETTER A (Unicode 15): Python 3.11 asks `regex`
