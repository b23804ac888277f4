"""The settings a team shares (weekly minimum, week start, zone, rate, currency, organiser)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from edcal.domain.models import Settings

if TYPE_CHECKING:
    from edcal.store.repo import Store


def save(store: Store, settings: Settings) -> Settings:
    store.save_settings(settings)
    return settings
