"""The Textual application. Its first frame shows this week, read before Textual loaded; the
store (SQLAlchemy) opens after it, in a thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.screen import Screen

from edcal.ui import css_cache
from edcal.ui.host import Host
from edcal.ui.keys import TIMER, bindings
from edcal.ui.messages import StoreFailed, StoreOpened
from edcal.ui.screens.week import WeekScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from edcal.services.database import Store


def _edcal_commands() -> type[Provider]:
    """The palette's edcal commands, loaded when the palette first opens (off the first frame)."""
    from edcal.ui.commands import EdcalCommands

    return EdcalCommands


class EdcalApp(Host):
    """The host (edcal.ui.host) composing edcal's screens: the week first, the palette's
    commands, the timer in the header, and what other processes change shown as it happens."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it
    TITLE = "edcal"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_edcal_commands}

    # -- start-up ---------------------------------------------------------------------

    BINDINGS = bindings((TIMER,))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._css_seeded = css_cache.seed(self.stylesheet)  # the rules parsed at the last start

    def get_default_screen(self) -> Screen:
        return WeekScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        """After the first frame: the cyclic collector on again if start-up turned it off
        (cli.tui), the CSS rules parsed kept for the next start, then the store opens
        (importing SQLAlchemy, in a thread, still holds the GIL)."""
        import gc

        if not gc.isenabled():
            gc.freeze()  # what start-up made lives as long as the app: never walked again
            gc.enable()
        css_cache.keep(self.stylesheet, self._css_seeded)
        self._open_store()

    @work(thread=True, exclusive=True, group="store")
    def _open_store(self) -> None:
        from edcal.errors import EdcalError
        from edcal.services.database import open_store
        from edcal.services.timelog import running_timer

        try:
            store = open_store(self.db_url, self.config)
            self.settings = store.settings()
            self._timer_cache = running_timer(store)
            self.store = store
        except EdcalError as exc:
            self.post_message(StoreFailed(str(exc)))
            return
        self.post_message(StoreOpened())

    def on_store_opened(self, _: StoreOpened) -> None:
        screen = self.get_screen_stack_bottom()
        if isinstance(screen, WeekScreen):
            screen.start_loading()
        self._show_timer()
        self.set_interval(1, self._show_timer)
        self._watch_changes()

    # -- changes made elsewhere -------------------------------------------------------

    WATCH_EVERY = 0.25  # seconds between looks (PRAGMA data_version costs microseconds); quitting waits no longer

    def _watch_changes(self) -> None:
        """Reload what is shown when another process (a terminal, a teammate) writes. A thread
        of its own, not a worker: it never completes, and what waits for the workers (quitting,
        tests) must not wait for it. It stops once the app does."""
        import threading

        threading.Thread(target=self._watch, args=(self.db,), name="edcal-watch", daemon=True).start()

    def _watch(self, store: Store) -> None:
        from edcal.errors import EdcalError
        from edcal.services.database import open_watch

        def tell(callback, *args, **kwargs) -> None:
            if self.is_running:
                try:
                    self.call_from_thread(callback, *args, **kwargs)
                except RuntimeError:  # the app stopped meanwhile
                    pass

        watch = None
        try:
            watch = open_watch(store)
            while watch is not None and self.is_running:
                if watch.changed(self.WATCH_EVERY):
                    tell(self.changed_elsewhere)
        except EdcalError as exc:
            tell(self.notify, f"{exc}; press ] then [ to see them.", severity="warning")
        except Exception as exc:  # the connection went away: the calendar works on, without watching
            tell(self.notify, f"Stopped watching for changes made elsewhere: {exc}", severity="warning")
        finally:
            if watch is not None:
                watch.close()

    def changed_elsewhere(self) -> None:
        """The database changed: every screen that shows it loads again, cursors kept."""
        def timer(found) -> None:
            self._timer_cache = found
            self._show_timer()

        from edcal.services import timelog

        self.run_store(timelog.running_timer, timer, group="timer")
        for screen in self.screen_stack:
            load = getattr(screen, "load", None)
            if callable(load) and getattr(screen, "LIVE", False):
                load()

    # -- the running timer ------------------------------------------------------------

    def _show_timer(self) -> None:
        """Keep the running timer in the header: 'edcal ⏱ 12m writing'."""
        timer = self._timer_cache
        if timer is None:
            self.title = "edcal"
            return
        from edcal.domain import clock
        from edcal.domain.dates import format_minutes

        seconds = int((clock.now() - timer.started).total_seconds())
        self.title = f"edcal ⏱ {format_minutes(seconds // 60)} {seconds % 60:02d}s {timer.activity}"

    _timer_cache = None

    def action_toggle_timer(self) -> None:
        """Start a timer (writing), or stop the running one and log its time. Started from
        the grid, it is on the selected cell's platform, and on its post when it holds one."""
        from edcal.domain import clock
        from edcal.domain.dates import format_minutes
        from edcal.domain.models import RunningTimer
        from edcal.services import timelog

        if self._timer_cache is not None:
            def stopped(entry) -> None:
                self._timer_cache = None
                self.notify(f"Timer stopped: logged {format_minutes(entry.minutes)} of {entry.activity}." if entry.id
                            else "Timer stopped: it ran under half a minute, so nothing was logged.")
                self._show_timer()
                self.refresh_week()

            self.run_store(timelog.stop_timer, stopped, group="timer")
            return
        platform, post_id = self.screen.timer_target() if isinstance(self.screen, WeekScreen) else (None, None)
        timer = RunningTimer(started=clock.now(), activity="writing", platform=platform, post_id=post_id)
        on = "".join((f" on {platform}" if platform else "", f", post {post_id}" if post_id else ""))

        def started(stopped) -> None:
            self._timer_cache = timer
            before = (f"Stopped the timer running elsewhere ({format_minutes(stopped.minutes)} of "
                      f"{stopped.activity} logged). " if stopped and stopped.id else "")
            self.notify(before + f"Timer started (writing{on}). Press s again to stop and log it.")
            self._show_timer()

        self.run_store(lambda store: timelog.start_timer(store, timer), started, group="timer")

    def on_store_failed(self, message: StoreFailed) -> None:
        from rich.text import Text
        from textual.widgets import Static

        screen = self.get_screen_stack_bottom()
        title = screen.query_one("#week-title", Static)
        title.update(Text.assemble(("Cannot open the database:", "b red"), f" {message.error}\n\nPress q to quit."))
        title.add_class("-error")
        if isinstance(screen, WeekScreen):
            screen.release_keys()  # typed for a calendar that will not come: dropped, and q now quits
