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
