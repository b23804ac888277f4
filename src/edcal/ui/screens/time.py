"""The time screen: the week's entries, a form to add or correct one, and 12 weeks of bars."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Select, Static

from edcal.domain import clock, wording
from edcal.domain.dates import (
    DateError,
    format_minutes,
    format_wall,
    parse_duration,
    parse_when,
    resolve_wall_time,
    zone,
)
from edcal.domain.models import ACTIVITIES, ACTIVITY_LABELS, TimeEntry
from edcal.domain.timelog import streak
from edcal.domain.week import Week
from edcal.errors import EdcalError, sentence
from edcal.record import replace
from edcal.ui.keys import TIME_KEYS, bindings
from edcal.ui.messages import LoadFailed, TimeLoaded
from edcal.ui.screens.base import EdcalScreen

BAR_WIDTH = 30
NARROW = 100  # under this many columns the bars are shorter and the table leaves out its id and notes
NARROW_COLUMNS = ("id", "note")


def bars(totals, minimum: int, current: Week, width: int = BAR_WIDTH) -> Text:
    """One bar a week, the minimum drawn as a line across them; a week before the first
    activity shows a dash (it is not held against the minimum)."""
    scale = max([minimum, *(t.minutes for t in totals)]) or 1
    mark = round(minimum / scale * width)
    text = Text()
    for t in totals:
        filled = round(t.minutes / scale * width)
        bar = "".join("█" if i < filled else ("│" if i == mark else " ") for i in range(width + 1))
        text.append(f"W{t.week.number:02d} ", style="bold" if t.week == current else "dim")
        state = t.state(current)
        if state == "before":
            text.append("—  before the first activity\n" if width >= BAR_WIDTH else "— before first activity\n",
                        style="dim")
            continue
        text.append(bar[:filled], style="green" if t.met else "red")
        text.append(bar[filled:], style="dim")
        text.append(f" {format_minutes(t.minutes)}" + (" ✗" if state == "short" else "") + "\n")
    text.append(f"{'':4}{'':>{mark}}└ minimum {format_minutes(minimum)}", style="dim")
    return text


class TimeScreen(EdcalScreen[None]):

    CSS_PATH = Path(__file__).with_name("time.tcss")
    BINDINGS = bindings(TIME_KEYS)
    LIVE = True  # loads again when another process writes (app.changed_elsewhere)

    def __init__(self, week: Week) -> None:
        super().__init__()
        self.week = week
        self.editing: TimeEntry | None = None
        self.entries: list[TimeEntry] = []
        self.tz = "UTC"
        self._at_shown = ""  # the start time as the form showed it for the entry being corrected

    def compose(self) -> ComposeResult:
        yield Header(icon="⏱")
        with Horizontal(id="time-body"):
            with Vertical(id="time-main"):
                yield Static("", id="time-title")
                # The form comes first: its dropdowns open downwards over the table, never over the footer.
                yield Label("Add time", id="form-title", classes="side-title")
                with Horizontal(classes="time-form"):
                    yield Input(placeholder="25m, 1h30", id="duration", compact=True)
                    yield Select([(ACTIVITY_LABELS[a], a) for a in ACTIVITIES], value="writing",
                                 allow_blank=False, id="activity", compact=True)
                    yield Select([], prompt="no platform", id="platform", compact=True)
                with Horizontal(classes="time-form"):
                    yield Input(placeholder="started at, e.g. tue 9:30 (default: ended now)", id="at", compact=True)
                    yield Input(placeholder="note", id="note", compact=True)
                    yield Button("Save", id="save-entry", compact=True)
                yield Static("", id="time-feedback", classes="feedback", markup=False)
                yield DataTable(id="entries", cursor_type="row", zebra_stripes=True)
            with Vertical(id="time-side"):
                yield Label("Last 12 weeks", classes="side-title")
                yield Static("", id="weeks-bars")
                yield Static("", id="streak")
        yield Footer()

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]

    @property
    def narrow(self) -> bool:
        return self.app.size.width < NARROW

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in ("id", "day", "start", "time", "activity", "platform", "note"):
            table.add_column(name, key=name)
        table.focus()  # the screen's keys (a, e, d) act on the table; a adds in the form above it
        self.load()

    def load(self) -> None:
        self._load(self.week)

    @work(thread=True, exclusive=True, group="time", exit_on_error=False)
    def _load(self, week: Week) -> None:
        try:
            self.post_message(self._read(week))
        except EdcalError as exc:
            self.post_message(LoadFailed(str(exc)))

    def on_load_failed(self, message: LoadFailed) -> None:
        self.app.notify_error(f"cannot load the time entries: {message.error}")

    def _read(self, week: Week) -> TimeLoaded:
        from edcal.services.timelog import weeks_of_time

        store = self.app.db
        found = weeks_of_time(store, Week.ending_with(week.start, 12, week.start.weekday()))
        this_start, this_end = week.bounds(found.settings.timezone)
        shown = [e for e in found.entries if this_start <= e.start < this_end]
        return TimeLoaded(shown, found.totals, found.settings, store.platforms(enabled_only=True))

    def on_time_loaded(self, message: TimeLoaded) -> None:
        settings = message.settings
        self.tz = settings.timezone
        self.entries = message.entries
        total = sum(e.minutes for e in message.entries)
        self.sub_title = f"Time · {self.week.label}"
        title = Text(f"{self.week.label}: ", style="bold")
        title.append(f"{format_minutes(total)} of {format_minutes(settings.weekly_minimum)} minimum",
                     style="green" if total >= settings.weekly_minimum else "yellow")
        self.query_one("#time-title", Static).update(title)
        self._loaded = message
        table = self.query_one(DataTable)
        row = table.cursor_row
        shown = [c for c in ("id", "day", "start", "time", "activity", "platform", "note")
                 if not (self.narrow and c in NARROW_COLUMNS)]
        rows: list[list[Text]] = []
        for e in message.entries:
            local = e.start.astimezone(zone(settings.timezone))
            cells = {"id": str(e.id), "day": f"{local:%a %d}", "start": f"{local:%H:%M}",
                     "time": format_minutes(e.minutes), "activity": e.activity, "platform": e.platform or "",
                     "note": e.note or ""}
            rows.append([Text(cells[c], end="") for c in shown])  # a note is shown as typed, never as markup
        # Each column is given the width of its widest cell. Left to measure them itself, the
        # table does it at its next idle moment, and a frame drawn before that keeps its
        # cells cut to the headers' widths until the cursor moves.
        table.clear(columns=True)
        for i, name in enumerate(shown):
            table.add_column(name, key=name, width=max([len(name), *(r[i].cell_len for r in rows)]))
        for e, row_cells in zip(message.entries, rows, strict=True):
            table.add_row(*row_cells, key=str(e.id))
        if message.entries:
            table.move_cursor(row=min(row, len(message.entries) - 1))
        platform = self.query_one("#platform", Select)
        platform.set_options([(Text(self.app.channel_name(p)), p.key) for p in message.platforms])
        current = Week.of(self.app.today(), settings.week_start)
        self.query_one("#weeks-bars", Static).update(bars(message.totals, settings.weekly_minimum, current,
                                                          14 if self.narrow else BAR_WIDTH))
        count = streak(message.totals, current)
        self.query_one("#streak", Static).update(
            f"streak: {wording.count(count, 'week')} at or above the minimum")

    _loaded: TimeLoaded | None = None

    def on_resize(self) -> None:
        if self._loaded is not None:
            self.on_time_loaded(self._loaded)  # the bars' width and the table's columns follow

    # -- actions ----------------------------------------------------------------------

    def action_week(self, weeks: int) -> None:
        self.week = self.week.shift(weeks)
        self.load()

    def action_back(self) -> None:
        self.dismiss()

    def action_new(self) -> None:
        self.editing = None
        self.query_one("#form-title", Label).update("Add time")
        for name in ("#duration", "#at", "#note"):
            self.query_one(name, Input).value = ""
        self.query_one("#duration", Input).focus()

    def _selected(self) -> TimeEntry | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row < 0:
            self.notify("No time entry selected.", severity="warning")
            return None
        return self.entries[min(table.cursor_row, len(self.entries) - 1)]

    def action_edit(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        self.editing = entry
        self.query_one("#form-title", Label).update(f"Correct entry {entry.id}")
        local = entry.start.astimezone(zone(self.tz))
        self.query_one("#duration", Input).value = format_minutes(entry.minutes)
        self.query_one("#activity", Select).value = entry.activity
        platform = self.query_one("#platform", Select)
        if entry.platform:
            platform.value = entry.platform
        else:
            platform.clear()
        self._at_shown = format_wall(local.replace(tzinfo=None))
        self.query_one("#at", Input).value = self._at_shown
        self.query_one("#note", Input).value = entry.note or ""
        self.query_one("#duration", Input).focus()

    @work(exclusive=True, group="time-delete", exit_on_error=False)
    async def action_delete(self) -> None:
        from edcal.services import timelog
        from edcal.ui.screens.dialogs import ConfirmScreen

        entry = self._selected()
        if entry is None or not await self.app.ask(
                ConfirmScreen(f"Delete {format_minutes(entry.minutes)} of {entry.activity}?")):
            return
        self._changed(await self.app.store_call(lambda store: timelog.delete(store, entry.id or 0)))

    @on(Button.Pressed, "#save-entry")
    @on(Input.Submitted)
    def action_save(self) -> None:
        feedback = self.query_one("#time-feedback", Static)
        q = self.query_one
        try:
            minutes = parse_duration(q("#duration", Input).value)
            at = q("#at", Input).value.strip()
            if self.editing and (not at or at == self._at_shown):
                start = self.editing.start  # untouched: the same instant, repeated hour included
            elif at:
                start = resolve_wall_time(parse_when(at, self.app.now_local(), past=True), self.tz).utc
            else:
                start = clock.now().replace(second=0, microsecond=0) - timedelta(minutes=minutes)
            platform = q("#platform", Select)
            entry = TimeEntry(start=start, minutes=minutes, activity=str(q("#activity", Select).value),
                              platform=None if platform.is_blank() else str(platform.value),
                              note=q("#note", Input).value.strip() or None)
        except (DateError, EdcalError) as exc:
            self._refused(str(exc))
            return
        editing = self.editing
        from edcal.services import timelog

        def save(store) -> timelog.Logged:
            if editing:
                entry_ = replace(entry, id=editing.id, post_id=editing.post_id)
            else:
                entry_ = entry
            return timelog.save(store, entry_)

        def saved(done: timelog.Logged) -> None:
            feedback.remove_class("-error")
            said = [f"Saved {format_minutes(done.entry.minutes)} of {done.entry.activity}."]
            said += [sentence(f"⚠ {note}") for note in done.warnings]
            feedback.update("\n".join(said))
            feedback.set_class(bool(done.warnings), "-warn")
            self.action_new()
            self._changed()

        self.app.run_store(save, saved, failed=self._refused)

    def _refused(self, message: str) -> None:
        feedback = self.query_one("#time-feedback", Static)
        feedback.update(sentence(message, capital=True))
        feedback.add_class("-error")

    def _changed(self, _=None) -> None:
        self.load()
        self.app.refresh_week()
