"""A published post's numbers, and the plan's figures."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from edcal.domain.plan import Results
from edcal.errors import EdcalError
from edcal.store.base import StoreBase
from edcal.store.rows import require, utc_now
from edcal.store.tables import (
    PostRow,
    ResultRow,
)


class ResultStore(StoreBase):
    def plan_figures(self, weeks: int, today: date | None = None):
        """(week starts, per-platform PlatformFigures, settings) over the ``weeks`` ending with
        the week holding ``today``: what `report --plan` and the plan screen show."""
        from edcal.domain import clock
        from edcal.domain.plan import plan_report
        from edcal.domain.week import Week

        settings = self.settings()
        starts = Week.ending_with(today or clock.today(settings.timezone), weeks, settings.week_start)
        begin, _ = starts[0].bounds(settings.timezone)
        _, end = starts[-1].bounds(settings.timezone)
        posts = self.posts_between(begin, end)
        results = self.results([p.id for p in posts if p.status == "published"])
        return starts, plan_report(self.platforms(), posts, self.time_between(begin, end), results), settings

    def save_results(self, many: Iterable[Results]) -> None:
        """Record posts' numbers, all in one transaction; blank ones stay blank."""
        from edcal.domain.plan import RESULT_FIELDS

        many = list(many)
        for results in many:
            for name in RESULT_FIELDS:
                value = getattr(results, name)
                if value is not None and value < 0:
                    raise EdcalError(f"{name} cannot be negative")
        with self.session() as s:
            for results in many:
                require(s, PostRow, results.post_id, f"there is no post {results.post_id}")
                row = s.get(ResultRow, results.post_id) or ResultRow(post_id=results.post_id, recorded_utc=utc_now())
                for name in RESULT_FIELDS:
                    setattr(row, name, getattr(results, name))
                row.recorded_utc = utc_now()
                s.add(row)
            s.commit()

    def results(self, post_ids: Iterable[int] | None = None) -> dict:
        from edcal.domain.plan import Results

        with self.session() as s:
            query = select(ResultRow)
            if post_ids is not None:
                query = query.where(ResultRow.post_id.in_(list(post_ids)))
            return {r.post_id: Results(r.post_id, r.reach, r.engagements, r.clicks, r.conversions)
                    for r in s.scalars(query)}
