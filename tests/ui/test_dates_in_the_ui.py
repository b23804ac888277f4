"""Opening a post and saving it, or accepting the move prompt as offered, never moves it:
days 1 to 12 (read day first before), the repeated autumn hour, seconds."""

from datetime import datetime, timezone

import pytest

from edcal.domain.dates import resolve_wall_time
from edcal.domain.models import Post
from edcal.ui.screens.dialogs import PromptScreen
from edcal.ui.screens.editor import PostEditor

from .conftest import SIZE, ready
from .test_week_screen import select

PARIS = "Europe/Paris"
CASES = [  # (wall time in Paris, fold, the grid's column: Monday = 0)
    (datetime(2026, 12, 1, 9, 30), 0, 1),  # Tue 1 Dec: read as 12 January before
    (datetime(2026, 10, 25, 2, 30), 1, 6),  # Sun 25 Oct, the second 02:30
    (datetime(2027, 1, 4, 9, 30, 42), 0, 0),  # Mon 4 Jan, with seconds
]


async def go_to(pilot, day: str) -> None:
    await pilot.press("g", *day, "enter")
    await ready(pilot)


async def select_post(pilot, wall: datetime, column: int) -> None:
    """Go to the week of ``wall`` with the keys a user would press and select its X cell."""
    await ready(pilot)
    await go_to(pilot, wall.date().isoformat())
    await select(pilot, "x", column)


def plan(store, wall: datetime, fold: int) -> Post:
    resolved = resolve_wall_time(wall, PARIS, fold)
    assert resolved.fold == fold
    return store.add_post(Post(platform="x", body="Planned with care", status="draft",
                               scheduled_at=resolved.utc, tz=PARIS, fold=fold))


@pytest.mark.parametrize("wall, fold, column", CASES, ids=["1-dec", "repeated-hour", "seconds"])
async def test_opening_and_saving_keeps_the_planned_instant(demo_store, make_app, wall, fold, column):
    post = plan(demo_store, wall, fold)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select_post(pilot, wall, column)
        await pilot.press("enter")
        editor = app.screen
        assert isinstance(editor, PostEditor) and editor.post.id == post.id
        feedback = str(editor.query_one("#when-feedback").render())
        assert feedback.startswith(f"→ {wall:%a %d %b %Y %H:%M} {PARIS}")
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert not isinstance(app.screen, PostEditor)
    saved = demo_store.get_post(post.id)
    assert (saved.scheduled_at, saved.tz, saved.fold) == (post.scheduled_at, post.tz, post.fold)


@pytest.mark.parametrize("wall, fold, column", CASES, ids=["1-dec", "repeated-hour", "seconds"])
async def test_move_accepted_as_offered_changes_nothing(demo_store, make_app, wall, fold, column):
    post = plan(demo_store, wall, fold)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select_post(pilot, wall, column)
        await pilot.press("m")
        assert isinstance(app.screen, PromptScreen)
        assert str(app.screen.query_one("#prompt-feedback").render()).startswith(f"→ {wall:%a %d %b %Y %H:%M}")
        await pilot.press("enter")
        await ready(pilot)
    same = demo_store.get_post(post.id)
    assert (same.scheduled_at, same.tz, same.fold, same.revision) == (post.scheduled_at, PARIS, fold, post.revision)


async def test_editor_reads_a_typed_iso_date_as_year_month_day(demo_store, make_app):
    post = plan(demo_store, datetime(2026, 12, 1, 9, 30), 0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select_post(pilot, datetime(2026, 12, 1, 9, 30), 1)
        await pilot.press("enter")
        editor = app.screen
        editor.query_one("#when").value = "2026-12-02 10:15"
        await pilot.pause()
        assert str(editor.query_one("#when-feedback").render()).startswith("→ Wed 02 Dec 2026 10:15 Europe/Paris")
        await pilot.press("ctrl+s")
        await ready(pilot)
    moved = demo_store.get_post(post.id)
    assert moved.scheduled_at == datetime(2026, 12, 2, 9, 15, tzinfo=timezone.utc)
