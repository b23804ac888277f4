"""The channel plan's use cases: its figures over recent weeks, and one week's lint."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from edcal.domain import clock
from edcal.domain.models import Post, Settings, Status, TimeEntry
from edcal.domain.plan import (
    Finding,
    PlatformFigures,
    Results,
    WeekCadence,
    cadence_weeks,
    counted_since,
    lint_week,
    plan_report,
    weekly_figures,
)
from edcal.domain.week import Week
from edcal.record import record, replace

if TYPE_CHECKING:
    from edcal.domain.models import Platform
    from edcal.store.read import Reads
    from edcal.store.repo import Store


@record
class PlanFigures:
    """What `report --plan` and the plan screen show."""

    weeks: list[Week]
    platforms: list[PlatformFigures]
    settings: Settings


@record
class _Period:
    """What the plan's figures are made of over some weeks: posts, time and results."""

    settings: Settings
    weeks: list[Week]
    posts: list[Post]
    entries: list[TimeEntry]
    results: dict[int | None, Results]


def _read_weeks(store: Reads, weeks: int, today: date | None) -> _Period:
    """The ``weeks`` ending with the week holding ``today``, read once."""
    settings = store.settings()
    starts = Week.ending_with(today or clock.today(settings.timezone), weeks, settings.week_start)
    begin, _ = starts[0].bounds(settings.timezone)
    _, end = starts[-1].bounds(settings.timezone)
    posts = store.posts_between(begin, end)
    results = store.results([p.id for p in posts if p.status == Status.PUBLISHED and p.id is not None])
    return _Period(settings, starts, posts, store.time_between(begin, end), results)


def figures(store: Reads, weeks: int, today: date | None = None) -> PlanFigures:
    """Per platform, over the ``weeks`` ending with the week holding ``today``."""
    read = _read_weeks(store, weeks, today)
    return PlanFigures(read.weeks, plan_report(store.platforms(), read.posts, read.entries, read.results),
                       read.settings)


TREND_WEEKS = 8


def trends(store: Reads, weeks: int = TREND_WEEKS, today: date | None = None) -> dict[str, list[PlatformFigures]]:
    """Per channel on, its figures week by week over the ``weeks`` ending with today's."""
    read = _read_weeks(store, weeks, today)
    return weekly_figures(read.weeks, store.platforms(), read.posts, read.entries, read.results,
                          read.settings.timezone)


def cadence_history(store: Reads, weeks: list[Week]) -> list[WeekCadence]:
    """Each week's cadence per channel on (as the grid counts it) and its time against the minimum."""
    from edcal.services.timelog import first_day

    settings = store.settings()
    begin, _ = weeks[0].bounds(settings.timezone)
    _, end = weeks[-1].bounds(settings.timezone)
    return cadence_weeks(weeks, store.platforms(enabled_only=True), store.posts_between(begin, end),
                         store.time_between(begin, end), settings.weekly_minimum, settings.timezone,
                         today=clock.today(settings.timezone), since=first_day(store, settings.timezone))


def save(store: Store, *, objective: str | None = None, platform: Platform | None = None) -> None:
    """Save the plan's objective (None: left as it is) and one channel's plan line (None: none)."""
    if objective is not None:
        settings = store.settings()
        if objective != (settings.objective or ""):
            store.save_settings(replace(settings, objective=objective or None))
    if platform is not None:
        store.save_platform(platform)


def lint(store: Reads, week: Week, today: date | None = None) -> list[Finding]:
    """Everything wrong with one week's plan, errors first."""
    from edcal.services import posts as posts_service
    from edcal.services.timelog import first_day

    settings = store.settings()
    first = first_day(store, settings.timezone)
    begin, end = week.bounds(settings.timezone)
    posts = store.posts_between(begin, end)
    minutes = sum(e.minutes for e in store.time_between(begin, end))
    return lint_week(platforms=store.platforms(), posts=posts, reports=posts_service.reports(store, posts),
                     minutes=minutes, minimum=settings.weekly_minimum,
                     week_over=(today or clock.today(settings.timezone)) > week.end,
                     counted=counted_since(week, first))
