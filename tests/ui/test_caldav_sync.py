"""The CalDAV sync in the TUI, against a real Radicale: x offers it, X runs it, the sidebar says
how the last one went, a background sync never holds a key, and a failure is said inline."""

import threading
import time
from datetime import datetime, timezone

from edcal.config import CalDAVConfig
from edcal.domain.models import Post
from edcal.export.caldav import Account
from edcal.export.ical import event_uid
from edcal.record import replace
from edcal.services import posts
from edcal.ui.widgets import caldav_sync
from tests.services.dav import CalendarClient, FaultyProxy, free_port, move_event
from tests.ui.conftest import SIZE, ready

UTC = timezone.utc


def plan(store):
    store.enable_platforms(["x", "linkedin"])
    return [posts.save(store, Post(platform=p, body=f"Post on {p}", status="scheduled", tz="Europe/Paris",
                                   scheduled_at=datetime(2026, 11, 26, h, tzinfo=UTC))).post
            for p, h in (("x", 9), ("linkedin", 13))]


def sidebar(app) -> str:
    found = app.screen.query("#sync-status")
    return str(found.first().render()) if found else ""


def said(app) -> list[str]:
    return [n.message for n in app._notifications]


async def wait_for(pilot, condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


async def test_without_caldav_x_exports_and_X_says_how_to_set_it_up(store, make_app):
    plan(store)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        assert sidebar(app) == ""
        await pilot.press("X")
        await ready(pilot)
        assert any("No CalDAV calendar yet: set [caldav] url" in m for m in said(app))
        await pilot.press("x")
        await ready(pilot)
        assert any(m.startswith("Exported 2 posts to") for m in said(app))


async def test_x_offers_the_sync_and_the_sidebar_says_when(store, make_app, config, radicale):
    made = plan(store)
    home = radicale.home()
    app = make_app(config=replace(config, caldav=CalDAVConfig(url=home)))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        assert "not synced yet" in sidebar(app)
        await pilot.press("x")
        await ready(pilot)
        await pilot.press("down", "enter")  # the chooser: the file, or the sync
        await wait_for(pilot, lambda: "✔ synced just now" in sidebar(app))
        assert any(m.startswith(f"Synced with {home}edcal/ (calendar created): 2 added") for m in said(app))
        client = CalendarClient(radicale)
        found = client.events(home + "edcal/")
        assert len(found) == 2
        href = Account.at(home, "edcal").href(event_uid(made[0]))
        etag, data = found[href]
        client.put(href, move_event(data, "DTSTART:20261127T150000Z", "DTEND:20261127T151500Z"), etag)
        await pilot.press("X")
        await wait_for(pilot, lambda: store.get_post(made[0].id).scheduled_at.day == 27)
        await ready(pilot)
        assert any("post 1 on X moved from Thu 2026-11-26 10:00 to Fri 2026-11-27 16:00" in m for m in said(app))
        cells = app.screen.grid.data.cells
        assert [p.post.id for p in cells[("x", datetime(2026, 11, 27).date())]] == [made[0].id]  # the grid reloaded


async def test_a_failed_sync_is_said_inline_and_stays_in_the_sidebar(store, make_app, config):
    plan(store)
    app = make_app(config=replace(config, caldav=CalDAVConfig(url=f"http://127.0.0.1:{free_port()}/me/")))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("X")
        await wait_for(pilot, lambda: "✗ failed just now" in sidebar(app))
        assert any("refused the connection" in m for m in said(app))
        assert "refused" in sidebar(app) or sidebar(app).endswith("…")


async def test_the_background_sync_runs_on_its_own_and_never_holds_a_key(store, make_app, config, radicale,
                                                                         monkeypatch):
    plan(store)
    home = radicale.home()
    answer = threading.Event()  # the server answers once the test has pressed its key: a slow server, on cue
    proxy = FaultyProxy(radicale, lambda method, path, count: (lambda: answer.wait(30)))
    monkeypatch.setattr(caldav_sync, "MINUTE", 0.2)  # [caldav] every = 1 means every 0.2 s here
    app = make_app(config=replace(config, caldav=CalDAVConfig(url=proxy.url(home), every=1)))
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            # not ready(): it waits for every worker, the held sync included
            await wait_for(pilot, lambda: app.screen.query_one("#caldav-sync").syncing)
            await wait_for(pilot, lambda: app.screen.grid.data is not None)  # the week, read meanwhile
            before = app.screen.grid.selected_day
            await pilot.press("right")  # while the server takes its time
            assert app.screen.grid.selected_day != before
            assert app.screen.query_one("#caldav-sync").syncing  # the key went through while the sync waited
            answer.set()
            await wait_for(pilot, lambda: "✔ synced" in sidebar(app))
            assert len(CalendarClient(radicale).events(home + "edcal/")) == 2
            assert not any(m.startswith("Synced with") for m in said(app))  # quiet
    finally:
        answer.set()
        proxy.close()


async def test_the_palette_offers_the_sync(store, make_app, config):
    from edcal.ui.commands import edcal_commands

    app = make_app(config=replace(config, caldav=CalDAVConfig(url="http://127.0.0.1:1/me/")))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        titles = {c.title: c.help for c in edcal_commands(app, app.screen)}
        assert titles["Sync with the CalDAV calendar"].endswith("(X)")


async def test_the_sidebars_rule_runs_down_past_the_sync_status(store, make_app, config):
    """The sync's status is docked at the sidebar's foot: the rule on the sidebar's left edge
    still runs its whole height, and the status starts where the sidebar's text does."""
    plan(store)
    app = make_app(config=replace(config, caldav=CalDAVConfig(url=f"http://127.0.0.1:{free_port()}/me/")))
    async with app.run_test(size=SIZE) as pilot:  # no toast over the sidebar
        await ready(pilot)
        await pilot.press("X")
        await wait_for(pilot, lambda: "✗ failed just now" in sidebar(app))
        await pilot.pause()
        rule = app.screen.query_one("#side-rule").region
        text = app.screen.query_one("#sidebar-text").region
        status = app.screen.query_one("#sync-status").region
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        assert all(line[rule.x] == "▏" for line in lines[rule.y:rule.bottom])
        assert status.bottom == rule.bottom and status.x == text.x == rule.x + 2
        assert lines[status.y + 1][status.x:].startswith("CalDAV")  # under the status's top border
