"""The week's sidebar: the week's time against the minimum, drawn as a bar, and the backlog of
ideas under it (its list joins once the week is shown: two lists cost the first frame)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from edcal.domain.dates import format_minutes
from edcal.ui.messages import SyncStatusChanged

if TYPE_CHECKING:
    from textual.geometry import Region

    from edcal.services.week import WeekData
    from edcal.ui.widgets.backlog import Backlog

BAR_WIDTH = 22  # fits the sidebar


def minimum_bar(minutes: int, minimum: int, width: int = BAR_WIDTH) -> Text:
    """A bar of the week's minutes against the minimum: green once met."""
    filled = width if minutes >= minimum else round(width * minutes / max(minimum, 1))
    return Text.assemble(("━" * filled, "green" if minutes >= minimum else "yellow"), ("━" * (width - filled), "grey30"))


SYNC_WORDS = 70  # three lines of the sidebar at most


def sidebar_text(data: WeekData | None = None, title_style: str = "bold") -> Text:
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


class SideRule(Widget):
    """The sidebar's left edge: one character a line, the same on every line, drawn in one go
    (a CSS border is drawn line by line with the whole sidebar: 2 ms of the first frame)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return [Strip([Segment("▏", self.rich_style)], 1)] * crop.height


class Sidebar(Vertical):
    BLANK = True  # its rule and its text cover what it shows: its own lines are blank

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data: WeekData | None = None

    def compose(self) -> ComposeResult:
        from edcal.ui.widgets.caldav_sync import CalDAVSync

        yield SideRule(id="side-rule")
        yield Static(sidebar_text(title_style=self.title_style), id="sidebar-text")
        yield CalDAVSync(id="caldav-sync")

    def on_sync_status_changed(self, message: SyncStatusChanged) -> None:
        self.show_sync(message.words)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.show(self.data))

    @property
    def title_style(self) -> str:
        """Bold in the theme's accent colour, as the other screens' titles."""
        return f"bold {self.app.theme_variables.get('accent', '')}".strip()

    @property
    def backlog(self) -> Backlog | None:
        return next(iter(self.query("#backlog")), None)  # type: ignore[return-value]  # mounted with the week

    def show(self, data: WeekData | None) -> None:
        self.data = data
        self.query_one("#sidebar-text", Static).update(sidebar_text(data, self.title_style))
        if data is not None:
            if self.backlog is None:  # its list joins after the week's frame
                self.call_after_refresh(self._show_backlog)
            else:
                self._show_backlog()

    def show_sync(self, words: str | None) -> None:
        """The CalDAV sync's state at the sidebar's foot ("✔ synced 2 minutes ago", or the last
        failure, shortened: the notification said it whole); nothing without [caldav]."""
        if words is None:
            return
        if len(words) > SYNC_WORDS:
            words = words[:SYNC_WORDS - 1].rstrip() + "…"
        shown = Text.assemble(("CalDAV ", self.title_style), ("x", "dim"), "\n",
                              (words, "red" if words.startswith("✗") else "green" if words.startswith("✔") else ""))
        line = next(iter(self.query("#sync-status")), None)
        if isinstance(line, Static):
            line.update(shown)
        else:
            self.mount(Static(shown, id="sync-status"))

    def _show_backlog(self) -> None:
        if self.data is None or not self.is_attached:  # not while quitting
            return
        backlog = self.backlog
        if backlog is None:
            from edcal.ui.widgets.backlog import Backlog  # off the first frame

            backlog = Backlog(id="backlog")
            self.mount(backlog)
        backlog.show(self.data.backlog, {p.key: p.name for p in self.data.platforms})
