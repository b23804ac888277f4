"""Recurring slots: a platform, an RFC 5545 RRULE, a wall time and a zone.

Occurrences are expanded in the slot's own zone, so 09:00 stays 09:00 across daylight
saving changes (the UTC instant moves instead). A slot that falls in the hour the clocks
skip moves to the resolved time (dateutil.tz.resolve_imaginary); one in the repeated hour
takes the first occurrence, as RFC 5545 does.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta, timezone

from edcal.domain.dates import DateError, zone
from edcal.record import field, record

EXAMPLE = "FREQ=WEEKLY;BYDAY=TU,TH"
SLOT_NAMESPACE = uuid.UUID("0b7a4c3e-9d2f-4b1e-8a6c-5f4e3d2c1b0a")


@record
class Series:
    platform: str
    rule: str  # RRULE body without the "RRULE:" prefix, e.g. FREQ=WEEKLY;BYDAY=TU,TH
    at: time  # the wall time of each slot
    tz: str
    start: date
    until: date | None = None  # last day included (an edit ends the old definition here)
    title: str | None = None
    template: str | None = None
    id: int | None = None
    uid: str | None = None


@record
class SlotChange:
    """One occurrence changed: skipped, or moved to another instant."""

    day: date  # the occurrence's original local date
    moved_to: datetime | None = None  # aware UTC; None means skipped
    fold: int = 0


@record
class Slot:
    series_id: int | None
    platform: str
    day: date  # the occurrence's original local date: its identity
    utc: datetime
    tz: str
    fold: int = 0
    title: str | None = None
    template: str | None = None
    note: str | None = None  # e.g. moved out of the skipped hour
    moved: bool = False
    series_uid: str | None = field(default=None, compare=False)

    def local(self) -> datetime:
        return self.utc.astimezone(zone(self.tz))

    @property
    def uid(self) -> str:
        """Stable across exports: the same slot keeps its UID."""
        return str(uuid.uuid5(SLOT_NAMESPACE, f"{self.series_uid or self.series_id}:{self.day.isoformat()}"))


def normalise_rule(text: str) -> str:
    """The RRULE body, checked; refuses what dateutil cannot read with an accepted form."""
    from dateutil.rrule import rrulestr

    body = " ".join(text.split()).upper().removeprefix("RRULE:").strip().rstrip(";")
    if not body or "FREQ=" not in body:
        raise DateError(f"the rule '{text}' has no FREQ; use RFC 5545 form such as {EXAMPLE}")
    if "DTSTART" in body or "\n" in body:
        raise DateError(f"give the rule alone (the first day is set apart), e.g. {EXAMPLE}")
    parts = dict(part.partition("=")[::2] for part in body.split(";"))
    if parts.get("FREQ") in ("SECONDLY", "MINUTELY", "HOURLY"):
        raise DateError(f"a series has one slot a day at most, so FREQ={parts['FREQ']} cannot be used; "
                        f"use DAILY, WEEKLY, MONTHLY or YEARLY, such as {EXAMPLE}")
    for name in ("INTERVAL", "COUNT"):
        if name in parts and not (parts[name].isdigit() and 1 <= int(parts[name]) <= 10_000):
            raise DateError(f"{name} must be a whole number from 1 to 10000, not '{parts[name][:20]}'; "
                            f"use RFC 5545 form such as {EXAMPLE}")
    try:
        rrulestr(body, dtstart=datetime(2026, 1, 1, 9, 0))
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise DateError(f"cannot read the rule '{text}' ({exc}); use RFC 5545 form such as {EXAMPLE}") from None
    return body


def _resolve(naive: datetime, tz: str) -> tuple[datetime, int, str | None]:
    """An aware UTC instant for a slot's wall time, moved out of a skipped hour if need be."""
    z = zone(tz)
    local = naive.replace(tzinfo=z)
    back = local.astimezone(timezone.utc).astimezone(z).replace(tzinfo=None)
    if back != naive:
        from dateutil import tz as dtz

        resolved = dtz.resolve_imaginary(naive.replace(tzinfo=dtz.gettz(tz)))
        wall = resolved.replace(tzinfo=None)
        note = f"{naive:%H:%M} does not exist on {naive:%Y-%m-%d} in {tz}; the slot is at {wall:%H:%M}"
        return wall.replace(tzinfo=z).astimezone(timezone.utc), 0, note
    return local.astimezone(timezone.utc), 0, None


def occurrences(series: Series, first: date, last: date, exceptions: dict[date, SlotChange] | None = None,
                limit: int = 5000) -> list[Slot]:
    """Slots of ``series`` whose original date lies in [first, last], exceptions applied."""
    from dateutil.rrule import rrulestr

    try:
        normalise_rule(series.rule)
    except DateError:  # stored before edcal refused it (a rule finer than daily, INTERVAL=0): no slots
        return []
    exceptions = exceptions or {}
    begin = max(first, series.start)
    end = min(last, series.until) if series.until else last
    if end < begin:
        return []
    rule = rrulestr(series.rule, dtstart=datetime.combine(series.start, series.at))
    slots = []
    for naive in rule.between(datetime.combine(begin, time()), datetime.combine(end, time.max), inc=True):
        day = naive.date()
        exception = exceptions.get(day)
        if exception is not None and exception.moved_to is None:
            continue
        if exception is not None and exception.moved_to is not None:
            slots.append(Slot(series.id, series.platform, day, exception.moved_to, series.tz, exception.fold,
                              series.title, series.template, moved=True, series_uid=series.uid))
        else:
            utc, fold, note = _resolve(naive, series.tz)
            slots.append(Slot(series.id, series.platform, day, utc, series.tz, fold, series.title,
                              series.template, note, series_uid=series.uid))
        if len(slots) >= limit:
            break
    return slots


def split_for_edit(series: Series, today: date) -> tuple[Series | None, date]:
    """An edit changes the future: the old definition ends yesterday (None when it never
    started), the new one starts today or at its own later start."""
    if series.start >= today:
        return None, series.start
    return Series(**{**series.__dict__, "until": today - timedelta(days=1)}), today

