"""The month view: v after the grid and the agenda, [ and ] by month, enter opens a day's week
in the grid, / filters, and the edge cases (no channels, no posts, a channel added mid-month,
a daylight-saving change, weeks from Sunday, a February of 28 days)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from edcal.domain.models import Platform, Post, Settings, Status
from edcal.domain.month import Month
from edcal.services.month import read_month
from edcal.ui.widgets.month_view import MonthView
from edcal.ui.widgets.week_grid import WeekGrid

from .conftest import ready


def month_lines(app) -> list[str]:
    return app.screen.query_one(MonthView).render().plain.split("\n")


async def to_month(pilot) -> MonthView:
    await pilot.press("v", "v")  # grid → agenda → month
    await ready(pilot)
    return pilot.app.screen.query_one(MonthView)


async def test_v_cycles_to_the_month_which_marks_days_and_weeks(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        view = await to_month(pilot)
        assert view.display and view.has_focus and app.screen.sub_title == "November 2026"
        lines = month_lines(app)
        assert lines[0].split()[:7] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        week = next(n for n, line in enumerate(lines) if line.startswith("W48"))  # 23-29 November: the demo week
        assert "25•" in lines[week]  # today
        marks = lines[week + 1]
        assert "2◷" in marks and "3◷⚠" in marks and "2✔" in marks  # counts, the most advanced status, errors
        assert "… short: LinkedIn −2" in lines[week] and "✔ 1h10 of 1h" in marks  # cadence and time, in words
        # this week is not over: short of its cadence so far (…), not failed (✗); nor is the week to come
        ahead = next(n for n, line in enumerate(lines) if line.startswith("W49"))
        assert "… short: LinkedIn −3" in lines[ahead] and "… 0m of 1h, 1h to go" in lines[ahead + 1]
        earlier = next(n for n, line in enumerate(lines) if line.startswith("W46"))
        assert "✗" in lines[earlier + 1] and "short" in lines[earlier + 1]  # the demo's history: 15 minutes that week
        await pilot.press("v")  # and back to the grid
        assert app.screen.query_one(WeekGrid).display and not view.display


async def test_brackets_move_by_month_and_enter_opens_the_days_week(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        view = await to_month(pilot)
        first = view.day
        assert first in Month(2026, 11)  # where the grid's cursor was
        await pilot.press("right_square_bracket")
        await ready(pilot)
        assert app.screen.sub_title == "December 2026" and view.data.month == Month(2026, 12)
        assert view.day == first.replace(month=12)  # the same day of the month
        await pilot.press("up", "up", "left")  # two weeks and a day back
        moved = first.replace(month=12) - timedelta(days=15)
        assert view.day == moved
        assert f"{moved:%A %d %B %Y}" in str(app.screen.query_one("#cell-detail").render())
        await pilot.press("left_square_bracket", "left_square_bracket")
        await ready(pilot)
        october = moved.replace(month=10)
        assert view.data.month == Month(2026, 10) and view.day == october
        await pilot.press("enter")
        await ready(pilot)
        grid = app.screen.query_one(WeekGrid)
        assert grid.display and not view.display
        assert october in app.screen.week and grid.selected_day == october


async def test_the_footer_says_brackets_move_by_month_and_a_remap_moves_both(demo_store, make_app, tmp_path):
    from textual.widgets import Footer

    from edcal.config import Config

    def footer(app) -> str:
        return " ".join(f"{b.key_display or b.key} {b.description}" for b in app.screen.query_one(Footer).query("FooterKey"))

    app = make_app(config=Config(path=tmp_path / "c.toml", keys={"week.next": "w"}))
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert "Next week" in footer(app)
        await to_month(pilot)
        assert "Next month" in footer(app) and "Next week" not in footer(app)
        await pilot.press("w")  # the remapped key moves the month too
        await ready(pilot)
        assert app.screen.sub_title == "December 2026"
        await pilot.press("right_square_bracket")  # no longer bound
        await ready(pilot)
        assert app.screen.sub_title == "December 2026"


async def test_the_filter_counts_only_matching_posts(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await to_month(pilot)
        await pilot.press("slash", *"status:published", "enter")
        await ready(pilot)
        lines = month_lines(app)
        week = next(n for n, line in enumerate(lines) if line.startswith("W48"))
        assert "◷" not in lines[week + 1] and "1✔" in lines[week + 1] and "2✔" not in lines[week + 1]


async def test_no_channel_and_no_post(store, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("escape")  # the welcome: later
        view = await to_month(pilot)
        lines = month_lines(app)
        assert len([line for line in lines if line.startswith("W")]) == 6  # 26 Oct to 6 Dec
        assert all("✔" not in line and "◷" not in line for line in lines)
        # nothing recorded yet: no week is held against the minimum
        assert "· no targets" in lines[1] and all("— before first activity" in lines[n] for n in range(2, 13, 2))
        assert view.day == date(2026, 11, 25)


def _add(store, platform, when, status=Status.SCHEDULED):
    return store.add_post(Post(platform=platform, body="hello", status=status, scheduled_at=when, tz="Europe/Paris"))


def test_the_month_model_on_boundary_months(store):
    utc = timezone.utc
    store.save_settings(Settings(timezone="Europe/Paris", week_start=6))  # weeks from Sunday
    store.enable_platforms(["x"])
    store.save_platform(Platform("x", "X", "x", weekly_target=1))
    _add(store, "x", datetime(2026, 3, 28, 23, 30, tzinfo=utc))  # Sunday 29 March 00:30 in Paris, the change's day
    _add(store, "x", datetime(2026, 3, 29, 22, 30, tzinfo=utc))  # Monday 30th 00:30 (summer time)
    march = read_month(store, Month(2026, 3))
    assert [w.week.start for w in march.weeks][0] == date(2026, 3, 1)  # a Sunday
    assert march.marks(date(2026, 3, 29)).posts == 1 and march.marks(date(2026, 3, 30)).posts == 1
    (week,) = [w for w in march.weeks if w.week.start == date(2026, 3, 29)]
    assert week.channels[0][1].out == 2 and week.channels[0][1].state == "held"
    february = read_month(store, Month(2027, 2))  # 28 days, 1 Feb 2027 a Monday: Sunday weeks 31 Jan to 6 Mar
    assert len(february.weeks) == 5 and february.weeks[-1].week.end == date(2027, 3, 6)
    store.add_channel(Platform("mastodon", "Mastodon", "mastodon", weekly_target=2))  # a channel added mid-month
    store.enable_platforms(["x", "mastodon"])
    _add(store, "mastodon", datetime(2026, 3, 20, 9, 0, tzinfo=utc))
    again = read_month(store, Month(2026, 3))
    mastodon = [dict((p.key, c) for p, c in w.channels)["mastodon"] for w in again.weeks]
    assert [c.out for c in mastodon] == [0, 0, 1, 0, 0] and all(c.state == "short" for c in mastodon)


@pytest.mark.parametrize("size", [(80, 24), (140, 42), (200, 50)])
async def test_readable_at_three_sizes(demo_store, make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        view = await to_month(pilot)
        lines = month_lines(app)
        width = view.size.width
        assert all(len(line) <= width for line in lines), [len(line) for line in lines]
        assert sum(line.startswith("W") for line in lines) == 6
        assert view.region.bottom <= size[1] - 1  # the whole month above the footer
        # each day keeps room for its marks; the verdicts take the rest, whole where it is enough
        assert "3◷⚠" in lines[next(n for n, line in enumerate(lines) if line.startswith("W48")) + 1]
        w49 = next(line for line in lines if line.startswith("W49"))
        assert ("LinkedIn −3, Instagram −2, X −3, Mastodon −2" in w49) == (size[0] >= 140), w49


@pytest.mark.parametrize(("typed", "first_row", "rows", "last_day"), [
    ("2027-02-10", "W5  31", 5, "28"),  # 28 days, weeks from Sunday: 31 Jan to 6 Mar
    ("2026-03-29", "W10  1", 5, "31"),  # the clocks change in Paris on Sunday 29 March
])
async def test_weeks_from_sunday_a_short_february_and_a_clock_change_render(store, make_app, typed, first_row, rows,
                                                                             last_day):
    store.save_settings(Settings(timezone="Europe/Paris", week_start=6))
    store.enable_platforms(["x"])
    store.save_platform(Platform("x", "X", "x", weekly_target=1))
    _add(store, "x", datetime(2026, 3, 28, 23, 30, tzinfo=timezone.utc))  # 00:30 on the 29th in Paris
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("g", *typed, "enter")
        await ready(pilot)
        await to_month(pilot)
        lines = month_lines(app)
        assert lines[0].split()[:7] == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        weeks = [line for line in lines if line.startswith("W")]
        assert len(weeks) == rows and weeks[0].startswith(first_row) and last_day in " ".join(weeks)
        if typed.startswith("2026-03"):
            row = next(n for n, line in enumerate(lines) if line.startswith("W14"))  # 29 March to 4 April
            assert lines[row + 1].lstrip().startswith("1◷") and "✔ cadence held (1)" in lines[row]
