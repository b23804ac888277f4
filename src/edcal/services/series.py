"""Recurring slots: add, edit, delete a series; skip or move one of its slots."""

from __future__ import annotations

from datetime import date

from edcal.domain.dates import WallTime
from edcal.domain.recurrence import Series

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

    from edcal.store.repo import Store


def add(store: Store, series: Series) -> Series:
    """Add ``series``; its slots appear from its start on."""
    return store.add_series(series)


def edit(store: Store, series_id: int, today: date, **changes: Any) -> Series:
    """Change a series from ``today`` on: the slots before stay with the old one (a new series
    comes back when they exist)."""
    return store.edit_series(series_id, today, **changes)


def delete(store: Store, series_id: int) -> None:
    store.delete_series(series_id)


def skip(store: Store, series_id: int, day: date) -> None:
    """No slot on ``day``."""
    store.change_slot(series_id, day)


def move(store: Store, series_id: int, day: date, to: WallTime) -> None:
    """``day``'s slot at another instant."""
    store.change_slot(series_id, day, to.utc, to.fold)
