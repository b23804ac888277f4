"""The CalDAV sync in the TUI: a status line in the sidebar ("✔ synced 2 minutes ago", or the
last failure), the sync itself as a worker (x or the palette), and, with [caldav] every = N,
a sync in the background every N minutes. The network waits in a thread: no key waits for it.
Without [caldav] in the config it shows nothing and the key says how to set it up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.widgets import Static
from textual.worker import Worker

from edcal.domain import clock
from edcal.ui.host import Said
from edcal.ui.messages import Reload, SyncStatusChanged

if TYPE_CHECKING:
    from textual import getters

    from edcal.services.caldav import SyncStatus
    from edcal.ui.host import Host

TICK = 30.0  # seconds between two refreshes of "synced N minutes ago"
MINUTE = 60.0  # seconds in one of [caldav] every's minutes


class CalDAVSync(Static):
    if TYPE_CHECKING:
        app = getters.app(Host)

    DEFAULT_CSS = "CalDAVSync { display: none; height: 0; }"  # its words go to the sidebar

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.status: SyncStatus | None = None
        self.words: str | None = None

    @property
    def configured(self) -> bool:
        return bool(self.app.config.caldav.url)

    def on_mount(self) -> None:
        if not self.configured:
            return
        self.set_interval(TICK, self._show)
        every = self.app.config.caldav.every
        if every:
            self.set_interval(every * MINUTE, lambda: self.sync(quiet=True))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.app.report_failure(event)

    def store_open(self) -> None:
        """The database is open: read when the calendar was last synced."""
        if self.configured:
            self._read_status()

    @work(exclusive=True, group="caldav-status", exit_on_error=False)
    async def _read_status(self) -> None:
        from edcal.services import caldav

        try:
            self.status = await self.app.store_call(caldav.status)
        except Said:
            return
        self._show()

    def _show(self) -> None:
        status = self.status
        if status is None:
            return
        from edcal.domain.sync import status_words  # only with [caldav]: off the first frame

        self.words = status_words(status.synced, status.error, status.error_at, clock.now())
        self.post_message(SyncStatusChanged(self.words))

    def action_sync(self) -> None:
        self.sync()

    @property
    def syncing(self) -> bool:
        return any(w.group == "caldav-sync" and not w.is_finished for w in self.workers)

    def sync(self, quiet: bool = False) -> None:
        """Sync now, unless a sync is running (never two at once, never one cut short by the next)."""
        if self.syncing:
            if not quiet:
                self.notify("A sync is running already.")
            return
        self._sync(quiet)

    @work(group="caldav-sync", exit_on_error=False)
    async def _sync(self, quiet: bool) -> None:
        """``quiet`` (the background's) says only moves, notes and failures."""
        from edcal.services import caldav

        if self.app.store is None:
            return
        if not self.configured:
            self.notify("No CalDAV calendar yet: set [caldav] url (and user, password_file) in the config file; "
                        "edcal config path tells where it is.", severity="warning", timeout=10, markup=False)
            return
        if not quiet:
            self.notify("Syncing with the CalDAV calendar…")
        try:
            report = await self.app.store_call(caldav.sync_configured)
        except Said:
            self._read_status()  # the failure, as recorded
            return
        self._read_status()
        said = [*report.moved, *report.unscheduled, *report.notes]
        if not quiet or said:
            self.notify("\n".join([report.summary().replace("synced with", "Synced with", 1), *said[:4]]),
                        severity="warning" if report.notes else "information", timeout=10, markup=False)
        if report.moved or report.unscheduled:
            self.post_message(Reload())
