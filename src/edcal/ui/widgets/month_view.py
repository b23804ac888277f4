"""The month at a glance (``v`` on the week screen, after the grid and the agenda).

A wall calendar, seven columns of days and a row per week, rather than a row per channel and a
column per day: 31 days in 80 columns leave two characters a day, too few to say how many posts
and how far along they are. Each day says how many posts are planned there, the status of the
most advanced (◷ scheduled, ✔ out, ✎ draft), ⚠ when one breaks a rule and ! when one warns,
and its open slots faint (○2). Each week ends with whether its cadence held on every channel
with a target (✔, or ✗ with each channel's shortfall) and whether the time minimum was met:
marked and said in words, never by colour alone."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from edcal.domain.dates import format_minutes
from edcal.domain.models import Status
from edcal.ui.keys import MONTH_NEXT, MONTH_PREVIOUS

if TYPE_CHECKING:
    from edcal.domain.filters import PostFilter
    from edcal.domain.plan import WeekCadence
    from edcal.services.month import DayMarks, MonthData

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LABEL = 4  # "W49 "
DAY_MARKS = 7  # a day's column at the least: '3◷⚠ ○2' and a space


def day_marks(marks: DayMarks, width: int) -> Text:
    """'3◷⚠', '1✎', '○2' (faint): what one day holds, in ``width`` cells."""
    text = Text()
    if marks.posts:
        colours = {Status.PUBLISHED: "green", Status.SCHEDULED: "cyan", Status.DRAFT: "yellow"}
        style = colours.get(marks.best, "") if marks.best else ""
        text.append(f"{marks.posts}{marks.best.mark if marks.best else ''}", style=style)
        if marks.errors:
            text.append("⚠", style="bold red")
        elif marks.warnings:
            text.append("!", style="yellow")
    if marks.slots:
        text.append(f"{' ' if text else ''}○{marks.slots}", style="dim")
    text.truncate(width)
    return text


def week_verdict(week: WeekCadence, names: dict[str, str], width: int) -> tuple[Text, Text]:
    """The week's two lines after its days: the cadence per channel, then the time. A week gone
    by that fell short says ✗; this week and those to come say … (not short yet); a week before
    edcal was first used here says — (never held against anything)."""
    short = [(names.get(p.key, p.name), c.short_by) for p, c in week.channels if c.state == "short"]
    targets = sum(1 for _, c in week.channels if c.target)
    if not targets:
        cadence = Text("· no targets", style="dim")
    elif not short:
        cadence = Text(f"✔ cadence held ({targets})", style="green")
    else:
        lead, style = ("—", "dim") if not week.counted else ("…", "yellow") if week.ongoing else ("✗", "bold yellow")
        cadence = Text(f"{lead} short: ", style=style)
        cadence.append(", ".join(f"{name} −{by}" for name, by in short), style="dim" if not week.counted else "yellow")
    spent = f"{format_minutes(week.minutes)} of {format_minutes(week.minimum)}"
    state = week.time
    if state == "met":
        time = Text(f"✔ {spent}", style="green")
    elif state == "before":
        time = Text("— before first activity", style="dim")
    elif state == "open":
        time = Text(f"… {spent}, {format_minutes(week.missing)} to go", style="yellow")
    else:
        time = Text(f"✗ {spent}", style="bold yellow")
        time.append(" short", style="yellow")
    for line in (cadence, time):
        line.truncate(width, overflow="ellipsis")
    return cadence, time


class MonthView(Widget, can_focus=True):
    """The month's weeks as a wall calendar; the cursor is a day."""

    DEFAULT_CSS = """
    MonthView {
        height: 1fr;
        display: none;
    }
    """
    BINDINGS = [
        Binding("left,h", "step(-1)", "Day ←", show=False),
        Binding("right,l", "step(1)", "Day →", show=False),
        Binding("up,k", "step(-7)", "Week ↑", show=False),
        Binding("down,j", "step(7)", "Week ↓", show=False),
        Binding("enter", "choose", "Open week", show=False),
        MONTH_PREVIOUS.binding(),  # [ and ] as the footer says them here: by month
        MONTH_NEXT.binding(),
    ]
    day: reactive[date | None] = reactive(None)

    class DayChosen(Message):
        """Enter on a day: its week, in the grid, the cursor on it."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    class CursorMoved(Message):
        pass

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data: MonthData | None = None
        self.chosen: PostFilter | None = None
        self.today: date | None = None
        self.names: dict[str, str] = {}

    def show(self, data: MonthData, today: date, chosen: PostFilter | None, names: dict[str, str],
             near: date | None = None) -> None:
        """Show ``data``; the cursor stays on its day, or on the same day of another month, or goes
        to ``near``, today or the 1st."""
        self.data, self.today, self.chosen, self.names = data, today, chosen, names
        if self.day not in data.month:
            month = data.month
            same = date(month.year, month.month, min(self.day.day, month.length)) if self.day else None
            self.day = next(d for d in (same, near, today, month.start) if d in month)
        self.refresh()

    def watch_day(self) -> None:
        self.refresh()
        self.post_message(self.CursorMoved())

    def action_step(self, days: int) -> None:
        if self.data is None or self.day is None:
            return
        shown = [d for w in self.data.weeks for d in w.week.days]
        target = self.day + timedelta(days=days)
        if shown[0] <= target <= shown[-1]:
            self.day = target

    def action_choose(self) -> None:
        if self.day is not None:
            self.post_message(self.DayChosen(self.day))

    def render(self) -> Text:
        data = self.data
        if data is None:
            return Text("Loading the month…", style="dim")
        width = max(self.size.width, 40)
        # The verdicts take what they need, as long as each day keeps room for its marks ('3◷⚠ ○2');
        # the days share the rest.
        verdicts = [week_verdict(week, self.names, width) for week in data.weeks]
        needed = max(line.cell_len for pair in verdicts for line in pair)
        verdict = max(16, min(needed, width - LABEL - 1 - 7 * DAY_MARKS))
        cell = max(5, (width - LABEL - verdict - 1) // 7)
        verdict = width - LABEL - 7 * cell - 1
        rows_per_week = 3 if self.size.height >= 3 * len(data.weeks) + 1 else 2
        first = data.weeks[0].week.start.weekday()
        out = Text(" " * LABEL)
        for n in range(7):
            out.append(WEEKDAYS[(first + n) % 7][: cell - 1].ljust(cell), style="bold")
        out.append(" " + "Cadence · time".ljust(verdict)[:verdict], style="bold")
        for week, (cadence, time) in zip(data.weeks, verdicts, strict=True):
            lines = [Text(f"W{week.week.number:<2} ", style="dim"), Text(" " * LABEL)]
            for day in week.week.days:
                selected = day == self.day
                base = "reverse" if selected else ""
                number = f"{day.day:>2}" + ("•" if day == self.today else "")
                style = ("bold " if day == self.today else "") + ("" if day in data.month else "dim")
                lines[0].append(number.ljust(cell), style=f"{style} {base}".strip() or None)
                marks = day_marks(data.marks(day, self.chosen), cell - 1)
                marks.pad_right(cell - marks.cell_len)
                if selected:
                    marks.stylize("reverse")
                lines[1].append_text(marks)
            for line in (cadence, time):
                line.truncate(verdict, overflow="ellipsis")
            lines[0].append(" ").append_text(cadence)
            lines[1].append(" ").append_text(time)
            for line in lines:
                out.append("\n").append_text(line)
            if rows_per_week == 3:
                out.append("\n")
        return out
