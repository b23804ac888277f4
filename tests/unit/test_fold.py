"""The fold: where a feed hides the rest of a post behind "…more" (an advice, never an error)."""

import json

import pytest

from edcal.domain.rules import check, default_profiles

from .test_cli_errors import edcal_here

FOLDED = {"instagram": 125, "linkedin": 210, "facebook": 480, "tiktok": 150, "youtube": 157, "threads": 250}


@pytest.mark.parametrize("platform, characters", FOLDED.items())
def test_each_folding_platform_keeps_its_figure_with_a_source_and_a_date(platform, characters):
    rule = default_profiles()[platform].rule("fold")
    assert rule["value"] == characters and rule["source"] and rule["checked"] == "2026-11"
    text = "word " * 200
    report = check(text, platform)
    assert report.fold_at is not None and characters - 5 <= report.fold_at <= characters
    assert not [v for v in report.violations if v.code == "fold"]  # advice, not a violation
    assert check("A short post.", platform).fold_at is None


def test_lines_fold_before_characters_and_whitespace_after_the_fold_is_not_hidden_text():
    caption = "One\nTwo\nThree\nFour"
    assert check(caption, "instagram").fold_at == caption.index("\nFour")
    assert check("One\nTwo\nThree\n\n  ", "instagram").fold_at is None
    assert check("é" * 124 + "\u0301" * 3 + "x" * 5, "instagram").fold_at == 124 + 3 + 1  # graphemes, not code points


def test_platforms_without_a_fold_say_none():
    assert check("word " * 100, "x").fold_at is None and check("word " * 100, "mastodon").fold_at is None


def test_edcal_check_prints_the_visible_part_and_json_gives_fold_at():
    caption = "Launch day\nNew sync engine\nThree lines show\nThis line waits behind more"
    printed = edcal_here("check", "--platform", "instagram", "--media", "1", "-", input=caption)
    assert 'the feed shows this much, then "…more": Launch day ⏎ New sync engine ⏎ Three lines show' in printed.stdout
    data = json.loads(edcal_here("check", "--platform", "instagram", "--media", "1", "--json", "-", input=caption).stdout)
    assert data["fold_at"] == caption.index("\nThis line")
    assert json.loads(edcal_here("check", "--platform", "x", "--json", "-", input="hi").stdout)["fold_at"] is None
