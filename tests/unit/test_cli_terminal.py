"""Text a post holds cannot drive the terminal that shows it: `list`, `show` and the other
commands draw control characters (ESC as ␛, C1 as \\x9b) whether they write to a terminal or
through a pipe to one, and --json keeps every text exact, escaped as JSON escapes it. Each
command runs in a real process, once on a pipe and once on a pseudo-terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .test_cli_errors import on_a_terminal

HOSTILE_TITLE = "Title\x1b[2J\x1b]0;pwned\x07"
HOSTILE_BODY = "Clear\x1b[2J clip\x1b]52;c;aGVsbG8=\x07 csi\x9b31m cr\rover bell\x07 del\x7f end"
RAW = ("\x1b", "\x07", "\x9b", "\r", "\x7f")


def run(db: str, *args: str, terminal: bool) -> str:
    command = [sys.executable, "-m", "edcal", "--db", db, *args]
    if not terminal:
        done = subprocess.run(command, capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.decode()
    code, out = on_a_terminal(command)
    assert code == 0
    return out.replace("\r\n", "\n")  # the terminal's own line endings


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'edcal.db'}"
    env = dict(os.environ, EDCAL_NOW="2026-12-02T10:00:00+01:00")
    done = subprocess.run([sys.executable, "-m", "edcal", "--db", url, "add", "--platform", "x", "--at",
                           "2026-12-04 10:00", "--title", HOSTILE_TITLE, "--body", HOSTILE_BODY],
                          capture_output=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return url


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
def test_list_and_show_draw_control_characters_instead_of_obeying_them(db, terminal):
    shown = run(db, "list", "--week", "2026-12-04", terminal=terminal)
    assert "Title␛[2J␛]0;pwned␇" in shown
    shown = run(db, "show", "1", terminal=terminal)
    assert "Clear␛[2J clip␛]52;c;aGVsbG8=␇ csi\\x9b31m cr␍over bell␇ del␡ end" in shown
    assert not [c for c in RAW if c in shown]


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
def test_json_keeps_every_text_exact_and_no_control_character_raw(db, terminal):
    for args in (("list", "--week", "2026-12-04", "--json"), ("show", "1", "--json")):
        written = run(db, *args, terminal=terminal)
        assert not [c for c in RAW if c in written]
        assert "\\u001b[2J" in written and "\\u009b31m" in written
        found = json.loads(written)
        post = found[0] if isinstance(found, list) else found
        assert (post["title"], post["body"]) == (HOSTILE_TITLE, HOSTILE_BODY)


def test_an_option_value_starting_with_a_dash_is_text(tmp_path):
    url = f"sqlite:///{tmp_path / 'edcal.db'}"
    done = subprocess.run([sys.executable, "-m", "edcal", "--db", url, "add", "--platform", "x", "--title", "-2+3",
                           "--body", "- first point", "--notes", "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    post = json.loads(run(url, "show", done.stdout.strip(), "--json", terminal=False))
    assert (post["title"], post["body"], post["notes"]) == ("-2+3", "- first point", "-")
    # an option where a value was due is still an error, and says so
    missing = subprocess.run([sys.executable, "-m", "edcal", "--db", url, "add", "--platform", "x", "--title",
                              "--body", "hi"], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "argument --title: expected one argument" in missing.stderr


def test_an_argument_that_is_not_utf8_is_one_sentence(tmp_path):
    url = f"sqlite:///{tmp_path / 'edcal.db'}"
    done = subprocess.run([sys.executable, "-m", "edcal", "--db", url, "add", "--platform", "x", "--body",
                           b"caf\xe9 \x9b31m"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr == ("edcal: an argument is not UTF-8 text (byte 0xe9 in 'caf\\xe9 \\x9b31m'); "
                           "edcal reads UTF-8 only.\n")
