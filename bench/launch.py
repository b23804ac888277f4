"""Run `edcal --db URL` as the real command does (the week read before Textual loads, no
argparse: the command parses `--db URL` by hand), with an app that prints the seconds since it
was spawned at its first frame or once the week is painted, then quits. bench/tui_speed.py runs
it; the product carries no hook.

    python bench/launch.py URL frame|week SPAWNED_AT [--headless]
"""

from __future__ import annotations

import sys
import time
from types import SimpleNamespace


def main() -> int:
    url, until, spawned = sys.argv[1], sys.argv[2], float(sys.argv[3])
    headless = "--headless" in sys.argv

    def timed_app():
        from edcal.ui.app import EdcalApp

        class TimedApp(EdcalApp):
            def on_mount(self) -> None:
                if until == "frame":  # first, as a hook in the product would be: before the store opens
                    self.call_after_refresh(self.report)
                super().on_mount()

            def week_shown(self) -> None:
                if until == "week":
                    self.call_after_refresh(self.report)

            def report(self) -> None:
                print(time.time() - spawned, file=sys.__stdout__, flush=True)
                self.exit()

        return TimedApp

    from edcal.cli.tui import run_tui

    run = {"headless": True, "size": (120, 36)} if headless else {}
    return run_tui(SimpleNamespace(db=url), app_class=timed_app, **run)  # as cli._tui_only does


if __name__ == "__main__":
    sys.exit(main())
