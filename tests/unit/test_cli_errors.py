"""Bad input: one clear line on stderr, a non-zero exit, never a traceback."""

import argparse
import json
import sqlite3
import subprocess
import sys

import pytest


def edcal(*args, env=None, input=None, cwd=None):
    import os

    full_env = dict(os.environ, **(env or {}))
    if isinstance(input, bytes):  # raw bytes on stdin (not UTF-8, say)
        raw = subprocess.run([sys.executable, "-m", "edcal", *args], capture_output=True, env=full_env, input=input,
                             cwd=cwd, timeout=60)
        result = subprocess.CompletedProcess(raw.args, raw.returncode, raw.stdout.decode(), raw.stderr.decode())
    else:
        result = subprocess.run([sys.executable, "-m", "edcal", *args], capture_output=True, text=True,
                                env=full_env, input=input, cwd=cwd, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def on_a_terminal(command: list[str], env: dict | None = None) -> tuple[int, str]:
    """Run ``command`` with stdout and stderr on a pseudo-terminal: its exit code and all it wrote."""
    import os
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(command, stdout=follower, stderr=follower, stdin=subprocess.DEVNULL,
                            env=dict(os.environ, **(env or {})))
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    return proc.wait(60), out.decode("utf-8")


def edcal_here(*args, env=None, input=None):
    """edcal's main() in this process: the command's exit code, stdout and stderr, without a
    Python start-up each time (CI runs the clock tests at six instants). The environment and
    stdin are the command's for the call, then restored."""
    import contextlib
    import io
    import os

    from edcal.cli import main

    saved = {key: os.environ.get(key) for key in (env or {})}
    os.environ.update(env or {})
    def stream(data: bytes = b"") -> io.TextIOWrapper:  # text with a .buffer, as the real ones have
        return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="", write_through=True)

    stdin, sys.stdin = sys.stdin, stream((input or "").encode())
    out, err = stream(), stream()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    finally:
        sys.stdin = stdin
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    result = subprocess.CompletedProcess(list(args), code, *(s.buffer.getvalue().decode() for s in (out, err)))
    assert "Traceback" not in result.stderr, result.stderr
    return result


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("edcal: ")
    return lines[0]


def test_db_file_that_is_not_a_database(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a database\n" * 100)
    before = junk.read_bytes()
    r = edcal("list", "--db", str(junk))
    assert r.returncode == 1
    assert "is not an SQLite database" in one_line(r)
    assert junk.read_bytes() == before


def test_locked_database(tmp_path):
    db = tmp_path / "edcal.db"
    assert edcal("list", "--db", str(db)).returncode == 0
    config = tmp_path / "config.toml"
    config.write_text("[database]\nbusy_timeout = 0.2\n")
    holder = sqlite3.connect(db)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = edcal("add", "--db", str(db), "--platform", "x", "--body", "hi", env={"EDCAL_CONFIG": str(config)})
    finally:
        holder.rollback()
        holder.close()
    assert r.returncode == 1
    assert "is locked by another program" in one_line(r)


def test_unknown_url_scheme(tmp_path):
    r = edcal("list", "--db", "oracle+nope://scott@tiger/db")
    assert r.returncode == 1
    assert "unknown database URL scheme 'oracle+nope'" in one_line(r)


def test_unreachable_postgresql():
    r = edcal("list", "--db", "postgresql://nobody@127.0.0.1:1/edcal")
    assert r.returncode == 1
    assert "cannot reach the database server" in one_line(r)


def test_malformed_config_names_file_and_line(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[database]\nurl = "sqlite:///x.db"\nbusy_timeout = = 3\n')
    r = edcal("list", env={"EDCAL_CONFIG": str(config)})
    assert r.returncode == 1
    line = one_line(r)
    assert str(config) in line and "line 3" in line


def test_bad_profile_override_in_config(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[profiles.x]\nlenght = 300\n")
    r = edcal("check", "--platform", "x", env={"EDCAL_CONFIG": str(config)}, input="hi")
    assert r.returncode == 1
    assert "unknown rule 'lenght'" in one_line(r)


def test_missing_folder_for_db(tmp_path):
    r = edcal("list", "--db", str(tmp_path / "no" / "such" / "dir" / "edcal.db"))
    assert r.returncode == 1
    assert "folder does not exist" in one_line(r)


@pytest.mark.parametrize("args, needle", [
    (["add", "--platform", "x", "--at", "someday"], "cannot read 'someday'"),
    (["add", "--platform", "x", "--at", "2026-13-40 9:00"], "is not a date"),
    (["add", "--platform", "x", "--at", "tue 9:30", "--tz", "Mars/Olympus"], "unknown time zone"),
    (["add", "--platform", "myspace"], "unknown platform 'myspace'"),
    (["show", "42"], "there is no post 42"),
    (["edit", "42", "--title", "x"], "there is no post 42"),
    (["delete", "42"], "there is no post 42"),
    (["add", "--platform", "x", "--at", "2026-03-29 02:30", "--tz", "Europe/Paris"], "did you mean 03:30"),
    (["add", "--platform", "x", "--body-file", "-"], "the body holds a NUL character"),  # stdin: "a\x00b"
    (["add", "--platform", "x", "--campaign", "c" * 200], "the campaign is 200 characters long; at most 120 fit"),
    (["settings", "--organizer", "ed@example.com\nATTENDEE:x"], "--organizer must be one e-mail address"),
    (["settings", "--organizer", "Ed <ed@example.com>"], "--organizer must be one e-mail address"),
    (["settings", "--hourly-rate", "nan"], "--hourly-rate must be a number of 0 or more, not 'nan'"),
    (["settings", "--hourly-rate", "inf"], "--hourly-rate must be a number of 0 or more"),
])
def test_bad_post_input(tmp_path, args, needle):
    db = str(tmp_path / "edcal.db")
    r = edcal(*args, "--db", db, input="a\x00b")
    assert r.returncode != 0
    assert needle in one_line(r)


def test_usage_errors_exit_2():
    r = edcal("add")
    assert r.returncode == 2 and "--platform" in one_line(r)
    r = edcal("frobnicate")
    assert r.returncode == 2


def test_version_and_config_path(tmp_path):
    from edcal import __version__

    assert edcal("--version").stdout.strip() == f"edcal {__version__}"
    assert edcal("config", "path").stdout.strip() == str(tmp_path / "config" / "edcal" / "config.toml")


def test_month_first_from_the_config(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[dates]\nday_first = false\n")
    db = str(tmp_path / "edcal.db")
    r = edcal("add", "--platform", "x", "--at", "12/01/2027 9:00", "--body", "hi", "--json", "--db", db,
              env={"EDCAL_CONFIG": str(config)})
    assert '"local_time": "2027-12-01T09:00:00' in r.stdout
    config.write_text("[dates]\nday_first = 'sometimes'\n")
    r = edcal("list", "--db", db, env={"EDCAL_CONFIG": str(config)})
    assert r.returncode == 1 and "day_first must be true or false" in one_line(r)


def test_the_command_index_matches_what_the_modules_register():
    import argparse
    import importlib

    from edcal.cli import COMMANDS
    from edcal.cli.common import Parser

    for module in set(COMMANDS.values()):
        sub = Parser(prog="edcal").add_subparsers(parser_class=Parser)
        importlib.import_module(f"edcal.cli.{module}").register(sub)
        assert isinstance(sub, argparse._SubParsersAction)
        assert set(sub.choices) == {name for name, owner in COMMANDS.items() if owner == module}, module


def test_list_and_show_draw_control_characters_in_a_terminal_instead_of_obeying_them(tmp_path):
    """An imported title holding escape sequences (a window title, colours, a carriage return)
    is shown, not acted on, when edcal writes to a real terminal (a pty)."""
    import json

    db = str(tmp_path / "edcal.db")
    sheet = tmp_path / "posts.json"
    sheet.write_text(json.dumps([{"platform": "x", "date": "2026-11-24", "time": "09:00", "uid": "u1",
                                  "title": "Hi\x1b]0;pwned\x07\x1b[31m red\rover\x9b", "body": "b\x1b[2J"}]))
    assert edcal("import", "json", str(sheet), "--db", db).returncode == 0
    for args in (["list", "--week", "2026-11-24"], ["show", "1"]):
        code, text = on_a_terminal([sys.executable, "-m", "edcal", *args, "--db", db], env={"COLUMNS": "200"})
        assert code == 0
        assert "Hi␛]0;pwned␇␛[31m red" in text, text  # list shows the title's first line
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        if args[0] == "show":
            assert "Hi␛]0;pwned␇␛[31m red␍over\\x9b" in text and "b␛[2J" in text, text


HOSTILE = [
    (["show", "9" * 20], "is not an id: ids run from 1 to 9223372036854775807"),
    (["edit", "9" * 20, "--title", "x"], "is not an id"),
    (["results", "0", "--reach", "1"], "is not an id"),
    (["results", "1", "--reach", "9" * 30], "is out of range"),
    (["report", "--weeks", "100000000"], "is out of range: use 1 to 520"),
    (["log", "9" * 5000 + "m"], "is more than 24 hours"),
    (["add", "--platform", "x", "--at", "2026-11-30 9:00", "--tz", "A" * 5000], "unknown time zone"),
    (["add", "--platform", "x", "--at", "0001-01-01 00:30", "--tz", "Asia/Tokyo"], "edcal plans the years 1900 to 2999"),
    (["add", "--platform", "", "--body", "a"], "give a platform key such as x or linkedin"),
    (["add", "--platform", "x", "--at", "", "--body", "a"], "give a date and time"),
    (["log", "30m", "--at", " "], "give a date and time"),
    (["add", "--platform", "x", "--at", "32/11 9:30"], "'32/11' is not a date"),
    (["add", "--platform", "x", "--at", "tue 13pm"], "13 is not an hour on a 12-hour clock"),
    (["--db", "postgresql://u@h:notaport/db", "list"], "is not valid: its port must be a number"),
    (["series", "add", "--platform", "x", "--rule", "FREQ=DAILY;INTERVAL=0", "--time", "09:00"], "INTERVAL must be"),
    (["series", "add", "--platform", "x", "--rule", "FREQ=DAILY;COUNT=-1", "--time", "09:00"], "COUNT must be"),
    (["series", "add", "--platform", "x", "--rule", "FREQ=SECONDLY", "--time", "09:00"], "one slot a day at most"),
    (["series", "add", "--platform", "x", "--rule", "FREQ=HOURLY;COUNT=3", "--time", "09:00"], "one slot a day at most"),
    (["check", "--platform", "x", "-"], "cannot read standard input: it is not UTF-8 text (byte 0xe9"),
    (["import", "json", "deep.json"], "nests too deeply"),
]


@pytest.fixture(scope="module")
def one_post_db(tmp_path_factory) -> bytes:
    """A database holding one post, made once (a copy for each case)."""
    db = tmp_path_factory.mktemp("one") / "edcal.db"
    edcal("add", "--platform", "x", "--body", "the one post", "--db", str(db))
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db.read_bytes()


@pytest.mark.parametrize(("args", "needle"), HOSTILE, ids=lambda v: " ".join(v)[:50] if isinstance(v, list) else None)
def test_hostile_input_gets_one_sentence_and_writes_nothing(tmp_path, one_post_db, args, needle):
    (tmp_path / "deep.json").write_text("[" * 200_000 + "]" * 200_000)
    db = tmp_path / "edcal.db"
    db.write_bytes(one_post_db)
    before = db.read_bytes()
    r = edcal(*args, *([] if args[0] == "--db" else ["--db", str(db)]), input=b"caf\xe9", cwd=tmp_path)
    assert r.returncode != 0 and needle in one_line(r)
    assert db.read_bytes() == before


@pytest.mark.parametrize(("setting", "needle"), [
    ('[profiles.x]\nlength = "abc"\n', "profile 'x' rule 'length' must be a whole number from 0 to 1000000, not 'abc'"),
    ("[profiles.x]\nlength = 1e400\n", "not inf"),
    ("[profiles.x]\nlength = -5\n", "not -5"),
    ('[profiles.x]\nmedia_max = { images = "x" }\n', "rule 'media_max.images' must be a whole number"),
    ("[mail]\nsmtp = 25\n", "mail.smtp must be a string, not 25"),
    ("[mail]\nfrom = 5\n", "mail.from must be a string, not 5"),
])
def test_config_values_of_the_wrong_type_are_named_with_file_and_key(tmp_path, setting, needle):
    config = tmp_path / "config.toml"
    config.write_text(setting)
    r = edcal("add", "--platform", "x", "--body", "hi", "--db", str(tmp_path / "edcal.db"),
              env={"EDCAL_CONFIG": str(config)})
    line = one_line(r)
    assert r.returncode != 0 and str(config) in line and needle in line
    assert not (tmp_path / "edcal.db").exists() or "hi" not in edcal("list", "--backlog", "--db",
                                                                         str(tmp_path / "edcal.db")).stdout


def test_a_long_post_exported_to_csv_imports_again(tmp_path):
    db, other = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    body = "word " * 40_000  # 200,000 characters: over the csv module's default cell limit of 128 KiB
    assert edcal("add", "--platform", "linkedin", "--body-file", "-", "--db", db, input=body).returncode == 0
    assert edcal("export", "csv", str(tmp_path / "out.csv"), "--db", db).returncode == 0
    r = edcal("import", "csv", str(tmp_path / "out.csv"), "--db", other)
    assert r.returncode == 0 and r.stdout.startswith("read 1 post: 1 new, 0 updated")
    assert json.loads(edcal("export", "json", "--db", other).stdout)[0]["body"].rstrip("\n") == body.rstrip("\n")


def test_a_refused_add_writes_no_row_at_all(tmp_path):
    """Neither the post nor its platform's row: a script that retries creates no duplicate."""
    db = tmp_path / "edcal.db"
    r = edcal("add", "--platform", "instagram", "--status", "scheduled", "--at", "2026-11-30 09:00", "--body", "x",
              "--db", str(db))
    assert r.returncode == 1 and "needs an image or a video" in one_line(r)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM post").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM platform").fetchone() == (0,)
    config = tmp_path / "config.toml"
    config.write_text("[profiles.x]\nlenght = 300\n")
    r = edcal("add", "--platform", "x", "--body", "hi", "--db", str(db), env={"EDCAL_CONFIG": str(config)})
    assert r.returncode != 0 and "unknown rule 'lenght'" in one_line(r)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM post").fetchone() == (0,)


def test_a_command_built_alone_parses_and_helps_as_in_the_whole_parser():
    """`edcal list` builds list's parser only (the others would cost 4 ms): it is the same parser."""
    from edcal.cli import COMMANDS, build_parser

    def subparser(parser, name):
        (choices,) = [a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        return choices

    whole = subparser(build_parser(), None)
    for name in COMMANDS:
        alone = subparser(build_parser(name), name)
        assert list(alone) == [name]
        assert alone[name].format_help() == whole[name].format_help(), name
        assert alone[name].get_default("run") is whole[name].get_default("run"), name
