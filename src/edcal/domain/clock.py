"""The one source of "now" for every layer.

``EDCAL_NOW`` freezes it for a whole process and its children: an ISO 8601 instant with
its UTC offset, such as ``2026-11-30T08:00:00+01:00``. Tests, screenshots and benches set
it; nothing else in edcal asks the system for the time.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from edcal.domain.dates import read_instant
from edcal.domain.dates import zone as _zone
from edcal.errors import UsageError

ENV = "EDCAL_NOW"


class ClockError(UsageError):
    """EDCAL_NOW holds something that is not an instant."""


@lru_cache(maxsize=8)
def _frozen(text: str) -> datetime:
    value = read_instant(text)
    if value is None:
        raise ClockError(f"{ENV} must be an ISO 8601 instant with its UTC offset, such as "
                         f"2026-11-30T08:00:00+01:00, not '{text}'")
    return value


def now() -> datetime:
    """The current instant, aware, in UTC."""
    frozen = os.environ.get(ENV)
    if frozen:
        return _frozen(frozen)
    return datetime.now(timezone.utc)


def wall_now(tz: str | ZoneInfo) -> datetime:
    """The naive wall time now in ``tz``, to the minute: what a person there reads on a clock."""
    where = tz if isinstance(tz, ZoneInfo) else _zone(tz)
    return now().astimezone(where).replace(tzinfo=None, second=0, microsecond=0)


def today(tz: str | ZoneInfo) -> date:
    """The date now in ``tz``."""
    return wall_now(tz).date()
