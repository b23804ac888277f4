"""The open calendar shows what another process writes, without a key press, the cursor kept."""

import asyncio

import pytest

from ..store.test_watch import other_process
from .conftest import SIZE, ready
from .test_week_screen import cell_text

pytestmark = pytest.mark.postgres


async def wait_for(pilot, condition, seconds: float = 5.0) -> bool:
    for _ in range(int(seconds / 0.1)):
        if condition():
            return True
        await asyncio.sleep(0.1)
        await pilot.pause()
    return condition()


async def test_a_post_added_in_another_terminal_appears_in_the_open_week(store, db_url, make_app):
    store.enable_platforms(["x", "linkedin"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "l", "l")  # LinkedIn, Friday (the cursor starts on today, Wednesday)
        grid = app.screen.query_one("WeekGrid")
        # the app's own clock is frozen on Wed 25 Nov 2026 (EDCAL_NOW), the other process's too
        await asyncio.to_thread(other_process, db_url, "add", "--platform", "x", "--body", "From a teammate",
                                "--at", "2026-11-27 09:00")
        assert await wait_for(pilot, lambda: "From a teammate" in cell_text(app, "x", 4))
        assert (grid.cursor_row, grid.cursor_column) == (1, 4)  # where the person left it
        await asyncio.to_thread(other_process, db_url, "log", "40m", "--activity", "writing")
        assert await wait_for(pilot, lambda: "40m of 1h" in str(app.screen.query_one("#sidebar-text").render()))


async def test_the_time_screen_follows_a_timer_stopped_elsewhere(store, db_url, make_app):
    store.enable_platforms(["x"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await asyncio.to_thread(other_process, db_url, "log", "25m", "--activity", "engagement", "--note", "replies")
        await pilot.press("T")
        await ready(pilot)
        table = app.screen.query_one("#entries")
        assert table.row_count == 1
        await asyncio.to_thread(other_process, db_url, "log", "15m", "--activity", "analytics")
        assert await wait_for(pilot, lambda: table.row_count == 2)
