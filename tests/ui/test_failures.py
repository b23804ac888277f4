"""When the database fails, the app says so and keeps running: nothing is lost, nothing crashes."""

import sqlite3

import pytest

from edcal.config import Config
from edcal.errors import EdcalError
from edcal.ui.screens.editor import PostEditor
from edcal.ui.screens.week import WeekScreen
from edcal.ui.widgets.week_grid import WeekGrid

from .conftest import SIZE, ready
from .test_week_screen import cell_text, select


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.fixture
def sqlite_only(db_url):
    if not db_url.startswith("sqlite:///"):
        pytest.skip("holds an SQLite write lock")
    return db_url.removeprefix("sqlite:///")


async def test_a_save_refused_by_a_locked_database_keeps_the_editor_and_the_text(demo_store, make_app, tmp_path,
                                                                                   sqlite_only):
    app = make_app(config=Config(path=tmp_path / "c.toml", busy_timeout=0.2))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await select(pilot, "x", 5)
        await pilot.press("n", *"Written while someone else writes")
        editor = app.screen
        assert isinstance(editor, PostEditor)
        other = sqlite3.connect(sqlite_only, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            await pilot.press("ctrl+s")
            await ready(pilot)
            assert app.screen is editor and app.is_running
            assert "is locked by another program" in str(editor.query_one("#save-error").render())
            assert editor.query_one("#body").text == "Written while someone else writes"
        finally:
            other.execute("ROLLBACK")
            other.close()
        await pilot.press("ctrl+s")  # the lock is gone: the same text saves
        await ready(pilot)
        assert isinstance(app.screen, WeekScreen)
        assert "Written while" in cell_text(app, "x", 5)


async def test_a_week_that_cannot_load_is_reported_and_the_next_one_loads(demo_store, make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        shown = app.screen.sub_title

        def locked(*_args, **_kwargs):
            raise EdcalError("the database edcal.db is locked by another program; try again in a moment.")

        with monkeypatch.context() as patch:
            patch.setattr(app.store, "posts_between", locked)
            await pilot.press("right_square_bracket")
            await ready(pilot)
        assert app.is_running and isinstance(app.screen, WeekScreen)
        assert any("Cannot load the week: the database edcal.db is locked" in m for m in messages(app))
        assert app.screen.sub_title == shown and grid.platforms  # the last week stays on screen
        await pilot.press("left_square_bracket", "right_square_bracket")
        await ready(pilot)
        assert app.screen.sub_title.startswith("Week 49")


async def test_an_unexpected_error_in_a_worker_is_reported_not_fatal(demo_store, make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)

        def broken(*_args, **_kwargs):
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(app.store, "get_post", broken)
        await select(pilot, "mastodon", 3)
        await pilot.press("e")
        await ready(pilot)
        assert app.is_running and isinstance(app.screen, WeekScreen)
        assert any("disk on fire" in m for m in messages(app))
