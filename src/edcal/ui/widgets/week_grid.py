"""The week grid: one row per platform, one column per day, drawn by a single widget.

A widget per cell cost Textual a style, a layout and a render each (35 cells and their
labels for five platforms): most of the first frame. This widget lays the grid out itself
and paints it line by line (Textual's line API), so a week is one widget however many
platforms and posts it holds. Rows grow to show every post of their tallest cell; the
grid scrolls under its day names when the rows outgrow the screen, and follows the cursor.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from edcal.domain.dates import zone
from edcal.domain.filters import PostFilter
from edcal.domain.models import Platform

if TYPE_CHECKING:
    from edcal.domain.recurrence import Slot
    from edcal.services.week import PlannedPost, WeekData

LABEL_WIDTH = 11  # the platform names' column
GUTTER = 1  # blank cells between columns
MIN_LINES = 2  # a row is at least this tall under its rule


def post_line(item, tz: str, shown: bool = True) -> Text:
    """'09:30◷ Launch teaser' as styled text, with ⚠ for a broken rule and ! for a warning; the
    time is on the viewer's clock (``tz``), with * when the post was planned on another one (the
    detail box says which)."""
    post = item.post
    local, elsewhere = post.seen_from(tz)
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    line.append(f"{local:%H:%M}", style="bold")
    if elsewhere:
        line.append("*", style="bold cyan")
    line.append(post.status.mark)
    if not item.ok:
        line.append("⚠", style="bold red")
    elif item.duplicate or item.problems:
        line.append("!", style="bold yellow")
    else:
        line.append(" ")
    line.append(post.headline(60), style="dim" if post.status in ("skipped", "idea") else "")
    if not shown:  # left out by the filter: there, but faint
        line.stylize("dim strike")
    return line


def slot_line(slot, tz: str) -> Text:
    """'09:00○ Weekly tip' for an open recurring slot."""
    line = Text(no_wrap=True, overflow="ellipsis", end="", style="dim italic")
    line.append(f"{slot.utc.astimezone(zone(tz)):%H:%M}○ ")
    line.append(slot.title or "open slot")
    return line


def column_spans(width: int) -> list[tuple[int, int]]:
    """The x offset and width of each day's column in a grid ``width`` cells wide."""
    free = max(width - LABEL_WIDTH - 7 * GUTTER, 7)
    base, extra = divmod(free, 7)
    spans, x = [], LABEL_WIDTH
    for column in range(7):
        x += GUTTER
        size = base + (1 if column < extra else 0)
        spans.append((x, size))
        x += size
    return spans


class WeekGrid(ScrollView, can_focus=False):
    """Rows of platforms by columns of days, with a cell cursor."""

    DEFAULT_CSS = """
    WeekGrid {
        height: auto;
        max-height: 1fr;
        scrollbar-size-vertical: 1;
    }

    WeekGrid > .week-grid--day {
        color: $text-muted;
        text-style: bold;
    }

    WeekGrid > .week-grid--day-today {
        color: $accent;
        text-style: bold;
    }

    WeekGrid > .week-grid--rule {
        color: $panel-lighten-2;
    }

    WeekGrid > .week-grid--cursor-rule {
        color: $accent;
    }

    WeekGrid > .week-grid--cursor {
        background: $accent 30%;
    }

    WeekGrid > .week-grid--today {
        background: $boost;
    }

    WeekGrid > .week-grid--behind {
        color: $error;
    }

    WeekGrid > .week-grid--on-target {
        color: $success;
    }
    """

    COMPONENT_CLASSES = {
        "week-grid--day", "week-grid--day-today", "week-grid--rule", "week-grid--cursor-rule",
        "week-grid--cursor", "week-grid--today", "week-grid--behind", "week-grid--on-target",
    }

    cursor_row: reactive[int] = reactive(0)
    cursor_column: reactive[int] = reactive(0)

    class CursorMoved(Message):
        pass

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data: WeekData | None = None  # the week shown
        self.platforms: list[Platform] = []
        self.today: date | None = None
        self._cells: dict[tuple[int, int], list[Text]] = {}  # (row, column): the cell's lines
        self._rows: list[tuple[int, int]] = []  # per platform: first line (its rule) and height
        self._strips: list[Strip] = []
        self._drawn_for: tuple | None = None  # the width and cursor the strips were drawn for

    # -- content ----------------------------------------------------------------------

    filter: PostFilter = PostFilter()  # posts it leaves out are drawn faint

    def set_filter(self, chosen: PostFilter) -> tuple[int, int]:
        """Draw the posts ``chosen`` leaves out faint; returns (matching, all) posts of the week."""
        self.filter = chosen
        if self.data is not None and self.today is not None:
            self.show(self.data, self.today)
        planned = [item.post for cell in self.data.cells.values() for item in cell] if self.data else []
        return sum(1 for p in planned if chosen.matches(p)), len(planned)

    def show(self, data, today: date) -> None:
        """Show ``data``: every cell's lines in time order, posts and open slots alike."""
        self.data, self.today = data, today
        self.platforms = list(data.platforms)
        tz = data.settings.timezone
        self._cells = {}
        for row, platform in enumerate(self.platforms):
            for column, day in enumerate(data.days):
                lines = [(i.post.scheduled_at, post_line(i, tz, self.filter.matches(i.post)))
                         for i in data.cells.get((platform.key, day), [])]
                lines += [(slot.utc, slot_line(slot, tz)) for slot in data.open_slots(platform.key, day)]
                self._cells[row, column] = [line for _, line in sorted(lines, key=lambda pair: pair[0])]
        self._rows, line = [], 1  # line 0 holds the day names
        for row in range(len(self.platforms)):
            week = data.cadence(self.platforms[row])
            labels = 1 + bool(week.target) + bool(week.target and week.drafts)  # name, cadence, drafts
            height = max([MIN_LINES, labels] + [len(self._cells[row, column]) for column in range(7)])
            self._rows.append((line, height))
            line += 1 + height
        self.virtual_size = Size(0, line)
        self.cursor_row = min(self.cursor_row, max(len(self.platforms) - 1, 0))
        self._redraw()
        self.post_message(self.CursorMoved())

    def cell_text(self, row: int, column: int) -> str:
        """The plain text of a cell, one line per post or open slot."""
        return "\n".join(line.plain for line in self._cells.get((row, column), []))

    def day_header(self, column: int, width: int = 80) -> str:
        """'Wed 25 • today', or 'Wed 25 •' where the column is too narrow for it."""
        if self.data is None:
            return ""
        day = self.data.days[column]
        name = f"{day:%a %d}"
        if day != self.today:
            return name
        return f"{name} • today" if width >= len(name) + 8 else f"{name} •"

    @property
    def today_column(self) -> int | None:
        days = list(self.data.days) if self.data else []
        return days.index(self.today) if self.today in days else None

    # -- drawing ----------------------------------------------------------------------

    def _redraw(self) -> None:
        self._drawn_for = None
        self.refresh()

    def _draw(self, width: int) -> list[Strip]:
        """Every line of the grid, ``width`` cells wide."""
        if self.data is None:
            return []
        style = self.get_component_rich_style
        base, console = self.rich_style, self.app.console
        spans = column_spans(width)
        today = self.today_column
        cursor = (self.cursor_row, self.cursor_column) if self.platforms else None

        def cell(text: Text | str, size: int, background: Style | None) -> list[Segment]:
            text = text.copy() if isinstance(text, Text) else Text(text)
            text.truncate(size, overflow="ellipsis", pad=True)
            outer = (background or Style()) + console.get_style(text.style or "")  # render() leaves it out
            return [Segment(segment.text, outer + segment.style) for segment in text.render(console)]

        def line(label: list[Segment], columns: list[list[Segment]]) -> Strip:
            segments = list(label)
            for parts in columns:
                segments.append(Segment(" " * GUTTER))
                segments.extend(parts)
            return Strip(segments).apply_style(base).crop_extend(0, width, base)

        headers = [cell(self.day_header(c, size), size, style("week-grid--day-today" if c == today else "week-grid--day"))
                   for c, (_, size) in enumerate(spans)]
        strips = [line([Segment(" " * LABEL_WIDTH)], headers)]
        rule, cursor_rule = style("week-grid--rule"), style("week-grid--cursor-rule")
        for row, platform in enumerate(self.platforms):
            strips.append(line([Segment("─" * LABEL_WIDTH, rule)],
                               [[Segment("─" * size, cursor_rule if cursor == (row, c) else rule)]
                                for c, (_, size) in enumerate(spans)]))
            _, height = self._rows[row]
            labels = [Text(platform.name, style="bold")]
            week = self.data.cadence(platform)
            if week.target:
                labels.append(Text(week.label, style=style("week-grid--behind" if week.behind
                                                           else "week-grid--on-target")))
                if week.drafts:
                    labels.append(Text(week.drafts_label, style="dim"))
            for index in range(height):
                columns = []
                for c, (_, size) in enumerate(spans):
                    background = (style("week-grid--cursor") if cursor == (row, c)
                                  else style("week-grid--today") if c == today else None)
                    lines = self._cells[row, c]
                    columns.append(cell(lines[index] if index < len(lines) else "", size, background))
                label = labels[index] if index < len(labels) else ""
                strips.append(line(cell(label, LABEL_WIDTH, None), columns))
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        key = (width, self.cursor_row, self.cursor_column)
        if self._drawn_for != key:
            self._strips, self._drawn_for = self._draw(width), key
        index = y + self.scroll_offset.y if y else 0  # the day names stay on top while rows scroll
        if index < len(self._strips):
            return self._strips[index]
        return Strip.blank(width, self.rich_style)

    def on_resize(self, _: Resize) -> None:
        self._redraw()

    def notify_style_update(self) -> None:
        super().notify_style_update()  # a new theme: the component styles change
        self._redraw()

    # -- cursor -----------------------------------------------------------------------

    def move(self, rows: int = 0, columns: int = 0) -> None:
        if not self.platforms:
            return
        self.cursor_row = max(0, min(len(self.platforms) - 1, self.cursor_row + rows))
        self.cursor_column = max(0, min(6, self.cursor_column + columns))

    def watch_cursor_row(self) -> None:
        self._cursor_moved()

    def watch_cursor_column(self) -> None:
        self._cursor_moved()

    def _cursor_moved(self) -> None:
        self.refresh()
        if self._rows and self.cursor_row < len(self._rows):
            first, height = self._rows[self.cursor_row]
            # from the line above the rule, which the pinned day names cover
            self.scroll_to_region(Region(0, first - 1, 1, min(height + 2, self.size.height)), animate=False)
        self.post_message(self.CursorMoved())

    def on_click(self, event: Click) -> None:
        y = event.y + self.scroll_offset.y if event.y else 0
        rows = [row for row, (first, height) in enumerate(self._rows) if first <= y <= first + height]
        columns = [c for c, (x, size) in enumerate(column_spans(self.size.width)) if x <= event.x < x + size]
        if rows and columns:
            self.cursor_row, self.cursor_column = rows[0], columns[0]

    @property
    def selected_platform(self) -> Platform | None:
        return self.platforms[self.cursor_row] if self.platforms else None

    @property
    def selected_day(self) -> date | None:
        return self.data.days[self.cursor_column] if self.data else None

    def selected_posts(self) -> list[PlannedPost]:
        platform, day = self.selected_platform, self.selected_day
        if not self.data or platform is None or day is None:
            return []
        return self.data.cells.get((platform.key, day), [])

    def selected_slots(self) -> list[Slot]:
        platform, day = self.selected_platform, self.selected_day
        if not self.data or platform is None or day is None:
            return []
        return self.data.open_slots(platform.key, day)

    def select_day(self, day: date) -> None:
        if self.data and day in self.data.days:
            self.cursor_column = self.data.days.index(day)

    def select_platform(self, key: str) -> None:
        for row, platform in enumerate(self.platforms):
            if platform.key == key:
                self.cursor_row = row
