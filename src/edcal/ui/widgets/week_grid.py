"""The week grid: one row per platform, one column per day, drawn by a single widget.

A widget per cell cost Textual a style, a layout and a render each (35 cells and their
labels for five platforms): most of the first frame. This widget lays the grid out itself
and paints it line by line (Textual's line API), so a week is one widget however many
platforms and posts it holds.

The rows share the screen's height: each post is a card of up to three lines (its time and
marks, then its title or first words wrapped), a cell with more than fits shows one line per
post and "+3 more". When even that does not fit, the grid scrolls under its day names and
follows the cursor. Under 100 columns it shows fewer days, around the cursor.
"""

from __future__ import annotations

from datetime import date, datetime
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
from edcal.domain.models import Platform, Status
from edcal.domain.wording import visible
from edcal.record import field, record

if TYPE_CHECKING:
    from rich.console import Console
    from textual import getters

    from edcal.domain.recurrence import Slot
    from edcal.services.week import PlannedPost, WeekData
    from edcal.ui.host import Host

LABEL_WIDTH = 11  # the platform names' column; a longer name wraps, never cut
GUTTER = 1  # blank cells between columns
MIN_LINES = 2  # a row is at least this tall under its rule
CARD_LINES = 3  # a post's card: its time and marks, then its words wrapped
WIDE = 100  # from this many columns the grid shows the whole week
DAY_WIDTH = 20  # below WIDE, as many days as fit this wide


@record
class Entry:
    """One post or open slot of a cell: its marks ('09:30◷!') and its words."""

    at: datetime
    marks: Text
    words: str
    style: str = ""
    shown: bool = True  # False: left out by the filter, drawn faint and struck
    item: PlannedPost | None = field(default=None, compare=False, repr=False)  # the post (None: an open slot)
    _cards: dict[int, list[Text]] = field(default_factory=dict, compare=False, repr=False)  # by width

    def line(self) -> Text:
        """The entry on one line."""
        text = self.marks.copy()
        text.append(self.words.splitlines()[0] if self.words else "", style=self.style)
        text.no_wrap, text.overflow, text.end = True, "ellipsis", ""
        if not self.shown:
            text.stylize("dim strike")
        return text

    def card(self, width: int, console: Console) -> list[Text]:
        """The entry wrapped on up to CARD_LINES lines of ``width`` cells, the last ending in … when cut."""
        if width not in self._cards:  # laying out and drawing both need it: wrapped once
            self._cards[width] = self._wrap(width, console)
        return self._cards[width]

    def _wrap(self, width: int, console: Console) -> list[Text]:
        text = self.marks.copy()
        if not text.plain.endswith(" "):
            text.append(" ")  # a mark then a word: wrap between them, not inside the word
        text.append(" ".join(self.words.split()), style=self.style)
        if not self.shown:
            text.stylize("dim strike")
        lines = list(text.wrap(console, max(width, 1), overflow="fold"))
        if len(lines) > CARD_LINES:
            lines = lines[:CARD_LINES]
            last = lines[-1]
            last.rstrip()
            last.truncate(max(width - 1, 0))
            last.append("…")
        return lines


# What the marks on a card mean: (mark, meaning, the meaning in one short word). One table for
# the legend under the grid, the help screen and the README's.
MARKS = (
    *((Status(value).mark, value, word) for value, word in
      (("scheduled", "sched"), ("draft", "draft"), ("published", "out"), ("idea", "idea"))),
    ("⚠", "breaks a rule", "error"), ("!", "warning", "warn"), ("=X", "same text as on X", "same"),
    ("≡3", "thread of 3", "thread"), ("○", "open slot", "slot"), ("*", "planned in another zone", "zone"),
    (Status.SKIPPED.mark, "skipped", "skip"),
)


def legend(width: int) -> str:
    """The marks and their meanings in ``width`` columns: in words when they fit, else short."""
    full = "  ".join(f"{mark} {meaning}" for mark, meaning, _ in MARKS)
    if len(full) <= width:
        return full
    short = " ".join(f"{mark} {word}" for mark, _, word in MARKS)
    return short if len(short) <= width else short[: max(width - 1, 0)] + "…"


def twin_mark(name: str) -> str:
    """"=X", "=Li": the short mark of a card whose text is planned on that channel too (the
    detail box says it in full)."""
    return "=" + name[:2]


def post_entry(item, tz: str, shown: bool = True, names: dict[str, str] | None = None) -> Entry:
    """A post as its time on the viewer's clock (``tz``), * when it was planned on another one
    (the detail box says which), its status, ⚠ for a broken rule, ! for a warning, =X when the
    same text is planned on X this week, ≡3 for a thread of three parts, then its words."""
    post = item.post
    local, elsewhere = post.seen_from(tz)
    marks = Text(end="")
    marks.append(f"{local:%H:%M}", style="bold")
    if elsewhere:
        marks.append("*", style="bold cyan")
    marks.append(post.status.mark)
    if not item.ok:
        marks.append("⚠", style="bold red")
    elif item.problems:
        marks.append("!", style="bold yellow")
    if item.duplicate:  # the same text planned on another channel: which one, in two letters
        marks.append(twin_mark((names or {}).get(item.duplicate[0], item.duplicate[0])), style="bold yellow")
    if item.duplicate or (item.ok and not item.problems):
        marks.append(" ")
    if post.thread:  # a thread: how many parts
        marks.append(f"≡{len(post.parts)} ", style="cyan")
    source = (post.title or "").strip() or (post.body or "").strip() or "(empty)"
    return Entry(post.scheduled_at, marks, visible(source[:300]), "dim" if post.status in ("skipped", "idea") else "", shown,
                 item)


def slot_entry(slot, tz: str) -> Entry:
    """'09:00○ Weekly tip' for an open recurring slot."""
    marks = Text(f"{slot.utc.astimezone(zone(tz)):%H:%M}○ ", style="dim italic", end="")
    return Entry(slot.utc, marks, visible(slot.title or "open slot"), "dim italic")


def cell_entries(data: WeekData, platform: str, day: date, chosen: PostFilter) -> list[Entry]:
    """A cell's posts and open slots, in time order; the posts ``chosen`` leaves out drawn faint."""
    tz = data.settings.timezone
    names = {p.key: p.name for p in data.platforms}
    entries = [post_entry(item, tz, chosen.matches(item.post), names) for item in data.cells.get((platform, day), [])]
    entries += [slot_entry(slot, tz) for slot in data.open_slots(platform, day)]
    return sorted(entries, key=lambda entry: entry.at)


def cell_lines(entries: list[Entry], height: int, width: int, console: Console) -> list[Text]:
    """What a cell ``height`` lines tall shows: whole cards when they fit, else one line per
    entry with the cards given what is left in turn, else as many lines as fit and '+3 more'."""
    if len(entries) > height:
        hidden = len(entries) - (height - 1)
        return [e.line() for e in entries[: height - 1]] + [Text(f"+{hidden} more", style="bold", end="")]
    spare = height - len(entries)
    lines: list[Text] = []
    for entry in entries:
        card = entry.card(width, console)
        if len(card) > 1 + spare:  # not room for all of it: one line, or the lines that fit
            card = card[: 1 + spare] if spare else [entry.line()]
            if spare:
                card[-1] = _ellipsized(card[-1], width)
        spare -= len(card) - 1
        lines.extend(card)
    return lines


def _ellipsized(line: Text, width: int) -> Text:
    line = line.copy()
    line.rstrip()
    line.truncate(max(width - 1, 0))
    line.append("…")
    return line


def card_height(entries: list[Entry], width: int, console: Console) -> int:
    """The lines a cell needs to show every entry as a whole card."""
    return sum(len(entry.card(width, console)) for entry in entries)


def share_lines(floors: list[int], wants: list[int], room: int) -> list[int]:
    """Share ``room`` lines among rows: each gets its floor, then a line at a time to the rows
    that want more, in turn, then what is left in turn to all, so the rows fill the room."""
    heights = list(floors)
    spare = room - sum(heights)
    while spare > 0 and any(h < w for h, w in zip(heights, wants, strict=True)):
        for row, want in enumerate(wants):
            if spare and heights[row] < want:
                heights[row] += 1
                spare -= 1
    if heights and spare > 0:
        each, extra = divmod(spare, len(heights))
        heights = [h + each + (1 if row < extra else 0) for row, h in enumerate(heights)]
    return heights


def visible_days(width: int, screen_width: int) -> int:
    """How many days a grid ``width`` cells wide shows: the week from WIDE columns, else what fits."""
    if screen_width >= WIDE:
        return 7
    return max(1, min(7, (width - LABEL_WIDTH) // DAY_WIDTH))


EMPTY_DAY = 8  # the width an empty day keeps when busy days take the rest ("Sat 28 •", its header)


def column_spans(width: int, days: int = 7, busy: list[bool] | None = None) -> list[tuple[int, int]]:
    """The x offset and width of each shown day's column in a grid ``width`` cells wide. Days
    with nothing planned in any row (``busy`` False) give what they do not need, beyond their
    header's width, to the days that have posts, so a busy day's titles read."""
    free = max(width - LABEL_WIDTH - days * GUTTER, days)
    base = free // days
    wanted = busy if busy is not None and len(busy) == days and any(busy) and not all(busy) else [True] * days
    narrow = min(base, EMPTY_DAY)
    sizes = [base if want else narrow for want in wanted]
    rest = free - sum(sizes)
    wide = [n for n, want in enumerate(wanted) if want]
    for n in wide:  # what is left, shared by the busy days from the first on
        sizes[n] += rest // len(wide) + (1 if wide.index(n) < rest % len(wide) else 0)
    spans, x = [], LABEL_WIDTH
    for size in sizes:
        x += GUTTER
        spans.append((x, size))
        x += size
    return spans


class WeekGrid(ScrollView, can_focus=False):
    """Rows of platforms by columns of days, with a cell cursor."""

    if TYPE_CHECKING:
        app = getters.app(Host)

    DEFAULT_CSS = """
    WeekGrid {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }

    WeekGrid.-loading {
        height: 0;  /* the first frame, before the week is read: no blank lines to paint */
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

    WeekGrid > .week-grid--variant {  /* a cell holding a variant of the selected post (one idea, adapted) */
        background: $primary 40%;
    }

    WeekGrid > .week-grid--variant-rule {
        color: $secondary;
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
        "week-grid--variant", "week-grid--variant-rule",
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
        self.filter = PostFilter()  # posts it leaves out are drawn faint
        self._entries: dict[tuple[int, int], list[Entry]] = {}  # (row, column): the cell's posts and slots
        self._labels: list[list[Text]] = []  # per platform: its name's lines, then its cadence
        # The layout: the first day shown, the shown days' spans, and per platform its first
        # line (its rule) and height. Worked out again when the size, the week or the days shown change.
        self.first_day = 0
        self._spans: list[tuple[int, int]] = column_spans(80)
        self._rows: list[tuple[int, int]] = []
        self._laid_out_for: tuple | None = None
        self._strips: list[Strip] = []
        self._drawn_for: tuple | None = None  # the layout and cursor the strips were drawn for
        self._looks: tuple | None = None  # the styles they were drawn with
        if self.app.first_week is None:  # no week to show yet: none of its lines either
            self.add_class("-loading")

    # -- content ----------------------------------------------------------------------

    def set_filter(self, chosen: PostFilter) -> tuple[int, int]:
        """Draw the posts ``chosen`` leaves out faint; returns (matching, all) posts of the week."""
        self.filter = chosen
        if self.data is not None and self.today is not None:
            self.show(self.data, self.today)
        planned = [item.post for cell in self.data.cells.values() for item in cell] if self.data else []
        return sum(1 for p in planned if chosen.matches(p)), len(planned)

    def show(self, data, today: date) -> None:
        """Show ``data``: every cell's posts and open slots in time order."""
        self.data, self.today = data, today
        self.remove_class("-loading")
        self.platforms = list(data.platforms)
        self._entries = {(row, column): cell_entries(data, platform.key, day, self.filter)
                         for row, platform in enumerate(self.platforms) for column, day in enumerate(data.days)}
        self._labels = [self._label(platform) for platform in self.platforms]
        self.cursor_row = min(self.cursor_row, max(len(self.platforms) - 1, 0))
        self._laid_out_for = None
        self._lay_out()
        self.post_message(self.CursorMoved())

    def _label(self, platform: Platform) -> list[Text]:
        """A row's label: the platform's name, wrapped rather than cut, then its cadence."""
        style = self.get_component_rich_style
        name = Text(platform.name, style="bold")
        fits = name.cell_len <= LABEL_WIDTH and "\n" not in platform.name
        lines = [name] if fits else list(name.wrap(self.app.console, LABEL_WIDTH, overflow="fold"))
        # a channel of its own (a second account): which platform, which account
        account = " ".join(part for part in (platform.profile if platform.key != platform.profile else "",
                                            platform.handle or "") if part)
        if account:
            line = Text(account, style="dim", no_wrap=True, overflow="ellipsis")
            line.truncate(LABEL_WIDTH, overflow="ellipsis")
            lines.append(line)
        week = self.data.cadence(platform) if self.data else None
        if week and week.target:
            lines.append(Text(week.label, style=style("week-grid--behind" if week.behind else "week-grid--on-target")))
            if week.drafts:
                lines.append(Text(week.drafts_label, style="dim"))
        return lines

    def cell_text(self, row: int, column: int) -> str:
        """The plain text of a cell, one line per post or open slot."""
        return "\n".join(entry.line().plain for entry in self._entries.get((row, column), []))

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

    @property
    def shown_columns(self) -> range:
        """The days on screen: the whole week, or fewer around the cursor when narrow."""
        return range(self.first_day, self.first_day + len(self._spans))

    # -- layout -----------------------------------------------------------------------

    def _lay_out(self) -> None:
        """Work out the days shown and each row's height, when the size, week or cursor need it."""
        width, height = self.size.width, self.size.height
        if self.data is None or not width:
            return  # nothing yet, or not laid out yet: the first render_line does it for the real size
        days = visible_days(width, self.app.size.width)
        first = max(0, min(self.first_day, 7 - days, self.cursor_column))
        first = max(first, self.cursor_column - days + 1)
        key = (width, height, first, days)
        if key == self._laid_out_for:
            return
        self._laid_out_for, self.first_day = key, first
        busy = [any(self._entries.get((row, first + n)) for row in range(len(self.platforms))) for n in range(days)]
        self._spans = column_spans(width, days, busy)
        console = self.app.console
        floors = [max(MIN_LINES, len(labels)) for labels in self._labels]
        wants = [max([floor] + [card_height(self._entries[row, first + n], size, console)
                                for n, (_, size) in enumerate(self._spans)])
                 for row, floor in enumerate(floors)]
        heights = share_lines(floors, wants, height - 1 - len(self.platforms))  # less the day names and rules
        self._rows, line = [], 1  # line 0 holds the day names
        for size in heights:
            self._rows.append((line, size))
            line += 1 + size
        self.virtual_size = Size(0, line)
        self._redraw()

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
        shown = list(zip(self.shown_columns, self._spans, strict=True))
        today = self.today_column
        cursor = (self.cursor_row, self.cursor_column) if self.platforms else None

        # Each segment is made with the grid's own style under its own, and each line as wide
        # as the grid: no second pass over the segments to style or pad them.
        def cell(text: Text | str, size: int, background: Style | None) -> list[Segment]:
            if not text:  # most of a grid's cells are blank lines: no Text to lay out
                return [Segment(" " * size, base + background if background else base)]
            text = text if isinstance(text, Text) else Text(text)
            room = size - text.cell_len
            if room < 0:  # cut, with an ellipsis
                text = text.copy()
                text.truncate(size, overflow="ellipsis")
                room = size - text.cell_len
            outer = base + (background or Style()) + console.get_style(text.style or "")  # render() leaves it out
            parts = [Segment(segment.text, outer + segment.style) for segment in text.render(console)]
            return parts + [Segment(" " * room, outer)] if room else parts

        gutter = Segment(" " * GUTTER, base)
        drawn = LABEL_WIDTH + sum(GUTTER + size for _, (_, size) in shown)

        def line(label: list[Segment], columns: list[list[Segment]]) -> Strip:
            segments = list(label)
            for parts in columns:
                segments.append(gutter)
                segments.extend(parts)
            if drawn < width:
                segments.append(Segment(" " * (width - drawn), base))
            # Neighbours of one style made one (a blank cell and its gutter, say): half the
            # segments, for each filter, the compositor and the terminal's output to go through.
            merged = list(Segment.simplify(segments))
            return Strip(merged, width) if drawn <= width else Strip(merged).crop(0, width)

        headers = [cell(self.day_header(c, size), size, style("week-grid--day-today" if c == today else "week-grid--day"))
                   for c, (_, size) in shown]
        more = "" if len(shown) == 7 else (f"{'◂' if self.first_day else ' '} {len(shown)} of 7 "
                                           f"{'▸' if self.first_day + len(shown) < 7 else ' '}")
        strips = [line(cell(Text(more, style="dim"), LABEL_WIDTH, None), headers)]
        rule, cursor_rule = style("week-grid--rule"), style("week-grid--cursor-rule")
        variants = self._variant_cells(cursor)
        variant, variant_rule = style("week-grid--variant"), style("week-grid--variant-rule")
        on_cursor, on_today = style("week-grid--cursor"), style("week-grid--today")  # once, not per cell
        for row, labels in enumerate(self._labels):
            strips.append(line([Segment("─" * LABEL_WIDTH, base + rule)],
                               [[Segment("─" * size, base + (cursor_rule if cursor == (row, c)
                                                             else variant_rule if (row, c) in variants else rule))]
                                for c, (_, size) in shown]))
            _, height = self._rows[row]
            cells = [cell_lines(self._entries[row, c], height, size, console) for c, (_, size) in shown]
            for index in range(height):
                columns = []
                for (c, (_, size)), lines in zip(shown, cells, strict=True):
                    background = (on_cursor if cursor == (row, c) else variant
                                  if (row, c) in variants else on_today if c == today else None)
                    columns.append(cell(lines[index] if index < len(lines) else "", size, background))
                strips.append(line(cell(labels[index] if index < len(labels) else "", LABEL_WIDTH, None), columns))
        return strips

    def _variant_cells(self, cursor: tuple[int, int] | None) -> set[tuple[int, int]]:
        """The cells, the cursor's aside, holding a variant of a post in the cursor's cell."""
        ideas = {e.item.post.idea for e in self._entries.get(cursor, []) if e.item and e.item.post.idea} \
            if cursor else set()
        if not ideas:
            return set()
        return {place for place, entries in self._entries.items()
                if place != cursor and any(e.item and e.item.post.idea in ideas for e in entries)}

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        self._lay_out()  # a week shown before its first layout (the first frame's) is laid out for its real size
        key = (self._laid_out_for, self.cursor_row, self.cursor_column)
        if self._drawn_for != key:
            self._strips, self._drawn_for = self._draw(width), key
        index = y + self.scroll_offset.y if y else 0  # the day names stay on top while rows scroll
        if index < len(self._strips):
            return self._strips[index]
        return Strip.blank(width, self.rich_style)

    def on_resize(self, _: Resize) -> None:
        self._lay_out()  # draws again if the new size needs another layout

    def notify_style_update(self) -> None:
        super().notify_style_update()  # a new theme: the component styles change
        if not self.is_mounted:
            return  # no component styles before it is mounted, and nothing drawn
        looks = (self.rich_style, *(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES)))
        if looks == self._looks:
            return  # styles applied again to the same effect (a class or pseudo-class changed): nothing to draw
        self._looks = looks
        if self.data is not None:
            self._labels = [self._label(platform) for platform in self.platforms]
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
        self._lay_out()  # fewer days than the week: they follow the cursor
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
        columns = [c for c, (x, size) in zip(self.shown_columns, self._spans, strict=True) if x <= event.x < x + size]
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
