"""The time screen and the timer key, by Pilot."""

from datetime import date

import pytest
from textual.widgets import DataTable, Input

from edcal.domain.week import Week
from edcal.ui.screens.dialogs import ConfirmScreen
from edcal.ui.screens.time import TimeScreen

from .conftest import SIZE, ready


async def open_time_screen(pilot) -> None:
    """From the loaded week, T, and wait for the time screen's entries."""
    await ready(pilot)
    await pilot.press("T")
    await ready(pilot)


async def test_time_screen_lists_adds_corrects_and_deletes(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_time_screen(pilot)
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
        # the demo's history starts 8 weeks back: the 3 weeks before it are not failures, and
        # of its 8 weeks the 4 short of the minimum (20m, 35m, 15m, 45m) are marked, not by colour alone
        assert bars.count("—  before the first activity") == 3 and bars.count("✗") == 4
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


async def test_an_entry_that_overlaps_or_ends_ahead_is_saved_with_a_warning(demo_store, make_app):
    app = make_app()  # Wednesday 25 November, 10:00 in Paris
    async with app.run_test(size=SIZE) as pilot:
        await open_time_screen(pilot)
        screen = app.screen
        feedback = screen.query_one("#time-feedback")
        await pilot.press("a", *"30m")
        screen.query_one("#at", Input).value = "mon 8:40"  # the demo's writing ran 08:30 to 08:55
        await pilot.press("ctrl+s")
        await ready(pilot)
        said = str(feedback.render())
        assert "Saved 30m of writing." in said and feedback.has_class("-warn")
        assert "⚠ it overlaps entry 1 (writing, Mon 08:30–08:55); is that time counted twice?" in said
        assert screen.query_one(DataTable).row_count == 5
        await pilot.press(*"1h")
        screen.query_one("#at", Input).value = "25/11 9:30"
        await pilot.press("ctrl+s")
        await ready(pilot)
        said = str(feedback.render())
        assert "it ends 30 minutes from now; time is logged once the work is done." in said
        assert "overlaps" not in said and screen.query_one(DataTable).row_count == 6
        await pilot.press(*"5m")
        screen.query_one("#at", Input).value = "tue 7:00"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert str(feedback.render()) == "Saved 5m of writing." and not feedback.has_class("-warn")


async def test_the_timer_started_from_the_grid_is_on_the_selected_platform_and_post(demo_store, make_app):
    from .test_week_screen import select

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "instagram", 1)  # the team photo, alone in its cell
        photo = app.screen.grid.selected_posts()[0].post
        await pilot.press("s")
        await ready(pilot)
        timer = demo_store.running_timer()
        assert (timer.platform, timer.post_id) == ("instagram", photo.id)
        await pilot.press("s")
        await ready(pilot)
        await select(pilot, "linkedin", 6)  # an empty Sunday
        assert app.screen.grid.selected_posts() == []
        await pilot.press("s")
        await ready(pilot)
        timer = demo_store.running_timer()
        assert (timer.platform, timer.post_id) == ("linkedin", None)


async def test_the_time_form_reads_yesterday(demo_store, make_app):
    app = make_app()  # Wednesday 25 November, 10:00 in Paris
    async with app.run_test(size=SIZE) as pilot:
        await open_time_screen(pilot)
        screen = app.screen
        await pilot.press("a", *"30m")
        screen.query_one("#at", Input).value = "yesterday 17:00"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert "Saved 30m of writing." in str(screen.query_one("#time-feedback").render())
    (entry,) = [e for e in demo_store.time_between(*Week(date(2026, 11, 23)).bounds("Europe/Paris")) if e.minutes == 30]
    assert f"{entry.start:%Y-%m-%d %H:%M}" == "2026-11-24 16:00"  # 17:00 in Paris is 16:00 UTC


@pytest.mark.parametrize("size", [(80, 24), (140, 42)])
async def test_the_activity_dropdown_opens_clear_of_the_footer(demo_store, make_app, size):
    from textual.widgets import Footer, Select
    from textual.widgets._select import SelectOverlay

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await open_time_screen(pilot)
        app.screen.query_one("#activity", Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        overlay = app.screen.query_one(SelectOverlay)
        assert overlay.display and overlay.region.height >= 5
        assert overlay.region.bottom <= app.screen.query_one(Footer).region.y


async def test_the_entries_table_is_drawn_at_its_columns_full_width_whenever_it_is_drawn(demo_store, make_app):
    """The table is filled again on each load and resize. A frame drawn between that fill
    and the table's next idle moment must not keep its cells cut to the headers' widths."""
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await open_time_screen(pilot)
        screen = app.screen
        assert isinstance(screen, TimeScreen) and screen._loaded is not None
        table = screen.query_one(DataTable)
        table.clear(columns=True)
        screen.on_time_loaded(screen._loaded)  # its columns made again, as going narrow or wide does ...
        for y in range(1 + table.row_count):  # ... and draw it before the table has had an idle moment
            table.render_line(y)
        await ready(pilot)
        lines = [table.render_line(y).text for y in range(1, 1 + table.row_count)]
        first = screen.entries[0]
        assert first.platform and first.note  # the demo's first entry names both, wider than their headers
        assert any(first.platform in line and first.note in line for line in lines), lines


@pytest.mark.parametrize("note", ["[/]", "[bold]not bold[/bold]", "[link=https://example.com]x"])
async def test_a_note_is_shown_as_typed_never_read_as_markup(demo_store, make_app, note):
    from datetime import datetime, timezone

    from edcal.domain.models import TimeEntry

    demo_store.add_time(TimeEntry(start=datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc), minutes=15, note=note))
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await open_time_screen(pilot)
        table = app.screen.query_one(DataTable)
        lines = [table.render_line(y).text for y in range(1, 1 + table.row_count)]
        assert any(note in line for line in lines), lines


def test_the_bars_mark_short_only_a_week_gone_by():
    """Browsed ahead, the 12 weeks reach past today's: a week to come is not short yet (no ✗),
    nor this one; a week gone by under the minimum is; one before the first activity is a dash."""
    from edcal.domain.timelog import WeekTotal
    from edcal.ui.screens.time import bars

    weeks = [Week(date(2026, 11, 16)).shift(n) for n in range(4)]  # weeks 47 to 50, this week the 49th
    totals = [WeekTotal(weeks[0], 0, 60, counted=False), WeekTotal(weeks[1], 20, 60), WeekTotal(weeks[2], 20, 60),
              WeekTotal(weeks[3], 0, 60)]
    lines = bars(totals, 60, current=weeks[2]).plain.splitlines()
    assert lines[0].startswith("W47 —") and "✗" not in lines[0]
    assert lines[1].startswith("W48") and lines[1].endswith("20m ✗")
    assert lines[2].endswith("20m") and lines[3].endswith("0m")  # this week and the next: not short yet
