"""Two-way sync with a calendar server, decided without the network: what edcal remembers of
each event it wrote, what the server lists, what edcal now plans, and what to do about each.

edcal's side is the plan; the calendar's side may move an event (the post moves in edcal) or
delete one (reported, and taken off the plan only when asked). When both sides changed the
same event, edcal keeps its own and says so. Only events edcal wrote are ever touched.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from edcal.domain.dates import format_wall, zone
from edcal.record import field, record, replace


@record
class Synced:
    """What the database remembers of one event edcal put on the server."""

    uid: str
    href: str
    etag: str | None  # as the server gave it; None when it did not say
    fingerprint: str  # what the event said, hashed (edcal.export.ical.fingerprint)
    start: datetime  # UTC, as edcal last wrote it
    post_id: int | None = None  # None for an open slot


@record
class Wanted:
    """An event edcal has to show: a scheduled or published post, or an open slot."""

    uid: str
    href: str
    data: bytes
    fingerprint: str
    start: datetime  # UTC
    tz: str  # where the post (or slot) is planned: a floating time is read there
    label: str  # how a report names it: "post 12 on X"
    post_id: int | None = None
    series_id: int | None = None  # with day: the slot's identity
    day: date | None = None

    def synced(self, etag: str | None) -> Synced:
        return Synced(self.uid, self.href, etag, self.fingerprint, self.start, self.post_id)

    def when(self, moment: datetime) -> str:
        return format_wall(moment.astimezone(zone(self.tz)), weekday=True)


@record
class Move:
    """An event the calendar moved: its post (or slot) moves in edcal, then is written back."""

    wanted: Wanted
    to: datetime  # UTC
    etag: str | None


@record(frozen=False)
class SyncPlan:
    creates: list[Wanted] = field(default_factory=list)  # PUT, If-None-Match: *
    updates: list[tuple[Wanted, str | None]] = field(default_factory=list)  # PUT, If-Match: the server's ETag
    deletes: list[tuple[Synced, str | None]] = field(default_factory=list)  # DELETE, If-Match
    moves: list[Move] = field(default_factory=list)
    unschedule: list[Synced] = field(default_factory=list)  # deleted in the calendar, and --accept-deletes
    remember: list[Synced] = field(default_factory=list)  # the server's new ETag, nothing to send
    forget: list[str] = field(default_factory=list)  # uids gone on both sides
    notes: list[str] = field(default_factory=list)  # what the report says beyond counts

    @property
    def writes(self) -> int:
        return len(self.creates) + len(self.updates) + len(self.deletes) + len(self.moves)


def changed_on_server(state: Mapping[str, Synced], server: Mapping[str, str | None]) -> list[str]:
    """The hrefs of edcal's events whose ETag is not the one edcal wrote: those are read back."""
    return sorted(s.href for s in state.values() if s.href in server and server[s.href] != s.etag)


def plan_sync(state: Mapping[str, Synced], server: Mapping[str, str | None], wanted: Mapping[str, Wanted],
              starts: Mapping[str, datetime | str], *, accept_deletes: bool = False) -> SyncPlan:
    """What to do for each event edcal wrote or wants. ``state`` and ``wanted`` are by uid;
    ``server`` maps each href on the server to its ETag; ``starts`` holds, for the events read
    back, their start in UTC or why it cannot be used."""
    plan = SyncPlan()
    for uid in sorted(state.keys() | wanted.keys()):
        was, now = state.get(uid), wanted.get(uid)
        if was is None:
            assert now is not None
            if now.href in server:  # there already, unknown to this database: edcal's version goes over it
                plan.updates.append((now, server[now.href]))
            else:
                plan.creates.append(now)
        elif was.href not in server:
            _deleted_in_calendar(plan, was, now, accept_deletes)
        elif server[was.href] == was.etag:
            if now is None:
                plan.deletes.append((was, was.etag))
            elif now.fingerprint != was.fingerprint:
                plan.updates.append((now, was.etag))
        else:
            _changed_in_calendar(plan, was, now, server[was.href], starts.get(was.href))
    return plan


def _deleted_in_calendar(plan: SyncPlan, was: Synced, now: Wanted | None, accept: bool) -> None:
    if now is None:
        plan.forget.append(was.uid)
    elif now.fingerprint != was.fingerprint:  # changed in edcal since: that change puts it back
        plan.creates.append(now)
    elif accept:
        plan.unschedule.append(was)
    else:
        plan.notes.append(f"{now.label} ({now.when(now.start)}) was deleted in the calendar; it stays planned in "
                          "edcal (sync with --accept-deletes to take it off the plan)")


def _changed_in_calendar(plan: SyncPlan, was: Synced, now: Wanted | None, etag: str | None,
                         start: datetime | str | None) -> None:
    if start is None:  # gone between the listing and the read: the next sync sees it
        return
    if now is None:
        plan.deletes.append((was, etag))
        plan.notes.append(f"an event edcal no longer plans (uid {was.uid}) was changed in the calendar; edcal "
                          "removed it, as its own change came first")
        return
    if isinstance(start, str):
        plan.notes.append(f"{now.label} was changed in the calendar but not moved: {start}; edcal wrote its own "
                          f"time back ({now.when(now.start)})")
        plan.updates.append((now, etag))
    elif start == was.start:  # another change than the time: edcal only reads the time back
        if now.fingerprint != was.fingerprint:
            plan.updates.append((now, etag))
        else:
            plan.remember.append(replace(was, etag=etag))
    elif now.fingerprint != was.fingerprint:
        plan.notes.append(f"{now.label} changed on both sides: edcal keeps {now.when(now.start)}; "
                          f"the calendar had it at {now.when(start)}")
        plan.updates.append((now, etag))
    else:
        plan.moves.append(Move(now, start, etag))


def status_words(synced: datetime | None, error: str | None, error_at: datetime | None, now: datetime) -> str:
    """How the last sync went, for a status line: "✔ synced 2 minutes ago", or the failure."""
    from edcal.domain.dates import ago

    if error and error_at and (synced is None or error_at >= synced):
        return f"✗ failed {ago(error_at, now) or 'just now'}: {error}"
    if synced is not None:
        return f"✔ synced {ago(synced, now) or 'just now'}"
    return "not synced yet"
