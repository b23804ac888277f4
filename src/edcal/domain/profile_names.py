"""What each rule profile is called, without building the profiles (and so without the rules
engine): the shipped profiles' table and the config's overrides, read for their names. The
rules engine builds its profiles from the same table (``edcal.domain.rules.profiles``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from edcal.config import read_toml

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

SHIPPED = Path(__file__).with_name("rules") / "profiles.toml"


@cache
def shipped_tables() -> dict[str, Any]:
    """The shipped profiles as profiles.toml holds them (kept parsed: ``config.read_toml``)."""
    return read_toml(SHIPPED.read_bytes(), "profiles")


def default_name(key: str) -> str:
    """The name of a profile that gives none: its key in words ("google_business": "Google Business")."""
    return key.replace("_", " ").title()


def profile_names(overrides: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Each profile's name by key: the shipped ones, then the config's (a name given, else the
    name of the profile it is based on, else its key in words)."""
    names = {key: str(table.get("name", default_name(key))) for key, table in shipped_tables().items()}
    for key, table in (overrides or {}).items():
        if isinstance(table, Mapping):
            base = names.get(str(table.get("based_on", key)))
            names[key] = str(table.get("name", base or default_name(key)))
    return names
