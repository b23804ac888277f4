"""Starting the TUI: the only path that imports Textual."""

from __future__ import annotations

import argparse
import os

from edcal.cli.common import Subparsers, command


def run_tui(args: argparse.Namespace) -> int:
    from edcal.config import load_config
    from edcal.store.urls import resolve_url

    config = load_config()
    url = resolve_url(getattr(args, "db", None), config)
    from edcal.ui.prefetch import start

    prefetch = start(url)  # before Textual loads: the week loads on the other core meanwhile
    from edcal.ui.app import EdcalApp

    app = EdcalApp(db_url=url, config=config, prefetch=prefetch)
    if os.environ.get("EDCAL_BENCH_EXIT"):  # bench/tui_speed.py: headless, like its reference app
        app.run(headless=True, size=(120, 36))
    else:
        app.run()
    return app.return_code or 0


def register(sub: Subparsers) -> None:
    command(sub, "tui", "open the calendar (the default)").set_defaults(run=run_tui)
