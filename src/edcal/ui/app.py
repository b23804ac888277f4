"""The Textual application. Its first frame shows this week, read before Textual loaded; the
store (SQLAlchemy) opens after it, in a thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.app import App
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from edcal.config import Config
from edcal.ui.commands import EdcalCommands
from edcal.ui.keys import TIMER, bindings
from edcal.ui.messages import StoreFailed, StoreOpened
from edcal.ui.screens.week import WeekScreen

if TYPE_CHECKING:
    from edcal.domain.models import Platform, Settings
    from edcal.services.week import WeekData
    from edcal.store.repo import Store

T = TypeVar("T")


class EdcalApp(App):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it
    TITLE = "edcal"
    cursor_blink = True  # the text cursors' blink: tests and screenshots use a still subclass
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {EdcalCommands}

    def __init__(self, db_url: str, config: Config | None = None, *, week: WeekData | None = None) -> None:
        super().__init__()
        self.first_week = week  # this week, read before Textual loaded (cli.tui): the first frame shows it
        self.db_url = db_url
        self.config = config or Config(path=None)  # type: ignore[arg-type]
        self.store: Store | None = None
        self.settings: Settings | None = week.settings if week else None  # as last read from the database
        if self.config.keys:
            self.set_keymap(self.config.keys)

    # -- the clock (EDCAL_NOW freezes it in tests and screenshots) -------------------

    def now_local(self) -> datetime:
        """The naive wall time now, in the settings' zone."""
        from edcal.domain import clock

        return clock.wall_now(self.settings.timezone if self.settings else "UTC")

    def today(self) -> date:
        return self.now_local().date()

    # -- start-up ---------------------------------------------------------------------

    BINDINGS = bindings((TIMER,))

    def get_default_screen(self) -> Screen:
        return WeekScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        """After the first frame: the cyclic collector on again if start-up turned it off
        (cli.tui), then the store opens (importing SQLAlchemy, in a thread, still holds the GIL)."""
        import gc

        if not gc.isenabled():
            gc.freeze()  # what start-up made lives as long as the app: never walked again
            gc.enable()
        self._open_store()

    @work(thread=True, exclusive=True, group="store")
    def _open_store(self) -> None:
        from edcal.errors import EdcalError
        from edcal.store import open_store

        try:
            store = open_store(self.db_url, self.config)
            self.settings = store.settings()
            self._timer_cache = store.running_timer()
            self.store = store
        except EdcalError as exc:
            self.post_message(StoreFailed(str(exc)))
            return
        self.post_message(StoreOpened())

    # -- the database, off the UI thread ---------------------------------------------

    @property
    def db(self) -> Store:
        """The open store: the screens that use it are reachable only once it is open."""
        if self.store is None:
            raise RuntimeError("the database is not open yet")
        return self.store

    def channel_name(self, platform: Platform) -> str:
        """What the screens call a channel: "X · Marta" for a second account, "X" for a default."""
        profiles = self.db.profiles
        return platform.label(profiles[platform.profile].name) if platform.profile in profiles else platform.name

    @property
    def zone_name(self) -> str:
        """The settings' time zone (UTC until they are read)."""
        return self.settings.timezone if self.settings else "UTC"

    def run_store(self, job: Callable[[Store], T], done: Callable[[T], Any] | None = None, *,
                  failed: Callable[[str], Any] | None = None, group: str = "store") -> None:
        """Run ``job(store)`` in a thread worker, then ``done(result)`` on the UI thread. A
        problem the user can act on goes to ``failed`` (by default an error notification);
        anything else is reported by on_worker_state_changed. The app keeps running."""
        from edcal.errors import EdcalError

        store = self.store
        if store is None:
            return

        def work() -> None:
            try:
                result = job(store)
            except EdcalError as exc:
                self.call_from_thread(failed or self.notify_error, str(exc))
                return
            if done is not None:
                self.call_from_thread(done, result)

        self.run_worker(work, thread=True, group=group, exit_on_error=False)

    def notify_error(self, message: str) -> None:
        from edcal.errors import sentence

        self.notify(sentence(message, capital=True), severity="error", timeout=8)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed in a way nobody caught: say so, and keep running."""
        if event.state == WorkerState.ERROR:
            self.notify_error(f"something went wrong: {event.worker.error}")

    def week_shown(self) -> None:
        """The week screen painted a loaded week (bench/launch.py times start-up by it)."""

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
        from edcal.store.watch import open_watch

        def tell(callback, *args, **kwargs) -> None:
            if self.is_running:
                try:
                    self.call_from_thread(callback, *args, **kwargs)
                except RuntimeError:  # the app stopped meanwhile
                    pass

        watch = None
        try:
            watch = open_watch(store.engine)
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

        self.run_store(lambda store: store.running_timer(), timer, group="timer")
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

    def refresh_week(self) -> None:
        screen = self.get_screen_stack_bottom()
        if isinstance(screen, WeekScreen):
            screen.load()

    def on_store_failed(self, message: StoreFailed) -> None:
        from textual.widgets import Static

        screen = self.get_screen_stack_bottom()
        title = screen.query_one("#week-title", Static)
        title.update(f"[b red]Cannot open the database:[/] {message.error}\n\nPress q to quit.")
        title.add_class("-error")
        if isinstance(screen, WeekScreen):
            screen.release_keys()  # typed for a calendar that will not come: dropped, and q now quits

    def get_screen_stack_bottom(self) -> Screen:
        return self.screen_stack[0]

    # -- keys and commands ------------------------------------------------------------

    def keys_for(self, binding_id: str, screen: Screen) -> str:
        """The keys bound to ``binding_id`` now, remaps included, as the user would type them."""
        if binding_id == "command_palette":
            return "ctrl+p"
        keys = [self.get_key_display(active.binding) for key, active in screen.active_bindings.items()
                if active.binding.id == binding_id]
        return ", ".join(keys) or "unbound"

