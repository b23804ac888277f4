"""The week: what the grid, lists, reports, lint and exports all mean by "this week"."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from edcal.domain.dates import FIRST_YEAR, LAST_YEAR, DateError, day_bounds, parse_date
from edcal.record import record

# A week by the number its label shows: 'w50', 'wk 50', 'week 50', '2026-W50', '2026W50'.
_NUMBERED = r"(?:(\d{4})-?)?(?:week|wk|w) ?(\d{1,2})"
_RELATIVE = {"this week": 0, "next week": 1, "last week": -1, "previous week": -1}


def _weeks_in(year: int) -> int:
    """52 or 53: the ISO week number of 28 December, which is always in a year's last week."""
    return date(year, 12, 28).isocalendar()[1]


@record(order=True)
class Week:
    """Seven days from ``start``; weeks may start on any weekday (a setting)."""

    start: date

    @classmethod
    def of(cls, day: date, first_weekday: int = 0) -> Week:
        """The week holding ``day`` (``first_weekday``: 0 = weeks start on Monday, 6 = Sunday)."""
        return cls(day - timedelta(days=(day.weekday() - first_weekday) % 7))

    @classmethod
    def typed(cls, text: str, today: date, first_weekday: int = 0) -> Week:
        """The week a person names: in words or by its number (``named``), or by any day it
        holds, in the forms ``parse_date`` reads."""
        week = cls.named(text, today, first_weekday)
        return cls.of(parse_date(text, today), first_weekday) if week is None else week

    @classmethod
    def named(cls, text: str, today: date, first_weekday: int = 0) -> Week | None:
        """The week ``text`` names as a week: 'this week', 'next week', 'last week', or the
        number its label shows ('w50', 'week 50', '2026-W50': ISO 8601's numbering, a year's
        first week the one holding its first Thursday; without a year, the nearest week of that
        number, the one ahead when two are as near). None when ``text`` names a day, or nothing."""
        words = " ".join(text.lower().split())
        this = cls.of(today, first_weekday)
        if (shift := _RELATIVE.get(words)) is not None:
            return this.shift(shift)
        m = re.fullmatch(_NUMBERED, words)
        if m is None:
            return None
        number, said = int(m[2]), text.strip()
        if m[1] is not None:
            year = int(m[1])
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise DateError(f"'{said}': edcal plans the years {FIRST_YEAR} to {LAST_YEAR}")
            if not 1 <= number <= _weeks_in(year):
                raise DateError(f"'{said}': {year} has weeks 1 to {_weeks_in(year)}")
            thursday = date.fromisocalendar(year, number, 4)
        else:  # ISO years begin on a Monday: the year of this week's Thursday is the one it counts in
            around = this.thursday.isocalendar()[0]
            candidates = [date.fromisocalendar(year, number, 4) for year in (around - 1, around, around + 1)
                          if FIRST_YEAR <= year <= LAST_YEAR and 1 <= number <= _weeks_in(year)]
            if not 1 <= number <= 53:
                raise DateError(f"'{said}': a year has weeks 1 to 52, or 53")
            if not candidates:  # a week 53, none of these three years has one
                had = next(year for year in range(around - 2, around - 9, -1) if _weeks_in(year) == 53)
                raise DateError(f"'{said}': none of {around - 1} to {around + 1} has a week 53; "
                                f"name the year, as in {had}-W53")
            thursday = min(candidates, key=lambda day: (abs(day - this.thursday), day < this.thursday))
        # The week holding that Thursday is the one labelled with the number, whatever its first day.
        return cls.of(thursday, first_weekday)

    @classmethod
    def ending_with(cls, day: date, count: int, first_weekday: int = 0) -> list[Week]:
        """The ``count`` weeks up to and including the one holding ``day``, oldest first."""
        newest = cls.of(day, first_weekday)
        return [newest.shift(-i) for i in range(count - 1, -1, -1)]

    @property
    def end(self) -> date:
        """The last day (inclusive)."""
        return self.start + timedelta(days=6)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.start + timedelta(days=i) for i in range(7))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def shift(self, weeks: int) -> Week:
        return Week(self.start + timedelta(weeks=weeks))

    @property
    def previous(self) -> Week:
        return self.shift(-1)

    @property
    def next(self) -> Week:
        return self.shift(1)

    def bounds(self, tz: str) -> tuple[datetime, datetime]:
        """UTC instants of local midnight at the start and just after the end, in ``tz``
        (a week holding a daylight-saving change lasts 167 or 169 hours)."""
        return day_bounds(self.start, 7, tz)

    @property
    def thursday(self) -> date:
        """The one Thursday of the seven days: the day ISO 8601 numbers a week by."""
        return self.start + timedelta(days=(3 - self.start.weekday()) % 7)

    @property
    def number(self) -> int:
        """The ISO 8601 week number of the week's Thursday."""
        return self.thursday.isocalendar()[1]

    @property
    def label(self) -> str:
        """'Week 48 · 23–29 Nov 2026'."""
        start, end = self.start, self.end
        if start.month == end.month:
            span = f"{start.day}–{end.day} {end:%b %Y}"
        elif start.year == end.year:
            span = f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
        else:
            span = f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
        return f"Week {self.number} · {span}"
