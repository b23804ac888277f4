"""Helpers the command handlers share."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edcal.errors import UsageError


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
