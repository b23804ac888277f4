"""Two-way sync with a CalDAV calendar: `edcal sync caldav` and the TUI's sync.

Push: every scheduled and published post and every open slot is one event on the server, built
by the export's own code (the same UID as `export ics`). Pull: an event a calendar client moved
moves its post through ``posts.move`` (rules and the past checked as anywhere else). What was
written is recorded only after the server said yes, so the database is never ahead of the
server, and a sync cut short is finished by the next one.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from edcal.config import user_path
from edcal.domain import clock
from edcal.domain.dates import WallTime, zone
from edcal.domain.sync import Move, Synced, Wanted, changed_on_server, plan_sync
from edcal.errors import EdcalError, UsageError
from edcal.record import field, record

if TYPE_CHECKING:
    from edcal.export.caldav import Account, Client, Fetched
    from edcal.store.repo import Store

PASSWORD_ENV = "EDCAL_CALDAV_PASSWORD"
RECORD_EVERY = 100  # events written between two saves of the sync state


@record(frozen=False)
class SyncReport:
    calendar: str
    made_calendar: bool = False
    created: int = 0
    updated: int = 0
    deleted: int = 0
    moved: list[str] = field(default_factory=list)
    unscheduled: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    requests: int = 0

    def summary(self) -> str:
        parts = [f"{self.created} added", f"{self.updated} changed", f"{self.deleted} removed",
                 f"{len(self.moved)} moved from the calendar"]
        if self.unscheduled:
            parts.append(f"{len(self.unscheduled)} taken off the plan")
        made = " (calendar created)" if self.made_calendar else ""
        return f"synced with {self.calendar}{made}: " + ", ".join(parts)


@record
class SyncStatus:
    calendar: str
    synced: datetime | None
    error: str | None
    error_at: datetime | None
    every: int  # minutes between background syncs, 0 for none


def configured(store: Store) -> bool:
    return bool(store.config.caldav.url)


def account(store: Store, url: str | None = None, *, calendar: str | None = None, user: str | None = None,
            password_file: Path | None = None) -> Account:
    """The calendar to sync: the arguments first, then [caldav] in the config file."""
    from edcal.export.caldav import Account

    config = store.config.caldav
    home = url or config.url
    if not home:
        raise UsageError("no CalDAV server: give its URL (edcal sync caldav URL) or set [caldav] url in the "
                         "config file")
    user = user if user is not None else config.user
    password = _password(password_file, config.password_file, config.password_command) if user else None
    return Account.at(home, calendar if calendar is not None else config.calendar, user=user, password=password,
                      ca_file=str(config.ca_file) if config.ca_file else None)


def _password(given: Path | None, file: Path | None, command: str | None) -> str:
    """The password: from a file (its first line), a command's output, or EDCAL_CALDAV_PASSWORD."""
    for path in (given, file):
        if path is not None:
            try:
                return user_path(path).read_text("utf-8").splitlines()[0] if path.stat().st_size else ""
            except (OSError, UnicodeDecodeError) as exc:
                raise EdcalError(f"cannot read the password file {path}: {getattr(exc, 'strerror', None) or exc}") \
                    from None
    if command:
        done = subprocess.run(command, shell=True, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise EdcalError(f"the password command '{command}' failed (exit {done.returncode})")
        return done.stdout.splitlines()[0] if done.stdout else ""
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    raise UsageError(f"no password: give --password-file FILE, set [caldav] password_file or password_command, "
                     f"or set {PASSWORD_ENV}")


def wanted(store: Store, account: Account, now: datetime) -> dict[str, Wanted]:
    """Every event edcal has to show, by uid: each scheduled and published post, each open slot."""
    from edcal.export.ical import build_resource, event_uid, fingerprint
    from edcal.services import exports

    content = exports.plan(store)
    out: dict[str, Wanted] = {}
    for item in content.items:
        post = item.post
        assert post.scheduled_at is not None and post.id is not None
        uid, data = event_uid(post), build_resource(item, now=now)
        out[uid] = Wanted(uid, account.href(uid), data, fingerprint(data), post.scheduled_at, post.tz or "UTC",
                          f"post {post.id} on {item.platform_name}", post_id=post.id)
    for slot in content.slots:
        name = content.names.get(slot.platform, slot.platform)
        data = build_resource(slot=slot, platform_name=name, now=now)
        out[slot.uid] = Wanted(slot.uid, account.href(slot.uid), data, fingerprint(data), slot.utc, slot.tz,
                               f"the open slot of {slot.local():%d %b} on {name}", series_id=slot.series_id,
                               day=slot.day)
    return out


def status(store: Store) -> SyncStatus | None:
    """When the configured calendar was last synced, and its last failure; None without [caldav].
    No password is asked for: a status line never runs the password command."""
    from edcal.export.caldav import Account

    config = store.config.caldav
    if not config.url:
        return None
    try:
        url = Account.at(config.url, config.calendar).url
    except EdcalError as exc:  # a URL that is not one: the status says so
        return SyncStatus(config.url, None, str(exc), clock.now(), config.every)
    synced, error, error_at = store.sync_status(url)
    return SyncStatus(url, synced, error, error_at, config.every)


def sync_configured(store: Store) -> SyncReport:
    """The TUI's sync: the calendar [caldav] names."""
    return sync(store, account(store))


def sync(store: Store, account: Account, *, accept_deletes: bool = False) -> SyncReport:
    """Sync the plan with the calendar at ``account``; a failure is recorded and raised."""
    from edcal.export.caldav import Client

    now = clock.now().replace(microsecond=0)
    report = SyncReport(account.url)
    with Client(account) as client:
        try:
            _sync(store, client, report, now, accept_deletes)
        except EdcalError as exc:
            store.record_sync_status(account.url, now, error=str(exc))
            raise
        finally:
            report.requests = client.requests
    store.record_sync_status(account.url, now)
    return report


def _sync(store: Store, client: Client, report: SyncReport, now: datetime, accept_deletes: bool) -> None:
    url = client.account.url
    server = client.etags()
    state = store.synced_items(url)
    if server is None:  # no calendar (or it was deleted): make it, and nothing edcal wrote is there
        if client.make_calendar("edcal plan"):
            store.forget_calendar(url)
            report.made_calendar, server, state = True, {}, {}
        else:  # another sync made it a moment ago
            server = client.etags() or {}
    plan_wanted = wanted(store, client.account, now)
    changed = changed_on_server(state, server)
    by_href = {s.href: s.uid for s in state.values()}
    starts = _starts(client.fetch(changed), by_href, plan_wanted) if changed else {}
    plan = plan_sync(state, server, plan_wanted, starts, accept_deletes=accept_deletes)
    report.notes += plan.notes
    writer = _Writer(store, client, url)
    try:
        writer.gone.extend(plan.forget)
        writer.done.extend(plan.remember)
        _unschedule(store, plan.unschedule, plan_wanted, report, writer)
        if plan.moves:
            _pull_moves(store, plan.moves, report)
            plan_wanted = wanted(store, client.account, now)  # the moved posts as they now are
        for move in plan.moves:
            fresh = plan_wanted.get(move.wanted.uid)
            if fresh is None:
                continue
            writer.put(fresh, move.etag)
        for item in plan.creates:
            report.created += writer.put(item, None)
        for item, etag in plan.updates:
            report.updated += writer.put(item, etag)
        for was, etag in plan.deletes:
            writer.delete(was, etag)
            report.deleted += 1
    finally:
        writer.flush()


def _starts(fetched: Mapping[str, Fetched], uids: Mapping[str, str], plan: Mapping[str, Wanted]) \
        -> dict[str, datetime | str]:
    """Each read-back event's start in UTC (a floating one read in its post's zone), or why not."""
    from edcal.export.caldav import event_start

    out: dict[str, datetime | str] = {}
    for href, got in fetched.items():
        uid = uids.get(href)
        if uid is None:
            continue
        start = event_start(got.data, uid)
        if start.floating is not None:
            tz = plan[uid].tz if uid in plan else "UTC"
            out[href] = start.floating.replace(tzinfo=zone(tz)).astimezone(timezone.utc)
        else:
            out[href] = start.utc or start.problem or "it cannot be read"
    return out


def _pull_moves(store: Store, moves: list[Move], report: SyncReport) -> None:
    from edcal.services import posts, series

    for move in moves:
        item = move.wanted
        local = move.to.astimezone(zone(item.tz))
        to = WallTime(local, fold=local.fold)
        try:
            if item.post_id is not None:
                posts.move(store, store.get_post(item.post_id), to)
            elif item.series_id is not None and item.day is not None:
                series.move(store, item.series_id, item.day, to)
        except EdcalError as exc:
            report.notes.append(f"{item.label} was moved in the calendar to {item.when(move.to)}, but edcal "
                                f"refused: {exc}; edcal's time was written back")
            continue
        report.moved.append(f"{item.label} moved from {item.when(item.start)} to {item.when(move.to)}")


def _unschedule(store: Store, deleted: list[Synced], plan: Mapping[str, Wanted], report: SyncReport,
                writer: _Writer) -> None:
    """--accept-deletes: a post deleted in the calendar goes back to draft (its text kept), an
    open slot is skipped; a published post stays, as the record of what went out."""
    from edcal.domain.models import Status
    from edcal.services import posts, series

    for was in deleted:
        item = plan[was.uid]
        if item.post_id is not None:
            post = store.get_post(item.post_id)
            if post.status is Status.PUBLISHED:
                report.notes.append(f"{item.label} was deleted in the calendar; it was published, so it stays")
                continue
            posts.save(store, post.with_changes(status=Status.DRAFT), past=True)
        elif item.series_id is not None and item.day is not None:
            series.skip(store, item.series_id, item.day)
        report.unscheduled.append(f"{item.label} ({item.when(item.start)}), deleted in the calendar, is off the plan")
        writer.gone.append(was.uid)


class _Writer:
    """Sends the writes and records each in the database once the server accepted it (in
    batches, and whatever happens), never before."""

    def __init__(self, store: Store, client: Client, calendar: str) -> None:
        self.store, self.client, self.calendar = store, client, calendar
        self.done: list[Synced] = []
        self.gone: list[str] = []

    def put(self, item: Wanted, etag: str | None) -> int:
        from edcal.export.caldav import Conflict

        try:
            new_etag = self.client.put(item.href, item.data, etag=etag)
        except Conflict:
            if etag is None:  # made meanwhile by another sync: it records it
                return 0
            raise
        self.done.append(item.synced(new_etag))
        self._maybe_flush()
        return 1

    def delete(self, was: Synced, etag: str | None) -> None:
        self.client.delete(was.href, etag)
        self.gone.append(was.uid)
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        if len(self.done) + len(self.gone) >= RECORD_EVERY:
            self.flush()

    def flush(self) -> None:
        done, gone = self.done, self.gone
        self.done, self.gone = [], []
        self.store.record_synced(self.calendar, done, gone)
