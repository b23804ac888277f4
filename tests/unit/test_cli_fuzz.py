"""Every CLI command driven with random arguments (hypothesis): whatever comes in, edcal answers
with its output or one sentence and an exit code, never a traceback, never a hang.

Commands run in-process (``edcal.cli.main``) against a database of their own, in a folder of
their own; ``serve`` (it serves until stopped) and mail (it would dial random hosts) are left
out. A hang is caught by SIGALRM."""

from __future__ import annotations

import argparse
import io
import os
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edcal.cli import build_parser, main

NASTY = ["", " ", "-", "0", "-1", "1", "2", "9" * 30, "1e400", "nan", "inf", "x", "linkedin", "instagram", "myspace",
         "2026-11-24", "2026-11-24 09:30", "24/11", "11/24", "32/11 9:30", "tue 13pm", "tue 9:30", "tomorrow 8am",
         "2026-03-29 02:30", "0001-01-01", "9999-12-31 23:59", "25:61", "30m", "1h30", "9" * 50 + "m", "Europe/Paris",
         "Mars/Olympus", "A" * 300, "FREQ=DAILY", "FREQ=DAILY;INTERVAL=0", "FREQ=SECONDLY", "FREQ=WEEKLY;BYDAY=MO",
         "caf\u00e9 \U0001f680", "\x1b[31m", "a\x00b", "'; DROP TABLE post; --", "%s%n", "../../x", "out.ics",
         "out.csv", "posts.json", "#tag", "https://example.com", "@user", "09:00", "--", "--db", "\u202e", "Q4"]

SKIPPED = {"serve", "tui"}  # the server runs until stopped; the TUI takes the terminal
NO_OPTIONS = {"--mail-to", "--smtp", "--mail-from", "--help", "-h", "--version", "--db"}


def commands() -> dict[str, argparse.ArgumentParser]:
    """Every runnable (sub)command's parser, by its words: 'add', 'timer start' ..."""
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(words: list[str], parser: argparse.ArgumentParser) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found[" ".join(words)] = parser
            return
        for name, child in subs[0].choices.items():
            walk([*words, name], child)

    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                if name not in SKIPPED:
                    walk([name], child)
    return found


COMMANDS = commands()


# Plausible values by what an argument is for, so that most command lines get past the parser
# and reach the services; the nasty ones come in a third of the time.
PLAUSIBLE = {
    "platform": ["x", "linkedin", "instagram", "mastodon", "bluesky"], "id": ["1", "2", "3"], "post": ["1", "2"],
    "at": ["2026-11-24 09:30", "tue 9:30", "tomorrow 8am", "24/11 10:00", "2026-10-25 02:30"],
    "tz": ["Europe/Paris", "America/New_York", "Asia/Tokyo", "UTC"], "rule": ["FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=DAILY"],
    "time": ["09:00", "17:30"], "start": ["2026-11-23", "2026-12-01"], "end": ["2026-12-31"], "week": ["2026-11-24"],
    "body": ["Launch day #news https://example.com", "hello"], "title": ["Launch"], "duration": ["30m", "1h30", "45"],
    "format": ["csv", "json", "ics"], "file": ["posts.json", "out.csv", "-"], "out": ["out.ics", "out.csv", "-"],
    "media": ["photo.jpg"], "activity": ["writing", "planning", "other"],
}


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    first = draw(st.sampled_from(sorted({w.split()[0] for w in COMMANDS})))
    words = draw(st.sampled_from(sorted(w for w in COMMANDS if w.split()[0] == first)))
    parser = COMMANDS[words]
    argv = words.split()

    def value_for(action: argparse.Action) -> st.SearchStrategy[str]:
        plausible = PLAUSIBLE.get(action.dest, ["1", "x", "2026-11-24"])
        nasty = st.one_of(st.sampled_from(NASTY), st.text(max_size=12))
        return st.one_of(st.sampled_from(plausible), st.sampled_from(plausible), nasty)

    for action in parser._actions:
        if not action.option_strings:
            if action.dest != "help" and draw(st.booleans() if action.nargs in ("?", "*") else st.just(True)):
                argv.append(str(draw(st.sampled_from(list(action.choices)))) if action.choices and draw(
                    st.integers(0, 3)) else draw(value_for(action)))
            continue
        flag = action.option_strings[-1]
        if flag in NO_OPTIONS or not (action.required or draw(st.integers(0, 2)) == 0):
            continue
        if action.nargs == 0:
            argv.append(flag)
        elif action.choices and draw(st.booleans()):
            argv += [flag, str(draw(st.sampled_from(list(action.choices))))]
        else:
            argv += [flag, draw(value_for(action))]
    return argv


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    return folder


@settings(max_examples=int(os.environ.get("EDCAL_FUZZ_EXAMPLES", "300")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(argv=command_lines())
def test_no_command_line_gets_a_traceback_or_a_hang(argv, place, monkeypatch, capsys):
    monkeypatch.chdir(place)
    monkeypatch.setenv("EDCAL_DB", str(place / "fuzz.db"))
    monkeypatch.setenv("EDCAL_CONFIG", str(place / "config.toml"))
    monkeypatch.setattr("sys.stdin", io.StringIO("some text #tag https://example.com\n"))
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(20)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    except Hang:
        pytest.fail(f"edcal {argv!r} did not finish in 20 s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code, err)
    if code:  # a refusal says why (lint reports its findings on stdout and exits 1)
        assert (err + out).strip(), (argv, "failed without a word")
