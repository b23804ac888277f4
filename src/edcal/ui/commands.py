"""The command palette's edcal commands. They come from the same key tables as the bindings,
the footer and the help screen, and only where they make sense: no "Delete post" on an
empty cell, no week actions while a dialog is open over something else."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from edcal.record import record
from edcal.ui.host import Host
from edcal.ui.keys import TIMER

if TYPE_CHECKING:
    from textual.screen import Screen


@record
class Command:
    title: str
    help: str
    run: Callable[[], object]


def edcal_commands(app: Host, screen: Screen[object]) -> list[Command]:
    """The week's actions that apply where its cursor is, and the timer, as the palette offers them."""
    from edcal.ui.screens.week import WEEK_KEYS, WeekScreen

    week = app.get_screen_stack_bottom()
    if not isinstance(week, WeekScreen):
        return []
    has_post = bool(week.data) and bool(week.body.selected_posts())
    commands = []
    for action in (*WEEK_KEYS, TIMER):
        if action.title is None or (action.needs_post and not has_post):
            continue
        keys = app.keys_for(action.id, screen if action is TIMER else week)
        run = app.run_action if action is TIMER else week.run_action
        commands.append(Command(action.title, f"{action.description} ({keys})", partial(run, action.command)))
    if app.store is not None:
        commands.append(Command("Choose platforms", "pick the platforms shown in the grid", week.welcome))
    return commands


def campaign_commands(app: Host, screen: Screen[object], campaigns: list[str]) -> list[Command]:
    """'Campaign: Launch 2.0', which filters the week to that campaign's posts."""
    from edcal.ui.screens.week import WeekScreen

    week = app.get_screen_stack_bottom()
    if screen is not week or not isinstance(week, WeekScreen):  # not over a dialog
        return []
    return [Command(f"Campaign: {name}", "show this week's posts of this campaign (/ to change, escape clears)",
                    partial(week.body.filter.open, f'campaign:"{name}"')) for name in campaigns]


class EdcalCommands(Provider):
    """edcal's actions in the palette (Textual's own stay in its system provider)."""

    campaigns: list[str] = []

    async def startup(self) -> None:
        """The campaigns, read once the palette opens (never on the week's path)."""
        import asyncio

        from edcal.errors import EdcalError

        app = self.app
        if isinstance(app, Host) and app.store is not None:
            try:
                self.campaigns = await asyncio.to_thread(app.store.campaigns)
            except EdcalError:  # the palette still offers the rest
                self.campaigns = []

    def _commands(self) -> list[Command]:
        app = self.app
        if not isinstance(app, Host):
            return []
        return edcal_commands(app, self.screen) + campaign_commands(app, self.screen, self.campaigns)

    async def discover(self) -> Hits:
        for command in sorted(self._commands(), key=lambda c: c.title):
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            if (score := matcher.match(command.title)) > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, text=command.title, help=command.help)
