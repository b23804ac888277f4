"""The agenda: the week's posts as a list, day by day, full width (``v`` on the week screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from edcal.domain.filters import PostFilter
from edcal.ui.widgets.week_grid import cell_entries

if TYPE_CHECKING:
    from edcal.services.week import PlannedPost, WeekData


class Agenda(OptionList):
    """One option per post, under the name of its day; enter opens the highlighted post."""

    DEFAULT_CSS = """
    Agenda, Agenda:focus {
        height: 1fr;
        border: none;
        padding: 0;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.items: dict[str, PlannedPost] = {}  # option id: its post

    def show(self, data: WeekData, today, chosen: PostFilter) -> None:
        """List ``data``'s posts and open slots, keeping the highlighted post where it still is."""
        was = self.selected_item
        names = {p.key: p.name for p in data.platforms}
        options: list[Option] = []
        self.items = {}
        for day in data.days:
            entries = [(entry, platform.key, entry.item) for platform in data.platforms
                       for entry in cell_entries(data, platform.key, day, chosen)]
            heading = Text(f"{day:%A %d %B}" + (" • today" if day == today else ""), style="bold")
            options.append(Option(heading, disabled=True))
            if not entries:
                options.append(Option(Text("  nothing planned", style="dim"), disabled=True))
            for entry, key, item in sorted(entries, key=lambda e: e[0].at):
                words = Text(" ".join(entry.words.split()), style=entry.style)
                if not entry.shown:
                    words.stylize("dim strike")
                line = Table.grid(padding=(0, 1))  # the words wrap in their own column
                line.add_column(width=1)
                line.add_column(no_wrap=True)
                line.add_column(no_wrap=True, width=14, overflow="ellipsis")
                line.add_column(ratio=1)
                line.add_row("", entry.marks, Text(names.get(key, key), style="cyan"), words)
                if item is None:
                    options.append(Option(line, disabled=True))
                    continue
                option_id = f"post-{item.post.id}"
                self.items[option_id] = item
                options.append(Option(line, id=option_id))
        self.set_options(options)
        if was is not None and f"post-{was.post.id}" in self.items:
            self.highlighted = self.get_option_index(f"post-{was.post.id}")
        elif self.items:
            self.highlighted = self.get_option_index(next(iter(self.items)))

    @property
    def selected_item(self) -> PlannedPost | None:
        """The highlighted post, if any."""
        if self.highlighted is None or not self.items:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.items.get(option.id or "")
