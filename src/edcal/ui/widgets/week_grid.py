"""The week grid: one row per platform, one column per day, a cell per platform and day.

Cells are created once per set of platforms; moving to another week only updates their
content, so the cursor and the layout stay put.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from edcal.domain.dates import zone
from edcal.domain.models import STATUS_MARKS, Platform


class Cell(Static):
    """One platform on one day."""

    class Clicked(Message):
        def __init__(self, row: int, column: int) -> None:
            super().__init__()
            self.row, self.column = row, column

    def __init__(self, row: int, column: int) -> None:
        super().__init__("", id=f"cell-{row}-{column}", classes="cell")
        self.row, self.column = row, column

    def on_click(self) -> None:
        self.post_message(self.Clicked(self.row, self.column))


def post_line(item, tz: str) -> Text:
    """'09:30 ◷ Launch teaser ⚠' as styled text."""
    post = item.post
    local = post.scheduled_at.astimezone(zone(tz))
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    line.append(f"{local:%H:%M}", style="bold")
    line.append(STATUS_MARKS[post.status])
    if not item.ok:
        line.append("⚠", style="bold red")
    elif item.duplicate or item.problems:
        line.append("!", style="bold yellow")
    else:
        line.append(" ")
    line.append(post.headline(60), style="dim" if post.status in ("skipped", "idea") else "")
    return line


def slot_line(slot, tz: str) -> Text:
    """'09:00 ○ Weekly tip' for an open recurring slot."""
    line = Text(no_wrap=True, overflow="ellipsis", end="", style="dim italic")
    line.append(f"{slot.utc.astimezone(zone(tz)):%H:%M}○ ")
    line.append(slot.title or "open slot")
    return line


class WeekGrid(Grid):
    """Rows of platforms by columns of days, with a cell cursor."""

    cursor_row: reactive[int] = reactive(0)
    cursor_column: reactive[int] = reactive(0)

    class CursorMoved(Message):
        pass

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data = None  # the weekdata.WeekData shown
        self.platforms: list[Platform] = []
        self.today: date | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="corner")
        for column in range(7):
            yield Static("", id=f"day-{column}", classes="day-header")

    # -- content ----------------------------------------------------------------------

    def show(self, data, today: date) -> None:
        """Fill the grid with ``data``; rebuilds rows only when the platforms changed."""
        self.data, self.today = data, today
        if [p.key for p in data.platforms] != [p.key for p in self.platforms]:
            self._rebuild_rows(data.platforms)
        for column, day in enumerate(data.days):
            header = self.query_one(f"#day-{column}", Static)
            header.update(f"{day:%a %d}" + (" • today" if day == today else ""))
            header.set_class(day == today, "-today")
        for row, platform in enumerate(self.platforms):
            label = self.query_one(f"#label-{row}", Static)
            planned, target = data.planned(platform.key), platform.weekly_target
            text = Text(platform.name, style="bold", no_wrap=True, overflow="ellipsis")
            if target:
                text.append(f"\n{planned}/{target} posts", style="red" if planned < target else "green")
            label.update(text)
            for column, day in enumerate(data.days):
                cell = self.query_one(f"#cell-{row}-{column}", Cell)
                items = data.cells.get((platform.key, day), [])
                tz = data.settings.timezone
                lines = sorted([(i.post.scheduled_at, post_line(i, tz)) for i in items]
                               + [(slot.utc, slot_line(slot, tz)) for slot in data.open_slots(platform.key, day)],
                               key=lambda pair: pair[0])
                content = Text("\n", no_wrap=True, overflow="ellipsis").join(line for _, line in lines)
                content.no_wrap, content.overflow = True, "ellipsis"
                cell.update(content)
                cell.set_class(day == today, "-today")
        self._paint_cursor()

    def _rebuild_rows(self, platforms: list[Platform]) -> None:
        for widget in self.query(".row-label, .cell"):
            widget.remove()
        self.platforms = list(platforms)
        widgets = []
        for row, platform in enumerate(self.platforms):
            widgets.append(Static(platform.name, id=f"label-{row}", classes="row-label"))
            widgets.extend(Cell(row, column) for column in range(7))
        if widgets:
            self.mount_all(widgets)
        self.styles.grid_size_rows = len(self.platforms) + 1
        self.cursor_row = min(self.cursor_row, max(len(self.platforms) - 1, 0))

    # -- cursor -----------------------------------------------------------------------

    def move(self, rows: int = 0, columns: int = 0) -> None:
        if not self.platforms:
            return
        self.cursor_row = max(0, min(len(self.platforms) - 1, self.cursor_row + rows))
        self.cursor_column = max(0, min(6, self.cursor_column + columns))

    def watch_cursor_row(self) -> None:
        self._paint_cursor()

    def watch_cursor_column(self) -> None:
        self._paint_cursor()

    def _paint_cursor(self) -> None:
        for cell in self.query(Cell):
            cell.set_class(cell.row == self.cursor_row and cell.column == self.cursor_column, "-cursor")
        self.post_message(self.CursorMoved())

    def on_cell_clicked(self, message: Cell.Clicked) -> None:
        self.cursor_row, self.cursor_column = message.row, message.column

    @property
    def selected_platform(self) -> Platform | None:
        return self.platforms[self.cursor_row] if self.platforms else None

    @property
    def selected_day(self) -> date | None:
        return self.data.days[self.cursor_column] if self.data else None

    def selected_posts(self) -> list:
        if not self.data or not self.platforms:
            return []
        return self.data.cells.get((self.selected_platform.key, self.selected_day), [])

    def selected_slots(self) -> list:
        if not self.data or not self.platforms:
            return []
        return self.data.open_slots(self.selected_platform.key, self.selected_day)

    def select_day(self, day: date) -> None:
        if self.data and day in self.data.days:
            self.cursor_column = self.data.days.index(day)

    def select_platform(self, key: str) -> None:
        for row, platform in enumerate(self.platforms):
            if platform.key == key:
                self.cursor_row = row
