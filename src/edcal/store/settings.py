"""The settings a team shares, and the feed's token."""

from __future__ import annotations

from sqlalchemy import select

from edcal.domain.models import (
    Settings,
)
from edcal.store.base import StoreBase
from edcal.store.tables import (
    SettingRow,
)


class SettingStore(StoreBase):
    def settings(self) -> Settings:
        with self.session() as s:
            values = {r.key: r.value for r in s.scalars(select(SettingRow))}
        default = Settings()
        return Settings(
            weekly_minimum=int(values.get("weekly_minimum", default.weekly_minimum)),
            week_start=int(values.get("week_start", default.week_start)),
            timezone=values.get("timezone", default.timezone),
            hourly_rate=float(values["hourly_rate"]) if values.get("hourly_rate") else None,
            organizer=values.get("organizer") or None,
            objective=values.get("objective") or None,
        )

    def save_settings(self, settings: Settings) -> None:
        values = {
            "weekly_minimum": str(settings.weekly_minimum), "week_start": str(settings.week_start),
            "timezone": settings.timezone,
            "hourly_rate": "" if settings.hourly_rate is None else str(settings.hourly_rate),
            "organizer": settings.organizer or "",
            "objective": settings.objective or "",
        }
        with self.session() as s:
            for key, value in values.items():
                row = s.get(SettingRow, key) or SettingRow(key=key, value=value)
                row.value = value
                s.add(row)
            s.commit()

    def feed_token(self) -> str:
        """The secret in the feed's URL, made once and kept."""
        import secrets

        with self.session() as s:
            row = s.get(SettingRow, "feed_token")
            if row is None:
                row = SettingRow(key="feed_token", value=secrets.token_urlsafe(24))
                s.add(row)
                s.commit()
            return row.value
