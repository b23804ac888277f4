"""The helpers every part of the store shares (rows become values in edcal.store.values)."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlmodel import Session

from edcal.errors import NotFoundError

T = TypeVar("T")


def utc_now() -> datetime:
    from edcal.domain import clock

    return clock.now()


def require(s: Session, table: type[T], key: object, missing: str) -> T:
    """The row of ``table`` with primary key ``key``, or NotFoundError(``missing``)."""
    row = s.get(table, key)
    if row is None:
        raise NotFoundError(missing)
    return row
