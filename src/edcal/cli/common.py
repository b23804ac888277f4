"""What the command modules share: the parser's shape, and helpers for their handlers.

Each command module has ``register(sub)``, which adds its subcommands with
``set_defaults(run=handler)``. Registering imports nothing heavy: handlers import what they
need when they run, so ``edcal --help`` and ``edcal check`` start fast."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from edcal.domain.wording import visible
from edcal.errors import UsageError

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any, NoReturn

Subparsers = argparse._SubParsersAction  # what add_subparsers returns


def terminal_width() -> int:
    """The columns of the terminal, as shutil.get_terminal_size finds them: $COLUMNS, then
    standard output's terminal, then 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class Parser(argparse.ArgumentParser):
    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse's own sizes each formatter with shutil, whose import (3 ms, with bz2 and lzma)
        # every command paid: add_argument makes a formatter to check each option.
        return argparse.HelpFormatter(prog=self.prog, width=terminal_width() - 2)

    def error(self, message: str) -> NoReturn:  # one line, exit 2, as for every bad input
        self.exit(2, f"edcal: {message} (see: {self.prog} --help)\n")

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        return super().parse_known_args(None if args is None else self._text_values(list(args)), namespace)

    def _text_values(self, args: list[str]) -> list[str]:
        """An option that takes a text keeps a value starting with "-" (``--title -2+3``,
        ``--body "- a list"``) unless that value is one of this command's options: argparse
        alone would take it for an option."""
        texts = {option for action in self._actions if isinstance(action, argparse._StoreAction)
                 and action.nargs is None and action.type is None and not action.choices
                 for option in action.option_strings}
        known = set(self._option_string_actions)
        found: list[str] = []
        i = 0
        while i < len(args):
            arg = args[i]
            if arg == "--":
                return found + args[i:]
            value = args[i + 1] if i + 1 < len(args) else None
            if (arg in texts and value is not None and value.startswith("-") and value != "-"
                    and value.split("=", 1)[0] not in known):
                found.append(f"{arg}={value}")
                i += 2
                continue
            found.append(arg)
            i += 1
        return found


def db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="database URL or SQLite path (default: EDCAL_DB, the config file, "
                             "then SQLite in the user data dir)")


class _Unbuilt:
    """The parser of a command that is not the one run: whatever is asked of it, it does nothing.
    Building every parser of a module cost about 4 ms a command (argparse asks gettext for its
    words at each one); ``edcal list`` builds only list's."""

    def __getattr__(self, name: str) -> Any:
        return self._nothing

    def _nothing(self, *args: Any, **kwargs: Any) -> _Unbuilt:
        return self


def only(sub: Subparsers, name: str | None) -> Subparsers:
    """``sub``, on which ``command`` builds only the command ``name`` (all of them for None)."""
    sub.edcal_only = name  # type: ignore[attr-defined]
    return sub


def command(sub: Subparsers, name: str, help: str, **kw: Any) -> argparse.ArgumentParser:
    """A subcommand taking --db, described by ``help`` (see ``only``)."""
    if getattr(sub, "edcal_only", None) not in (None, name):
        return _Unbuilt()  # type: ignore[return-value]
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help, **kw)
    db_option(parser)
    return parser


def actions(parser: argparse.ArgumentParser) -> Subparsers:
    """The sub-subcommands of ``parser`` (edcal time list, edcal series add ...)."""
    return parser.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=Parser)


MAX_ID = 2**63 - 1  # the largest id either database holds


def whole(low: int, high: int, *, noun: str | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (``noun`` names what it is,
    such as "an id", in the messages)."""

    def read(text: str) -> int:
        shown = text if len(text) <= 24 else text[:21] + "..."
        try:
            value = int(text)
        except ValueError:  # also a number too long for int() to read
            what = f"{noun} (a whole number)" if noun else "a whole number"
            raise argparse.ArgumentTypeError(f"'{shown}' is not {what}") from None
        if not low <= value <= high:
            where = f"is not {noun}: ids run from" if noun else "is out of range: use"
            raise argparse.ArgumentTypeError(f"'{shown}' {where} {low} to {high}")
        return value

    return read


record_id = whole(1, MAX_ID, noun="an id")  # an id typed on the command line


class PlatformsThenOut(argparse.Action):
    """``--platform KEY [KEY ...]`` before a command's OUT: ``export ics --platform x out.ics``.
    A platform key is letters, digits and _, so the first value that is not one (a path, or
    - for standard output) is the command's OUT, not a platform."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        keys = list(values)
        rest: list[str] = []
        while keys and not keys[-1].replace("_", "").isalnum():
            rest.insert(0, keys.pop())
        if rest and (len(rest) > 1 or getattr(namespace, "out", None) is not None):
            parser.error(f"unrecognized arguments: {' '.join(rest)}")
        if not keys:
            parser.error(f"argument {option_string}: give at least one platform key")
        if rest:
            namespace.out = rest[0]
        setattr(namespace, self.dest, [platform_key(k) for k in keys])


def when(text: str) -> str:
    """A typed date and time (argparse type): not blank; the command reads it in its zone."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a date and time such as '2026-11-24 09:30' or 'tue 9:30', not an empty one")
    return text


def platform_key(text: str) -> str:
    """A platform key typed on the command line (argparse type): not empty."""
    key = text.strip().lower()
    if not key:
        raise argparse.ArgumentTypeError("give a platform key such as x or linkedin, not an empty one")
    return key


def channel_option(parser: argparse.ArgumentParser, *, many: bool = False) -> None:
    """--channel NAME: one account among several on a platform (its key, name or handle)."""
    parser.add_argument("--channel", metavar="NAME", action="append" if many else "store",
                        help="the channel (account) by key, name or handle, where a platform has several")


def one_channel(store: Any, platform: str | None, channel: str | None) -> str | None:
    """The key of the channel --platform or --channel names (None when neither is given)."""
    if not platform and not channel:
        return None
    from edcal.services import channels

    return channels.pick(store, platform, channel).key


def channel_keys(store: Any, platforms: Any, channels: Any) -> list[str] | None:
    """The channel keys a --platform / --channel filter keeps (None: no filter)."""
    from edcal.services.channels import keys_for

    return keys_for(store, platforms or (), channels or ())


def action(sub: Subparsers, name: str, help: str, *, takes_id: bool = False) -> argparse.ArgumentParser:
    """A sub-subcommand taking --db (and the id of what it acts on)."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help)
    db_option(parser)
    if takes_id:
        parser.add_argument("id", type=record_id)
    return parser


if TYPE_CHECKING:
    from datetime import date

    from edcal.domain.filters import PostFilter
    from edcal.domain.models import Settings
    from edcal.domain.week import Week


def filter_options(parser: argparse.ArgumentParser, *, status: bool = True) -> None:
    """--search and --campaign (and --status), read by post_filter."""
    parser.add_argument("--search", metavar="TEXT",
                        help="posts holding every word of TEXT in their title, text, link, campaign or notes")
    parser.add_argument("--campaign", metavar="C", help="posts of campaign C (any case)")
    if status:
        from edcal.domain.models import Status

        parser.add_argument("--status", nargs="+", choices=[s.value for s in Status], help="posts with these statuses")


def post_filter(args: argparse.Namespace) -> PostFilter:
    """The filter the options ask for (--platform is left to the store's query)."""
    from edcal.domain.filters import PostFilter
    from edcal.domain.models import Status

    return PostFilter(search=args.search or "", campaign=args.campaign,
                      statuses=frozenset(Status(s) for s in getattr(args, "status", None) or ()))


def open_from_args(args: argparse.Namespace):
    """The store, for a command that writes (it creates or upgrades the database as needed)."""
    from edcal.services.database import open_store

    return open_store(getattr(args, "db", None))


def read_from_args(args: argparse.Namespace):
    """The database for a command that only reads: the read path, without the ORM, when the
    database is up to date (edcal.store.read)."""
    from edcal.services.database import open_reader

    return open_reader(getattr(args, "db", None))


def read_text(source: str) -> str:
    """The contents of FILE, or stdin for '-', as UTF-8 text (anything else is refused alike)."""
    name = "standard input" if source == "-" else source
    try:
        if source == "-":
            stream = getattr(sys.stdin, "buffer", None)
            data = b"" if sys.stdin is None else stream.read() if stream is not None else sys.stdin.read().encode()
        else:
            data = Path(source).read_bytes()
        return data.decode("utf-8")
    except FileNotFoundError:
        raise UsageError(f"no such file: {source}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read {name}: it is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at "
                         f"position {exc.start})") from None
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    except ValueError:  # a NUL in the name, which no file system takes
        raise UsageError(f"cannot read {name!r}: a file name cannot hold a NUL character") from None


def read_body(source: str) -> str:
    """A post's text from FILE or stdin: as written, less the one line break that ends a file
    (the one ``echo`` adds), so it is not counted."""
    text = read_text(source)
    return text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text


def warn(message: str) -> None:
    print(f"edcal: {message}", file=sys.stderr)


def today(settings: Settings) -> date:
    """Today where the team plans (the settings' zone), from the one clock."""
    from edcal.domain import clock

    return clock.today(settings.timezone)


def week_option(parser: Any, default: str = "this week") -> None:
    """``--week``: a day it holds, its number or words (read by week_arg)."""
    parser.add_argument("--week", metavar="WEEK",
                        help=f"the week holding a date, its number (w50, 2026-W50) or next week, last week "
                        f"(default: {default})")


def week_arg(text: str | None, settings: Settings) -> Week:
    """The week ``--week`` names (Week.typed), or this week."""
    from edcal.domain.week import Week

    now = today(settings)
    return Week.typed(text, now, settings.week_start) if text else Week.of(now, settings.week_start)


# JSON escapes C0 controls itself (\u001b); DEL, the C1 controls and the two Unicode line
# separators are escaped the same way, so a script reads every text back exactly and a
# terminal shows them.
_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)}


def print_json(value: Any) -> None:
    """``value`` as indented JSON on stdout, every text exact and no control character raw."""
    import json

    print(json.dumps(value, ensure_ascii=False, indent=2).translate(_JSON_ESCAPES))


class VisibleControls:
    """A text stream for a terminal that shows control characters instead of obeying them
    (edcal's CLI writes none of its own but the colours of write_colour). Everything else passes
    through."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def write_colour(self, code: str) -> None:
        """One of edcal's own colour codes (SGR), never text from the data."""
        self._stream.write(code)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
