"""The week's view model: cells in the viewer's zone, duplicates, backlog, open slots and time
against the minimum. The grid shows it (read before the first frame, then in worker threads)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from edcal.domain import clock
from edcal.domain.dates import zone
from edcal.domain.models import Platform, Post, Settings
from edcal.domain.plan import Cadence, cadence
from edcal.domain.recurrence import Slot
from edcal.domain.rules import Report, find_duplicates
from edcal.domain.week import Week
from edcal.services.posts import reports

if TYPE_CHECKING:
    from edcal.store.read import Reads


@dataclass(frozen=True)
class PlannedPost:
    post: Post
    ok: bool  # no rule error
    problems: tuple[str, ...] = ()  # messages of the errors and warnings
    duplicate: bool = False


@dataclass(frozen=True)
class WeekData:
    week: Week
    platforms: list[Platform]
    cells: dict[tuple[str, date], list[PlannedPost]] = field(default_factory=dict)
    backlog: list[PlannedPost] = field(default_factory=list)
    minutes: int = 0
    settings: Settings = field(default_factory=Settings)
    slots: dict[tuple[str, date], list[Slot]] = field(default_factory=dict)  # open recurring slots

    @property
    def days(self) -> tuple[date, ...]:
        return self.week.days

    def cadence(self, platform: Platform) -> Cadence:
        """What will go out this week on ``platform``, against its target."""
        return cadence((i.post for day in self.days for i in self.cells.get((platform.key, day), ())), platform)

    def open_slots(self, platform: str, day: date) -> list[Slot]:
        return self.slots.get((platform, day), [])


def _plan(post: Post, report: Report, duplicates: set[int | None]) -> PlannedPost:
    return PlannedPost(post, report.ok, tuple(v.message for v in report.violations), post.id in duplicates)


def this_week(store: Reads) -> WeekData:
    """The week holding today where the team plans."""
    settings = store.settings()
    return load_week(store, Week.of(clock.today(settings.timezone), settings.week_start))


def load_week(store: Reads, week: Week) -> WeekData:
    """Posts, backlog and logged time of ``week``."""
    settings = store.settings()
    every_platform = store.platforms()
    platforms = [p for p in every_platform if p.enabled]
    begin, end = week.bounds(settings.timezone)
    posts = store.posts_between(begin, end)
    backlog = store.backlog()
    checked = reports(store, posts + backlog)
    duplicates = {key for pair in find_duplicates((p.id, p.platform, p.body) for p in posts)
                  for key in (pair.first, pair.second)}
    cells: dict[tuple[str, date], list[PlannedPost]] = defaultdict(list)
    viewer = zone(settings.timezone)  # columns are days where the user is
    for post in posts:
        assert post.scheduled_at is not None
        cells[(post.platform, post.scheduled_at.astimezone(viewer).date())].append(
            _plan(post, checked[post.id], duplicates))
    minutes = sum(e.minutes for e in store.time_between(begin, end))
    slots: dict[tuple[str, date], list[Slot]] = defaultdict(list)
    for slot in store.open_slots(begin, end):
        slots[(slot.platform, slot.utc.astimezone(viewer).date())].append(slot)
    return WeekData(week, platforms, dict(cells), [_plan(p, checked[p.id], set()) for p in backlog], minutes,
                    settings, dict(slots))
