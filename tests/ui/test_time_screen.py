"""The time screen and the timer key, by Pilot."""

from datetime import date

from textual.widgets import DataTable, Input

from edcal.domain.week import Week
from edcal.ui.screens.dialogs import ConfirmScreen
from edcal.ui.screens.time import TimeScreen

from .conftest import SIZE, ready


async def test_time_screen_lists_adds_corrects_and_deletes(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("T")
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, TimeScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 4  # the demo week's entries
        assert "1h10 of 1h minimum" in str(screen.query_one("#time-title").render())
        # add 20 minutes
        await pilot.press("a", *"20m")
        screen.query_one("#at", Input).value = "wed 9:00"
        screen.query_one("#note", Input).value = "Planned next week"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert table.row_count == 5
        assert "1h30 of 1h minimum" in str(screen.query_one("#time-title").render())
        # the form stays open for the next entry; a bad duration is refused inline
        assert screen.query_one("#duration", Input).has_focus
        await pilot.press(*"0", "enter")
        await ready(pilot)
        assert "more than zero" in str(screen.query_one("#time-feedback").render())
        assert table.row_count == 5
        # correct the first entry
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("e")
        assert screen.query_one("#duration", Input).value == "25m"
        screen.query_one("#duration", Input).value = "35m"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert "1h40 of 1h" in str(screen.query_one("#time-title").render())
        # delete it, after confirming
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await ready(pilot)
        assert table.row_count == 4
        bars = str(screen.query_one("#weeks-bars").render())
        assert bars.count("W") >= 12 and "minimum 1h" in bars
        await pilot.press("escape")
        assert not isinstance(app.screen, TimeScreen)
    entries = demo_store.time_between(*Week(date(2026, 11, 23)).bounds("Europe/Paris"))
    assert sorted(e.minutes for e in entries) == [10, 15, 20, 20]
    assert any(e.note == "Planned next week" for e in entries)


async def test_timer_key_starts_shows_and_stops(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        assert demo_store.running_timer() is not None
        assert "⏱" in app.title
        await pilot.press("s")
        await ready(pilot)
        assert demo_store.running_timer() is None
        assert app.title == "edcal"


async def test_a_timer_started_elsewhere_shows_in_the_header(demo_store, make_app):
    from datetime import timedelta

    from edcal.domain import clock
    from edcal.domain.models import RunningTimer

    demo_store.start_timer(RunningTimer(started=clock.now() - timedelta(minutes=12), activity="ads"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.title.startswith("edcal ⏱ 12m") and app.title.endswith("ads")
