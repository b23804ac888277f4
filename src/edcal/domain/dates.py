"""Weeks, wall times and the one date parser the TUI and the CLI share.

Times are planned as wall time in an IANA zone. A wall time that does not exist (the hour
skipped when clocks go forward) is refused with the resolved time offered; one that
happens twice (clocks go back) is flagged and taken as the first, as RFC 5545 does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from edcal.errors import UsageError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ACCEPTED = "2026-11-24 09:30, 24/11 9:30, tue 9:30, tomorrow 8:00, +2d 10:00"


_DAY_FIRST = True  # 24/11 is 24 November; the config's [dates] day_first = false flips it


def set_day_first(day_first: bool) -> None:
    """How every later parse reads 01/02: the 1st of February (True) or January 2nd (False)."""
    global _DAY_FIRST
    _DAY_FIRST = bool(day_first)


class DateError(UsageError):
    """A date, time or zone the user typed cannot be read without guessing."""


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DateError(f"unknown time zone '{name}'; use an IANA name such as Europe/Paris") from None


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week holding ``day`` (0 = weeks start on Monday, 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def week_days(start: date) -> list[date]:
    return [start + timedelta(days=i) for i in range(7)]


def day_bounds(first: date, days: int, tz: str) -> tuple[datetime, datetime]:
    """UTC instants of local midnight on ``first`` and ``days`` later (23 or 25 h days included)."""
    z = zone(tz)
    start = datetime.combine(first, time(), z)
    end = datetime.combine(first + timedelta(days=days), time(), z)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def week_bounds(start: date, tz: str) -> tuple[datetime, datetime]:
    return day_bounds(start, 7, tz)


def iso_week_label(start: date) -> str:
    """'Week 48 · 23-29 Nov 2026' style label for the week starting ``start``."""
    end = start + timedelta(days=6)
    number = (start + timedelta(days=(3 - start.weekday()) % 7)).isocalendar()[1]  # its Thursday's
    if start.month == end.month:
        span = f"{start.day}–{end.day} {end:%b %Y}"
    elif start.year == end.year:
        span = f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    else:
        span = f"{start:%d %b %Y} – {end:%d %b %Y}"
    return f"Week {number} · {span}"


@dataclass(frozen=True)
class WallTime:
    """A wall time resolved in a zone."""

    local: datetime  # aware, in the zone, with the chosen fold
    fold: int = 0
    ambiguous: bool = False

    @property
    def utc(self) -> datetime:
        return self.local.astimezone(timezone.utc)

    @property
    def note(self) -> str | None:
        if not self.ambiguous:
            return None
        which = "first" if self.fold == 0 else "second"
        return (f"{self.local:%H:%M} happens twice on {self.local:%Y-%m-%d} in {self.local.tzinfo} "
                f"(clocks go back); using the {which} one, {self.utc:%H:%M} UTC")


def resolve_wall_time(naive: datetime, tz: str, fold: int = 0) -> WallTime:
    """Attach ``tz`` to a naive wall time; refuse one the clocks skip."""
    z = zone(tz)
    local = naive.replace(tzinfo=z, fold=fold)
    round_trip = local.astimezone(timezone.utc).astimezone(z).replace(tzinfo=None)
    if round_trip != naive.replace(tzinfo=None, fold=0):
        from dateutil import tz as dtz

        suggested = dtz.resolve_imaginary(naive.replace(tzinfo=dtz.gettz(tz)))
        raise DateError(
            f"{naive:%H:%M} does not exist on {naive:%Y-%m-%d} in {tz} (clocks go forward); "
            f"did you mean {suggested:%H:%M}?"
        )
    ambiguous = naive.replace(tzinfo=z, fold=0).utcoffset() != naive.replace(tzinfo=z, fold=1).utcoffset()
    return WallTime(local, fold if ambiguous else 0, ambiguous)


_RELATIVE = re.compile(r"^\+(\d{1,3})\s*(d|day|days|w|week|weeks)\b\s*(.*)$", re.I)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME_ONLY = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.I)


def parse_date(text: str, today: date, *, dayfirst: bool | None = None) -> date:
    """A day: ISO, day-first numbers, a weekday (the next one, today included), today, tomorrow, +Nd."""
    when = parse_when(text, datetime.combine(today, time()), dayfirst=dayfirst, need_time=False)
    return when.date()


def parse_when(text: str, now: datetime, *, dayfirst: bool | None = None, need_time: bool = True,
               default_time: time | None = None) -> datetime:
    """Read a typed date and time relative to ``now`` (naive local). Returns a naive local datetime.

    Accepts the forms in ACCEPTED; refuses anything it would have to guess. ``dayfirst``
    defaults to the configured reading of numeric dates (see set_day_first).
    """
    dayfirst = _DAY_FIRST if dayfirst is None else dayfirst
    raw = " ".join(text.strip().split())
    if not raw:
        raise DateError(f"no date given; try a form such as {ACCEPTED}")
    lowered = raw.lower()
    base = now.date()
    rest = lowered
    if lowered.startswith("today"):
        rest = lowered[5:].strip()
    elif lowered.startswith("tomorrow"):
        base, rest = base + timedelta(days=1), lowered[8:].strip()
    elif (m := _RELATIVE.match(lowered)) is not None:
        amount = int(m[1]) * (7 if m[2].startswith("w") else 1)
        base, rest = base + timedelta(days=amount), m[3].strip()
    else:
        return _parse_absolute(raw, now, dayfirst, need_time, default_time)
    if not rest:
        if need_time and default_time is None:
            raise DateError(f"'{raw}' has no time of day; add one, e.g. '{raw} 9:30'")
        return datetime.combine(base, default_time or time())
    return datetime.combine(base, _parse_time(rest, raw))


def _parse_time(text: str, raw: str) -> time:
    m = _TIME_ONLY.match(text.replace(".", ":").replace("h", ":").rstrip(":"))
    if not m:
        raise DateError(f"cannot read the time in '{raw}'; try a form such as {ACCEPTED}")
    hour, minute = int(m[1]), int(m[2] or 0)
    if m[3]:
        if not 1 <= hour <= 12:
            raise DateError(f"'{raw}': {hour} is not an hour on a 12-hour clock")
        hour = hour % 12 + (12 if m[3].lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        raise DateError(f"'{raw}' is not a time of day")
    return time(hour, minute)


def _parse_absolute(raw: str, now: datetime, dayfirst: bool, need_time: bool,
                    default_time: time | None) -> datetime:
    from dateutil import parser

    iso = _ISO_DATE.search(raw)
    if iso:
        try:
            date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise DateError(f"'{iso[0]}' is not a date (year-month-day)") from None
    if raw.isdigit():
        raise DateError(f"'{raw}' alone is ambiguous; try a form such as {ACCEPTED}")
    midnight = datetime.combine(now.date(), time())
    try:
        parsed = parser.parse(raw, dayfirst=dayfirst, default=midnight)
        # Parsing again with another default hour tells "no time given" apart from 00:00.
        has_time = parser.parse(raw, dayfirst=dayfirst, default=midnight.replace(hour=1)).hour == parsed.hour
    except (parser.ParserError, ValueError, OverflowError):
        raise DateError(f"cannot read '{raw}' as a date; try a form such as {ACCEPTED}") from None
    if parsed.tzinfo is not None:
        raise DateError(f"'{raw}' names a UTC offset; give the wall time and use --tz for the zone")
    if not has_time:
        if need_time and default_time is None:
            raise DateError(f"'{raw}' has no time of day; add one, e.g. '{raw} 9:30'")
        parsed = datetime.combine(parsed.date(), default_time or time())
    words = raw.lower().split()
    named_weekday = any(w.rstrip(",.") in WEEKDAYS or w.rstrip(",.") in [d[:3] for d in WEEKDAYS] for w in words)
    if named_weekday and parsed.date() < now.date():
        parsed += timedelta(days=7)
    return parsed


def parse_duration(text: str) -> int:
    """Minutes in a typed duration: 25m, 1h30, 1h30m, 1:30, 90 (minutes), 1.5h."""
    raw = text.strip().lower().replace(" ", "")
    m = re.fullmatch(r"(\d+):([0-5]\d)", raw)
    if m:
        minutes = int(m[1]) * 60 + int(m[2])
    elif re.fullmatch(r"\d+", raw):
        minutes = int(raw)
    elif (m := re.fullmatch(r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+)m?)?(?:in)?", raw)) and (m[1] or m[2]):
        minutes = round(float(m[1] or 0) * 60) + int(m[2] or 0)
    elif (m := re.fullmatch(r"(\d+)(?:min|mins|minutes)", raw)):
        minutes = int(m[1])
    else:
        raise DateError(f"cannot read '{text}' as a duration; use 25m, 1h30, 1:30 or 90")
    if minutes <= 0:
        raise DateError(f"a duration must be more than zero minutes, not '{text}'")
    if minutes > 24 * 60:
        raise DateError(f"'{text}' is more than 24 hours; log each day on its own")
    return minutes


def format_minutes(minutes: int) -> str:
    """90 -> '1h30', 45 -> '45m', 120 -> '2h'."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if not hours:
        return f"{sign}{rest}m"
    return f"{sign}{hours}h{rest:02d}" if rest else f"{sign}{hours}h"
