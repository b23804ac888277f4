"""One table of key actions per screen: the bindings, the footer, the help screen and the
command palette are all derived from it, so a key's words are written once."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class KeyAction:
    id: str  # the binding id users remap in [keys]
    keys: str  # the default keys, comma-separated
    action: str  # the Textual action it runs
    label: str  # the footer's word
    description: str  # the help screen's and the palette's line
    title: str | None = None  # the palette's title; None keeps it out of the palette
    footer: bool = True
    needs_post: bool = False  # offered by the palette only on a cell with a post

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.label, show=self.footer, id=self.id, tooltip=self.description)


def bindings(table: tuple[KeyAction, ...]) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    return [a.binding() for a in table]


TIMER = KeyAction("app.timer", "s", "toggle_timer", "Timer", "start or stop the timer (any screen)",
                  "Start or stop the timer")
PALETTE = KeyAction("command_palette", "ctrl+p", "command_palette", "Palette", "command palette: every action by name",
                    footer=False)
