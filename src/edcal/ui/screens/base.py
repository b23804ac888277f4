"""The base of edcal's screens: the same Screen, with ``self.app`` typed as edcal's app."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen
from textual.worker import Worker

if TYPE_CHECKING:
    from textual import getters

    from edcal.ui.host import Host

ResultT = TypeVar("ResultT")


class EdcalScreen(Screen[ResultT]):
    if TYPE_CHECKING:
        app = getters.app(Host)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.app.report_failure(event)  # a worker's state stays with its screen: the app says what failed


class EdcalModal(ModalScreen[ResultT]):
    if TYPE_CHECKING:
        app = getters.app(Host)


def breakpoint_classes(screen: Screen, width: int, height: int) -> list[str]:
    """The classes Textual gives ``screen`` for a terminal of this size by its breakpoints (of
    each list, the one with the highest threshold the size reaches), as it does at the first
    resize. Given when the first screen is made, they spare the first frame a second styling of
    every widget."""
    app = screen.app
    chosen = []
    for breakpoints, size in (
            (app.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is None else screen.HORIZONTAL_BREAKPOINTS, width),
            (app.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is None else screen.VERTICAL_BREAKPOINTS, height)):
        reached = sorted((at, name) for at, name in breakpoints or [] if size >= at)
        chosen += [name for _, name in reached[-1:]]
    return chosen
