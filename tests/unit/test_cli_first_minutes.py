"""What a new user trips on in the first ten minutes, from the command line, in real processes:
every problem of one command said together (the platform first), the date forms that name a day
behaving alike where a time is needed, and a negative duration said as such."""

from __future__ import annotations

import pytest

from .test_cli_errors import edcal


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'edcal.db'}"


def test_every_problem_of_one_command_is_said_together_the_platform_first(db):
    done = edcal("--db", db, "add", "--platform", "nope", "--at", "tomorrow", "--media", "a.jpg", "--alt", "x",
                 "--alt", "y")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    said = done.stderr
    assert said.startswith("edcal: 3 problems: 1) unknown platform 'nope'")
    assert "2) 'tomorrow' has no time of day; add one, e.g. 'tomorrow 9:30'." in said
    assert "3) more --alt texts than --media items." in said
    # fixed one at a time, the rest still said; nothing was written meanwhile
    done = edcal("--db", db, "add", "--platform", "x", "--at", "tomorrow")
    assert done.returncode == 2 and done.stderr == "edcal: 'tomorrow' has no time of day; add one, e.g. " \
                                                   "'tomorrow 9:30'.\n"
    assert edcal("--db", db, "list", "--backlog").stdout.startswith("Backlog: 0 posts")


@pytest.mark.parametrize("day", ["tomorrow", "tue", "next tuesday", "+2d", "in 3 days", "+1w", "today"])
def test_a_day_alone_is_refused_alike_where_a_time_is_needed_and_taken_where_a_day_is(db, day):
    refused = edcal("--db", db, "add", "--platform", "x", "--at", day, env={"EDCAL_NOW": "2026-12-02T10:00:00+01:00"})
    assert refused.returncode == 2
    assert refused.stderr == f"edcal: '{day}' has no time of day; add one, e.g. '{day} 9:30'.\n"
    with_time = edcal("--db", db, "add", "--platform", "x", "--at", f"{day} 23:30",
                      env={"EDCAL_NOW": "2026-12-02T10:00:00+01:00"})
    assert with_time.returncode == 0, with_time.stderr
    listed = edcal("--db", db, "list", "--week", day, env={"EDCAL_NOW": "2026-12-02T10:00:00+01:00"})
    assert listed.returncode == 0 and "23:30" in listed.stdout


def test_a_negative_duration_is_said_to_be_one(db):
    for typed in ("-30m", "-1h", "−5"):
        done = edcal("--db", db, "log", "--", typed)
        assert done.returncode == 2
        assert done.stderr.startswith(f"edcal: a duration must be positive, not '{typed}'")
