"""The ``edcal`` command. Parsing stays light: Textual and SQLModel load only in the handler
that needs them, so ``edcal --help`` and ``edcal check`` start fast."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import SimpleNamespace

from edcal.errors import EdcalError, UsageError, sentence

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    import argparse
    from typing import Any

# Which module registers each command: `edcal check ...` imports only the module it runs
# (tests/unit/test_cli_errors.py checks this index against what the modules register).
COMMANDS = {
    "tui": "tui", "demo": "demo", "config": "demo", "check": "rules", "split": "rules", "platforms": "rules",
    "add": "posts", "edit": "posts", "publish": "posts", "list": "posts", "show": "posts", "delete": "posts",
    "adapt": "posts", "channels": "channels",
    "log": "timelog", "timer": "timelog", "report": "timelog", "time": "timelog", "settings": "timelog",
    "plan": "plan", "results": "plan", "lint": "plan", "series": "series", "next": "series", "sync": "sync",
    **dict.fromkeys(("export", "import", "serve", "backup", "restore"), "export_import"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line: every module registers its own subcommands; with ``command``, only the
    module that owns it is loaded, and only that command's parser is built."""
    import importlib

    from edcal import __version__
    from edcal.cli.common import Parser, db_option, only

    parser = Parser(prog="edcal", description="A terminal editorial calendar for social media.",
                    epilog="Run 'edcal' alone to open the calendar. 'edcal COMMAND --help' tells more.")
    parser.add_argument("--version", action="version", version=f"edcal {__version__}")
    db_option(parser)
    wanted = command if command in COMMANDS else None
    sub = only(parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser), wanted)
    modules = [COMMANDS[wanted]] if wanted else dict.fromkeys(COMMANDS.values())
    for name in modules:
        importlib.import_module(f"edcal.cli.{name}").register(sub)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command word in ``argv`` (past a leading --db URL), if there is one."""
    rest = list(argv)
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option == "--db" and rest:
            rest.pop(0)
    return rest[0] if rest else None


def _tui_only(argv: Sequence[str]) -> Any:
    """``edcal`` or ``edcal --db URL``: the TUI, without building any parser (argparse itself
    stays off the path to the first frame)."""
    if not argv:
        return SimpleNamespace(command=None)
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return SimpleNamespace(command=None, db=argv[1])
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        return SimpleNamespace(command=None, db=argv[0][5:])
    return None


def _not_utf8(argv: Sequence[str]) -> str | None:
    """What to say of the first argument that is not UTF-8 text (its bytes came through as
    surrogates), or None."""
    for arg in argv:
        bad = next((c for c in arg if "\udc80" <= c <= "\udcff"), None)
        if bad is not None:
            shown = arg.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            return f"an argument is not UTF-8 text (byte 0x{ord(bad) - 0xDC00:02x} in '{shown[:60]}'); edcal reads UTF-8 only"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv == ["--version"]:  # what scripts ask first: without building every command's parser
        from edcal import __version__

        print(f"edcal {__version__}")
        return 0
    tui = _tui_only(argv)
    opens_tui = tui is not None or _command(argv) == "tui" or (_command(argv) == "demo" and "--open" in argv)
    if not opens_tui:  # the TUI writes its own escape sequences; nothing else does
        from edcal.cli.common import VisibleControls

        # Text for people shows control characters, whether it goes to a terminal or through a
        # pipe to one (less -R, cat); --json escapes them as JSON does, and the data commands
        # (export, backup) write their bytes past this. Argparse's own errors included.
        sys.stdout = VisibleControls(sys.stdout)  # type: ignore[assignment]
        sys.stderr = VisibleControls(sys.stderr)  # type: ignore[assignment]
    if (problem := _not_utf8(argv)) is not None:
        print(f"edcal: {problem}.", file=sys.stderr)
        return 2
    args = tui or build_parser(_command(argv)).parse_args(argv)
    if getattr(args, "run", None) is None:  # `edcal` alone, or with --db only
        from edcal.cli.tui import run_tui

        args.run = run_tui
    try:
        if not getattr(args, "light", False):  # the commands that read dates
            from edcal.config import load_config
            from edcal.domain.dates import set_day_first

            set_day_first(load_config().day_first)
        code: int = args.run(args)
        return code
    except EdcalError as exc:
        print(f"edcal: {sentence(str(exc))}", file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1  # a usage error, or a problem with the data
    except KeyboardInterrupt:
        print("edcal: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
