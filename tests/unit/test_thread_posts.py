"""A post that is a thread: written as one text (parts between "---" lines), stored as parts,
checked part by part, carried by CSV, JSON and iCalendar, and made from the command line."""

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edcal.domain.models import Post
from edcal.domain.rules import check_thread, thread_reports
from edcal.domain.rules.thread import resplit, split, unnumbered
from edcal.domain.thread_text import join_parts, part_spans, split_parts

from .test_cli_errors import edcal_here, one_line

# Parts as a person writes them: no blank space around, no line holding only "---".
part_texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x0b\x0c\x1c\x1d\x1e"
                                   "\x85\u2028\u2029"), min_size=1, max_size=60) \
    .map(str.strip).filter(lambda t: t and "---" not in t)

@pytest.fixture(autouse=True)
def _monday(monkeypatch):
    """Their posts are planned for early December: the clock is the Monday before, whatever
    EDCAL_TEST_NOW says."""
    monkeypatch.setenv("EDCAL_NOW", "2026-11-30T08:00:00+01:00")



@settings(max_examples=200, deadline=None)
@given(st.lists(part_texts, min_size=1, max_size=6))
def test_a_thread_written_as_one_text_gives_its_parts_back(parts):
    text = join_parts(parts)
    assert split_parts(text) == tuple(parts)
    assert [text[a:b] for a, b in part_spans(text)] == parts


def test_separators_may_carry_blank_space_and_empty_parts_vanish():
    text = "First part.\n\n  ---  \n\nSecond part.\n---\n\n---\nThird.\n"
    assert split_parts(text) == ("First part.", "Second part.", "Third.")
    assert split_parts("no separator here\n") == ("no separator here\n",)  # a single post stays as typed
    assert split_parts("a line with --- inside\n----\n--") == ("a line with --- inside\n----\n--",)


def test_a_split_thread_split_again_is_numbered_once():
    text = " ".join(["Planning beats posting."] * 30)
    parts = [p.text for p in split(text, "x")]
    assert [unnumbered(p) for p in parts] == [p.rsplit(" ", 1)[0] for p in parts]
    again = [p.text for p in resplit(join_parts(parts), "x", numbering="(1/n)")]
    assert len(again) == len(parts) and all(p.endswith(f"({i}/{len(again)})") for i, p in enumerate(again, 1))
    assert all(p.count("/") == 1 for p in again)  # the old numbers are gone


def test_each_part_is_checked_and_named():
    long = "word " * 70  # 350 on X
    reports = thread_reports(["Intro #launch", long], "x", media=["image"])
    assert [r.ok for r in reports] == [True, False]
    report = check_thread(["Intro #launch", long], "x")
    assert not report.ok and report.length == len("Intro #launch")
    assert [v.message.split(":")[0] for v in report.errors] == ["Part 2"]
    assert report.hashtags == ["launch"]
    refused = check_thread(["One", "Two"], "linkedin")
    assert [v.code for v in refused.errors] == ["no_threads"]
    assert "LinkedIn has no threads: join the 2 parts into one post." in refused.errors[0].message


def test_add_split_show_list_and_edit(tmp_path):
    db = str(tmp_path / "t.db")
    text = ("We moved the launch to Thursday. " * 20).strip() + "\n\nDetails: https://example.com/launch #launch"
    added = edcal_here("add", "--db", db, "--platform", "x", "--at", "2026-12-03 09:00", "--split",
                       "--body-file", "-", input=text)
    assert added.returncode == 0, added.stderr
    post = json.loads(edcal_here("show", "--db", db, "1", "--json").stdout)
    parts = [post["body"], *post["thread"]]
    assert len(parts) == 3 and [p[-3:] for p in parts] == ["1/3", "2/3", "3/3"]
    assert " ".join(unnumbered(p) for p in parts).split() == text.split()
    shown = edcal_here("show", "--db", db, "1").stdout
    assert "── part 1 of 3 · " in shown and "── part 3 of 3 · " in shown and "/ 280" in shown
    listed = edcal_here("list", "--db", db, "--week", "2026-12-03").stdout
    assert "(thread of 3)" in listed
    # --body alone changes the first part; --thread takes the whole thread as written
    assert edcal_here("edit", "--db", db, "1", "--body", "New opening.").returncode == 0
    post = json.loads(edcal_here("show", "--db", db, "1", "--json").stdout)
    assert post["body"] == "New opening." and len(post["thread"]) == 2
    edited = edcal_here("edit", "--db", db, "1", "--thread", "--body", "One\n---\nTwo\n---\nThree")
    assert edited.returncode == 0, edited.stderr
    post = json.loads(edcal_here("show", "--db", db, "1", "--json").stdout)
    assert (post["body"], post["thread"]) == ("One", ["Two", "Three"])
    # --split alone cuts the post's own text again, numbered as asked
    assert edcal_here("edit", "--db", db, "1", "--split", "--numbering", "none").returncode == 0
    post = json.loads(edcal_here("show", "--db", db, "1", "--json").stdout)
    assert (post["body"], post["thread"]) == ("One\n\nTwo\n\nThree", [])  # it fits in one post now


def test_a_part_over_the_limit_cannot_be_scheduled(tmp_path):
    db = str(tmp_path / "t.db")
    body = "Short opening\n---\n" + "word " * 70
    r = edcal_here("add", "--db", db, "--platform", "x", "--at", "2026-12-03 09:00", "--status", "scheduled",
                   "--thread", "--body", body)
    assert r.returncode == 1 and "Part 2:" in one_line(r)
    assert edcal_here("list", "--db", db, "--week", "2026-12-03").stdout.endswith(": 0 posts\n")


def test_thread_bad_input_is_one_sentence(tmp_path):
    db = str(tmp_path / "t.db")
    no_threads = edcal_here("add", "--db", db, "--platform", "linkedin", "--thread", "--body", "a\n---\nb")
    assert no_threads.returncode == 1 and "LinkedIn has no threads" in one_line(no_threads)
    no_text = edcal_here("add", "--db", db, "--platform", "x", "--split")
    assert no_text.returncode == 2 and "--split needs the text" in one_line(no_text)
    # A web address Bluesky shows as a short label fits; a bare name as long as a post does not.
    fits = edcal_here("add", "--db", db, "--platform", "bluesky", "--split",
                      "--body", "See https://example.com/" + "a" * 300 + " now")
    assert fits.returncode == 0, fits.stderr
    too_long = edcal_here("add", "--db", db, "--platform", "bluesky", "--split",
                          "--body", "See " + "a" * 300 + ".example.com now")
    assert too_long.returncode == 1 and "the link 'aaaa" in one_line(too_long)
    assert "at character 5 is longer than one Bluesky post can hold (300)" in one_line(too_long)


def test_csv_json_and_calendar_carry_the_parts(tmp_path):
    db = str(tmp_path / "t.db")
    assert edcal_here("add", "--db", db, "--platform", "bluesky", "--at", "2026-12-03 09:00", "--thread", "--status", "scheduled",
                      "--body", "Opening 🧵\n---\nSecond, with a line\nbreak\n---\nLast #end").returncode == 0
    exported = {fmt: edcal_here("export", "--db", db, fmt, "--from", "2026-12-01", "--to", "2026-12-07").stdout
                for fmt in ("csv", "json", "ics")}
    (row,) = csv.DictReader(io.StringIO(exported["csv"]))
    assert row["body"] == "Opening 🧵" and row["thread"] == "Second, with a line\nbreak\n---\nLast #end"
    (item,) = json.loads(exported["json"])
    assert item["thread"] == ["Second, with a line\nbreak", "Last #end"]
    ics = exported["ics"].replace("\r\n ", "")
    assert "(thread of 3)" in ics and "[1/3] Opening 🧵\\n\\n[2/3] Second\\, with a line\\nbreak\\n\\n[3/3] Last #end" in ics
    # both files load back into another database as the same thread
    for fmt in ("csv", "json"):
        other = str(tmp_path / f"{fmt}.db")
        source = tmp_path / f"plan.{fmt}"
        source.write_text(exported[fmt], encoding="utf-8")
        assert edcal_here("import", "--db", other, fmt, str(source)).returncode == 0
        (back,) = json.loads(edcal_here("list", "--db", other, "--week", "2026-12-03", "--json").stdout)
        assert (back["body"], back["thread"]) == ("Opening 🧵", ["Second, with a line\nbreak", "Last #end"])


def test_import_refuses_a_thread_that_is_not_a_list_of_texts(tmp_path):
    db = str(tmp_path / "t.db")
    source = tmp_path / "bad.json"
    source.write_text(json.dumps([{"platform": "x", "body": "a", "thread": [1, 2]}]))
    r = edcal_here("import", "--db", db, "json", str(source))
    assert r.returncode == 1 and "'thread' must be a list of texts" in r.stderr


def test_the_model_parts_are_the_body_then_the_thread():
    assert Post(platform="x", body="a", thread=("b", "c")).parts == ("a", "b", "c")
    assert Post(platform="x", body="solo").parts == ("solo",)


def test_edcal_check_counts_each_part_of_a_thread():
    text = "Opening #launch\n---\n" + "word " * 70 + "\n---\nEnd"
    printed = edcal_here("check", "--platform", "x", "-", input=text)
    assert printed.returncode == 1
    assert [line for line in printed.stdout.splitlines() if line.startswith("──")] == [
        "── part 1 of 3", "── part 2 of 3", "── part 3 of 3"]
    assert "x: 349 / 280 weighted characters (69 over)" in printed.stdout
    data = json.loads(edcal_here("check", "--platform", "x", "--json", "-", input=text).stdout)
    assert [p["length"] for p in data["parts"]] == [15, 349, 3] and data["ok"] is False
    # where a platform has no threads, the line is only text
    single = edcal_here("check", "--platform", "linkedin", "--json", "-", input="a\n---\nb")
    assert "parts" not in json.loads(single.stdout) and json.loads(single.stdout)["length"] == 7
