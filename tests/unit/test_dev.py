"""The README's `python3 dev.py run demo`: the sample week, then the calendar on it."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_run_demo_fills_a_demo_database_and_opens_the_calendar_on_it(tmp_path):
    dev = load_dev()
    db = str(tmp_path / "demo.db")
    assert dev.run_commands(["demo", "--db", db]) == [[str(dev.BIN / "edcal"), "demo", "--open", "--db", db]]
    assert dev.run_commands(["demo"]) == [[str(dev.BIN / "edcal"), "demo", "--open"]]
    # the same command but the opening (no terminal is attached here)
    filled = subprocess.run([sys.executable, "-m", "edcal", "demo", "--db", db], capture_output=True, text=True,
                            timeout=60)
    assert filled.returncode == 0 and "sample posts" in filled.stdout
    assert dev.run_commands(["list"]) == [[str(dev.BIN / "edcal"), "list"]]


def edcal(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "edcal", *args], capture_output=True, text=True, input=input,
                          timeout=60)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_the_demo_goes_to_a_database_of_its_own_and_never_the_calendar(tmp_path):
    """With no database named, `edcal demo` fills a demo database (made anew each time) and
    says where; the calendar a person uses every day is not touched, not even created."""
    from edcal.config import data_dir, default_db_url

    for _ in range(2):
        done = edcal("demo")
        assert done.returncode == 0, done.stderr
        demo = data_dir() / "demo.db"
        assert f"open it with: edcal --db {demo}" in done.stdout and "your calendar is untouched" in done.stdout
        listed = edcal("--db", str(demo), "list", "--backlog")
        assert listed.stdout.startswith("Backlog: 3 posts")  # the sample's ideas, once: made anew
    assert not Path(default_db_url().removeprefix("sqlite:///")).exists()


def test_a_named_database_that_holds_posts_gets_the_sample_only_when_told(tmp_path):
    db = str(tmp_path / "mine.db")
    assert edcal("--db", db, "add", "--platform", "x", "--body", "my own post").returncode == 0
    refused = edcal("demo", "--db", db, input="y\n")  # not a terminal: no question, a refusal
    assert refused.returncode == 1
    assert refused.stderr == (f"edcal: {db} already holds 1 post, so the sample week was not added; run edcal demo "
                              "without --db for a demo database of its own, or give --yes to add it to these posts.\n")
    assert edcal("--db", db, "list", "--backlog").stdout.startswith("Backlog: 1 post")
    done = edcal("demo", "--db", db, "--yes")
    assert done.returncode == 0 and "added 83 sample posts" in done.stdout


def test_on_a_terminal_the_demo_asks_before_adding_to_a_calendar_with_posts(tmp_path):
    import os
    import pty

    db = str(tmp_path / "mine.db")
    assert edcal("--db", db, "add", "--platform", "x", "--body", "my own post").returncode == 0
    for answer, added in ((b"n\n", False), (b"y\n", True)):
        leader, follower = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "edcal", "demo", "--db", db], stdin=follower, stdout=follower,
                                stderr=follower)
        os.close(follower)
        said = b""
        while b"[y/N]" not in said:
            said += os.read(leader, 1024)
        assert b"already holds 1 post; add the sample week to them? [y/N]" in said
        os.write(leader, answer)
        assert proc.wait(60) == (0 if added else 1)
        os.close(leader)
        listed = edcal("--db", db, "list", "--backlog").stdout
        assert listed.startswith("Backlog: 4 posts" if added else "Backlog: 1 post")
