"""The settings file: TOML under the user's config dir (``edcal config path`` prints it).

Everything in it is optional::

    [database]
    url = "postgresql://team@db.example.com/edcal"   # default: SQLite in the data dir
    busy_timeout = 5.0                                  # seconds to wait for a locked SQLite file

    [keys]                                              # remap any key of the TUI
    next_week = "n"

    [profiles.mastodon]                                 # rule overrides, see the README
    length = 1000
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edcal.errors import EdcalError

APP = "edcal"


class ConfigError(EdcalError):
    """The config file cannot be read."""


def config_path() -> Path:
    env = os.environ.get("EDCAL_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False) / "config.toml"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'edcal.db'}"


@dataclass(frozen=True)
class Config:
    path: Path
    db_url: str | None = None
    busy_timeout: float = 5.0
    keys: dict[str, str] = field(default_factory=dict)
    profiles: dict[str, Any] = field(default_factory=dict)
    mail: dict[str, Any] = field(default_factory=dict)
    day_first: bool = True  # [dates] day_first: 24/11 is a day then a month
    raw: dict[str, Any] = field(default_factory=dict)


def _section(raw: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{name}] must be a table.")
    return value


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is an empty config."""
    path = path or config_path()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the config file {path}: {exc}.") from None
    import tomllib  # only when there is a file: most runs have none, and the TUI starts sooner

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the config file {path} is not valid TOML: {exc}.") from None
    database = _section(raw, "database", path)
    timeout = database.get("busy_timeout", 5.0)
    if not isinstance(timeout, (int, float)) or timeout < 0:
        raise ConfigError(f"{path}: database.busy_timeout must be a number of seconds.")
    url = database.get("url")
    if url is not None and not isinstance(url, str):
        raise ConfigError(f"{path}: database.url must be a string.")
    keys = _section(raw, "keys", path)
    if not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(f"{path}: every entry of [keys] must be a string such as \"ctrl+n\".")
    day_first = _section(raw, "dates", path).get("day_first", True)
    if not isinstance(day_first, bool):
        raise ConfigError(f"{path}: dates.day_first must be true or false.")
    return Config(
        path=path, db_url=url, busy_timeout=float(timeout), keys=keys, day_first=day_first,
        profiles=_section(raw, "profiles", path), mail=_section(raw, "mail", path), raw=raw,
    )
