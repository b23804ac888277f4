"""What each rule profile is called, without building the profiles (and so without the rules
engine): the shipped profiles' table and the config's overrides, read for their names. The
rules engine builds its profiles from the same table (``edcal.domain.rules.profiles``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

SHIPPED = Path(__file__).with_name("rules") / "profiles.toml"


@cache
def shipped_tables() -> dict[str, Any]:
    """The shipped profiles as profiles.toml holds them. Parsing the TOML takes about 12 ms, a
    tenth of `edcal check`: the parsed table is kept in the user's cache folder (marshal, under
    the file's fingerprint and Python's version) and read from there while the file is the same."""
    import marshal
    import os
    import sys

    from edcal.domain.digest import digest

    raw = SHIPPED.read_bytes()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    folder = (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "edcal"
    cached = folder / f"profiles-{digest(raw)}-{sys.implementation.cache_tag}.marshal"
    try:
        found = marshal.loads(cached.read_bytes())
        if isinstance(found, dict):
            return found
    except (OSError, EOFError, ValueError, TypeError):
        pass
    import tomllib

    tables = tomllib.loads(raw.decode("utf-8"))
    try:  # a cache: a folder that cannot be written only costs the parse next time
        folder.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(tables))
        os.replace(partial, cached)
    except (OSError, ValueError):
        pass
    return tables


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
