"""The post filter behind list/export --search, --campaign, --status (and the grid's /)."""

import pytest

from edcal.domain.filters import PostFilter, fold
from edcal.domain.models import Post, Status

POSTS = [
    Post(platform="x", body="Launch day! 🚀", title="Launch", status="scheduled", campaign="Launch 2.0", id=1),
    Post(platform="linkedin", body="Café visit with the team", status="draft", notes="Ask Léa first", id=2),
    Post(platform="instagram", body="", title="Ideas: ÉTÉ campaign", status="idea", campaign="summer", id=3),
    Post(platform="x", body="See https://example.com/launch-notes", status="published", id=4),
]


def ids(chosen: PostFilter) -> list[int]:
    return [p.id for p in POSTS if chosen.matches(p)]


@pytest.mark.parametrize(("chosen", "expected"), [
    (PostFilter(), [1, 2, 3, 4]),
    (PostFilter(search="launch"), [1, 4]),  # a word of the link counts
    (PostFilter(search="LAUNCH  day"), [1]),  # every word, any case, any spacing
    (PostFilter(search="cafe lea"), [2]),  # accents set aside, notes searched
    (PostFilter(search="ete"), [3]),
    (PostFilter(campaign="launch 2.0"), [1]),  # the whole campaign, any case
    (PostFilter(campaign="launch"), []),
    (PostFilter(statuses=frozenset({Status.DRAFT, Status.IDEA})), [2, 3]),
    (PostFilter(platforms=frozenset({"x"}), search="launch"), [1, 4]),
    (PostFilter(search="zzz"), []),
])
def test_a_filter_lets_through_the_posts_it_names(chosen, expected):
    assert ids(chosen) == expected
    assert bool(chosen) == (chosen != PostFilter())


def test_a_filter_says_what_it_asks():
    chosen = PostFilter(search=" launch  day ", campaign="Q4", statuses=frozenset({Status.SCHEDULED, Status.DRAFT}))
    assert chosen.describe() == 'text "launch day", campaign Q4, status draft or scheduled'
    assert fold("Ｌéa") == "lea"  # full width and accents alike


@pytest.mark.parametrize(("typed", "expected"), [
    ("", PostFilter()),
    ("launch day", PostFilter(search="launch day")),
    ('status:draft campaign:"Launch 2.0" kickoff on:X', PostFilter(search="kickoff", campaign="Launch 2.0",
                                                                   statuses=frozenset({Status.DRAFT}),
                                                                   platforms=frozenset({"x"}))),
    ("status:idea status:Draft", PostFilter(statuses=frozenset({Status.IDEA, Status.DRAFT}))),
    ('"unclosed quote', PostFilter(search="unclosed quote")),
    ("note: ratio 1:2", PostFilter(search="note: ratio 1:2")),  # colons of other words are words
])
def test_a_typed_filter_reads_its_terms(typed, expected):
    assert PostFilter.parse(typed) == expected


def test_an_unknown_status_is_one_sentence():
    from edcal.errors import UsageError

    with pytest.raises(UsageError, match="there is no status 'sent'; use one of idea, draft"):
        PostFilter.parse("status:sent")
