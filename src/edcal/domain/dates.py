"""Wall times and the one date parser the TUI and the CLI share.

Times are planned as wall time in an IANA zone. A wall time that does not exist (the hour
skipped when clocks go forward) is refused with the resolved time offered; one that
happens twice (clocks go back) is flagged and taken as the first, as RFC 5545 does.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from edcal.domain import wording
from edcal.errors import UsageError
from edcal.record import record

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_DAY_FIRST = True  # 24/11 is 24 November; the config's [dates] day_first = false flips it


def read_instant(text: str) -> datetime | None:
    """An instant written in ISO 8601 with its UTC offset (as edcal writes them: files, backups,
    EDCAL_NOW), in UTC; None when ``text`` is not one (no offset included)."""
    try:
        found = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return found.astimezone(timezone.utc) if found.tzinfo is not None else None


def set_day_first(day_first: bool) -> None:
    """How every later parse reads 01/02: the 1st of February (True) or January 2nd (False)."""
    global _DAY_FIRST
    _DAY_FIRST = bool(day_first)


class DateError(UsageError):
    """A date, time or zone the user typed cannot be read without guessing."""


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise DateError(f"unknown time zone '{name}'; use an IANA name such as Europe/Paris") from None


def day_bounds(first: date, days: int, tz: str) -> tuple[datetime, datetime]:
    """UTC instants of local midnight on ``first`` and ``days`` later (23 or 25 h days included)."""
    z = zone(tz)
    start = datetime.combine(first, time(), z)
    end = datetime.combine(first + timedelta(days=days), time(), z)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


@record
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


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
FIRST_YEAR, LAST_YEAR = 1900, 2999  # far enough for any plan; keeps zone arithmetic inside datetime's range


def typed_instant(text: str, tz: str, now: datetime, *, fold: int = 0, dayfirst: bool | None = None,
                  keep: datetime | None = None, keep_fold: int = 0) -> WallTime:
    """The instant a person means by ``text``, typed for a post planned in ``tz``: the one home
    of that reading, for the CLI's --at, the editor's When and the move prompt. ``text`` is read
    as people type dates (``parse_when``), relative to ``now`` (an aware instant) as ``tz``'s
    clock shows it, then placed in ``tz``; ``fold`` picks which of a repeated hour's two.
    ``keep`` is the post's planned wall time when it has one: a day typed alone keeps its time
    of day, and the same wall time typed again keeps its own fold (``keep_fold``). Raises
    DateError with one sentence."""
    seen = now.astimezone(zone(tz)).replace(tzinfo=None, second=0, microsecond=0)
    naive = parse_when(text, seen, dayfirst=dayfirst, need_time=keep is None,
                       default_time=keep.time() if keep is not None else None)
    return resolve_wall_time(naive, tz, keep_fold if keep is not None and naive == keep else fold)


WORKDAY_START = time(9)  # a new post on a day to come starts here


def suggested_start(day: date, now: datetime, tz: str,
                    slots: list[datetime] | tuple[datetime, ...] = ()) -> datetime | None:
    """When a new post on ``day`` starts, as wall times in ``tz`` (naive, like ``now``): the
    first of the channel's open ``slots`` still ahead that day; else on a day to come 09:00, and
    today the next whole hour still ahead (an hour the clocks skip is passed over). None when no
    such time is left that day: a time already gone by is typed by the person, never offered."""
    ahead = sorted(s for s in slots if s.date() == day and s > now)
    if ahead:
        return ahead[0]
    if day < now.date():
        return None
    hour = datetime.combine(day, WORKDAY_START) if day > now.date() else (
        now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1))
    while hour.date() == day:
        try:
            resolve_wall_time(hour, tz)
            return hour
        except DateError:
            hour += timedelta(hours=1)
    return None


def accepted(dayfirst: bool | None = None) -> str:
    """The forms to show in an error, with numeric dates in the configured order."""
    dayfirst = _DAY_FIRST if dayfirst is None else dayfirst
    numeric = "24/11 9:30" if dayfirst else "11/24 9:30"
    return f"2026-11-24 09:30, {numeric}, 24 nov 9am, tue 9:30, tomorrow 8am, +2d 10:00"


def format_wall(local: datetime, *, weekday: bool = False) -> str:
    """A wall time as edcal writes it wherever a person or a file may read it back:
    ISO 8601 (``2026-12-01 09:30``, seconds only when there are some; ``Tue 2026-12-01
    09:30`` with ``weekday``), which every reader here takes as year-month-day whatever the
    day-first setting."""
    spec = "seconds" if local.second else "minutes"
    text = f"{local.date().isoformat()} {local.time().replace(microsecond=0).isoformat(spec)}"
    return f"{WEEKDAYS[local.weekday()][:3].title()} {text}" if weekday else text


# Patterns are kept as text: `re` compiles one at its first use and keeps it (compiling the
# twelve patterns of these modules at import cost every command about 3 ms).
_MACHINE_DATE = r"(\d{4})-(\d{2})-(\d{2})"
_MACHINE_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?"


def read_wall(day: str, clock: str) -> datetime:
    """A date and a time exactly as edcal's exports write them (``YYYY-MM-DD``, ``HH:MM[:SS]``).

    Machine-written text is never handed to the parser for people: nothing is guessed."""
    d, c = re.fullmatch(_MACHINE_DATE, day.strip()), re.fullmatch(_MACHINE_TIME, clock.strip())
    if d is None:
        raise DateError(f"the date must be written YYYY-MM-DD, as edcal exports it, not '{day}'")
    if c is None:
        raise DateError(f"the time must be written HH:MM, as edcal exports it, not '{clock}'")
    when = _make_date(int(d[1]), int(d[2]), int(d[3]), day.strip(), "year-month-day", day)
    return datetime.combine(when, _make_time(int(c[1]), int(c[2]), int(c[3] or 0), None, clock))


_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[ t])"
_NUMERIC = r"(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?=$| )"
_NAMED_DM = r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?(?: (\d{4}))?(?=$| )"
_NAMED_MD = r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?(?=$| )"
_RELATIVE = r"(?:\+ ?|in )(\d{1,3}) ?(d|days?|w|weeks?)(?=$| )"
_OFFSET = r"\d(?:z|[+-]\d{2}(?::?\d{2})?)$"
_CLOCK = r"(\d{1,2})(?:([:.h])(\d{2})(?::(\d{2}))?|(h))? ?(am|pm)?"


def name_index(word: str, names: tuple[str, ...]) -> int | None:
    """Index of the name ``word`` abbreviates (three letters at least): 'tue', 'sept'."""
    word = word.rstrip(".")
    if len(word) >= 3:
        for i, name in enumerate(names):
            if name.startswith(word):
                return i
    return None


def _make_date(year: int, month: int, day: int, text: str, order: str, raw: str) -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError(f"'{text}': edcal plans the years {FIRST_YEAR} to {LAST_YEAR}")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"'{text}' is not a date ({order}); try a form such as {accepted()}") from None


def _make_time(hour: int, minute: int, second: int, half: str | None, raw: str) -> time:
    if half:
        if not 1 <= hour <= 12:
            raise DateError(f"'{raw}': {hour} is not an hour on a 12-hour clock; try a form such as {accepted()}")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateError(f"'{raw}' is not a time of day; try a form such as {accepted()}")
    return time(hour, minute, second)


def _explicit_day(text: str, today: date, dayfirst: bool, raw: str) -> tuple[date, str] | None:
    """A day written out (ISO, numbers, or with a month's name) at the start of ``text``."""
    if (m := re.match(_ISO, text)) is not None:
        rest = text[m.end():]
        rest = rest[1:] if rest.startswith("t") else rest.strip()
        if re.search(_OFFSET, rest):
            raise DateError(f"'{raw}' names a UTC offset; give the wall time alone, the zone is chosen apart")
        return _make_date(int(m[1]), int(m[2]), int(m[3]), m[0], "year-month-day", raw), rest
    if (m := re.match(_NUMERIC, text)) is not None:
        first, second = int(m[1]), int(m[3])
        day, month = (first, second) if dayfirst else (second, first)
        year = today.year if m[4] is None else int(m[4]) + (2000 if len(m[4]) == 2 else 0)
        order = "day/month" if dayfirst else "month/day"
        return _make_date(year, month, day, m[0], order, raw), text[m.end():].strip()
    for pattern, day_group, month_group in ((_NAMED_DM, 1, 2), (_NAMED_MD, 2, 1)):
        m = re.match(pattern, text)
        if m is not None and (index := name_index(m[month_group], MONTHS)) is not None:
            year = int(m[3]) if m[3] else today.year
            return _make_date(year, index + 1, int(m[day_group]), m[0], "day month", raw), text[m.end():].strip()
    return None


def _day_part(text: str, today: date, dayfirst: bool, raw: str) -> tuple[date | None, str, bool]:
    """(the day, the text left for the time, whether a bare weekday named it)."""
    head, _, tail = text.partition(" ")
    relative = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if head in relative:
        return today + timedelta(days=relative[head]), tail, False
    if head == "next":
        word, _, rest = tail.partition(" ")
        weekday = name_index(word, WEEKDAYS)
        if weekday is None:
            raise DateError(f"'{raw}': 'next' goes before a weekday, as in 'next tue 9:30'; "
                            f"try a form such as {accepted(dayfirst)}")
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1), rest, False
    weekday = name_index(head, WEEKDAYS)
    if weekday is not None:
        explicit = _explicit_day(tail, today, dayfirst, raw)
        if explicit is None:
            return today + timedelta(days=(weekday - today.weekday()) % 7), tail, True
        day, rest = explicit  # 'Tue 2026-12-01 09:30', as edcal's lists print it: both must agree
        if day.weekday() != weekday:
            raise DateError(f"'{raw}': {day:%d %b %Y} is a {WEEKDAYS[day.weekday()].title()}, "
                            f"not a {WEEKDAYS[weekday].title()}")
        return day, rest, False
    if (m := re.match(_RELATIVE, text)) is not None:
        days = int(m[1]) * (7 if m[2].startswith("w") else 1)
        return today + timedelta(days=days), text[m.end():].strip(), False
    explicit = _explicit_day(text, today, dayfirst, raw)
    if explicit is not None:
        return explicit[0], explicit[1], False
    return None, text, False


def _time_part(text: str, raw: str, dayfirst: bool, *, after_day: bool) -> time:
    if text.startswith("at "):
        text = text[3:]
    if text == "noon":
        return time(12)
    m = re.fullmatch(_CLOCK, text)
    if m is None:
        raise DateError(f"cannot read '{raw}' as a date and time; try a form such as {accepted(dayfirst)}")
    if not (m[2] or m[5] or m[6] or after_day):
        raise DateError(f"'{raw}' alone is ambiguous; try a form such as {accepted(dayfirst)}")
    if m[2] == "." and not after_day:  # '9.30' alone reads as a date in half the world
        raise DateError(f"'{raw}' is ambiguous; write the time as 9:30; try a form such as {accepted(dayfirst)}")
    return _make_time(int(m[1]), int(m[3] or 0), int(m[4] or 0), m[6], raw)


def parse_date(text: str, today: date, *, dayfirst: bool | None = None) -> date:
    """A day: ISO, numbers in the configured order, a month's name, a weekday (the next one,
    today included), today, tomorrow, yesterday, +Nd, in N weeks."""
    when = parse_when(text, datetime.combine(today, time()), dayfirst=dayfirst, need_time=False)
    return when.date()


def parse_when(text: str, now: datetime, *, dayfirst: bool | None = None, need_time: bool = True,
               default_time: time | None = None, past: bool = False) -> datetime:
    """Read a date and time as people type it, relative to ``now`` (naive wall time).

    Returns a naive wall time. ``YYYY-MM-DD`` is always year-month-day; ``dayfirst`` (by
    default the configured setting, see set_day_first) applies only to numeric forms such as
    ``01/12``. A bare weekday is the next one, today included while its time is still ahead;
    with ``past`` (work already done, such as logged time) it is the last one, today included
    once its time has come. Anything that would need a guess is refused with the accepted forms.
    """
    dayfirst = _DAY_FIRST if dayfirst is None else dayfirst
    raw = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    if not raw:
        raise DateError(f"no date given; try a form such as {accepted(dayfirst)}")
    lowered = " ".join(raw.lower().replace(",", " ").replace("a.m.", "am").replace("p.m.", "pm").split())
    day, rest, bare_weekday = _day_part(lowered, now.date(), dayfirst, raw)
    clock = _time_part(rest, raw, dayfirst, after_day=day is not None) if rest else None
    if clock is None:
        if need_time and default_time is None:
            raise DateError(f"'{raw}' has no time of day; add one, e.g. '{raw} 9:30'")
        clock = default_time
    result = datetime.combine(day or now.date(), clock or time())
    if bare_weekday and past and result > now:
        result -= timedelta(days=7)  # 'mon 8:00' logged on a Sunday is the Monday gone by
    elif bare_weekday and not past and clock is not None and result < now:
        result += timedelta(days=7)  # 'mon 8:00' planned on a Monday at 10:00 is next Monday
    return result

def parse_duration(text: str) -> int:
    """Minutes in a typed duration: 25m, 1h30, 1h30m, 1:30, 90 (minutes), 1.5h."""
    raw = text.strip().lower().replace(" ", "")
    if raw[:1] in ("-", "\u2212") and len(raw) > 1:  # time spent cannot be taken back by a negative entry
        raise DateError(f"a duration must be positive, not '{text.strip()}'; to correct an entry, "
                        "edcal time edit ID or edcal time delete ID")
    if re.search(r"\d{7}", raw):  # a million minutes and more: no need to read every digit
        raise DateError(f"'{text[:20]}...' is more than 24 hours; log each day on its own")
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


def span_words(minutes: int) -> str:
    """A length of time as people say it: '1 minute', '45 minutes', '2 hours', '3 days'
    (hours from 90 minutes, days from 48 hours, each rounded to the nearest)."""
    minutes = abs(minutes)
    if minutes < 90:
        count, unit = minutes, "minute"
    elif minutes < 48 * 60:
        count, unit = (minutes + 30) // 60, "hour"
    else:
        count, unit = (minutes + 12 * 60) // (24 * 60), "day"
    return wording.count(count, unit)


def ago(then: datetime, now: datetime) -> str | None:
    """'2 hours ago' when ``then`` is a whole minute or more before ``now`` (both aware),
    else None."""
    minutes = int((now - then).total_seconds() // 60)
    return f"{span_words(minutes)} ago" if minutes >= 1 else None


def format_minutes(minutes: int) -> str:
    """90 -> '1h30', 45 -> '45m', 120 -> '2h'."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if not hours:
        return f"{sign}{rest}m"
    return f"{sign}{hours}h{rest:02d}" if rest else f"{sign}{hours}h"
