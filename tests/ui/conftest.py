"""Pilot tests run the real app on a real SQLite file, with a frozen clock."""

from datetime import date, datetime

import pytest

from edcal.cli.demo import fill_demo
from edcal.domain.models import Settings
from edcal.ui.app import EdcalApp

TODAY = date(2026, 11, 25)  # a Wednesday; the week runs Mon 23 - Sun 29 November 2026
NOW = datetime(2026, 11, 25, 10, 0)  # in Paris, the settings' zone
SIZE = (120, 36)


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch):
    """Screens and snapshots show one known week, whatever instant the rest of the suite runs at."""
    monkeypatch.setenv("EDCAL_NOW", "2026-11-25T10:00:00+01:00")


@pytest.fixture
def store(store):
    """The suite's store, its settings in Paris."""
    store.save_settings(Settings(timezone="Europe/Paris"))
    return store


@pytest.fixture
def demo_store(store):
    fill_demo(store, TODAY)
    return store


class StillApp(EdcalApp):
    """The real app with still cursors, so that snapshots do not depend on a blink's timing."""

    cursor_blink = False


@pytest.fixture
def make_app(db_url, config):
    def make(**kwargs) -> EdcalApp:
        return StillApp(db_url, kwargs.pop("config", config), **kwargs)

    return make


async def ready(pilot) -> None:
    """Wait until the store is open and the week has been loaded and painted."""
    for _ in range(3):
        await pilot.app.settled()
        await pilot.pause()
        if all(w.is_finished or w in pilot.app.asking for w in pilot.app.workers):
            break  # nothing more was started by what finished
    for _ in range(500):  # a dialog a worker asks with is pushed at once and composed a moment later
        if pilot.app.screen.is_mounted:
            return
        await pilot.pause(0.01)


async def until(pilot, condition, seconds: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds (keys replayed by the app arrive a frame
    or more after the worker that asked for them); the assertion after it says what failed."""
    import time

    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.01)
    await pilot.pause()


class GatedApp(StillApp):
    """The real app whose store opens only once the test sets ``gate``, as on a slow disk or
    server: what the first frame shows, and keys typed meanwhile, can be looked at."""

    def __init__(self, *args, gate, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.gate = gate

    from textual import work

    @work(thread=True, exclusive=True, group="store")
    def _open_store(self) -> None:
        self.gate.wait(10)
        EdcalApp._open_store.__wrapped__(self)
