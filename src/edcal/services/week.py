"""The week's view model: cells in the viewer's zone, duplicates, backlog, open slots and time
against the minimum. The grid shows it: read before the first frame without the rules engine
(read_week), checked a moment later (check_week); load_week does both."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from edcal.domain import clock
from edcal.domain.dates import zone
from edcal.domain.models import Platform, Post, Settings
from edcal.domain.week import Week
from edcal.record import field, record, replace

if TYPE_CHECKING:
    from edcal.domain.plan import Cadence
    from edcal.domain.recurrence import Slot
    from edcal.services.posts import Fresh
    from edcal.store.read import Reads


@record
class PlannedPost:
    post: Post
    ok: bool = True  # no rule error (or not checked yet)
    problems: tuple[str, ...] = ()  # messages of the errors and warnings
    duplicate: tuple[str, ...] = ()  # the other channels (keys) with the same text this week


@record
class WeekData:
    week: Week
    platforms: list[Platform]
    cells: dict[tuple[str, date], list[PlannedPost]] = field(default_factory=dict)
    backlog: list[PlannedPost] = field(default_factory=list)
    minutes: int = 0
    settings: Settings = field(default_factory=Settings)
    slots: dict[tuple[str, date], list[Slot]] = field(default_factory=dict)  # open recurring slots
    checked: bool = True  # False: read without the rules, so no post shows a problem yet (read_week)
    ideas: dict[str, list[Post]] = field(default_factory=dict)  # the variants of the week's posts, any date (check_week)

    @property
    def days(self) -> tuple[date, ...]:
        return self.week.days

    def cadence(self, platform: Platform) -> Cadence:
        """What will go out this week on ``platform``, against its target."""
        from edcal.domain.plan import cadence

        return cadence((i.post for day in self.days for i in self.cells.get((platform.key, day), ())), platform)

    def open_slots(self, platform: str, day: date) -> list[Slot]:
        return self.slots.get((platform, day), [])


def this_week(store: Reads) -> WeekData:
    """The week holding today where the team plans, read but not checked yet (read_week)."""
    settings = store.settings()
    return read_week(store, Week.of(clock.today(settings.timezone), settings.week_start))


def read_week(store: Reads, week: Week) -> WeekData:
    """Posts, backlog, open slots and logged time of ``week``; the rules have not run on them."""
    settings = store.settings()
    platforms = [p for p in store.platforms() if p.enabled]
    begin, end = week.bounds(settings.timezone)
    cells: dict[tuple[str, date], list[PlannedPost]] = defaultdict(list)
    viewer = zone(settings.timezone)  # columns are days where the user is
    for post in store.posts_between(begin, end):
        assert post.scheduled_at is not None
        cells[(post.platform, post.scheduled_at.astimezone(viewer).date())].append(PlannedPost(post))
    minutes = sum(e.minutes for e in store.time_between(begin, end))
    slots: dict[tuple[str, date], list[Slot]] = defaultdict(list)
    for slot in store.open_slots(begin, end):
        slots[(slot.platform, slot.utc.astimezone(viewer).date())].append(slot)
    return WeekData(week, platforms, dict(cells), [PlannedPost(p) for p in store.backlog()], minutes,
                    settings, dict(slots), checked=False)


def check_week(store: Reads, data: WeekData, fresh: Fresh | None = None) -> WeekData:
    """``data`` with each post's rule report, the week's near-duplicates marked, and the
    variants of its posts adapted from one idea (whatever their date). ``fresh``: as for
    ``services.posts.reports``."""
    from edcal.domain.rules.duplicates import find_duplicates  # the rules engine: off the first frame
    from edcal.services.posts import reports

    planned = [item.post for cell in data.cells.values() for item in cell]
    checked = reports(store, planned + [item.post for item in data.backlog], fresh)
    channel_of = {p.id: p.platform for p in planned}
    duplicates: dict[int | None, list[str]] = defaultdict(list)  # a post: the channels with its text
    for pair in find_duplicates((p.id, p.platform, "\n\n".join(p.parts)) for p in planned):
        duplicates[pair.first].append(channel_of[pair.second])
        duplicates[pair.second].append(channel_of[pair.first])

    def check(item: PlannedPost, duplicates: dict[int | None, list[str]]) -> PlannedPost:
        report = checked[item.post.id]
        return PlannedPost(item.post, report.ok, tuple(v.message for v in report.violations),
                           tuple(dict.fromkeys(duplicates.get(item.post.id, ()))))

    ideas: dict[str, list[Post]] = defaultdict(list)  # one read for every idea of the week
    wanted = {p.idea for p in planned + [item.post for item in data.backlog] if p.idea}
    for post in store.idea_posts(*sorted(wanted)) if wanted else ():
        ideas[post.idea or ""].append(post)
    return replace(data, cells={key: [check(item, duplicates) for item in cell] for key, cell in data.cells.items()},
                   backlog=[check(item, {}) for item in data.backlog], checked=True,
                   ideas=dict(ideas))


def load_week(store: Reads, week: Week, fresh: Fresh | None = None) -> WeekData:
    """Posts, backlog and logged time of ``week``, checked (``fresh``: as for ``check_week``)."""
    return check_week(store, read_week(store, week), fresh)
