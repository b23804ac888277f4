"""The helper process loads the same week the app would, and fails quietly."""

import json
import subprocess
import sys
from edcal.cli.demo import fill_demo
from edcal.domain.week import Week
from edcal.services.week import load_week

PROBE = """
import json, sys
from edcal.ui.prefetch import start
prefetch = start(sys.argv[1])
data = prefetch.receive() if prefetch else None
if data is None:
    print("null")
else:
    print(json.dumps({"start": data.week.start.isoformat(), "minutes": data.minutes,
                      "cells": sorted([k[0], k[1].isoformat(), [i.post.id for i in v]] for k, v in data.cells.items()),
                      "textual": "textual" in sys.modules}))
"""


def probe(url: str):
    out = subprocess.run([sys.executable, "-c", PROBE, url], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


def test_prefetch_matches_the_week_the_app_loads(store, db_url):
    from .conftest import TODAY  # the frozen clock's day, which the helper process sees too

    fill_demo(store, TODAY)
    got = probe(db_url)
    expected = load_week(store, Week.of(TODAY, store.settings().week_start))
    assert got["start"] == expected.week.start.isoformat() and got["minutes"] == expected.minutes == 70
    assert got["cells"] == sorted([k[0], k[1].isoformat(), [i.post.id for i in v]] for k, v in expected.cells.items())
    assert got["textual"] is False  # the helper never loads the UI


def test_prefetch_of_a_bad_database_returns_nothing(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n" * 20)
    assert probe(f"sqlite:///{junk}") is None
    assert junk.read_text().startswith("not a database")


class Handed:
    """What the helper process hands over: a week loaded from the same real database."""

    def __init__(self, data):
        self.data = data

    def receive(self):
        return self.data


async def test_the_app_shows_a_prefetched_week_then_its_own(store, make_app):
    from .conftest import SIZE, TODAY, ready
    from edcal.ui.screens.dialogs import WelcomeScreen
    from edcal.ui.widgets.week_grid import WeekGrid

    empty = load_week(store, Week.of(TODAY))  # no platform yet: the welcome must wait for the store
    app = make_app(prefetch=Handed(empty))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, WelcomeScreen)
    fill_demo(store, TODAY)
    app = make_app(prefetch=Handed(load_week(store, Week.of(TODAY))))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        assert [p.key for p in grid.platforms] == ["linkedin", "instagram", "x", "mastodon"]
        assert app.screen.sub_title.startswith("Week 48")


def test_the_helper_exits_quietly_when_nobody_reads_its_week(store, db_url):
    from .conftest import TODAY

    fill_demo(store, TODAY)
    code = ("import os, sys\nfrom edcal.ui.prefetch import start\nprefetch = start(sys.argv[1])\n"
            "os.close(prefetch.fd)  # the app quit before reading\nos.waitpid(prefetch.pid, 0)\nprint('parent done')")
    out = subprocess.run([sys.executable, "-c", code, db_url], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout == "parent done\n" and out.stderr == "", out.stderr
