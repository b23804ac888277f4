"""The week at any size: cards that use the screen, fewer days when narrow, the agenda."""

from datetime import datetime, timezone
from itertools import pairwise

from edcal.domain.models import Post
from edcal.ui.screens.dialogs import PromptScreen
from edcal.ui.screens.editor import PostEditor
from edcal.ui.widgets.agenda import Agenda
from edcal.ui.widgets.backlog import Backlog
from edcal.ui.widgets.week_grid import WeekGrid, share_lines

from .conftest import ready, until
from .test_week_screen import cell_text, grid_lines


def test_rows_get_their_floor_then_what_they_want_in_turn_then_the_rest():
    assert share_lines([2, 2, 2], [2, 9, 3], 12) == [2, 7, 3]  # the spare 6 to those that want more
    assert share_lines([2, 2, 2], [2, 4, 3], 12) == [3, 5, 4]  # then what is left, to all in turn
    assert share_lines([2, 2], [8, 8], 6) == [3, 3]  # not room for both: halves
    assert share_lines([2, 3], [2, 3], 4) == [2, 3]  # too short: the floors, the grid scrolls
    assert sum(share_lines([2, 2, 2, 2], [2, 2, 2, 2], 21)) == 21  # the rows fill the room


async def test_at_80_columns_three_days_show_and_follow_the_cursor(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        header = grid_lines(grid)[0]
        assert "Mon 23" in header and "Wed 25 • today" in header and "Thu 26" not in header
        assert header.startswith("  3 of 7 ▸")
        assert "LinkedIn    09:00◷ Launch week" in "\n".join(grid_lines(grid))  # a title that reads
        assert grid.cursor_column == 2  # today
        await pilot.press("l")  # Thursday: the days follow
        header = grid_lines(grid)[0]
        assert grid.cursor_column == 3 and "Thu 26" in header and "Mon 23" not in header
        assert header.startswith("◂ 3 of 7 ▸")
        await pilot.press("l", "l", "l", "l")
        assert grid.cursor_column == 6 and grid_lines(grid)[0].startswith("◂ 3 of 7  ")
        assert "Sun 29" in grid_lines(grid)[0]
        await pilot.press(*["h"] * 6)
        assert "Mon 23" in grid_lines(grid)[0]


async def test_at_200_columns_the_whole_week_shows_with_whole_titles(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        lines = grid_lines(app.screen.query_one(WeekGrid))
        assert all(day in lines[0] for day in ("Mon 23", "Thu 26", "Sun 29"))
        x = lines[0].index("Mon 23")
        monday = " ".join(line[x:lines[0].index("Tue 24")].strip() for line in lines[2:8])
        assert "09:00◷ Launch week kickoff" in monday  # the title in full
        assert "…" not in "\n".join(lines[:8])  # nothing of LinkedIn's week cut
        assert len(lines) == app.screen.query_one(WeekGrid).size.height  # rows share the screen
        # each line is drawn with as few segments as its styles need: no two neighbours alike
        for y in range(len(lines)):
            segments = list(app.screen.query_one(WeekGrid).render_line(y))
            assert all(a.style != b.style for a, b in pairwise(segments)), y


async def test_a_long_platform_name_wraps_rather_than_being_cut(store, make_app):
    store.enable_platforms(["google_business", "x"])
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        labels = [line[:11].strip() for line in grid_lines(app.screen.query_one(WeekGrid))]
        assert labels[2:5] == ["Google", "Business", "Profile"]


async def test_the_detail_box_shows_each_post_in_full(store, make_app):
    body = "A long post that says a great deal. " * 6 + "The very end."
    store.enable_platforms(["linkedin"])
    store.add_post(Post(platform="linkedin", body=body, tz="Europe/Paris",
                        scheduled_at=datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)))
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("h", "h")  # Monday
        detail = " ".join(str(app.screen.query_one("#cell-detail").render()).split())
        assert " ".join(body.split()) in detail


async def test_v_shows_the_week_as_an_agenda_whose_keys_act_on_the_highlighted_post(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("v")
        agenda = app.screen.query_one(Agenda)
        assert agenda.display and not app.screen.query_one(WeekGrid).display and app.focused is agenda
        days = [str(agenda.get_option_at_index(n).prompt) for n in range(agenda.option_count)
                if agenda.get_option_at_index(n).disabled]
        assert days[0] == "Monday 23 November" and days[2] == "Wednesday 25 November • today"
        first = agenda.selected_item
        assert first is not None and first.post.headline() == "Launch week kickoff"
        await pilot.press("j")
        assert agenda.selected_item.post.platform == "x"  # Monday 12:30
        assert "X · Monday 23 November" in str(app.screen.query_one("#cell-detail").render())
        await pilot.press("slash", *"office", "enter")
        await pilot.pause()
        assert "1 of 11 posts match" == str(app.screen.query_one("#filter-status").render())
        await pilot.press("enter")  # back in the agenda: opens the highlighted post
        await pilot.pause()
        assert isinstance(app.screen, PostEditor) and "Launch week starts now" in app.screen.query_one("#body").text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("v", "v")  # agenda → month → grid
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        assert grid.display and (grid.selected_platform.key, grid.cursor_column) == ("x", 0)  # where the agenda was


async def test_b_goes_to_the_backlog_where_enter_opens_an_idea(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        sidebar = app.screen.query_one("#sidebar")
        assert not sidebar.display  # under 100 columns the days have the room...
        await pilot.press("b")
        backlog = app.screen.query_one(Backlog)
        assert app.focused is backlog and sidebar.display  # ...until the backlog is asked for
        assert backlog.selected_item.post.headline().startswith("Reel:")
        await pilot.press("j")
        assert backlog.selected_item.post.headline().startswith("Write up the pricing")
        assert "Backlog · LinkedIn" in str(app.screen.query_one("#cell-detail").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PostEditor) and app.screen.query_one("#when").value == ""
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("b")
        assert app.focused is not backlog and not sidebar.display


async def test_m_gives_an_idea_a_date_and_it_leaves_the_backlog_as_a_draft(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("tab")  # tab reaches the backlog too
        backlog = app.screen.query_one(Backlog)
        assert app.focused is backlog
        idea = backlog.selected_item.post
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen) and app.screen.query_one("#prompt-input").value == ""
        await pilot.press(*"fri", "enter")  # a day without a time: asked for
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        assert "time" in str(app.screen.query_one("#prompt-feedback").render())
        await pilot.press(*" 10:00", "enter")
        await ready(pilot)
        assert f"idea-{idea.id}" not in backlog.items
        planned = demo_store.get_post(idea.id)
        assert planned.status == "draft" and planned.local_time().strftime("%a %H:%M") == "Fri 10:00"
        assert "10:00✎" in cell_text(app, idea.platform, 4)


async def test_n_in_the_backlog_adds_an_idea_without_a_date(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("b", "n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, PostEditor)
        assert editor.query_one("#when").value == "" and editor.query_one("#status").value == "idea"
        editor.query_one("#body").text = "A behind-the-scenes video of the support desk"
        await pilot.press("ctrl+s")
        await ready(pilot)
        backlog = app.screen.query_one(Backlog)
        assert any(item.post.body.startswith("A behind-the-scenes") for item in backlog.items.values())


async def test_the_palette_lists_campaigns_and_filters_the_week_to_one(demo_store, make_app):
    from .test_week_screen import palette_titles

    demo_store.add_post(Post(platform="x", body="Spring teaser", campaign="Spring sale", tz="Europe/Paris",
                             scheduled_at=datetime(2027, 3, 1, 8, 0, tzinfo=timezone.utc)))
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        titles = await palette_titles(pilot, "campaign")
        assert "Campaign: Spring sale" in titles and "Campaign: launch-2.0" in titles  # any week's campaigns
        await pilot.press("ctrl+p", *"campaign: launch")
        for _ in range(20):
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        grid = app.screen.query_one(WeekGrid)
        assert grid.filter.campaign == "launch-2.0"
        assert str(app.screen.query_one("#filter-status").render()).endswith("posts match")
        assert app.focused is None  # the grid's keys, the filter kept


def test_empty_days_give_their_width_to_busy_ones():
    from edcal.ui.widgets.week_grid import EMPTY_DAY, LABEL_WIDTH, column_spans

    for width in (80, 94, 120, 174, 260):
        even = column_spans(width)
        assert column_spans(width, 7, [True] * 7) == even == column_spans(width, 7, [False] * 7)
        weekdays = column_spans(width, 7, [True] * 5 + [False] * 2)
        sizes = [size for _, size in weekdays]
        assert sum(sizes) == sum(size for _, size in even)  # the same grid, shared otherwise
        assert sizes[5] == sizes[6] == min(EMPTY_DAY, even[6][1])  # room for their header
        assert min(sizes[:5]) >= max(size for _, size in even[:5])  # every busy day at least as wide
        assert weekdays[0][0] == LABEL_WIDTH + 1 and all(  # columns side by side, a gutter apart
            x + size + 1 == nxt for (x, size), (nxt, _) in zip(weekdays, weekdays[1:], strict=False))


async def test_keys_typed_in_one_burst_act_where_the_first_moved_the_focus(demo_store, make_app):
    """`b n` arriving in one read of the terminal: n adds an idea to the backlog that b went to,
    not a post in the grid's cell (the focus moves before the next key is read)."""
    from textual import events

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        for key in ("b", "n"):
            app.post_message(events.Key(key, key))
        await until(pilot, lambda: isinstance(app.screen, PostEditor))
        assert app.screen.query_one("#status").value == "idea" and app.screen.query_one("#when").value == ""
