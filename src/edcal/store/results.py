"""A published post's numbers."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlmodel import col

from edcal.domain.plan import Results
from edcal.errors import EdcalError
from edcal.store.base import StoreBase
from edcal.store.rows import require, utc_now
from edcal.store.tables import (
    PostRow,
    ResultRow,
)
from edcal.store.values import to_results


class ResultStore(StoreBase):
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

    def results(self, post_ids: Iterable[int] | None = None) -> dict[int | None, Results]:
        with self.session() as s:
            query = select(ResultRow)
            if post_ids is not None:
                query = query.where(col(ResultRow.post_id).in_(list(post_ids)))
            return {r.post_id: to_results(r) for r in s.scalars(query)}
