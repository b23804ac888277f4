"""The rules Textual parsed from the stylesheets are kept in the user's cache folder and given
back at the next start (edcal.ui.css_cache): the same rules, no parse on the way to the first
frame, and a file that cannot be used is only a parse more."""

import pytest
from textual.css import stylesheet as textual_stylesheet
from textual.css.stylesheet import Stylesheet

from edcal.config import cache_dir
from edcal.domain.week import Week
from edcal.services.week import load_week
from edcal.ui import css_cache

from .conftest import SIZE, TODAY, StillApp, ready

CSS = """
Screen { layout: vertical; }
#grid { height: 1fr; background: $surface; }
WeekGrid > .week-grid--cursor { background: $accent 30%; text-style: bold; }
"""
VARIABLES = {"surface": "#101010", "accent": "#ff8800"}


@pytest.fixture
def parses(monkeypatch):
    """How many times Textual's CSS parser ran (it is watched, not replaced)."""
    calls = []
    real = textual_stylesheet.parse

    def counted(*args, **kwargs):
        calls.append(args[2])  # where the CSS was read from
        return real(*args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counted)
    return calls


def sheet(variables=VARIABLES, css=CSS) -> Stylesheet:
    made = Stylesheet(variables=dict(variables))
    made.add_source(css, read_from=("test.tcss", ""))
    return made


def rules(made: Stylesheet) -> list[str]:
    made.parse()
    return [rule.css for rule in made.rules]


def test_kept_rules_come_back_unparsed_and_the_same(parses):
    first = sheet()
    assert css_cache.seed(first) == frozenset()  # nothing kept yet
    parsed = rules(first)
    css_cache.keep(first, frozenset())
    assert len(parses) == 1 and len(list(cache_dir().glob("css-*.pickle"))) == 1

    second = sheet()
    seeded = css_cache.seed(second)
    assert len(seeded) == 1
    assert rules(second) == parsed and len(parses) == 1  # no second parse
    assert "background: #FF88004C" in parsed[2]  # the theme's value, 30% opaque


def test_other_theme_values_or_other_css_are_parsed_afresh(parses):
    first = sheet()
    rules(first)
    css_cache.keep(first, frozenset())

    other_theme = sheet({"surface": "#101010", "accent": "#0088ff"})
    assert css_cache.seed(other_theme) == frozenset()  # kept under the other values' fingerprint
    assert rules(other_theme) != rules(first) and len(parses) == 2

    edited = sheet(css=CSS.replace("1fr", "2fr"))
    seeded = css_cache.seed(edited)
    assert len(seeded) == 1  # the old text's rules are there, under the old text
    assert "2fr" in "".join(rules(edited)) and len(parses) == 3
    css_cache.keep(edited, seeded)  # kept: the edited text's rules, not the old text's any more
    assert [key[0] for key in css_cache.seed(sheet())] == [CSS.replace("1fr", "2fr")]


def test_a_file_that_cannot_be_read_back_costs_a_parse_and_is_replaced(parses):
    first = sheet()
    expected = rules(first)
    css_cache.keep(first, frozenset())
    [kept] = cache_dir().glob("css-*.pickle")
    kept.write_bytes(b"\x80\x05not a pickle at all")

    again = sheet()
    seeded = css_cache.seed(again)
    assert seeded == frozenset() and rules(again) == expected and len(parses) == 2
    css_cache.keep(again, seeded)
    assert css_cache.seed(sheet())  # a good file again


async def test_the_second_start_paints_its_first_frame_without_parsing_css(demo_store, db_url, config, parses):
    week = load_week(demo_store, Week.of(TODAY))
    seen = []

    class Watched(StillApp):
        def on_mount(self) -> None:
            super().on_mount()
            self.call_after_refresh(lambda: seen.append(len(parses)))

    styles = []
    for _ in range(2):
        parses.clear()
        app = Watched(db_url, config, week=week)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            styles.append([(type(w).__name__, w.styles.css) for w in app.screen.walk_children(with_self=True)])
    assert seen[0] > 10 and seen[1] == 0  # parses before each first frame: the second start makes none
    assert styles[0] == styles[1] and len(styles[0]) > 10
