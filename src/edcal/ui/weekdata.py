"""What the week screen shows, gathered off the UI thread from the store and the rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from edcal.domain.dates import zone
from edcal.domain.models import Platform, Post, Settings
from edcal.domain.rules import find_duplicates
from edcal.domain.week import Week


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
    slots: dict[tuple[str, date], list] = field(default_factory=dict)  # open recurring slots

    @property
    def days(self) -> tuple[date, ...]:
        return self.week.days

    def planned(self, platform: str) -> int:
        return sum(len(self.cells.get((platform, day), ())) for day in self.days)

    def open_slots(self, platform: str, day: date) -> list:
        return self.slots.get((platform, day), [])


def _plan(store, profiles: dict[str, str], post: Post, duplicates: set[int]) -> PlannedPost:
    report = store.check_post(post, profiles.get(post.platform))
    return PlannedPost(post, report.ok, tuple(v.message for v in report.violations), post.id in duplicates)


def load_week(store, week: Week) -> WeekData:
    """Posts, backlog and logged time of ``week``. Runs in a worker thread."""
    settings = store.settings()
    every_platform = store.platforms()
    platforms = [p for p in every_platform if p.enabled]
    profiles = {p.key: p.profile for p in every_platform}
    begin, end = week.bounds(settings.timezone)
    posts = store.posts_between(begin, end)
    duplicates = {key for pair in find_duplicates((p.id, p.platform, p.body) for p in posts)
                  for key in (pair.first, pair.second)}
    cells: dict[tuple[str, date], list[PlannedPost]] = defaultdict(list)
    viewer = zone(settings.timezone)  # columns are days where the user is
    for post in posts:
        cells[(post.platform, post.scheduled_at.astimezone(viewer).date())].append(_plan(store, profiles, post, duplicates))
    backlog = [_plan(store, profiles, p, set()) for p in store.backlog()]
    minutes = sum(e.minutes for e in store.time_between(begin, end))
    slots: dict[tuple[str, date], list] = defaultdict(list)
    for slot in store.open_slots(begin, end):
        slots[(slot.platform, slot.utc.astimezone(viewer).date())].append(slot)
    return WeekData(week, platforms, dict(cells), backlog, minutes, settings, dict(slots))

