"""The week: what the grid, lists, reports, lint and exports all mean by "this week"."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from edcal.domain.dates import day_bounds
from edcal.record import record


@record(order=True)
class Week:
    """Seven days from ``start``; weeks may start on any weekday (a setting)."""

    start: date

    @classmethod
    def of(cls, day: date, first_weekday: int = 0) -> Week:
        """The week holding ``day`` (``first_weekday``: 0 = weeks start on Monday, 6 = Sunday)."""
        return cls(day - timedelta(days=(day.weekday() - first_weekday) % 7))

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
    def number(self) -> int:
        """The ISO 8601 week number of the week's Thursday, which any seven days hold."""
        thursday = self.start + timedelta(days=(3 - self.start.weekday()) % 7)
        return thursday.isocalendar()[1]

    @property
    def label(self) -> str:
        """'Week 48 · 23–29 Nov 2026'."""
        start, end = self.start, self.end
        if start.month == end.month:
            span = f"{start.day}–{end.day} {end:%b %Y}"
        elif start.year == end.year:
            span = f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
        else:
            span = f"{start:%d %b %Y} – {end:%d %b %Y}"
        return f"Week {self.number} · {span}"
