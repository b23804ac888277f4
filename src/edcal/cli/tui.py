"""Starting the TUI: the only path that imports Textual."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from edcal.cli.common import Subparsers
    from edcal.config import Config
    from edcal.services.week import WeekData
    from edcal.ui.app import EdcalApp


def run_tui(args: argparse.Namespace, *, app_class: Callable[[], type[EdcalApp]] | None = None,
            **run: Any) -> int:
    """Open the calendar. ``app_class`` (called once Textual may load) and ``run`` let the
    start-up bench run this same path with an app that times itself."""
    import gc

    # Start-up allocates a great many objects that live as long as the app (modules, classes,
    # styles) and no garbage: the cyclic collector would only walk them, again and again, for
    # about a tenth of the time to the first frame. The app turns it back on once it has painted
    # (EdcalApp.on_mount), after freezing what start-up made.
    gc.disable()
    try:
        from edcal.config import load_config
        from edcal.services.database import resolve_url

        config = load_config()
        url = resolve_url(getattr(args, "db", None), config)
        week = _this_week(url, config)  # before Textual loads, so that its first frame shows the week
        from edcal.ui.app import EdcalApp

        chosen = app_class() if app_class is not None else EdcalApp
        app = chosen(db_url=url, config=config, week=week)
        app.run(**run)
    finally:
        gc.enable()
    return app.return_code or 0


def _this_week(url: str, config: Config) -> WeekData | None:
    """This week, read on the read path (no ORM: edcal.store.read) in a few milliseconds; None
    when the store must open the database first (new, older, newer, unreadable): the app opens
    it after its first frame and says what went wrong, if anything did."""
    from edcal.errors import EdcalError
    from edcal.services.database import connect_reader
    from edcal.services.week import this_week

    try:
        reader = connect_reader(url, config)
        if reader is None:
            return None
        try:
            return this_week(reader)
        finally:
            reader.close()
    except EdcalError:
        return None


def register(sub: Subparsers) -> None:
    from edcal.cli.common import command

    command(sub, "tui", "open the calendar (the default)").set_defaults(run=run_tui)
