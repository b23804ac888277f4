"""The first frame shows this week: read on the read path before Textual loads (cli.tui), then
the store opens in a thread. A database the read path cannot take is left to the store."""

import json
import subprocess
import sys
import threading

import pytest

from edcal.cli.demo import fill_demo
from edcal.domain.week import Week
from edcal.services.week import load_week

from .conftest import SIZE, TODAY, GatedApp, ready

PROBE = """
import json, sys
from edcal.cli.tui import _this_week
from edcal.config import load_config
data = _this_week(sys.argv[1], load_config())
print("null" if data is None else json.dumps({
    "start": data.week.start.isoformat(), "minutes": data.minutes, "platforms": [p.key for p in data.platforms],
    "cells": sorted([k[0], k[1].isoformat(), [i.post.id for i in v]] for k, v in data.cells.items()),
    "loaded": sorted(m for m in ("textual", "sqlalchemy", "sqlmodel", "alembic") if m in sys.modules)}))
"""


def probe(url: str):
    out = subprocess.run([sys.executable, "-c", PROBE, url], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


def test_the_week_before_textual_is_the_week_the_store_loads_without_the_orm(store, db_url):
    fill_demo(store, TODAY)
    got = probe(db_url)
    expected = load_week(store, Week.of(TODAY, store.settings().week_start))
    assert got["start"] == expected.week.start.isoformat() and got["minutes"] == expected.minutes == 70
    assert got["platforms"] == [p.key for p in expected.platforms]
    assert got["cells"] == sorted([k[0], k[1].isoformat(), [i.post.id for i in v]] for k, v in expected.cells.items())
    assert got["loaded"] == []  # neither the UI nor the ORM was needed to read it


def test_a_database_the_read_path_cannot_take_is_left_to_the_store(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n" * 20)
    assert probe(f"sqlite:///{junk}") is None
    assert probe(f"sqlite:///{tmp_path / 'new.db'}") is None
    assert junk.read_text().startswith("not a database") and not (tmp_path / "new.db").exists()


async def test_the_first_frame_shows_the_platforms_and_posts_before_the_store_opens(demo_store, db_url, config):
    from edcal.ui.widgets.week_grid import WeekGrid

    gate = threading.Event()
    first = []

    class Watched(GatedApp):
        def on_mount(self) -> None:
            def painted() -> None:  # the first frame: what it shows, and whether the store is open yet
                grid = self.screen.query_one(WeekGrid)
                first.append(([p.key for p in grid.platforms], self.store is None, self.screen.sub_title))

            self.call_after_refresh(painted)

    app = Watched(db_url, config, week=load_week(demo_store, Week.of(TODAY)), gate=gate)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gate.set()
        await ready(pilot)
        assert app.store is not None
    assert first == [(["linkedin", "instagram", "x", "mastodon"], True, "Week 48 · 23–29 Nov 2026")]


async def test_the_first_frame_styles_each_widget_once_and_as_styling_them_all_again_would(demo_store, db_url, config):
    """Textual styles every widget again when a screen resumes; the week screen's first resume
    follows the mount that styled them, so it skips that pass: each widget is styled once, and
    styling them all again at the first frame changes nothing."""
    from collections import Counter

    gate = threading.Event()
    styled: Counter = Counter()
    seen = {}

    class Watched(GatedApp):
        def on_mount(self) -> None:
            def painted() -> None:
                widgets = list(self.screen.walk_children(with_self=True))
                seen["times"] = {type(w).__name__ + (f"#{w.id}" if w.id else ""): styled[id(w)] for w in widgets}
                before = [w.styles.css for w in widgets]
                self.stylesheet.update(self.screen)  # every widget styled again, at once
                seen["changed"] = [type(w).__name__ for w, css in zip(widgets, before, strict=True) if w.styles.css != css]

            self.call_after_refresh(painted)

    app = Watched(db_url, config, week=load_week(demo_store, Week.of(TODAY)), gate=gate)
    apply = app.stylesheet.apply

    def counted(node, **kwargs) -> None:
        styled[id(node)] += 1
        apply(node, **kwargs)

    app.stylesheet.apply = counted
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gate.set()
        await ready(pilot)
    assert seen["changed"] == []
    assert len(seen["times"]) > 10 and set(seen["times"].values()) == {1}, seen["times"]



def test_start_up_pauses_the_cyclic_collector_until_the_first_frame(demo_store, db_url):
    """cli.tui turns the collector off for start-up; once painted, the app turns it back on."""
    import gc
    from types import SimpleNamespace

    from edcal.cli.tui import run_tui

    seen = {}

    def app_class():
        from .conftest import StillApp

        class Watched(StillApp):
            def on_mount(self) -> None:
                seen["starting"] = gc.isenabled()
                super().on_mount()
                self.call_after_refresh(self.done)

            def done(self) -> None:  # after the app's own first-frame callback
                seen["painted"] = gc.isenabled()
                self.exit()

        return Watched

    assert run_tui(SimpleNamespace(db=db_url), app_class=app_class, headless=True, size=SIZE) == 0
    assert seen == {"starting": False, "painted": True} and gc.isenabled()


@pytest.mark.parametrize("size", [(80, 24), (99, 29), (100, 30), (140, 42)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_week_screen_is_made_with_the_breakpoint_classes_textual_gives_at_its_size(make_app, size):
    """Made with them, the first frame needs no second styling of every widget at the first resize."""
    from edcal.ui.screens.base import breakpoint_classes

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = app.screen_stack[0]  # the week, under the welcome dialog of a new database
        assert type(screen).__name__ == "WeekScreen"
        textual = (screen._get_breakpoint_classes(size[0], screen.HORIZONTAL_BREAKPOINTS)
                   | screen._get_breakpoint_classes(size[1], screen.VERTICAL_BREAKPOINTS))
        assert set(breakpoint_classes(screen, *size)) == textual and len(textual) == 2
        assert textual <= screen.classes
