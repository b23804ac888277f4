"""Two accounts on X: the grid shows a row per channel, named with its platform and handle, and a
post made in a channel's row belongs to that channel."""

from edcal.services import channels
from edcal.ui.screens.editor import BodyArea, PostEditor
from edcal.ui.widgets.week_grid import WeekGrid

from .conftest import SIZE, ready
from .test_week_screen import cell_text, select


async def test_a_row_per_channel_and_posts_land_in_their_channel(demo_store, make_app):
    channels.add(demo_store, "x", name="Marta", handle="@marta")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        assert [p.key for p in grid.platforms] == ["linkedin", "instagram", "x", "x-marta", "mastodon"]
        row = [p.key for p in grid.platforms].index("x-marta")
        assert [line.plain for line in grid._labels[row]][:2] == ["Marta", "x @marta"]
        await select(pilot, "x-marta", 4)
        assert "Marta @marta · Friday" in str(app.screen.query_one("#cell-detail").render())
        await pilot.press("n")
        editor = app.screen
        assert isinstance(editor, PostEditor)
        editor.query_one(BodyArea).insert("A founder's note")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert "A founder's note" in cell_text(app, "x-marta", 4) and cell_text(app, "x", 4) == ""
    (mine,) = [p for p in demo_store.all_posts() if p.body == "A founder's note"]
    assert mine.platform == "x-marta"
