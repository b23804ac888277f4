"""Helpers the command handlers share."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from edcal.errors import UsageError

if TYPE_CHECKING:
    from datetime import date

    from edcal.domain.models import Settings
    from edcal.domain.week import Week


def open_from_args(args: argparse.Namespace):
    from edcal.store import open_store

    return open_store(getattr(args, "db", None))


def read_text(source: str) -> str:
    """The contents of FILE, or stdin for '-'."""
    if source == "-":
        if sys.stdin is None:
            return ""
        return sys.stdin.read()
    try:
        return Path(source).read_text("utf-8")
    except FileNotFoundError:
        raise UsageError(f"no such file: {source}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {source}: {exc}") from None


def warn(message: str) -> None:
    print(f"edcal: {message}", file=sys.stderr)


def today(settings: Settings) -> date:
    """Today where the team plans (the settings' zone), from the one clock."""
    from edcal.domain import clock

    return clock.today(settings.timezone)


def week_arg(text: str | None, settings: Settings) -> Week:
    """The week holding the typed ``--week DATE``, or this week."""
    from edcal.domain.dates import parse_date
    from edcal.domain.week import Week

    now = today(settings)
    return Week.of(parse_date(text, now) if text else now, settings.week_start)
