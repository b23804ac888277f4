"""The month's view model: each day's posts on the viewer's clock, its open slots, and each
week's cadence per channel and time against the minimum, counted as the week grid counts.
Read first without the rules engine (read_month), checked a moment later (check_month)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from edcal.domain import clock
from edcal.domain.dates import zone
from edcal.domain.models import Platform, Settings, Status
from edcal.domain.month import Month
from edcal.domain.plan import WeekCadence, cadence_weeks
from edcal.record import field, record, replace
from edcal.services.week import PlannedPost

if TYPE_CHECKING:
    from edcal.domain.filters import PostFilter
    from edcal.store.read import Reads

_RANK = {Status.SKIPPED: 0, Status.IDEA: 1, Status.DRAFT: 2, Status.SCHEDULED: 3, Status.PUBLISHED: 4}


@record
class DayMarks:
    """What one day of the month shows: how many posts, the most advanced status among them,
    whether one breaks a rule (error) or only warns, and its open slots."""

    posts: int = 0
    best: Status | None = None
    errors: bool = False
    warnings: bool = False
    slots: int = 0


@record
class MonthData:
    month: Month
    platforms: list[Platform]
    weeks: list[WeekCadence]
    days: dict[date, list[PlannedPost]] = field(default_factory=dict)  # every day of the weeks shown
    slots: dict[date, int] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    checked: bool = True  # False: read without the rules, no post shows a problem yet

    def marks(self, day: date, chosen: PostFilter | None = None) -> DayMarks:
        """``day``'s marks, counting only the posts ``chosen`` keeps (all without a filter)."""
        items = [i for i in self.days.get(day, ()) if chosen is None or chosen.matches(i.post)]
        best = max((i.post.status for i in items), key=_RANK.__getitem__, default=None)
        return DayMarks(len(items), best, any(not i.ok for i in items), any(i.ok and i.problems for i in items),
                        0 if chosen else self.slots.get(day, 0))


def read_month(store: Reads, month: Month) -> MonthData:
    """The month's weeks (whole, as a wall calendar shows them), read; the rules have not run."""
    from edcal.services.timelog import first_day  # with the time log's domain: off the first frame

    settings = store.settings()
    platforms = store.platforms(enabled_only=True)
    weeks = month.weeks(settings.week_start)
    begin, _ = weeks[0].bounds(settings.timezone)
    _, end = weeks[-1].bounds(settings.timezone)
    posts = store.posts_between(begin, end)
    keys = {p.key for p in platforms}
    viewer = zone(settings.timezone)
    days: dict[date, list[PlannedPost]] = defaultdict(list)
    for post in posts:
        if post.platform in keys and post.scheduled_at is not None:
            days[post.scheduled_at.astimezone(viewer).date()].append(PlannedPost(post))
    slots: dict[date, int] = defaultdict(int)
    for slot in store.open_slots(begin, end, platforms=keys):
        slots[slot.utc.astimezone(viewer).date()] += 1
    history = cadence_weeks(weeks, platforms, posts, store.time_between(begin, end), settings.weekly_minimum,
                            settings.timezone, today=clock.today(settings.timezone),
                            since=first_day(store, settings.timezone))
    return MonthData(month, platforms, history, dict(days), dict(slots), settings, checked=False)


def check_month(store: Reads, data: MonthData) -> MonthData:
    """``data`` with each post's rule report: a day shows ⚠ when one of its posts breaks a rule."""
    from edcal.services.posts import reports  # the rules engine: off the month's first paint

    checked = reports(store, [item.post for items in data.days.values() for item in items])

    def check(item: PlannedPost) -> PlannedPost:
        report = checked[item.post.id]
        return PlannedPost(item.post, report.ok, tuple(v.message for v in report.violations))

    return replace(data, days={day: [check(i) for i in items] for day, items in data.days.items()}, checked=True)
