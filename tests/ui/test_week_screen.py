"""The week grid and its keys, driven as a user would with Pilot."""

from datetime import datetime, timedelta, timezone

import pytest
from rich.console import Console

from edcal.config import Config, ExportConfig
from edcal.domain.models import Post
from edcal.ui.screens.dialogs import ChooserScreen, ConfirmScreen, HelpScreen, PromptScreen, WelcomeScreen
from edcal.ui.screens.editor import PostEditor
from edcal.ui.widgets.week_grid import WeekGrid

from .conftest import SIZE, ready


def cell_text(app, platform: str, column: int) -> str:
    grid = app.screen.query_one(WeekGrid)
    row = [p.key for p in grid.platforms].index(platform)
    return grid.cell_text(row, column)


async def select(pilot, platform: str, column: int) -> None:
    grid = pilot.app.screen.query_one(WeekGrid)
    row = [p.key for p in grid.platforms].index(platform)
    # move there with the keys a user would press, from where the cursor is
    rows, columns = row - grid.cursor_row, column - grid.cursor_column
    await pilot.press(*(["j" if rows > 0 else "k"] * abs(rows)), *(["l" if columns > 0 else "h"] * abs(columns)))
    assert (grid.cursor_row, grid.cursor_column) == (row, column)


async def test_week_paints_then_loads_posts_into_their_cells(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.screen.sub_title == "Week 48 · 23–29 Nov 2026"
        grid = app.screen.query_one(WeekGrid)
        assert [p.key for p in grid.platforms] == ["linkedin", "instagram", "x", "mastodon"]
        assert "09:00" in cell_text(app, "linkedin", 0) and "Launch week kickoff" in cell_text(app, "linkedin", 0)
        assert "⚠" in cell_text(app, "x", 3)  # the over-long thread on Thursday
        assert cell_text(app, "x", 5) == ""
        assert grid.today_column == 2 and grid.day_header(2) == "Wed 25 • today"
        screen_text = "\n".join(line.text for line in grid.render_lines(grid.region.reset_offset))
        # the empty weekend gives its width to the busy days
        assert "Tue 24       Wed 25 •     Thu 26      Fri 27      Sat 28   Sun 29" in screen_text
        # each post a card: its time and marks, then its title wrapped on the lines below; the
        # same text as on X this week is the mark =X, the title keeps its room
        assert "LinkedIn    09:00◷                    09:05✎=X                 11:00·" in screen_text
        # what will go out counts (scheduled 09:00); the draft shows apart, the dated idea not at all
        assert "\n1/3 posts   Launch week               Launch                   Customer" in screen_text
        assert "\n+1 draft    kickoff                                            story:…" in screen_text
        assert "\n2/2 posts " in screen_text


async def test_new_post_by_keys_lands_in_its_cell_and_the_database(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "mastodon", 5)  # Saturday
        await pilot.press("n")
        assert isinstance(app.screen, PostEditor)
        await pilot.press(*"Weekend reading list #fediverse")
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert not isinstance(app.screen, PostEditor)
        assert "Weekend reading" in cell_text(app, "mastodon", 5)
    saved = [p for p in demo_store.all_posts() if p.body.startswith("Weekend reading")]
    assert len(saved) == 1
    post = saved[0]
    assert post.platform == "mastodon" and post.status == "draft"
    assert post.local_time().strftime("%Y-%m-%d %H:%M") == "2026-11-28 09:00" and post.tz == "Europe/Paris"


async def test_crossing_week_boundaries(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket")
        await ready(pilot)
        assert app.screen.sub_title == "Week 49 · 30 Nov – 6 Dec 2026"
        assert cell_text(app, "linkedin", 0) == ""
        await pilot.press("left_square_bracket", "left_square_bracket")
        await ready(pilot)
        assert app.screen.sub_title.startswith("Week 47")
        await pilot.press("t")
        await ready(pilot)
        assert app.screen.sub_title.startswith("Week 48")
        assert app.screen.query_one(WeekGrid).cursor_column == 2  # today, Wednesday


async def test_go_to_a_typed_date(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("g")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"someday")
        assert app.screen.query_one("#prompt-feedback").has_class("-error")
        await pilot.press("enter")  # refused: still asking
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*["backspace"] * 7, *"2026-12-24", "enter")
        await ready(pilot)
        assert app.screen.sub_title.startswith("Week 52")
        assert app.screen.query_one(WeekGrid).cursor_column == 3


async def test_go_to_a_week_by_its_number_keeps_the_cursors_day(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "linkedin", 4)  # a Friday
        await pilot.press("g", *"2027-W53")
        feedback = app.screen.query_one("#prompt-feedback")
        assert feedback.has_class("-error") and "2027 has weeks 1 to 52" in str(feedback.render())
        await pilot.press(*["backspace"] * 2, *"01")
        assert not feedback.has_class("-error") and "→ Week 1 · 4–10 Jan 2027" in str(feedback.render())
        await pilot.press("enter")
        await ready(pilot)
        assert app.screen.sub_title == "Week 1 · 4–10 Jan 2027"
        assert app.screen.query_one(WeekGrid).cursor_column == 4


async def test_delete_asks_first(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "mastodon", 3)  # Thursday: the office hours post
        before = demo_store.count_posts()
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert demo_store.count_posts() == before
        await pilot.press("d", "y")
        await ready(pilot)
        assert demo_store.count_posts() == before - 1
        assert cell_text(app, "mastodon", 3) == ""


async def test_move_keeps_the_time_of_day(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "mastodon", 3)  # Thursday 18:00
        await pilot.press("m")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*["backspace"] * 10, *"fri", "enter")
        await ready(pilot)
        assert "18:00" in cell_text(app, "mastodon", 4) and cell_text(app, "mastodon", 3) == ""
    moved = [p for p in demo_store.all_posts() if p.body.startswith("Office hours")][0]
    assert moved.local_time().strftime("%a %H:%M") == "Fri 18:00"


def grid_lines(grid) -> list[str]:
    """The grid's lines as they are on screen now."""
    return [line.text for line in grid.render_lines(grid.region.reset_offset)]


async def test_arrow_keys_move_the_cursor_and_stop_at_the_edges(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        assert (grid.cursor_row, grid.cursor_column) == (0, 2)  # on today
        await pilot.press("down")
        assert (grid.cursor_row, grid.cursor_column) == (1, 2)
        assert "Instagram · Wednesday 25 November" in str(app.screen.query_one("#cell-detail").render())
        await pilot.press(*["left"] * 5, *["up"] * 5)
        assert (grid.cursor_row, grid.cursor_column) == (0, 0)
        await pilot.press(*["right"] * 9, *["down"] * 9)
        assert (grid.cursor_row, grid.cursor_column) == (3, 6)


async def test_a_click_selects_the_cell_under_the_mouse(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        y = next(n for n, line in enumerate(grid_lines(grid)) if line.startswith("Instagram"))
        x = grid_lines(grid)[0].index("Fri 27")
        await pilot.click(WeekGrid, offset=(x + 1, y))
        assert (grid.cursor_row, grid.cursor_column) == (1, 4)
        assert "Instagram · Friday 27 November" in str(app.screen.query_one("#cell-detail").render())


async def test_a_full_cell_shows_one_line_per_post_and_how_many_more(demo_store, make_app):
    start = datetime(2026, 11, 27, 6, 0, tzinfo=timezone.utc)  # Friday, 07:00 in Paris
    for n in range(30):
        demo_store.add_post(Post(platform="mastodon", body=f"Toot number {n}", tz="Europe/Paris",
                                 scheduled_at=start + timedelta(minutes=20 * n)))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        assert len(cell_text(app, "mastodon", 4).splitlines()) == 30
        assert grid.size.height == grid.virtual_size.height  # the rows share the screen, no scrolling
        column = grid_lines(grid)[0].index("Fri 27")
        friday = [line[column:grid_lines(grid)[0].index("Sat 28") - 1].rstrip() for line in grid_lines(grid)]
        start_row = next(n for n, line in enumerate(grid_lines(grid)) if line.startswith("Mastodon"))
        mastodon = friday[start_row:]
        more = next(line for line in mastodon if line.startswith("+"))
        shown = [line for line in mastodon[:mastodon.index(more)] if line]
        assert shown[0].startswith("07:00✎ To") and shown[0].endswith("…")
        assert len(shown) + int(more.split()[0][1:]) == 30  # one line each
        # the other rows keep room for their cards
        assert "Launch week" in "\n".join(grid_lines(grid)[:start_row])


async def test_rows_scroll_when_the_screen_is_too_short_and_follow_the_cursor(store, make_app):
    for _ in range(12):
        store.enable_platforms(["x", "mastodon", "bluesky", "linkedin", "threads", "facebook", "instagram",
                                "pinterest", "reddit", "tiktok", "youtube", "instagram_reel"])
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        assert grid.scroll_offset.y == 0 and grid.size.height < grid.virtual_size.height  # it scrolls
        await pilot.press(*["j"] * 11)
        assert grid.scroll_offset.y > 0
        assert any(line.startswith("Instagram") for line in grid_lines(grid))
        assert grid_lines(grid)[0].startswith("            Mon 23")  # the day names stay on top
        await pilot.press(*["k"] * 11)
        assert grid.scroll_offset.y == 0 and grid_lines(grid)[2].startswith("X")


async def test_enter_offers_a_chooser_when_a_cell_has_several_posts(store, make_app):
    when = datetime(2026, 11, 24, 8, 0, tzinfo=timezone.utc)
    store.add_post(Post(platform="x", body="first", scheduled_at=when, tz="Europe/Paris"))
    store.add_post(Post(platform="x", body="second", scheduled_at=when.replace(hour=15), tz="Europe/Paris"))
    store.enable_platforms(["x"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "x", 1)
        await pilot.press("enter")
        assert isinstance(app.screen, ChooserScreen)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, PostEditor)
        assert app.screen.query_one("#body").text == "second"


async def test_copy_to_another_platform_makes_a_flagged_draft(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "mastodon", 3)
        await pilot.press("c")
        assert isinstance(app.screen, ChooserScreen)
        await pilot.press("enter")  # the first other platform: linkedin
        await ready(pilot)
        assert "=Ma" in cell_text(app, "linkedin", 3)  # the same text as on Mastodon this week
    copies = [p for p in demo_store.all_posts() if p.body.startswith("Office hours")]
    assert sorted(p.platform for p in copies) == ["linkedin", "mastodon"]
    copy = next(p for p in copies if p.platform == "linkedin")
    assert copy.status == "draft" and copy.local_time().strftime("%a %H:%M") == "Thu 18:00"


async def test_help_lists_keys_including_remapped_ones(demo_store, make_app, tmp_path):
    app = make_app(config=Config(path=tmp_path / "c.toml", keys={"week.next": "w"}))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("w")
        await ready(pilot)
        assert app.screen.sub_title.startswith("Week 49")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=96, record=True)
        console.print(app.screen.query_one("#help-keys").content)
        text = console.export_text()
        assert "next week" in text and "delete a post" in text
        line = next(row for row in text.splitlines() if "next week" in row)
        assert line.split()[:2] == ["w", "week.next"]  # the key, then the id to remap it by
        hint = " ".join(str(h.render()) for h in app.screen.query(".dialog-hint"))
        assert "the config file's [keys] table" in hint  # shown as typed, not eaten as markup
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_offers_the_actions(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"next week")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await ready(pilot)
        assert app.screen.sub_title.startswith("Week 49")


async def palette_titles(pilot, query: str) -> list[str]:
    """What the real command palette lists for ``query``, as a user would see it."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p", *query)
    for _ in range(20):  # the palette searches in the background
        await pilot.pause(0.05)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    options = palette.query_one(CommandList)
    titles = [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)]
    await pilot.press("escape")
    return titles


async def test_the_palette_offers_only_what_the_cell_allows(demo_store, make_app):
    """The palette comes from the same table as the keys, and knows where the cursor is."""
    from edcal.ui.commands import edcal_commands

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "mastodon", 3)  # Thursday: a post
        titles = {c.title for c in edcal_commands(app, app.screen)}
        assert {"Delete post", "Move post", "Next week", "Start or stop the timer"} <= titles
        assert "Delete post" in await palette_titles(pilot, "delete")
        await select(pilot, "mastodon", 6)  # Sunday: nothing planned
        titles = {c.title for c in edcal_commands(app, app.screen)}
        assert "Delete post" not in titles and "Move post" not in titles and "New post" in titles
        assert "Delete post" not in await palette_titles(pilot, "delete")
        assert "New post" in await palette_titles(pilot, "new")
        help_text = [c.help for c in edcal_commands(app, app.screen) if c.title == "Next week"]
        assert help_text == ["next week (])"]


async def test_first_run_welcome_enables_chosen_platforms(store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#welcome-start")
        assert "at least one" in str(app.screen.query_one("#welcome-feedback").render())
        # x is the first profile, mastodon the second
        await pilot.press("tab" if app.focused is None else "shift+tab")
        app.screen.query_one("#welcome-platforms").focus()
        await pilot.press("space", "down", "space")
        await pilot.click("#welcome-start")
        await ready(pilot)
        assert [p.key for p in app.screen.query_one(WeekGrid).platforms] == ["x", "mastodon"]
    assert [p.key for p in store.platforms(enabled_only=True)] == ["x", "mastodon"]


async def test_a_database_that_cannot_open_is_reported_inline(tmp_path, make_app, config):
    from .conftest import StillApp

    (tmp_path / "[red]").mkdir()
    junk = tmp_path / "[red]" / "junk.db"  # a folder's name that is markup: said as it is
    junk.write_text("not a database\n" * 50)
    app = StillApp(f"sqlite:///{junk}", config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        title = str(app.screen.query_one("#week-title").render())
        assert "Cannot open the database" in title and "not an SQLite database" in title
        assert "[red]" in title, title
        await pilot.press("q")
    assert junk.read_text().startswith("not a database")


async def test_export_key_writes_the_calendar_and_says_where(demo_store, make_app, tmp_path):
    from datetime import date, time

    from edcal.domain.recurrence import Series

    target = tmp_path / "[red]out" / "plan.ics"  # a folder's name that is markup: said as it is
    config = Config(path=tmp_path / "c.toml", export=ExportConfig(ics=target))
    app = make_app(config=config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await ready(pilot)
        messages = [n.message for n in app._notifications]
        planned = sum(1 for p in demo_store.all_posts() if p.status in ("scheduled", "published"))
        assert f"Exported {planned} posts to {target}" in messages, messages
        shown = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any(str(target) in text for text in shown), shown
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    # the same calendar as the command line's, DTSTAMP apart
    from ..unit.test_cli_errors import edcal

    series = Series(platform="x", rule="FREQ=WEEKLY;BYDAY=FR", at=time(12, 0), tz="Europe/Paris",
                    start=date(2026, 11, 1), title="Weekly recap")
    demo_store.add_series(series)  # open slots go in both
    async with make_app(config=config).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await ready(pilot)
    cli = edcal("export", "ics", "--db", demo_store.url.removeprefix("sqlite:///"))
    assert cli.returncode == 0, cli.stderr

    def unstamped(data: str) -> list[str]:
        return [line for line in data.split("\r\n") if not line.startswith("DTSTAMP")]

    assert "Slot: Weekly recap" in cli.stdout
    assert unstamped(target.read_bytes().decode()) == unstamped(cli.stdout.replace("\n", "\r\n"))


async def test_open_slots_show_and_enter_fills_one(store, make_app):
    from datetime import date, time

    from edcal.domain.recurrence import Series

    store.enable_platforms(["linkedin"])
    series = store.add_series(Series(platform="linkedin", rule="FREQ=WEEKLY;BYDAY=TU", at=time(9, 0),
                                     tz="Europe/Paris", start=date(2026, 11, 1), title="Weekly insight",
                                     template="This week we learned"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "09:00○ Weekly insight" in cell_text(app, "linkedin", 1)
        await select(pilot, "linkedin", 1)
        detail = str(app.screen.query_one("#cell-detail").render())
        assert "09:00 open slot: Weekly insight" in detail and "nothing planned" not in detail
        await pilot.press("enter")
        editor = app.screen
        assert isinstance(editor, PostEditor)
        assert editor.query_one("#body").text == "This week we learned"
        assert editor.query_one("#when").value == "2026-11-24 09:00"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert cell_text(app, "linkedin", 1) == "09:00✎ Weekly insight"  # a draft now, no open slot
    (post,) = store.all_posts()
    assert post.series_id == series.id and post.slot_date == date(2026, 11, 24)


async def test_a_narrow_terminal_gives_the_sidebar_room_to_the_days(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(90, 30)) as pilot:
        await ready(pilot)
        sidebar, grid = app.screen.query_one("#sidebar"), app.screen.query_one(WeekGrid)
        assert not sidebar.display and grid.size.width >= 85
        assert "09:00◷ L" in grid_lines(grid)[2]
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert sidebar.display and "Backlog" in str(app.screen.query_one("#sidebar-text").render())


async def test_a_new_theme_repaints_the_grid_and_sidebar_in_its_colours(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)

        def cursor_background():
            line = grid.render_lines(grid.region.reset_offset)[2]  # LinkedIn, Monday: the cursor
            return next(s.style.bgcolor for s in line if s.text.startswith("09:00"))

        def sidebar_title_colour():
            return app.screen.query_one("#sidebar-text").render().spans[0].style

        before, title_before = cursor_background(), sidebar_title_colour()
        app.theme = "nord"
        await pilot.pause()
        await pilot.pause()
        assert cursor_background() != before and sidebar_title_colour() != title_before


async def test_keys_typed_before_the_welcome_appears_go_to_it_and_marks_say_what_is_chosen(store, make_app):
    import threading

    from textual.widgets import SelectionList

    from edcal.domain.week import Week
    from edcal.services.week import load_week
    from edcal.ui.screens.week import WeekScreen

    from .conftest import TODAY, GatedApp, until

    gate = threading.Event()
    app = GatedApp(store.url, store.config, week=load_week(store, Week.of(TODAY)), gate=gate)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "space", "l")  # typed while the database is still opening
        assert isinstance(app.screen, WeekScreen)
        gate.set()
        await ready(pilot)
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.screen.query_one(SelectionList).selected)
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        platforms = welcome.query_one(SelectionList)
        assert platforms.selected == ["mastodon"]  # down, then space: the second platform
        assert [str(platforms.get_option_at_index(i).prompt) for i in range(2)] == ["  X", "✓ Mastodon"]
        await pilot.press("up", "space")
        assert [str(platforms.get_option_at_index(i).prompt) for i in range(2)] == ["✓ X", "✓ Mastodon"]


async def test_keys_typed_while_the_database_opens_reach_the_grid_of_the_first_frames_week(demo_store, make_app):
    import threading

    from edcal.domain.week import Week
    from edcal.services.week import load_week

    from .conftest import TODAY, GatedApp, until

    gate = threading.Event()
    app = GatedApp(demo_store.url, demo_store.config, week=load_week(demo_store, Week.of(TODAY)), gate=gate)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "j")  # two days right, one platform down, before the database is open
        gate.set()
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        await until(pilot, lambda: (grid.cursor_row, grid.cursor_column) == (1, 4))
        assert (grid.cursor_row, grid.cursor_column) == (1, 4)  # held, then given to the grid: none lost


async def test_the_detail_box_joins_a_posts_problems_as_sentences(store, make_app):
    from datetime import datetime, timezone

    from edcal.domain.models import Post
    from edcal.services import posts

    store.enable_platforms(["instagram"])
    tags = " ".join(f"#tag{n}" for n in range(8))  # over Instagram's hashtag cap, and no image
    posts.save(store, Post(platform="instagram", body=f"Hello {tags}", status="draft",
                           scheduled_at=datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc), tz="UTC"))
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        await select(pilot, "instagram", 3)
        detail = str(app.screen.query_one("#cell-detail").render())
        assert "this post has 8. Instagram feed needs an image or a video attached." in detail
        assert ".;" not in detail and ". " in detail.split("draft:", 1)[1]


@pytest.mark.parametrize(("logged", "minimum"), [(0, 60), (20, 60), (70, 60), (23 * 60 + 50, 20 * 60)])
def test_the_sidebars_time_lines_fit_its_width(logged, minimum):
    from rich.console import Console

    from edcal.domain.models import Settings
    from edcal.domain.week import Week
    from edcal.services.week import WeekData
    from edcal.ui.widgets.sidebar import sidebar_text

    from .conftest import TODAY

    data = WeekData(Week.of(TODAY), [], minutes=logged, settings=Settings(weekly_minimum=minimum, timezone="UTC"))
    console = Console(width=24, record=True)  # the sidebar: 26 columns less its padding
    console.print(sidebar_text(data))
    lines = console.export_text().splitlines()
    assert lines[1].startswith("━") and "of" in lines[2] and lines[3].strip().endswith(("✔ met", "to go"))
    assert "Backlog" in lines[5]  # nothing wrapped onto another line


async def test_a_post_planned_in_another_zone_shows_on_the_viewers_clock_with_its_own(store, make_app):
    from edcal.domain.dates import resolve_wall_time
    from edcal.services import posts

    store.enable_platforms(["x"])
    new_york = resolve_wall_time(datetime(2026, 11, 26, 9, 0), "America/New_York")  # 15:00 in Paris
    posts.save(store, Post(platform="x", body="For the US morning", status="draft", scheduled_at=new_york.utc,
                           tz="America/New_York"))
    app = make_app()  # the viewer is in Paris
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert cell_text(app, "x", 3).startswith("15:00*✎")
        await select(pilot, "x", 3)
        detail = str(app.screen.query_one("#cell-detail").render())
        assert "15:00 draft: For the US morning (09:00 New York)" in detail


async def test_the_posting_loop_copies_opens_the_compose_page_and_marks_published(demo_store, make_app, tmp_path):
    import webbrowser
    from urllib.parse import parse_qs, urlsplit

    from edcal.domain.compose_pages import post_text

    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"  # a browser that writes down the page it is asked for
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{opened}"\n')
    browser.chmod(0o755)
    webbrowser.register("edcal-test-browser", None, webbrowser.GenericBrowser([str(browser), "%s"]), preferred=True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "x", 0)  # Monday 12:30, scheduled: "Launch week starts now"
        post = app.screen.query_one(WeekGrid).selected_posts()[0].post
        await pilot.press("y")
        await ready(pilot)
        assert app.clipboard == post_text(post) and "Launch week starts now" in app.clipboard
        await pilot.press("o")
        await ready(pilot)
        page = urlsplit(opened.read_text())
        assert page.netloc == "x.com" and parse_qs(page.query)["text"] == [post_text(post)]
        await pilot.press("p")
        await ready(pilot)
        assert isinstance(app.screen, PromptScreen)  # its address, optional
        await pilot.press(*"x.com/tide", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)  # not an address: said, and kept open
        assert "https://" in str(app.screen.query_one("#prompt-feedback").render())
        app.screen.query_one("#prompt-input").value = "https://x.com/tidewater/status/1"
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # then: record its results now?
        await pilot.press("y")
        await ready(pilot)
        assert isinstance(app.screen, PostEditor)
        assert app.screen.query_one("#published-url").value == "https://x.com/tidewater/status/1"
        app.screen.query_one("#result-reach").value = "1200"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert "⚠" not in cell_text(app, "x", 0) and cell_text(app, "x", 0).startswith("12:30✔")
        await select(pilot, "instagram", 1)
        await pilot.press("o")  # Instagram has no compose page: said inline
        await ready(pilot)
    published = demo_store.get_post(post.id)
    assert published.status == "published" and published.published_url == "https://x.com/tidewater/status/1"
    assert demo_store.results([post.id])[post.id].reach == 1200


async def test_slash_filters_the_week_as_you_type_and_escape_clears_it(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        assert not app.screen.query("#filter")  # the field is made at the first /, off the first frame
        assert app.focused is None or app.focused is grid
        await pilot.press("slash", *"launch")
        await pilot.pause()
        status = app.screen.query_one("#filter-status")
        assert grid.filter.search == "launch" and str(status.render()) == "7 of 11 posts match"
        faint = [s.style for s in grid._entries[0, 4][0].line().spans]  # Friday's idea on LinkedIn: no "launch"
        assert any("strike" in str(style) for style in faint)
        assert not any("strike" in str(s.style) for s in grid._entries[0, 0][0].line().spans)  # Monday's kickoff matches
        await pilot.press(*" status:sent")
        await pilot.pause()
        assert "There is no status 'sent'" in str(status.render())
        app.screen.query_one("#filter").value = "zzz"
        await pilot.pause()
        assert str(status.render()) == 'No post this week matches text "zzz".'
        await pilot.press("enter", "l")  # back to the grid, the filter kept
        assert app.focused is not app.screen.query_one("#filter")
        assert grid.cursor_column == 3 and grid.filter.search == "zzz"
        await pilot.press("escape")
        await pilot.pause()
        assert not grid.filter and not app.screen.query_one("#filter-bar").display
