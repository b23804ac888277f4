"""The week screen: the grid, the backlog and the week's time against the minimum."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input, Static

from edcal.domain import clock, wording
from edcal.domain.dates import (
    DateError,
    format_minutes,
    parse_date,
    typed_instant,
    zone,
)
from edcal.domain.models import Post, Status
from edcal.domain.week import Week
from edcal.domain.wording import visible
from edcal.errors import EdcalError, sentence
from edcal.ui.keys import PALETTE, TIMER, KeyAction, TypedKey, bindings, replay
from edcal.ui.messages import LoadFailed, WeekLoaded
from edcal.ui.screens.base import EdcalScreen
from edcal.ui.widgets.week_grid import WeekGrid, legend

if TYPE_CHECKING:
    from textual.widgets import OptionList

    from edcal.services.week import WeekData
    from edcal.ui.widgets.agenda import Agenda
    from edcal.ui.widgets.backlog import Backlog

# The footer shows the everyday keys; ? lists them all, remaps included.
WEEK_KEYS = (
    KeyAction("week.left", "left,h", "move(0,-1)", "Day ←", "previous day", footer=False),
    KeyAction("week.right", "right,l", "move(0,1)", "Day →", "next day", footer=False),
    KeyAction("week.up", "up,k", "move(-1,0)", "Platform ↑", "previous platform", footer=False),
    KeyAction("week.down", "down,j", "move(1,0)", "Platform ↓", "next platform", footer=False),
    KeyAction("week.previous", "left_square_bracket", "week(-1)", "Prev week", "previous week", "Previous week"),
    KeyAction("week.next", "right_square_bracket", "week(1)", "Next week", "next week", "Next week"),
    KeyAction("week.backlog", "b", "backlog", "Backlog", "to the backlog of ideas and back (n there adds one)",
              "Backlog of ideas", footer=False),
    KeyAction("week.view", "v", "toggle_view", "Agenda", "the week as a grid, or as a list day by day (agenda)",
              "Agenda or grid", footer=False),
    KeyAction("week.today", "t", "today", "Today", "this week, today", "This week", footer=False),
    KeyAction("week.goto", "g", "goto", "Go to", "go to a typed date", "Go to date", footer=False),
    KeyAction("week.new", "n", "new", "New", "new post in the selected cell", "New post"),
    KeyAction("week.open", "enter", "open", "Open", "open the cell's post (new one if empty)", "Open post"),
    KeyAction("week.edit", "e", "edit", "Edit", "edit the cell's post", "Edit post", footer=False, needs_post=True),
    KeyAction("week.delete", "d", "delete", "Delete", "delete a post (asks first)", "Delete post", footer=False,
              needs_post=True),
    KeyAction("week.move", "m", "move_post", "Move", "move a post to another day and time", "Move post",
              needs_post=True),
    KeyAction("week.adapt", "a,c", "adapt", "Adapt", "adapt a post for other platforms: linked drafts to rewrite",
              "Adapt post for other platforms", footer=False, needs_post=True),
    KeyAction("week.yank", "y", "yank", "Copy text", "copy the post's text (and link) to paste into the platform",
              "Copy the post's text", footer=False, needs_post=True),
    KeyAction("week.compose", "o", "compose", "Compose", "open the platform's compose page with the text filled in",
              "Open the platform's compose page", footer=False, needs_post=True),
    KeyAction("week.publish", "p", "publish", "Published", "mark the post published (it went out)",
              "Mark published", footer=False, needs_post=True),
    KeyAction("week.filter", "slash", "filter", "Filter", "filter the week: words, status:S, campaign:C, on:PLATFORM",
              "Filter the week", footer=False),
    KeyAction("week.unfilter", "escape", "unfilter", "Clear filter", "clear the filter", footer=False),
    KeyAction("week.time", "T", "time", "Time", "time spent: entries, corrections, 12 weeks", "Time spent"),
    KeyAction("week.export", "x", "export", "Export", "export the plan to an iCalendar file", "Export to iCalendar",
              footer=False),
    KeyAction("week.plan", "P", "plan", "Plan", "channel plan: objective, why each platform, cadence, results",
              "Channel plan", footer=False),
    KeyAction("week.help", "question_mark", "help", "Help", "this help", "Help: all keys"),
    KeyAction("week.quit", "q", "quit", "Quit", "quit"),
)


BAR_WIDTH = 22  # fits the sidebar


def minimum_bar(minutes: int, minimum: int, width: int = BAR_WIDTH) -> Text:
    """A bar of the week's minutes against the minimum: green once met."""
    filled = width if minutes >= minimum else round(width * minutes / max(minimum, 1))
    return Text.assemble(("━" * filled, "green" if minutes >= minimum else "yellow"), ("━" * (width - filled), "grey30"))


def sidebar_text(data=None, title_style: str = "bold") -> Text:
    """The sidebar's text: this week's time against the minimum, then the backlog's title."""
    text = Text()
    text.append("Time this week\n", style=title_style)
    if data is None:
        return text.append("\n\n\n\n").append("Backlog", style=title_style)
    minutes, minimum = data.minutes, data.settings.weekly_minimum
    met = minutes >= minimum
    text.append_text(minimum_bar(minutes, minimum))
    # Two short lines, never one that wraps in the sidebar's 24 columns.
    text.append_text(Text.assemble("\n", (format_minutes(minutes), "bold"), f" of {format_minutes(minimum)} minimum\n",
                                   ("✔ met" if met else f"{format_minutes(minimum - minutes)} to go",
                                    "green" if met else "yellow")))
    text.append("\n\n")
    text.append("Backlog", style=title_style)
    text.append(f" {len(data.backlog)} · b" if data.backlog else " · b", style="dim")
    return text


class WeekScreen(EdcalScreen[None]):
    BINDINGS = bindings(WEEK_KEYS)
    LIVE = True  # loads again when another process writes (app.changed_elsewhere)
    AUTO_FOCUS = "#grid"  # not focusable: the grid takes its keys through the screen, never the hidden filter
    # Under 100 columns the sidebar gives its room to the days (T shows the week's time).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # short: the detail box gives the rows room

    def __init__(self) -> None:
        super().__init__()
        self.week: Week | None = None
        self.data: WeekData | None = None  # the week shown
        self._welcomed = False
        self._pending_day: date | None = None
        # Keys typed before the first week is known (it may need the welcome dialog): kept, then
        # given to the dialog or, without one, to the grid. None once given.
        self._held_keys: list[TypedKey] | None = []

    def compose(self) -> ComposeResult:
        yield Header(icon="▦")
        with Horizontal(id="week-body"):
            with Vertical(id="week-main"):
                yield Static("Loading…", id="week-title")
                with Horizontal(id="filter-bar"):
                    yield Input(placeholder="words, status:draft, campaign:\"Launch 2.0\", on:x — esc clears",
                                id="filter", compact=True)
                    yield Static("", id="filter-status")
                yield WeekGrid(id="grid")  # the agenda joins it on the first v
                yield Static("", id="cell-detail")
            with Vertical(id="sidebar"):
                yield Static(sidebar_text(title_style=self.title_style), id="sidebar-text")
                # the backlog's list joins once the week is loaded: two lists cost the first frame
        yield Footer()

    @property
    def title_style(self) -> str:
        """Bold in the theme's accent colour, as the other screens' titles."""
        return f"bold {self.app.theme_variables.get('accent', '')}".strip()

    # -- loading ----------------------------------------------------------------------

    @property
    def grid(self) -> WeekGrid:
        return self.query_one(WeekGrid)

    @property
    def agenda(self) -> Agenda | None:
        """The agenda when it is shown instead of the grid."""
        agenda = next(iter(self.query("#agenda")), None)  # mounted on the first v
        return agenda if agenda is not None and agenda.display else None  # type: ignore[return-value]

    @property
    def backlog(self) -> Backlog | None:
        return next(iter(self.query("#backlog")), None)  # type: ignore[return-value]  # mounted with the week

    @property
    def in_backlog(self) -> bool:
        """Whether the backlog has the keys."""
        return self.backlog is not None and self.backlog.has_focus

    def selected_posts(self) -> list:
        """The posts the keys act on: the backlog's or agenda's highlighted one, or the grid cell's."""
        if self.backlog is not None and self.backlog.has_focus:
            item = self.backlog.selected_item
            return [item] if item else []
        if (agenda := self.agenda) is not None:
            return [agenda.selected_item] if agenda.selected_item else []
        return self.grid.selected_posts()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._show_sidebar)
        if self.app.first_week is not None:  # read before Textual loaded: the first frame shows it
            self.on_week_loaded(WeekLoaded(self.app.first_week, early=True))
            if not self.app.first_week.checked:  # the rules run once it is painted
                self.call_after_refresh(self._check_early, self.app.first_week)
        if self.app.store is not None:
            self.start_loading()

    def _show_sidebar(self, _theme=None) -> None:
        self.query_one("#sidebar-text", Static).update(sidebar_text(self.data, self.title_style))
        if self.data is not None:
            if self.backlog is None:  # its list joins after the week's frame
                self.call_after_refresh(self._show_backlog)
            else:
                self._show_backlog()

    def _show_backlog(self) -> None:
        sidebar = self.query_one("#sidebar")
        if self.data is not None and sidebar.is_attached:  # not while quitting
            backlog = self.backlog
            if backlog is None:
                from edcal.ui.widgets.backlog import Backlog  # off the first frame

                backlog = Backlog(id="backlog")
                sidebar.mount(backlog)
            backlog.show(self.data.backlog, {p.key: p.name for p in self.data.platforms})

    def start_loading(self) -> None:
        """The store is open: load this week."""
        if self.week is None:  # the first frame's week, maybe already browsed away from, stays
            self.week = self._week_of(self.app.today())
        self.load()

    def _week_of(self, day: date) -> Week:
        return Week.of(day, self.app.settings.week_start if self.app.settings else 0)

    def load(self) -> None:
        if self.week is not None and self.app.store is not None:
            self._load(self.week)

    @work(thread=True, exclusive=True, group="week", exit_on_error=False)
    def _load(self, week: Week) -> None:
        from edcal.services.week import load_week  # the rules engine loads here, off the first frame

        try:
            data = load_week(self.app.db, week)
        except EdcalError as exc:
            self.post_message(LoadFailed(str(exc)))
            return
        self.post_message(WeekLoaded(data))

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
        first_shown = self.data is None
        self.data = data
        self.app.settings = data.settings
        self.query_one("#week-title", Static).display = False
        self.sub_title = data.week.label
        self.grid.show(data, self.app.today())
        if (agenda := self.agenda) is not None:
            agenda.show(data, self.app.today(), self.grid.filter)
        self.app.week_shown()
        if first_shown and self._pending_day is None:  # the cursor starts on today, when the week holds it
            self._pending_day = self.app.today() if self.app.today() in data.days else None
        if self._pending_day in data.days:
            self.grid.select_day(self._pending_day)
            self._pending_day = None
        self._show_sidebar()
        self._show_detail()
        if self.app.store is None:
            return  # the first frame's week: whether to welcome waits for the database
        if not data.platforms and not self._welcomed:
            self._welcomed = True
            self.welcome(self.release_keys())
        else:
            replay(self.app, self.release_keys())

    def timer_target(self) -> tuple[str | None, int | None]:
        """The platform of the selected cell, and its post when it holds exactly one."""
        grid = self.grid
        if not grid.platforms:
            return None, None
        items = self.selected_posts()
        platform = grid.selected_platform
        return (platform.key if platform else None), (items[0].post.id if len(items) == 1 else None)

    def on_week_grid_cursor_moved(self) -> None:
        self._show_detail()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "backlog":
            self._show_detail()
            return
        if (agenda := self.agenda) is not None and (item := agenda.selected_item) is not None:
            self.grid.select_platform(item.post.platform)  # the grid follows: back in it, the same post
            seen = item.post.seen_from(self.data.settings.timezone) if self.data else None
            if seen is not None:
                self.grid.select_day(seen[0].date())
        self._show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id in ("agenda", "backlog"):  # enter on a post: open it
            self.action_open()

    def action_backlog(self) -> None:
        """To the backlog and back (tab goes there too)."""
        if self.in_backlog:
            self._back_to_week()
        elif self.backlog is not None:
            self.backlog.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Under 100 columns the backlog shows as a panel while it has the keys.
        self.set_class(event.widget.id == "backlog", "-backlog")
        self._show_detail()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "backlog":
            self.remove_class("-backlog")
            self._show_detail()

    def _back_to_week(self) -> None:
        if (agenda := self.agenda) is not None:
            agenda.focus()
        else:
            self.set_focus(None)


    def action_toggle_view(self) -> None:
        """The week as a grid or as an agenda: a list of its posts, day by day, full width."""
        agenda = cast("Agenda | None", next(iter(self.query("#agenda")), None))
        if agenda is None:
            from edcal.ui.widgets.agenda import Agenda  # off the first frame

            agenda = Agenda(id="agenda")
            agenda.display = False
            self.query_one("#week-main").mount(agenda, after=self.grid)
        agenda.display = not agenda.display
        self.grid.display = not agenda.display
        if agenda.display:
            if self.data is not None:
                agenda.show(self.data, self.app.today(), self.grid.filter)
            agenda.focus()
        else:
            self.set_focus(None)
        self._show_detail()

    def on_resize(self) -> None:
        self._show_legend()

    def _show_legend(self) -> None:
        """The marks' meanings on the detail box's lower border, in words where they fit."""
        detail = self.query_one("#cell-detail", Static)
        width = (detail.size.width or self.query_one("#week-main").size.width or self.size.width) - 8
        detail.border_subtitle = legend(width) if self.data is not None and self.data.platforms else ""

    def _show_detail(self) -> None:
        detail = self.query_one("#cell-detail", Static)
        self._show_legend()
        grid = self.grid
        if not grid.platforms or self.data is None:
            detail.update(Text("No platform enabled yet: press ctrl+p and choose 'Choose platforms'.", style="dim")
                          if self.data is not None else "")
            return
        items, platform = self.selected_posts(), grid.selected_platform
        in_backlog = self.in_backlog
        if in_backlog:
            names = {p.key: p.name for p in self.data.platforms}
            idea = names.get(items[0].post.platform, items[0].post.platform) if items else ""
            text = Text(f"Backlog{' · ' + idea if idea else ''}", style="bold")
            text.append("   enter opens · m gives a date · n adds an idea · b back to the week", style="dim")
        else:
            account = f" {platform.handle}" if platform and platform.handle else ""
            text = Text(f"{platform.name if platform else ''}{account} · {grid.selected_day:%A %d %B}", style="bold")
        slots = grid.selected_slots() if self.agenda is None and not in_backlog else []
        if not items and not slots and not in_backlog:
            text.append("   nothing planned: n adds a post", style="dim")
        for slot in slots:
            at = slot.utc.astimezone(zone(self.data.settings.timezone))
            text.append(f"\n{at:%H:%M} open slot: {visible(slot.title or 'recurring')}  (enter fills it)", style="dim")
            if slot.note:
                text.append(f"  {slot.note}", style="yellow")
        viewer = self.data.settings.timezone  # the same clock as the grid's cells
        for item in items:
            problems = " ".join(sentence(p) for p in item.problems)  # each is a sentence of its own
            seen, elsewhere = item.post.seen_from(viewer) or (None, "")
            text.append(f"\n{seen:%H:%M} {item.post.status}: " if seen else f"\n{item.post.status}: ")
            text.append(visible(" — ".join(" ".join(part.split()) for part in (item.post.title, item.post.body) if part))
                        or "(empty)")  # in full: the box wraps it
            if elsewhere:
                text.append(f" {elsewhere}", style="dim")
            if item.post.thread:
                text.append(f"  thread of {len(item.post.parts)} parts", style="cyan")
            variants = [p for p in self.data.ideas.get(item.post.idea or "", []) if p.id != item.post.id]
            names = {p.key: p.name for p in self.data.platforms}
            if variants:
                names = {p.key: self.app.channel_name(p) for p in self.data.platforms}
                listed = []
                for other in variants:
                    when = other.seen_from(viewer)
                    listed.append(f"{names.get(other.platform, other.platform)} "
                                  f"{f'{when[0]:%a %H:%M}' if when else 'unscheduled'} (post {other.id})")
                text.append(f"  variants: {', '.join(listed)}", style="magenta")
            if item.duplicate:
                twins = ", ".join(names.get(key, key) for key in item.duplicate)
                text.append(f"  same text as on {twins} this week: each platform has its own codes", style="yellow")
            if problems:
                text.append(f"  {problems}", style="red" if not item.ok else "yellow")
        detail.update(text)

    # -- navigation -------------------------------------------------------------------

    def action_move(self, rows: int, columns: int) -> None:
        listed = self.backlog if self.in_backlog else self.agenda
        if listed is not None:  # j and k move in the list that has the keys
            for _ in range(abs(rows)):
                listed.action_cursor_down() if rows > 0 else listed.action_cursor_up()
            return
        self.grid.move(rows, columns)

    def action_week(self, weeks: int) -> None:
        if self.week is None:
            return
        self.week = self.week.shift(weeks)
        self.load()

    def action_today(self) -> None:
        if self.app.store is None:
            return
        today = self.app.today()
        self.week = self._week_of(today)
        self._select_after_load(today)
        self.load()

    def action_goto(self) -> None:
        from edcal.ui.screens.dialogs import PromptScreen

        if self.app.store is None:
            return
        today = self.app.today()

        def check(value: str) -> tuple[bool, str]:
            try:
                return True, f"→ {parse_date(value, today):%A %d %B %Y}"
            except DateError as exc:
                return False, str(exc)

        def go(value: str | None) -> None:
            if value:
                day = parse_date(value, today)
                self.week = self._week_of(day)
                self._select_after_load(day)
                self.load()

        self.app.push_screen(PromptScreen("Go to date", check=check, placeholder="2026-12-24, fri, +2w"), go)

    def _select_after_load(self, day: date) -> None:
        self._pending_day = day

    # -- posts ------------------------------------------------------------------------

    def _editor(self, post: Post | None = None, template: Post | None = None, results=None,
                day: date | None | bool = True) -> None:
        from edcal.ui.screens.editor import PostEditor  # loaded on first use, off the first frame

        grid = self.grid
        if not grid.platforms:
            self.notify("Choose your platforms first (ctrl+p, 'Choose platforms').", severity="warning")
            return
        viewer = zone(self.app.zone_name)
        slots = tuple(s.utc.astimezone(viewer).replace(tzinfo=None) for s in grid.selected_slots()) if day is True else ()
        editor = PostEditor(self.app.store, grid.platforms, post=post, template=template, results=results,
                            platform=grid.selected_platform.key if grid.selected_platform else None,
                            day=grid.selected_day if day is True else day or None, now=self.app.now_local(),
                            tz=self.app.zone_name, slots=slots)

        def saved(result: Post | None) -> None:
            if result is not None:
                self.notify(f"Saved post {result.id}.")
                self.load()

        self.app.push_screen(editor, saved)

    def _with_post(self, verb: str, then) -> None:
        """Run ``then(post)`` on the cell's post as the database has it now, asking which one
        when there are several."""
        from edcal.ui.screens.dialogs import ChooserScreen

        items = self.selected_posts()
        if not items:
            self.notify(f"Nothing to {verb} here.", severity="warning")
            return
        if len(items) == 1:
            self.app.run_store(lambda store: store.get_post(items[0].post.id or 0), then)
            return
        viewer = self.data.settings.timezone if self.data else "UTC"
        options = [(str(i.post.id), f"{i.post.seen_from(viewer)[0]:%H:%M}  {i.post.status:<9} "  # type: ignore[index]
                    f"{i.post.headline(50)}") for i in items]

        def chosen(key: str | None) -> None:
            if key:
                self.app.run_store(lambda store: store.get_post(int(key)), then)

        self.app.push_screen(ChooserScreen(f"Which post to {verb}?", options), chosen)

    def _open_post(self, post_id: int) -> None:
        """The editor on a post, with its results, both read off the UI thread."""
        self.app.run_store(lambda store: (store.get_post(post_id), store.results([post_id]).get(post_id)),
                           lambda found: self._editor(found[0], results=found[1]))

    def action_new(self) -> None:
        if self.in_backlog:  # a new idea, without a date
            platform = self.grid.selected_platform
            if platform is not None:
                self._editor(template=Post(platform=platform.key, status=Status.IDEA), day=None)
            return
        self._editor()

    def action_open(self) -> None:
        """Open the cell's post; offer its open slots too; a new post when the cell is empty."""
        from edcal.ui.screens.dialogs import ChooserScreen

        posts = self.selected_posts()
        slots = self.grid.selected_slots() if self.agenda is None else []
        if not slots:
            self._with_post("open", lambda post: self._open_post(post.id)) if posts else self._editor()
            return
        if len(slots) == 1 and not posts:
            self._fill(slots[0])
            return
        options = [(f"post:{i.post.id}", f"{i.post.local_time():%H:%M}  {i.post.status:<9} {i.post.headline(50)}")
                   for i in posts]
        options += [(f"slot:{n}", f"{s.local():%H:%M}  fill slot  {s.title or ''}") for n, s in enumerate(slots)]

        def chosen(key: str | None) -> None:
            if key and key.startswith("post:"):
                self._open_post(int(key[5:]))
            elif key:
                self._fill(slots[int(key[5:])])

        self.app.push_screen(ChooserScreen("Open which?", options), chosen)

    def _fill(self, slot) -> None:
        """A new post made from an open slot: its time, title and template text."""
        self._editor(template=Post(platform=slot.platform, title=slot.title, body=slot.template or "",
                                   scheduled_at=slot.utc, tz=slot.tz, fold=slot.fold, status=Status.DRAFT,
                                   series_id=slot.series_id, slot_date=slot.day))

    def action_edit(self) -> None:
        self._with_post("edit", lambda post: self._open_post(post.id))

    def action_delete(self) -> None:
        from edcal.ui.screens.dialogs import ConfirmScreen

        def confirm(post: Post) -> None:
            def answered(yes: bool | None) -> None:
                if yes:
                    from edcal.services import posts  # the rules engine loads on first use

                    def deleted(_) -> None:
                        self.notify(f"Deleted post {post.id}.")
                        self.load()

                    self.app.run_store(lambda store: posts.delete(store, post.id or 0), deleted)

            self.app.push_screen(ConfirmScreen(f"Delete “{post.headline(40)}” ({post.platform})?"), answered)

        self._with_post("delete", confirm)

    def action_move_post(self) -> None:
        from edcal.ui.screens.dialogs import PromptScreen

        def move(post: Post) -> None:
            tz = post.tz or self.app.zone_name
            local = post.local_time()
            current = local.replace(tzinfo=None) if local else None  # None: an idea from the backlog

            def target(value: str):
                return typed_instant(value, tz, clock.now(), keep=current, keep_fold=post.fold)

            def check(value: str) -> tuple[bool, str]:
                try:
                    wall = target(value)
                except DateError as exc:
                    return False, str(exc)
                return True, f"→ {wall.local:%a %d %b %Y %H:%M} {tz}" + (f" ({wall.note})" if wall.note else "")

            def moved(value: str | None) -> None:
                if not value:
                    return
                wall = target(value)
                if wall.utc == post.scheduled_at:
                    self.notify("Not moved: it is planned for that time already.")
                    return
                from edcal.services import posts

                def done(saved) -> None:
                    self.notify(f"Moved to {wall.local:%a %d %b %H:%M}." if current else
                                f"Planned for {wall.local:%a %d %b %H:%M} as a {saved.post.status}: open it to "
                                f"finish it.")
                    self.week = self._week_of(wall.local.date())
                    self._select_after_load(wall.local.date())
                    self.load()

                self.app.run_store(lambda store: posts.move(store, post, wall), done)

            if current is None:
                prompt = PromptScreen(f"Plan “{post.headline(30)}” for (a day and a time)",
                                      placeholder="tue 9:00, 2026-12-01 18:30", check=check)
            else:
                prompt = PromptScreen(f"Move “{post.headline(30)}” to (the time of day stays unless you type one)",
                                      value=current.date().isoformat(), check=check)
            self.app.push_screen(prompt, moved)

        self._with_post("move", move)

    def action_adapt(self) -> None:
        """Linked drafts of the post for other platforms (one idea, adapted per platform)."""
        from edcal.ui.screens.dialogs import ChooserScreen, ConfirmScreen

        def adapt(post: Post) -> None:
            data, store = self.data, self.app.store
            if data is None or store is None:
                return
            taken = {p.platform for p in data.ideas.get(post.idea or "", [])} | {post.platform}
            on = [(p.key, self.app.channel_name(p)) for p in data.platforms if p.key not in taken]
            off = [(key, f"{profile.name} (not on yet: asks to enable it)") for key, profile in store.profiles.items()
                   if key not in taken and key not in {p.key for p in data.platforms}]
            options = [*on, *([("*", f"All {len(on)}: {', '.join(name for _, name in on)}")] if len(on) > 1 else []),
                       *off]
            if not options:
                self.notify("This post has a variant on every platform already.", severity="warning")
                return

            def made(saved) -> None:
                first = saved[0].post
                self.notify(f"Made {wording.count(len(saved), 'draft')} from post {post.id}: adapt each text to its "
                            "platform; the grid marks the variants of the selected post.")
                self.grid.select_platform(first.platform)
                self.load()

            def run(keys: list[str], enable: bool) -> None:
                from edcal.services import posts

                self.app.run_store(lambda store: posts.adapt(store, post.id or 0, keys, enable=enable), made)

            def chosen(key: str | None) -> None:
                if not key:
                    return
                if key == "*":
                    run([k for k, _ in on], False)
                elif key in dict(on):
                    run([key], False)
                else:
                    name = store.profiles[key].name
                    self.app.push_screen(ConfirmScreen(f"{name} is not on. Enable it and adapt the post there?"),
                                         lambda yes: run([key], True) if yes else None)

            self.app.push_screen(ChooserScreen(f"Adapt “{post.headline(30)}” for which platform?", options), chosen)

        self._with_post("adapt", adapt)

    # -- the filter ----------------------------------------------------------------------

    def action_filter(self) -> None:
        bar = self.query_one("#filter-bar")
        bar.display = True
        self.query_one("#filter", Input).focus()

    def filter_to(self, query: str) -> None:
        """Filter the week as if ``query`` had been typed after /."""
        self.query_one("#filter-bar").display = True
        self.query_one("#filter", Input).value = query  # not focused: the grid keeps the keys

    def action_unfilter(self) -> None:
        if self.in_backlog:
            self.action_backlog()
            return
        if self.query_one("#filter-bar").display:
            self.query_one("#filter", Input).value = ""  # the change clears the grid's filter
            self.query_one("#filter-bar").display = False
            self.set_focus(None)  # keys go to the screen's bindings again

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        from edcal.domain.filters import PostFilter

        status = self.query_one("#filter-status", Static)
        try:
            chosen = PostFilter.parse(event.value)
        except EdcalError as exc:
            status.update(Text(sentence(str(exc), capital=True), style="red"))
            return
        matching, planned = self.grid.set_filter(chosen)
        if (agenda := self.agenda) is not None and self.data is not None:
            agenda.show(self.data, self.app.today(), chosen)
        if not chosen:
            status.update("")
        elif matching:
            status.update(f"{matching} of {wording.count(planned, 'post')} match")
        else:
            status.update(Text(f"No post this week matches {chosen.describe()}.", style="yellow"))

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.set_focus(None)  # back to the grid's keys; the filter stays: / changes it, escape clears it

    # -- the moment of posting ----------------------------------------------------------

    def action_yank(self) -> None:
        from edcal.domain.compose_pages import post_text

        def yank(post: Post) -> None:
            text = post_text(post)
            self.app.copy_to_clipboard(text)  # OSC 52: the terminal puts it on the system clipboard
            self.notify(f"Copied post {post.id}'s text ({wording.count(len(text), 'character')}). If your terminal "
                        f"does not pass copies on, `edcal show {post.id}` prints it.")

        self._with_post("copy", yank)

    def action_compose(self) -> None:
        from edcal.domain.compose_pages import compose_url

        def compose(post: Post) -> None:
            profile = next((p.profile for p in self.grid.platforms if p.key == post.platform), post.platform)
            try:
                url = compose_url(profile, post, mastodon_server=self.app.config.compose.mastodon)
            except EdcalError as exc:
                self.app.notify_error(str(exc))
                return
            self._open_page(url)

        self._with_post("post", compose)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_page(self, url: str) -> None:
        import webbrowser

        opened = webbrowser.open(url)
        self.app.call_from_thread(self.notify, "Opened the compose page: post it, then press p." if opened
                                  else f"No browser to open; the page is {url}", timeout=8)

    def action_publish(self) -> None:
        """Mark the post published, with its address if given, then offer to record its results."""
        from edcal.services import posts
        from edcal.ui.screens.dialogs import ConfirmScreen, PromptScreen

        def check(value: str) -> tuple[bool, str]:
            url = value.strip()
            if url and not url.lower().startswith(("https://", "http://")):
                return False, "a post's address starts with https://"
            return True, "enter marks it published" + (" at this address" if url else " (no address)")

        def publish(post: Post) -> None:
            def done(saved) -> None:
                self.load()

                def answered(yes: bool | None) -> None:
                    if yes:
                        self._open_post(saved.post.id)

                self.app.push_screen(ConfirmScreen(f"Post {saved.post.id} marked published. Record its results "
                                                   "(reach, engagements…) now? They can wait: e later."), answered)

            def asked(url: str | None) -> None:
                if url is not None:
                    self.app.run_store(lambda store: posts.publish(store, post.id or 0, url), done)

            self.app.push_screen(PromptScreen(f"“{post.headline(30)}” went out. Its address (optional: enter skips)",
                                              value=post.published_url or "", placeholder="https://…", check=check), asked)

        self._with_post("mark published", publish)

    def action_help(self) -> None:
        from edcal.ui.screens.dialogs import HelpScreen

        rows = [(self.app.keys_for(a.id, self), a.description, a.id) for a in (*WEEK_KEYS, TIMER, PALETTE)]
        self.app.push_screen(HelpScreen(rows))

    def action_time(self) -> None:
        from edcal.ui.screens.time import TimeScreen

        if self.app.store is None or self.week is None:
            return
        self.app.push_screen(TimeScreen(self.week))

    def action_plan(self) -> None:
        from edcal.ui.screens.plan import PlanScreen

        if self.app.store is not None:
            self.app.push_screen(PlanScreen())

    def action_export(self) -> None:
        if self.app.store is not None:
            self.notify("Exporting the plan…")
            self._export()

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self) -> None:
        from edcal.services import exports

        store = self.app.db
        target = exports.default_target(store)
        try:
            plan = exports.plan(store)
            exports.write_file(target, exports.calendar(plan))
        except (OSError, EdcalError) as exc:
            self.app.call_from_thread(self.notify, f"Export failed: {exc}", severity="error")
            return
        count = len(plan.items)
        self.app.call_from_thread(self.notify, f"Exported {wording.count(count, 'post')} to {target}",
                                  timeout=8)

    def action_quit(self) -> None:
        self.app.exit()

    # -- first run --------------------------------------------------------------------

    def welcome(self, early_keys: list[TypedKey] | None = None) -> None:
        from edcal.ui.screens.dialogs import WelcomeScreen

        store = self.app.db
        profiles = [(key, p.name) for key, p in store.profiles.items()]

        def chosen(keys: list[str] | None) -> None:
            if keys:
                self.app.run_store(lambda store: store.enable_platforms(keys), lambda _: self.load())

        self.app.push_screen(WelcomeScreen(profiles, early_keys), chosen)
