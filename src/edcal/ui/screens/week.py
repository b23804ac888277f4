"""The week screen: the grid (or agenda), the backlog and the week's time against the minimum.

It composes the week's widgets and routes: the key table names which widget owns each key
(the body moves and filters, the post actions act on posts); the screen loads weeks, moves
between them and opens the other screens."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.widgets import Footer, Header, OptionList

from edcal.domain import wording
from edcal.domain.dates import DateError, parse_date
from edcal.domain.week import Week
from edcal.errors import EdcalError
from edcal.ui.host import Said
from edcal.ui.keys import PALETTE, TIMER, WEEK_NEXT, WEEK_PREVIOUS, KeyAction, TypedKey, bindings, replay
from edcal.ui.messages import LoadFailed, MonthLoaded, Reload, WeekLoaded
from edcal.ui.screens.base import EdcalScreen, breakpoint_classes
from edcal.ui.widgets.caldav_sync import CalDAVSync
from edcal.ui.widgets.post_actions import PostActions
from edcal.ui.widgets.week_body import WeekBody
from edcal.ui.widgets.week_grid import WeekGrid

if TYPE_CHECKING:
    from edcal.domain.month import Month
    from edcal.services.week import WeekData

# The footer shows the everyday keys; ? lists them all, remaps included.
WEEK_KEYS = (
    KeyAction("week.left", "left,h", "move(0,-1)", "Day ←", "previous day", footer=False, owner="week-body"),
    KeyAction("week.right", "right,l", "move(0,1)", "Day →", "next day", footer=False, owner="week-body"),
    KeyAction("week.up", "up,k", "move(-1,0)", "Platform ↑", "previous platform", footer=False, owner="week-body"),
    KeyAction("week.down", "down,j", "move(1,0)", "Platform ↓", "next platform", footer=False, owner="week-body"),
    WEEK_PREVIOUS,
    WEEK_NEXT,
    KeyAction("week.backlog", "b", "backlog", "Backlog", "to the backlog of ideas and back (n there adds one)",
              "Backlog of ideas", footer=False, owner="week-body"),
    KeyAction("week.view", "v", "toggle_view", "Agenda", "the week as a grid, as a list day by day (agenda), then the month",
              "Agenda, month or grid", footer=False, owner="week-body"),
    KeyAction("week.today", "t", "today", "Today", "this week, today", "This week", footer=False),
    KeyAction("week.goto", "g", "goto", "Go to", "go to a typed date or week number", "Go to a date or week", footer=False),
    KeyAction("week.new", "n", "new", "New", "new post in the selected cell", "New post", owner="posts"),
    KeyAction("week.open", "enter", "open", "Open", "open the cell's post (new one if empty)", "Open post", owner="posts"),
    KeyAction("week.edit", "e", "edit", "Edit", "edit the cell's post", "Edit post", footer=False, needs_post=True,
              owner="posts"),
    KeyAction("week.delete", "d", "delete", "Delete", "delete a post (asks first)", "Delete post", footer=False,
              needs_post=True, owner="posts"),
    KeyAction("week.move", "m", "move_post", "Move", "move a post to another day and time", "Move post",
              needs_post=True, owner="posts"),
    KeyAction("week.adapt", "a,c", "adapt", "Adapt", "adapt a post for other platforms: linked drafts to rewrite",
              "Adapt post for other platforms", footer=False, needs_post=True, owner="posts"),
    KeyAction("week.yank", "y", "yank", "Copy text", "copy the post's text (and link) to paste into the platform",
              "Copy the post's text", footer=False, needs_post=True, owner="posts"),
    KeyAction("week.compose", "o", "compose", "Compose", "open the platform's compose page with the text filled in",
              "Open the platform's compose page", footer=False, needs_post=True, owner="posts"),
    KeyAction("week.publish", "p", "publish", "Published", "mark the post published (it went out)",
              "Mark published", footer=False, needs_post=True, owner="posts"),
    KeyAction("week.filter", "slash", "filter", "Filter", "filter the week: words, status:S, campaign:C, on:PLATFORM",
              "Filter the week", footer=False, owner="week-body"),
    KeyAction("week.unfilter", "escape", "unfilter", "Clear filter", "clear the filter", footer=False, owner="week-body"),
    KeyAction("week.time", "T", "time", "Time", "time spent: entries, corrections, 12 weeks", "Time spent"),
    KeyAction("week.export", "x", "export", "Export", "export the plan to an iCalendar file, or sync it with CalDAV",
              "Export to iCalendar",
              footer=False),
    KeyAction("week.sync", "X", "sync", "Sync", "sync with the CalDAV calendar of the config file (x offers it too)",
              "Sync with the CalDAV calendar", footer=False, owner="caldav-sync"),
    KeyAction("week.plan", "P", "plan", "Plan", "channel plan: objective, why each platform, cadence, results",
              "Channel plan", footer=False),
    KeyAction("week.help", "question_mark", "help", "Help", "this help", "Help: all keys"),
    KeyAction("week.quit", "q", "app.quit", "Quit", "quit"),
)




class WeekScreen(EdcalScreen[None]):
    BINDINGS = bindings(WEEK_KEYS)
    BLANK = True  # the header, the body and the footer cover it: drawn as blank lines, quickly
    LIVE = True  # loads again when another process writes (app.changed_elsewhere)
    AUTO_FOCUS = "#grid"  # not focusable: the grid takes its keys through the screen, never the hidden filter
    # Under 100 columns the sidebar gives its room to the days (T shows the week's time).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # short: the detail box gives the rows room

    def __init__(self) -> None:
        super().__init__(classes=" ".join(breakpoint_classes(self, *self.app.size)))  # as the first resize gives
        self.week: Week | None = None
        self.data: WeekData | None = None  # the week shown
        self._welcomed = False
        self._pending_day: date | None = None
        # Keys typed before the first week is known (it may need the welcome dialog): kept, then
        # given to the dialog or, without one, to the grid. None once given.
        self._held_keys: list[TypedKey] | None = []
        self.month: Month | None = None  # the month shown, while the month view is
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield Header(icon="▦")
        yield WeekBody(id="week-body")
        yield PostActions(id="posts")  # not drawn: the keys acting on posts, and their workers
        yield Footer()

    @property
    def body(self) -> WeekBody:
        return self.query_one(WeekBody)

    @property
    def grid(self) -> WeekGrid:
        return self.query_one(WeekGrid)

    @on(OptionList.OptionSelected, "#agenda, #backlog")
    def _chosen(self) -> None:
        self.query_one(PostActions).action_open()  # enter on a listed post opens it

    async def action_route(self, owner: str, action: str) -> None:
        """A key of the table that a widget owns: its action runs there."""
        await self.query_one(f"#{owner}").run_action(action)

    # -- loading ----------------------------------------------------------------------

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler, which styles every widget again as a screen comes
        # back. The first resume follows the mount that styled them all a moment before: the
        # first frame skips that second pass (about 6 ms on the way to it).
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        if self.app.first_week is not None:  # read before Textual loaded: the first frame shows it
            self.on_week_loaded(WeekLoaded(self.app.first_week, early=True))
            if not self.app.first_week.checked:  # the rules run once it is painted
                self.call_after_refresh(self._check_early, self.app.first_week)
        if self.app.store is not None:
            self.start_loading()

    def start_loading(self) -> None:
        """The store is open: load this week (and say when the calendar was last synced)."""
        self.query_one(CalDAVSync).store_open()
        if self.week is None:  # the first frame's week, maybe already browsed away from, stays
            self._go_to(self.app.today())
        else:
            self.load()

    def load(self) -> None:
        """Load the week shown again, and its month when the month is shown."""
        if self.week is None or self.app.store is None:
            return
        if self.body.view != "month":
            self.month = None
        elif self.month is None:  # the month of the grid's day
            from edcal.domain.month import Month  # the month view's: off the first frame

            self.month = Month.of(self.body.grid.selected_day or self.week.start)
        self._load(self.week, self.month)

    @work(thread=True, exclusive=True, group="week", exit_on_error=False)
    def _load(self, week: Week, month: Month | None) -> None:
        """The week; or, while the month is shown, the month: read, painted, then checked."""
        from edcal.services import month as months
        from edcal.services.posts import Fresh, keep_reports
        from edcal.services.week import load_week  # the rules engine loads here, off the first frame

        try:
            if month is None:
                fresh: Fresh = {}
                self.post_message(WeekLoaded(load_week(self.app.db, week, fresh)))
                try:
                    keep_reports(self.app.db, fresh)  # once the week is on its way to the screen
                except EdcalError:
                    pass  # a cache (a locked database, say): the next load keeps them
                return
            read = months.read_month(self.app.db, month)
            self.body.post_message(MonthLoaded(read))
            self.body.post_message(MonthLoaded(months.check_month(self.app.db, read)))
        except EdcalError as exc:
            self.post_message(LoadFailed(str(exc)))

    @work(thread=True, exclusive=True, group="week", exit_on_error=False)
    def _check_early(self, data: WeekData) -> None:
        """The first frame's week with its rule reports and duplicates, before the store opens."""
        from edcal.services.database import connect_reader
        from edcal.services.week import check_week

        try:
            reader = connect_reader(self.app.db_url, self.app.config)
            if reader is None:
                return  # changed meanwhile: the store's load will show it
            try:
                checked = check_week(reader, data)
            finally:
                reader.close()
        except EdcalError:
            return  # the store's own load says what is wrong
        self.post_message(WeekLoaded(checked, early=True))

    def on_load_failed(self, message: LoadFailed) -> None:
        self.app.notify_error(f"cannot load the week: {message.error}")
        self.release_keys()

    def on_key(self, event: events.Key) -> None:
        if self._held_keys is not None:
            event.stop()
            event.prevent_default()
            self._held_keys.append((event.key, event.character))

    def release_keys(self) -> list[TypedKey]:
        """Stop holding keys; returns the ones typed so far."""
        held, self._held_keys = self._held_keys or [], None
        return held

    def on_week_loaded(self, message: WeekLoaded) -> None:
        data = message.data
        if message.early and self.data is not None and self.data.checked:
            return  # the store's load came first: an early read never replaces it
        if message.early and self.week is None:
            self.week = data.week
        if data.week != self.week:
            return  # an older request finished after a newer one was asked for
        if self.data is None and self._pending_day is None:  # the cursor starts on today, when the week holds it
            self._pending_day = self.app.today()
        day, self._pending_day = (self._pending_day, None) if self._pending_day in data.days else (None, None)
        self.data = data
        self.app.settings = data.settings
        self.sub_title = data.week.label
        self.body.show(data, day)
        self.app.week_shown()
        if self.app.store is None:
            return  # the first frame's week: whether to welcome waits for the database
        if not data.platforms and not self._welcomed:
            self._welcomed = True
            self.welcome(self.release_keys())
        else:
            replay(self.app, self.release_keys())

    def on_reload(self, message: Reload) -> None:
        if message.platform is not None:
            self.grid.select_platform(message.platform)
        if message.day is not None:
            self._go_to(message.day)
        else:
            self.load()

    def timer_target(self) -> tuple[str | None, int | None]:
        """The platform of the selected cell, and its post when it holds exactly one."""
        chosen = self.body.selection()
        if not self.grid.platforms:
            return None, None
        posts = chosen.posts
        return (chosen.platform.key if chosen.platform else None), (posts[0].post.id if len(posts) == 1 else None)

    # -- weeks --------------------------------------------------------------------------

    def _go_to(self, day: date) -> None:
        """The week holding ``day``, the cursor on it."""
        self.week = Week.of(day, self.app.settings.week_start if self.app.settings else 0)
        if self.month is not None:  # the month is shown: the day's month follows
            from edcal.domain.month import Month

            self.month = Month.of(day)
        self._pending_day = day
        self.load()

    def action_week(self, weeks: int) -> None:
        """The next or previous week; in the month, the next or previous month."""
        if self.month is not None:
            self.month = self.month.shift(weeks)
            self.load()
        elif self.week is not None:
            self.week = self.week.shift(weeks)
            self.load()

    def action_today(self) -> None:
        if self.app.store is not None:
            self._go_to(self.app.today())

    @work(exclusive=True, group="week-prompt", exit_on_error=False)
    async def action_goto(self) -> None:
        from edcal.ui.screens.dialogs import PromptScreen

        if self.app.store is None:
            return
        today = self.app.today()
        first = self.app.settings.week_start if self.app.settings else 0

        def chosen(value: str) -> Week | date:
            """A week in words or by its number, or a day."""
            return Week.named(value, today, first) or parse_date(value, today)

        def check(value: str) -> tuple[bool, str]:
            try:
                place = chosen(value)
            except DateError as exc:
                return False, str(exc)
            return True, f"→ {place.label}" if isinstance(place, Week) else f"→ {place:%A %d %B %Y}"

        value = await self.app.ask(PromptScreen("Go to a date or week", check=check,
                                                placeholder="2026-12-24, fri, +2w, w50, next week"))
        if not value:
            return
        place = chosen(value)
        if isinstance(place, Week):  # the cursor keeps its day of the week, as with [ and ]
            selected = self.grid.selected_day
            offset = (selected - self.week.start).days if selected and self.week else 0
            place = place.start + timedelta(days=offset)
        self._go_to(place)

    # -- the other screens --------------------------------------------------------------

    def action_help(self) -> None:
        from edcal.ui.screens.dialogs import HelpScreen

        rows = [(self.app.keys_for(a.id, self), a.description, a.id) for a in (*WEEK_KEYS, TIMER, PALETTE)]
        self.app.push_screen(HelpScreen(rows))

    def action_time(self) -> None:
        from edcal.ui.screens.time import TimeScreen

        if self.app.store is not None and self.week is not None:
            self.app.push_screen(TimeScreen(self.week))

    def action_plan(self) -> None:
        from edcal.ui.screens.plan import PlanScreen

        if self.app.store is not None:
            self.app.push_screen(PlanScreen())

    @work(exclusive=True, group="export", exit_on_error=False)
    async def action_export(self) -> None:
        from edcal.services import exports

        if self.app.store is None:
            return
        if self.app.config.caldav.url:
            from edcal.ui.screens.dialogs import ChooserScreen

            sync_keys = self.app.keys_for("week.sync", self)
            chosen = await self.app.ask(ChooserScreen("Export the plan", [
                ("file", "Write the iCalendar file"), ("sync", f"Sync with the CalDAV calendar ({sync_keys})")]))
            if chosen == "sync":
                await self.action_route("caldav-sync", "sync")
            if chosen != "file":
                return
        self.notify("Exporting the plan…")
        try:
            target, count = await self.app.store_call(exports.write_default)
        except Said:
            return
        self.notify(f"Exported {wording.count(count, 'post')} to {target}", timeout=8, markup=False)

    @work(exclusive=True, group="welcome", exit_on_error=False)
    async def welcome(self, early_keys: list[TypedKey] | None = None) -> None:
        """The first run: which platforms to plan for."""
        from edcal.services import channels
        from edcal.ui.screens.dialogs import WelcomeScreen

        profiles = await self.app.store_call(channels.profile_names)
        keys = await self.app.ask(WelcomeScreen(list(profiles.items()), early_keys))
        if keys:
            await self.app.store_call(lambda store: channels.choose(store, keys))
            self.load()
