"""Starting the TUI: the only path that imports Textual."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from edcal.cli.common import Subparsers, command

if TYPE_CHECKING:
    from edcal.ui.app import EdcalApp


def run_tui(args: argparse.Namespace, *, app_class: Callable[[], type[EdcalApp]] | None = None,
            **run: Any) -> int:
    """Open the calendar. ``app_class`` (called once Textual may load) and ``run`` let the
    start-up bench run this same path with an app that times itself."""
    from edcal.config import load_config
    from edcal.store.urls import resolve_url

    config = load_config()
    url = resolve_url(getattr(args, "db", None), config)
    from edcal.ui.prefetch import start

    prefetch = start(url)  # before Textual loads: the week loads on the other core meanwhile
    from edcal.ui.app import EdcalApp

    chosen = app_class() if app_class is not None else EdcalApp
    app = chosen(db_url=url, config=config, prefetch=prefetch)
    app.run(**run)
    return app.return_code or 0


def register(sub: Subparsers) -> None:
    command(sub, "tui", "open the calendar (the default)").set_defaults(run=run_tui)
