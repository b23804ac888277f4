"""What edcal's screens and widgets need of the app, and nothing that composes them: the
database and its worker, the clock on the settings' zone, the names of channels, the keys. The
app (``edcal.ui.app``) is this host plus the screens it composes; screens and widgets import
this module, never the app, so no import goes round in a circle."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from rich.segment import Segment
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from edcal.config import Config

if TYPE_CHECKING:
    from edcal.domain.models import Platform, Settings
    from edcal.services.database import Store
    from edcal.services.week import WeekData

T = TypeVar("T")


class Said(Exception):
    """A step of an action failed and the user was told why: the action stops there, quietly."""


class _NoControls(LineFilter):
    """The last guard between a post's text and the terminal: a control character still in a
    line drawn (an ESC in a title shown by an Input, say) is dropped, never written, so no text
    can clear the screen, retitle the window or write the clipboard. edcal's own views show them
    as pictures (domain.wording.visible) before they get here. Zero-width in, nothing out: the
    line keeps its width."""

    _DROP = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0)])

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        drop = self._DROP
        return [Segment(segment.text.translate(drop), segment.style, segment.control)
                if not segment.control and not segment.text.isprintable() else segment for segment in segments]


class Host(App):
    cursor_blink = True  # the text cursors' blink: tests and screenshots use a still subclass
    _no_controls = _NoControls()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._no_controls]

    def __init__(self, db_url: str, config: Config | None = None, *, week: WeekData | None = None) -> None:
        super().__init__()
        self.first_week = week  # this week, read before Textual loaded (cli.tui): the first frame shows it
        self.db_url = db_url
        self.config = config or Config(path=None)  # type: ignore[arg-type]
        self.store: Store | None = None
        self.settings: Settings | None = week.settings if week else None  # as last read from the database
        self.asking: set[Worker] = set()  # the workers waiting for the user to answer a dialog
        if self.config.keys:
            self.set_keymap(self.config.keys)

    # -- the clock (EDCAL_NOW freezes it in tests and screenshots) -------------------

    def now_local(self) -> datetime:
        """The naive wall time now, in the settings' zone."""
        from edcal.domain import clock

        return clock.wall_now(self.settings.timezone if self.settings else "UTC")

    def today(self) -> date:
        return self.now_local().date()

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

    async def ask(self, screen: Screen[T]) -> T:
        """Show ``screen`` and wait for its answer, from an action's worker."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        self.asking.add(worker)
        try:
            return await self.push_screen_wait(screen)
        finally:
            self.asking.discard(worker)

    async def settled(self) -> None:
        """Until every worker has finished or waits for the user's answer (tests, screenshots)."""
        import asyncio

        while any(not w.is_finished and w not in self.asking for w in self.workers):
            await asyncio.sleep(0.005)

    async def store_call(self, job: Callable[[Store], T]) -> T:
        """``job(store)`` in a thread, awaited by an action's worker. A problem the user can act
        on is said in a notification and ends the action (Said)."""
        import asyncio

        from edcal.errors import EdcalError

        try:
            return await asyncio.to_thread(job, self.db)
        except EdcalError as exc:
            self.notify_error(str(exc))
            raise Said from exc

    def notify_error(self, message: str) -> None:
        from edcal.errors import sentence

        self.notify(sentence(message, capital=True), severity="error", timeout=8, markup=False)  # [caldav] stays

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.report_failure(event)

    def report_failure(self, event: Worker.StateChanged) -> None:
        """A worker (the app's, a screen's or a widget's) that failed in a way nobody caught:
        say so, and keep running."""
        if event.state == WorkerState.ERROR and not isinstance(event.worker.error, Said):
            self.notify_error(f"something went wrong: {event.worker.error}")

    def week_shown(self) -> None:
        """The week screen painted a loaded week (bench/launch.py times start-up by it)."""

    def refresh_week(self) -> None:
        """The screen at the bottom (the week) loads again."""
        load = getattr(self.get_screen_stack_bottom(), "load", None)
        if callable(load):
            load()

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

