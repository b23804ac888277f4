"""`a` on a post: linked drafts for other platforms; the grid marks the variants of the selected
post and the detail box lists them; a platform not on is enabled only after asking."""

from edcal.ui.screens.dialogs import ChooserScreen, ConfirmScreen
from edcal.ui.widgets.week_grid import WeekGrid

from .conftest import SIZE, ready
from .test_week_screen import cell_text, select


async def test_a_adapts_a_post_and_the_grid_marks_its_variants(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "mastodon", 3)  # Thursday: the office hours post
        await pilot.press("a")
        chooser = app.screen
        assert isinstance(chooser, ChooserScreen)
        labels = [label for _, label in chooser.options]
        assert labels[:4] == ["LinkedIn", "Instagram", "X", "All 3: LinkedIn, Instagram, X"]
        assert "Bluesky (not on yet: asks to enable it)" in labels
        await pilot.press("down", "down", "enter")  # X
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        assert grid.selected_platform.key == "x" and "=Ma" in cell_text(app, "x", 3)  # the copy is flagged
        office = [p for p in demo_store.all_posts() if p.body.startswith("Office hours")]
        assert sorted(p.platform for p in office) == ["mastodon", "x"] and len({p.idea for p in office}) == 1
        mastodon_row = [p.key for p in grid.platforms].index("mastodon")
        x_row = [p.key for p in grid.platforms].index("x")
        # the cursor on the variant: the original's cell is marked, and the reverse
        assert grid._variant_cells((grid.cursor_row, grid.cursor_column)) == {(mastodon_row, 3)}
        detail = str(app.screen.query_one("#cell-detail").render())
        original = next(p for p in office if p.platform == "mastodon")
        assert f"variants: Mastodon Thu 18:00 (post {original.id})" in detail
        await select(pilot, "mastodon", 3)
        assert grid._variant_cells((grid.cursor_row, grid.cursor_column)) == {(x_row, 3)}
        await pilot.press("a")  # X is taken now: not offered again
        labels = [label for _, label in app.screen.options]
        assert "X" not in labels and labels[:3] == ["LinkedIn", "Instagram", "All 2: LinkedIn, Instagram"]
        await pilot.press("escape")


async def test_adapting_to_a_platform_not_on_asks_first(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "mastodon", 3)
        await pilot.press("a")
        keys = [key for key, _ in app.screen.options]
        await pilot.press(*["down"] * keys.index("bluesky"), "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await ready(pilot)
        assert "bluesky" not in [p.key for p in demo_store.platforms(enabled_only=True)]
        await pilot.press("a")
        await pilot.press(*["down"] * keys.index("bluesky"), "enter")
        await pilot.press("y")
        await ready(pilot)
        assert [p.key for p in demo_store.platforms(enabled_only=True)][-1] == "bluesky"
        assert "Office hours" in cell_text(app, "bluesky", 3)
