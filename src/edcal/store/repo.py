"""The store: one facade over a part per aggregate. Every method opens a short session, so a
Store is safe to share across threads; a call that writes several rows does it in one."""

from __future__ import annotations

from edcal.store.backup import BackupStore
from edcal.store.base import StoreBase
from edcal.store.caldav import CalDAVStore
from edcal.store.platforms import PlatformStore
from edcal.store.posts import PostStore
from edcal.store.results import ResultStore
from edcal.store.series import SeriesStore
from edcal.store.settings import SettingStore
from edcal.store.timelog import TimeStore


class Store(PostStore, TimeStore, SeriesStore, ResultStore, SettingStore, PlatformStore, BackupStore, CalDAVStore,
            StoreBase):
    """Posts and media, time and the timer, series and slots, results, settings, platforms, and
    all of them at once for a backup, and what a CalDAV sync wrote."""
