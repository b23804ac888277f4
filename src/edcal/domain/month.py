"""The month: what `list --month` and the month view mean by a month, and its weeks: every
week with a day in the month, as a wall calendar shows them."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from edcal.domain.dates import FIRST_YEAR, LAST_YEAR, MONTHS, DateError, day_bounds, name_index, parse_date
from edcal.domain.week import Week
from edcal.record import record

_YEAR_MONTH = r"(\d{4})-(\d{1,2})"
_NAMED = r"([a-z]+)\.?(?: (\d{4}))?"  # 'dec', 'December 2026'
_RELATIVE = {"this month": 0, "next month": 1, "last month": -1, "previous month": -1}


@record(order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.year <= 9999:
            raise DateError(f"there is no month {self.year:04d}-{self.month:02d}")

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str, today: date) -> Month:
        """``2026-12``; a month's name (``dec``, ``December 2027``: without a year, the nearest
        of that name, the one ahead when two are as near); this, next or last month; or any date
        the week options take (``24/12``, ``fri``, ``+2w``...): its month."""
        typed = " ".join(text.lower().split())
        if whole := re.fullmatch(_YEAR_MONTH, typed):
            return cls(int(whole[1]), int(whole[2]))
        if (shift := _RELATIVE.get(typed)) is not None:
            return cls.of(today).shift(shift)
        if (named := re.fullmatch(_NAMED, typed)) and (index := name_index(named[1], MONTHS)) is not None:
            if named[2]:
                year = int(named[2])
            else:  # the nearest of that name: 'nov' in December is the one just gone, 'jan' the one ahead
                ahead = (index + 1 - today.month) % 12  # months to the next of that name, this one included
                year = cls.of(today).shift(ahead if ahead <= 6 else ahead - 12).year
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise DateError(f"'{text.strip()}': edcal plans the years {FIRST_YEAR} to {LAST_YEAR}")
            return cls(year, index + 1)
        return cls.of(parse_date(text, today))

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def length(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def end(self) -> date:
        """The last day (inclusive)."""
        return date(self.year, self.month, self.length)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.start + timedelta(days=i) for i in range(self.length))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and (day.year, day.month) == (self.year, self.month)

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def weeks(self, first_weekday: int = 0) -> list[Week]:
        """Every week with a day in the month, as a wall calendar shows them (4 to 6)."""
        first = Week.of(self.start, first_weekday)
        return [first.shift(i) for i in range((self.end - first.start).days // 7 + 1)]

    def bounds(self, tz: str) -> tuple[datetime, datetime]:
        """UTC instants of local midnight on the 1st and just after the last day, in ``tz``."""
        return day_bounds(self.start, self.length, tz)

    @property
    def label(self) -> str:
        """'December 2026'."""
        return f"{self.start:%B %Y}"
