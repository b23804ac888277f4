"""The messages workers post to the screens: every database call runs in a thread worker and
reports back with one of these, never by touching widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from datetime import date

    from edcal.domain.models import Platform, Settings, TimeEntry
    from edcal.services.month import MonthData
    from edcal.services.week import WeekData


class StoreOpened(Message):
    """The database is open and migrated."""


class StoreFailed(Message):
    """The database cannot be opened; ``error`` says why in one sentence."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class WeekLoaded(Message):
    bubble = False  # the screen's own loads stay with it

    def __init__(self, data: WeekData, early: bool = False) -> None:
        super().__init__()
        self.data = data
        self.early = early  # read before the store opened (the first frame's week)


class MonthLoaded(Message):
    bubble = False

    def __init__(self, data: MonthData) -> None:
        super().__init__()
        self.data = data


class Reload(Message):
    """Posts changed, or another day was asked for: the week screen loads again, on ``day``'s
    week (and month) with the cursor on it when given, on ``platform``'s row when given."""

    def __init__(self, day: date | None = None, platform: str | None = None) -> None:
        super().__init__()
        self.day, self.platform = day, platform


class SyncStatusChanged(Message):
    """How the last CalDAV sync went, in words for the sidebar."""

    def __init__(self, words: str) -> None:
        super().__init__()
        self.words = words


class TimeLoaded(Message):
    def __init__(self, entries: list[TimeEntry], totals: list[Any], settings: Settings,
                 platforms: list[Platform]) -> None:
        super().__init__()
        self.entries, self.totals, self.settings, self.platforms = entries, totals, settings, platforms


class PlanLoaded(Message):
    def __init__(self, platforms: list[Platform], figures: list[Any], settings: Settings,
                 trends: dict[str, list[Any]] | None = None) -> None:
        super().__init__()
        self.platforms, self.figures, self.settings = platforms, figures, settings
        self.trends = trends or {}  # per channel, its figures week by week


class LoadFailed(Message):
    """A load failed (the database is locked, gone, …); the screen says so and stays usable."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error
