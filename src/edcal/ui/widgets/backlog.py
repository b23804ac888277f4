"""The backlog: ideas without a date, in the sidebar; ``b`` goes to it, enter opens an idea,
``m`` gives it a date, ``n`` adds one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from edcal.services.week import PlannedPost

SHOWN = 200  # ideas listed; the CLI lists them all (`edcal list --status idea`)


class Backlog(OptionList):
    """One option per idea: its headline, ⚠ when it breaks a rule, and its platform."""

    DEFAULT_CSS = """
    Backlog, Backlog:focus {
        height: 1fr;
        border: none;
        padding: 0;
        background: transparent;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.items: dict[str, PlannedPost] = {}

    def show(self, backlog: list[PlannedPost], names: dict[str, str]) -> None:
        was = self.selected_item
        self.items = {f"idea-{item.post.id}": item for item in backlog[:SHOWN]}
        options = []
        for option_id, item in self.items.items():
            prompt = Text.assemble(("⚠ " if not item.ok else "· ", "red" if not item.ok else ""),
                                   item.post.headline(60), "\n", (f"  {names.get(item.post.platform, item.post.platform)}",
                                                                  "dim"))
            options.append(Option(prompt, id=option_id))
        if not options:
            options.append(Option(Text("No ideas waiting: b, then n adds one.", style="dim"), disabled=True))
        self.set_options(options)
        if was is not None and f"idea-{was.post.id}" in self.items:
            self.highlighted = self.get_option_index(f"idea-{was.post.id}")
        elif self.items:
            self.highlighted = 0

    @property
    def selected_item(self) -> PlannedPost | None:
        if self.highlighted is None or not self.items:
            return None
        return self.items.get(self.get_option_at_index(self.highlighted).id or "")
