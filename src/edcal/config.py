"""The settings file: TOML under the user's config dir (``edcal config path`` prints it).

Everything in it is optional::

    [database]
    url = "postgresql://team@db.example.com/edcal"   # default: SQLite in the data dir
    busy_timeout = 5.0                                  # seconds to wait for a locked SQLite file

    [keys]                                              # remap any key of the TUI
    next_week = "n"

    [profiles.mastodon]                                 # rule overrides, see the README
    length = 1000

    [compose]                                           # where the TUI's o key opens Mastodon
    mastodon = "mastodon.social"

    [caldav]                                            # `edcal sync caldav` and the TUI's sync
    url = "https://dav.example.com/alice/"              # the calendar home; the calendar goes in it
    calendar = "edcal"
    user = "alice"
    password_file = "~/.config/edcal/caldav-password"   # or password_command = "pass show dav"
    every = 15                                          # the TUI syncs every 15 minutes (0: never)
"""

from __future__ import annotations

import os
from pathlib import Path

from edcal.errors import EdcalError, UsageError
from edcal.record import field, record

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

APP = "edcal"


class ConfigError(EdcalError):
    """The config file cannot be read."""


def config_path() -> Path:
    env = os.environ.get("EDCAL_CONFIG")
    if env:
        return Path(env)
    return _user_dir("XDG_CONFIG_HOME", ".config", "user_config_path") / "config.toml"


def data_dir() -> Path:
    return _user_dir("XDG_DATA_HOME", ".local/share", "user_data_path")


def _user_dir(variable: str, default: str, platformdirs_name: str) -> Path:
    """edcal's folder of that kind. On Linux and the BSDs the XDG rule platformdirs applies there,
    without importing it (every command reads the config path): $VARIABLE if it is an absolute
    path, else ~/DEFAULT. Elsewhere (macOS, Windows), platformdirs."""
    import sys

    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get(variable, "").strip()
        return (Path(base) if os.path.isabs(base) else Path.home() / default) / APP
    import platformdirs

    found: Path = getattr(platformdirs, platformdirs_name)(APP, appauthor=False)
    return found


def cache_dir() -> Path:
    """edcal's cache folder: what it keeps to skip work it did before (parses, mostly)."""
    return _user_dir("XDG_CACHE_HOME", ".cache", "user_cache_path")


def keep_cached(path: Path, data: bytes, kind: str) -> None:
    """Write a cache file whole (a reader never sees half of one) and remove the older files of
    ``kind`` (named ``kind-…`` with the same suffix). A folder that cannot be written only costs
    the work again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, path)
        for older in path.parent.glob(f"{kind}-*{path.suffix}"):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        pass


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'edcal.db'}"


def demo_db_path() -> Path:
    """Where `edcal demo` puts the sample week when no database is named: a file of its own,
    never the calendar a person uses every day."""
    return data_dir() / "demo.db"


@record
class MailConfig:
    """[mail]: how `edcal export ics --mail-to` sends."""

    smtp: str | None = None  # HOST:PORT
    sender: str | None = None  # the file's `from`
    starttls: bool = False
    user: str | None = None
    password_env: str = "EDCAL_SMTP_PASSWORD"  # the variable holding the password
    password: str | None = None


@record
class ExportConfig:
    """[export]: where the TUI's export key writes the calendar (default: the data dir)."""

    ics: Path | None = None


@record
class ComposeConfig:
    """[compose]: where the TUI's o key opens a platform's compose page."""

    mastodon: str | None = None  # your Mastodon server, e.g. "mastodon.social"


@record
class CalDAVConfig:
    """[caldav]: the calendar server `edcal sync caldav` and the TUI sync with."""

    url: str | None = None  # the calendar home (or any collection the calendar goes in)
    calendar: str = "edcal"
    user: str | None = None
    password_file: Path | None = None
    password_command: str | None = None
    ca_file: Path | None = None  # a certificate to trust, for a server with its own
    every: int = 0  # minutes between the TUI's background syncs; 0: only when asked


@record
class Config:
    path: Path
    db_url: str | None = None
    busy_timeout: float = 5.0
    keys: dict[str, str] = field(default_factory=dict)
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)  # read by edcal.domain.rules.load_profiles
    mail: MailConfig = field(default_factory=MailConfig)
    export: ExportConfig = field(default_factory=ExportConfig)
    compose: ComposeConfig = field(default_factory=ComposeConfig)
    caldav: CalDAVConfig = field(default_factory=CalDAVConfig)
    day_first: bool = True  # [dates] day_first: 24/11 is a day then a month


def _section(raw: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{name}] must be a table.")
    return value


def _typed(section: dict[str, Any], name: str, key: str, kind: type | tuple[type, ...], what: str,
           path: Path) -> Any:
    """``section[key]`` if it has the right type (None when absent); else one line naming file and key."""
    value = section.get(key)
    if value is not None and (not isinstance(value, kind) or isinstance(value, bool) and kind is not bool):
        raise ConfigError(f"{path}: {name}.{key} must be {what}, not {value!r}.")
    return value


def read_toml(data: bytes, kind: str) -> dict[str, Any]:
    """UTF-8 TOML as its tables. Importing tomllib and parsing cost 7 ms for a config file and
    12 ms for the shipped rule profiles, on every command; so what was parsed is kept in the
    user's cache folder (marshal, under ``kind``, the bytes' fingerprint and Python's version),
    read back while the bytes are the same, and replaced (the older ones of ``kind`` removed)
    when they change. Raises ValueError when they are not TOML."""
    import marshal
    import sys

    from edcal.digest import digest

    cached = cache_dir() / f"{kind}-{digest(data)}-{sys.implementation.cache_tag}.marshal"
    try:
        found = marshal.loads(cached.read_bytes())
        if isinstance(found, dict):
            return found
    except (OSError, EOFError, ValueError, TypeError):
        pass
    import tomllib

    tables = tomllib.loads(data.decode("utf-8"))
    try:
        kept = marshal.dumps(tables)
    except ValueError:  # a date in the file: marshal keeps none, so each read parses it
        return tables
    keep_cached(cached, kept, kind)
    return tables


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is an empty config."""
    path = path or config_path()
    try:
        data = path.read_bytes()
        data.decode("utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the config file {path}: {exc}.") from None
    try:
        raw = read_toml(data, "config")
    except ValueError as exc:
        raise ConfigError(f"the config file {path} is not valid TOML: {exc}.") from None
    database = _section(raw, "database", path)
    timeout = database.get("busy_timeout", 5.0)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or not 0 <= timeout <= 3600:
        raise ConfigError(f"{path}: database.busy_timeout must be a number of seconds from 0 to 3600.")
    url = _typed(database, "database", "url", str, "a string", path)
    keys = _section(raw, "keys", path)
    if not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(f"{path}: every entry of [keys] must be a string such as \"ctrl+n\".")
    day_first = _section(raw, "dates", path).get("day_first", True)
    if not isinstance(day_first, bool):
        raise ConfigError(f"{path}: dates.day_first must be true or false.")
    profiles = _section(raw, "profiles", path)
    for key, table in profiles.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [profiles.{key}] must be a table.")
    mail = _section(raw, "mail", path)
    text_keys = {k: _typed(mail, "mail", k, str, "a string", path) for k in ("smtp", "from", "user", "password")}
    export = _section(raw, "export", path)
    ics = _typed(export, "export", "ics", str, "a file path", path)
    mastodon = _typed(_section(raw, "compose", path), "compose", "mastodon", str, "a server name", path)
    caldav = _section(raw, "caldav", path)
    dav = {k: _typed(caldav, "caldav", k, str, "a string", path)
           for k in ("url", "calendar", "user", "password_file", "password_command", "ca_file")}
    every = _typed(caldav, "caldav", "every", int, "a whole number of minutes", path) or 0
    if not 0 <= every <= 10080:
        raise ConfigError(f"{path}: caldav.every must be from 0 (never) to 10080 minutes.")
    return Config(
        path=path, db_url=url, busy_timeout=float(timeout), keys=keys, day_first=day_first, profiles=profiles,
        mail=MailConfig(smtp=text_keys["smtp"], sender=text_keys["from"], user=text_keys["user"],
                        password=text_keys["password"],
                        starttls=bool(_typed(mail, "mail", "starttls", bool, "true or false", path)),
                        password_env=_typed(mail, "mail", "password_env", str, "a variable name", path)
                        or MailConfig.password_env),
        export=ExportConfig(ics=_path(ics, path)),
        compose=ComposeConfig(mastodon=mastodon),
        caldav=CalDAVConfig(url=dav["url"], calendar=dav["calendar"] or CalDAVConfig.calendar, user=dav["user"],
                            password_file=_path(dav["password_file"], path), password_command=dav["password_command"],
                            ca_file=_path(dav["ca_file"], path), every=every),
    )


def _path(text: str | None, file: Path) -> Path | None:
    try:
        return user_path(text) if text else None
    except UsageError as exc:
        raise ConfigError(f"{file}: {exc}") from None


def user_path(text: str | Path) -> Path:
    """``text`` as a path, with ``~`` and ``~user`` made the home folder (a user this machine
    does not know is one sentence)."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # pathlib's word for "no such user"
        user = str(text)[1:].split("/", 1)[0]
        raise UsageError(f"cannot find the home folder in '{text}': this machine has no user '{user}'") from None
