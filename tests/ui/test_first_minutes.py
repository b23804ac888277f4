"""The first minutes: the week opens with the cursor on today, and a new post starts at a time
still ahead (the next whole hour today, the channel's open slot when one falls that day, 09:00
on a day to come), so that `n` never starts a post in the past."""

from datetime import date, time

from edcal.domain.recurrence import Series
from edcal.ui.screens.editor import PostEditor
from edcal.ui.widgets.week_grid import WeekGrid

from .conftest import SIZE, ready


async def test_the_cursor_starts_on_today_and_a_new_post_at_the_next_whole_hour(demo_store, make_app):
    app = make_app()  # Wednesday 25 November 2026, 10:00 in Paris
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        assert grid.selected_day == date(2026, 11, 25) and grid.today_column == grid.cursor_column == 2
        await pilot.press("n")
        editor = app.screen
        assert isinstance(editor, PostEditor)
        assert editor.query_one("#when").value == "2026-11-25 11:00"
        await pilot.press(*"Hello")
        await pilot.pause()
        assert "ago" not in str(editor.query_one("#when-feedback").render())  # no past warning
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("h", "n")  # yesterday: no time is offered, the person types one
        assert app.screen.query_one("#when").value == "2026-11-24"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l", "l", "n")  # tomorrow: the working day's start
        assert app.screen.query_one("#when").value == "2026-11-26 09:00"


async def test_a_new_post_starts_at_the_channel_open_slot_that_day(store, make_app):
    store.enable_platforms(["linkedin"])
    store.add_series(Series(platform="linkedin", rule="FREQ=DAILY", at=time(15, 30), tz="Europe/Paris",
                            start=date(2026, 11, 1), title="Afternoon insight"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        assert app.screen.query_one("#when").value == "2026-11-25 15:30"


async def test_a_card_keeps_its_title_and_marks_the_same_text_short_with_a_legend(demo_store, make_app):
    """The demo's Wednesday: the LinkedIn draft holds the X post's text. Its card says so in two
    characters (=X) and keeps its room for the title; the detail box says it in full; the marks
    are explained on the detail box's border, in words where they fit."""
    from edcal.ui.widgets.week_grid import MARKS

    for size in ((120, 36), (80, 24)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await ready(pilot)
            grid = app.screen.query_one(WeekGrid)
            row = [p.key for p in grid.platforms].index("linkedin")
            card = grid.cell_text(row, 2)
            assert card.startswith("09:05✎=X Launch")
            assert "=Li" in grid.cell_text([p.key for p in grid.platforms].index("x"), 2)
            detail = app.screen.query_one("#cell-detail")
            assert "same text as on X this week" in str(detail.render())
            legend = str(detail.border_subtitle)
            assert legend.startswith("◷ sched" if size[0] < 140 else "◷ scheduled")
            assert "✎ draft" in legend and "⚠ " in legend and "=X " in legend
    assert [mark for mark, _, _ in MARKS][:7] == ["◷", "✎", "✔", "·", "⚠", "!", "=X"]
