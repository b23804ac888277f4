"""The settings a team shares, and the feed's token."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from edcal.domain.models import (
    Settings,
)
from edcal.store.base import StoreBase
from edcal.store.tables import (
    MEDIA,
    POST,
    SettingRow,
)
from edcal.store.values import to_settings


class SettingStore(StoreBase):
    def settings(self) -> Settings:
        with self.session() as s:
            values = {r.key: r.value for r in s.scalars(select(SettingRow))}
        return to_settings(values)

    def save_settings(self, settings: Settings) -> None:
        values = {
            "weekly_minimum": str(settings.weekly_minimum), "week_start": str(settings.week_start),
            "timezone": settings.timezone,
            "hourly_rate": "" if settings.hourly_rate is None else str(settings.hourly_rate),
            "currency": settings.currency or "",
            "organizer": settings.organizer or "",
            "objective": settings.objective or "",
        }
        with self.session() as s:
            for key, value in values.items():
                row = s.get(SettingRow, key) or SettingRow(key=key, value=value)
                row.value = value
                s.add(row)
            s.commit()

    def feed_token(self, *, rotate: bool = False) -> str:
        """The secret in the feed's URL, made once and kept; ``rotate`` makes a new one (the
        old URL stops working)."""
        import secrets

        with self.session() as s:
            row = s.get(SettingRow, "feed_token")
            if row is None or rotate:
                row = row or SettingRow(key="feed_token", value="")
                row.value = secrets.token_urlsafe(24)
                s.add(row)
                s.commit()
            return row.value

    def data_version(self) -> str:
        """A fingerprint of everything a calendar shows, from a few aggregate queries: it
        changes when a post, its media, a series, a slot, a platform or a setting does."""
        from sqlalchemy import func, text

        post, media = POST.c, MEDIA.c
        with self.session() as s:
            posts = s.execute(select(func.count(), func.max(post.updated_utc), func.sum(post.revision),
                                     func.sum(post.id)).select_from(POST)).one()
            files = s.execute(select(func.count(), func.sum(media.id)).select_from(MEDIA)).one()
            small = [s.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2")).all()
                     for table in ("platform", "setting", "series", "slot_change")]
        return hashlib.sha256(repr((tuple(posts), tuple(files), small)).encode()).hexdigest()
