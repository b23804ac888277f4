"""The plan screen and results in the editor, by Pilot."""

from textual.widgets import DataTable, Input

from edcal.ui.screens.editor import PostEditor
from edcal.ui.screens.plan import PlanScreen

from .conftest import SIZE, ready
from .test_week_screen import select


async def test_plan_screen_shows_and_edits_the_plan(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("P")
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 4
        table.move_cursor(row=2)  # X
        await pilot.press("e")
        screen.query_one("#reason", Input).value = ""
        screen.query_one("#target", Input).value = "5"
        screen.query_one("#objective", Input).value = "Sales"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert "X: no reason" in str(screen.query_one("#plan-flags").render())
        screen.query_one("#target", Input).value = "lots"
        await pilot.press("ctrl+s")
        assert "whole number" in str(screen.query_one("#plan-feedback").render())
    x = demo_store.get_platform("x")
    assert x.reason is None and x.weekly_target == 5 and demo_store.settings().objective == "Sales"


async def test_results_are_recorded_from_the_editor(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "instagram", 4)  # the published desk tour
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, PostEditor)
        editor.query_one("#result-reach", Input).value = "1500"
        editor.query_one("#result-engagements", Input).value = "64"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert not isinstance(app.screen, PostEditor)
        # results on a draft are refused with the reason
        await select(pilot, "instagram", 2)
        await pilot.press("e")
        app.screen.query_one("#result-reach", Input).value = "10"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert "published posts" in str(app.screen.query_one("#save-error").render())
    post = next(p for p in demo_store.all_posts() if p.title == "Friday desk tour")
    result = demo_store.results([post.id])[post.id]
    assert (result.reach, result.engagements, result.clicks) == (1500, 64, None)


async def test_the_plan_draws_the_highlighted_channels_last_weeks(demo_store, make_app):
    from edcal.cli.demo import HISTORY_SHAPE, PLATFORMS

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("P")
        await ready(pilot)
        trend = str(app.screen.query_one("#plan-trend").render())
        assert trend.startswith("LinkedIn, last 8 weeks")
        posts_line = next(line for line in trend.splitlines() if line.startswith("posts out"))
        spark = posts_line.split()[2]
        assert len(spark) == 8
        # the demo's history, oldest first: LinkedIn's target (3) less each week's shortfall; none out this week
        out = [3 - shape[0][0] for shape in reversed(HISTORY_SHAPE)][1:] + [0]
        assert PLATFORMS[0].key == "linkedin" and spark == "".join("▁▃▆█"[n] for n in out)
        await pilot.press("down")
        assert str(app.screen.query_one("#plan-trend").render()).startswith("Instagram, last 8 weeks")


async def test_a_channel_name_and_kpi_are_shown_as_typed_never_read_as_markup(demo_store, make_app):
    from edcal.record import replace

    x = demo_store.get_platform("x")
    demo_store.save_platform(replace(x, name="[/]X", kpi="[b]clicks"))
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        await pilot.press("P")
        await ready(pilot)
        table = app.screen.query_one(DataTable)
        lines = [table.render_line(y).text for y in range(1, 1 + table.row_count)]
        assert any("[/]X" in line and "[b]clicks" in line for line in lines), lines
        table.move_cursor(row=next(i for i, line in enumerate(lines) if "[/]X" in line))
        await pilot.press("e")
        assert str(app.screen.query_one("#plan-form-title").render()) == "Platform: [/]X"
