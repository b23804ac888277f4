"""A post's text cannot drive the terminal the calendar is drawn on: an escape sequence in a
title or text (clear the screen, retitle the window, write the clipboard with OSC 52, an 8-bit
CSI, a bare CR) is drawn as pictures in the grid, the detail box and the editor, and no
control character reaches the terminal from any widget (Inputs included)."""

from datetime import datetime, timezone

from edcal.domain.models import Post
from edcal.ui.screens.editor import PostEditor
from edcal.ui.widgets.week_grid import WeekGrid

from .conftest import SIZE, ready

TITLE = "Evil\x1b[2J\x1b]0;pwned\x07T"
BODY = "Body\x1b[31mRED\x1b]52;c;aGVsbG8=\x07\x9b32mX\rY"
CONTROLS = [chr(c) for c in (*range(0x00, 0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0))]


def drawn(app) -> str:
    """Everything the app would write to the terminal for a full repaint, escape codes and all."""
    update = app.screen._compositor.render_full_update()
    return update.render_segments(app.console)


def text_of(rendered: str) -> str:
    """What the terminal shows of ``rendered``: its text, without the escape sequences Textual
    itself writes (CSI ... letter); any other control character stays and is looked for."""
    import re

    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", rendered)


async def test_control_characters_are_drawn_and_never_written(store, make_app):
    store.enable_platforms(["x"])
    store.add_post(Post(platform="x", title=TITLE, body=BODY, tz="Europe/Paris", status="draft",
                        scheduled_at=datetime(2026, 11, 25, 13, 0, tzinfo=timezone.utc)))
    app = make_app()  # Wednesday 25 November 2026, the post's day: the cursor is on it
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        assert "Evil␛[2J␛]0;pwned␇T" in grid.cell_text(0, 2).replace("\n", "")
        detail = str(app.screen.query_one("#cell-detail").render())
        assert "Body␛[31mRED␛]52;c;aGVsbG8=␇\\x9b32mX" in detail
        shown = text_of(drawn(app))
        assert not [c for c in CONTROLS if c in shown]
        await pilot.press("enter")
        await ready(pilot)
        editor = app.screen
        assert isinstance(editor, PostEditor)
        # (Rich itself drops a BEL from a line it is given; the rest is drawn one for one)
        assert editor.query_one("#body").get_line(0).plain == "Body␛[31mRED␛]52;c;aGVsbG8=\ufffd32mX"
        assert editor.query_one("#title").value == TITLE  # the text itself is kept as it is
        shown = text_of(drawn(app))
        assert "Evil[2J]0;pwnedT" in shown  # the Input's: dropped on the way out
        assert not [c for c in CONTROLS if c in shown]


MARKUP = "[/]Launch [b]now[/b] [link=https://example.com]x"


async def test_text_that_looks_like_markup_is_said_as_it_is(store, make_app):
    """Rich markup in a title or in what is typed is not read as markup: a stray ``[/]`` would
    otherwise stop the app with a traceback, and ``[b]`` would vanish from what is said."""
    from textual.widgets import DataTable, Input, Select

    from edcal.record import replace
    from edcal.ui.screens.dialogs import ConfirmScreen, PromptScreen
    from edcal.ui.screens.time import TimeScreen

    store.enable_platforms(["x"])
    store.save_platform(replace(store.get_platform("x"), name="[/]X"))  # a channel's name, as typed
    store.add_post(Post(platform="x", title=MARKUP, body="Body", tz="Europe/Paris", status="draft",
                        scheduled_at=datetime(2026, 11, 25, 13, 0, tzinfo=timezone.utc)))
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("d")  # delete the post under the cursor: asked first, with its title
        await ready(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "[/]Launch [b]now" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("n")
        await pilot.press("m")  # move it: the prompt names it too, and a bad answer is said back
        await ready(pilot)
        assert isinstance(app.screen, PromptScreen)
        assert "[/]Launch [b]now" in str(app.screen.query_one(".dialog-title").render())
        app.screen.query_one(Input).value = "[/]"
        await ready(pilot)
        assert "[/]" in str(app.screen.query_one("#prompt-feedback").render())
        await pilot.press("escape")
        await ready(pilot)
        await pilot.press("T")
        await ready(pilot)
        assert isinstance(app.screen, TimeScreen)
        platform = app.screen.query_one("#platform", Select)
        platform.value = "x"
        await ready(pilot)
        assert "[/]X" in str(platform.query_one("SelectCurrent Static#label").render())
        app.screen.query_one("#duration", Input).value = "[/]"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert "[/]" in str(app.screen.query_one("#time-feedback").render())
        assert app.screen.query_one(DataTable).row_count == 0
