"""Time spent: log or correct an entry (what looks wrong is said, not refused), delete one,
start and stop the timer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from edcal.domain import clock
from edcal.domain.dates import zone
from edcal.domain.models import RunningTimer, Settings, TimeEntry
from edcal.domain.timelog import WeekTotal, entry_warnings, week_totals
from edcal.domain.week import Week
from edcal.record import field, record

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from edcal.store.read import Reads
    from edcal.store.repo import Store

LONGEST_ENTRY = timedelta(hours=24)  # parse_duration's cap: an entry that overlaps starts within a day before


@record
class Logged:
    """An entry as the database now holds it, with the warnings to say once."""

    entry: TimeEntry
    warnings: tuple[str, ...] = field(default=())


def save(store: Store, entry: TimeEntry) -> Logged:
    """Add ``entry`` (no id) or correct it; an overlap or an end in the future is a warning."""
    nearby = store.time_between(entry.start - LONGEST_ENTRY, entry.end)
    warnings = entry_warnings(entry, nearby, clock.now(), store.settings().timezone)
    saved = store.update_time(entry) if entry.id is not None else store.add_time(entry)
    return Logged(saved, warnings)


def delete(store: Store, entry_id: int) -> TimeEntry:
    """Delete a time entry; returns it as it was."""
    entry = store.get_time(entry_id)
    store.delete_time(entry_id)
    return entry


def running_timer(store: Reads) -> RunningTimer | None:
    """The timer running now, here or in another process; None when none runs."""
    return store.running_timer()


def start_timer(store: Store, timer: RunningTimer) -> TimeEntry | None:
    """Start ``timer``; a timer running elsewhere is stopped and logged first (its entry comes back)."""
    return store.start_timer(timer)


def stop_timer(store: Store) -> TimeEntry:
    """Stop the running timer now and log its whole minutes (no id: under 30 seconds, nothing logged)."""
    return store.stop_timer(clock.now())


def first_day(store: Reads, tz: str) -> date | None:
    """The local day edcal was first used here (time logged or a post added); None: not yet."""
    first = store.first_activity()
    return None if first is None else first.astimezone(zone(tz)).date()


@record
class WeeksOfTime:
    """What the report and the time screen show: totals per week and the entries behind them."""

    totals: list[WeekTotal]
    entries: list[TimeEntry]
    settings: Settings


def weeks_of_time(store: Reads, weeks: Sequence[Week], by: str = "activity") -> WeeksOfTime:
    """Minutes per week against the minimum; weeks before the first activity are not counted."""
    settings = store.settings()
    begin, _ = weeks[0].bounds(settings.timezone)
    _, end = weeks[-1].bounds(settings.timezone)
    entries = store.time_between(begin, end)
    totals = week_totals(entries, weeks, tz=settings.timezone, minimum=settings.weekly_minimum, by=by,
                         since=first_day(store, settings.timezone))
    return WeeksOfTime(totals, entries, settings)
