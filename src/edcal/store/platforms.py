"""Platforms: read without writing; a write adds a platform's row in its own transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from edcal.domain.models import (
    Platform,
)
from edcal.errors import NotFoundError
from edcal.record import replace
from edcal.store.base import StoreBase
from edcal.store.tables import (
    PlatformRow,
)
from edcal.store.values import to_platform


def _insert(s: Session) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL both do)."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert


class PlatformStore(StoreBase):
    def platforms(self, enabled_only: bool = False) -> list[Platform]:
        with self.session() as s:
            query = select(PlatformRow).order_by(col(PlatformRow.sort_order), col(PlatformRow.key))
            if enabled_only:
                query = query.where(col(PlatformRow.enabled).is_(True))
            return [to_platform(r) for r in s.scalars(query)]

    def _ensure_platform(self, s: Session, key: str) -> str:
        """Inside a write: the platform row for ``key``, added if it is a known profile."""
        key = key.strip().lower()
        if s.get(PlatformRow, key) is None:
            if key not in self.profiles:
                raise NotFoundError(f"unknown platform '{key}'")
            count = s.scalar(select(func.count()).select_from(PlatformRow)) or 0
            # Another process may add the same row at the same moment: whichever comes second
            # keeps the first one's row instead of failing.
            values = {"key": key, "name": self.profiles[key].name, "profile": key, "enabled": True, "sort_order": count}
            s.execute(_insert(s)(PlatformRow).values(values).on_conflict_do_nothing(index_elements=["key"]))
        return key

    def save_platform(self, platform: Platform) -> Platform:
        if platform.profile not in self.profiles:
            raise NotFoundError(f"unknown rule profile '{platform.profile}' for platform '{platform.key}'")
        with self.session() as s:
            row = s.get(PlatformRow, platform.key) or PlatformRow(key=platform.key, name=platform.name,
                                                                  profile=platform.profile)
            for name in ("name", "profile", "enabled", "sort_order", "colour", "reason", "audience",
                         "objective", "kpi", "weekly_target", "handle"):
                setattr(row, name, getattr(platform, name))
            s.add(row)
            s.commit()
            return to_platform(row)

    def add_channel(self, channel: Platform) -> Platform:
        """Add ``channel`` (a platform row) right after the other channels of its profile in the
        grid's order, the rows below moving down one; one transaction."""
        if channel.profile not in self.profiles:
            raise NotFoundError(f"unknown rule profile '{channel.profile}' for platform '{channel.key}'")
        with self.session() as s:
            self._one_writer(s, "platforms")
            rows = list(s.scalars(select(PlatformRow).order_by(col(PlatformRow.sort_order), col(PlatformRow.key))))
            siblings = [i for i, row in enumerate(rows) if row.profile == channel.profile]
            at = siblings[-1] + 1 if siblings else len(rows)
            for order, row in enumerate(rows):
                row.sort_order = order + (order >= at)
            values = {name: getattr(channel, name) for name in (
                "key", "name", "profile", "enabled", "colour", "reason", "audience", "objective", "kpi",
                "weekly_target", "handle")}
            s.add(PlatformRow(**values, sort_order=at))
            s.commit()
        return replace(channel, sort_order=at)

    def enable_platforms(self, keys: Iterable[str]) -> list[Platform]:
        """Enable exactly ``keys`` in that order; other platforms stay but are disabled. The other
        channels of a platform named (a second account) keep their state, next to it."""
        keys = [k.lower() for k in keys]
        with self.session() as s:
            for key in keys:
                self._ensure_platform(s, key)
            rows = list(s.scalars(select(PlatformRow).order_by(col(PlatformRow.sort_order), col(PlatformRow.key))))
            order = []
            for key in keys:
                order += [r for r in rows if r.key == key]
                order += [r for r in rows if r.profile == key and r.key != key and r.key not in keys]
            for row in rows:
                if row not in order:
                    row.enabled = False
            for position, row in enumerate(order):
                row.sort_order = position
                if row.key in keys:  # the other channels keep their state
                    row.enabled = True
            s.commit()
        return self.platforms(enabled_only=True)
