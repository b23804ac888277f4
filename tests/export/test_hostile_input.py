"""Hostile values on their way into the database and out to calendars: refused on import with
one sentence a row, and never able to add a line, a property or an event to an export.
On SQLite, and on PostgreSQL when EDCAL_TEST_DB names a server."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edcal.domain.models import Post, Settings
from edcal.errors import EdcalError
from edcal.export.ical import DEFAULT_ORGANIZER, build_calendar
from edcal.services import exports, imports

pytestmark = pytest.mark.postgres

INJECTED = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Injected"
WHEN = datetime(2026, 11, 24, 8, 30, tzinfo=timezone.utc)


def rows(**fields) -> str:
    row = {"platform": "x", "date": "2026-11-24", "time": "09:30", "tz": "Europe/Paris", "body": "fine", **fields}
    return json.dumps([row])


@pytest.mark.parametrize(("fields", "message"), [
    ({"uid": INJECTED}, "is not usable: up to 64 letters"),
    ({"uid": "u" * 65}, "is not usable"),
    ({"uid": "has space"}, "is not usable"),
    ({"body": "a\x00b"}, "the body holds a NUL character"),
    ({"title": "\x00"}, "the title holds a NUL character"),
    ({"media": [{"location": "a\x00.jpg"}]}, "a media path holds a NUL character"),
    ({"campaign": "c" * 121}, "the campaign is 121 characters long; at most 120 fit"),
    # a value of the wrong JSON type: one sentence naming the field
    ({"body": 123}, "'body' must be a text, not a number"),
    ({"title": ["a"]}, "'title' must be a text, not a list"),
    ({"thread": "a string"}, "'thread' must be a list of texts, the parts after the body, not a text"),
    ({"thread": [1, 2]}, "'thread' must be a list of texts"),
    ({"media": [{"location": None}]}, "media item 1 has no 'location'"),
    ({"media": [{"location": 5}]}, "'location' must be a text, not a number"),
    ({"media": "a.jpg"}, "'media' must be a list of objects with a 'location', not a text"),
    ({"media": [None]}, "media item 1 must be an object"),
    ({"fold": True}, "fold must be 0 or 1"),
    ({"revision": "many"}, "'revision' must be a whole number"),
    ({"created_at": "yesterday"}, "'created_at' must be a date and time with its UTC offset"),
    ({"reach": -4, "status": "published"}, "'reach' must be a whole number of at least 0"),
    ({"reach": 10}, "the post is draft, not published; results come once it is out"),
    ({"platform": "x-brand", "profile": "myspace"}, "unknown platform 'myspace' for the channel 'x-brand'"),
    ({"platform": "x-brand", "profile": "x", "channel_name": "\x1b[2J"}, "the channel_name holds a control character"),
])
def test_values_no_database_keeps_are_refused_row_by_row(store, fields, message):
    warned: list[str] = []
    with pytest.raises(EdcalError, match="1 of 1 rows are bad; nothing was imported"):
        imports.import_posts(store, rows(**fields), "json", warn=warned.append)
    assert len(warned) == 1 and warned[0].startswith("item 1: ") and message in warned[0], warned
    assert store.all_posts() == []


def test_a_stored_uid_that_breaks_lines_cannot_add_an_event(store):
    """A database written before edcal checked uids may hold one: the export derives a safe UID."""
    store.add_post(Post(platform="x", status="scheduled", body="hello", scheduled_at=WHEN, tz="Europe/Paris",
                        uid=INJECTED))
    raw = build_calendar(exports.plan(store, statuses=("scheduled",), slots=False).items)
    found = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert len(found) == 1 and str(found[0]["UID"]) != "evil" and "\n" not in str(found[0]["UID"])
    assert b"Injected" not in raw and b"UID:evil" not in raw


def test_control_characters_never_reach_a_calendar(store):
    store.save_settings(Settings(timezone="Europe/Paris", organizer="ed@example.com"))
    store.add_post(Post(platform="x", status="scheduled", title="Title\x1b]0;pwned\x07 \x08\x7f\x9b end",
                        body="Body\x1b[31m red\x01 \u0085 and\tTAB\nnew line", scheduled_at=WHEN, tz="Europe/Paris",
                        campaign="Q4\x1b"))
    raw = build_calendar(exports.plan(store, statuses=("scheduled",), slots=False).items, alarm=15)
    text = raw.decode("utf-8")
    assert not any((ord(c) < 32 and c not in "\t\r\n") or 0x7F <= ord(c) < 0xA0 for c in text)
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == "[X] Title]0;pwned end"
    assert str(event["DESCRIPTION"]).startswith("Body[31m red  and\tTAB\nnew line")
    (alarm,) = event.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == "Post on X: Title]0;pwned end"


@pytest.mark.parametrize("organizer", ["ed@example.com\r\nATTENDEE:mailto:x@y.z", "not an address", "<a@b.c>"])
def test_an_organiser_that_is_not_one_address_is_never_written(store, organizer):
    store.add_post(Post(platform="x", status="scheduled", body="hello", scheduled_at=WHEN, tz="Europe/Paris"))
    raw = build_calendar(exports.plan(store, statuses=("scheduled",), slots=False).items, organizer=organizer)
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["ORGANIZER"]) == f"mailto:{DEFAULT_ORGANIZER}" and "ATTENDEE" not in event


FORMULAS = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "''=", "'=", "=HYPERLINK(\"http://x\")", ""])
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)


@settings(max_examples=300, deadline=None)
@given(title=st.tuples(FORMULAS, ANY_TEXT).map("".join), body=st.tuples(FORMULAS, ANY_TEXT).map("".join),
       notes=st.tuples(FORMULAS, ANY_TEXT).map("".join), campaign=st.tuples(FORMULAS, ANY_TEXT).map("".join))
def test_csv_cells_reimport_exactly_and_none_starts_a_formula(title, body, notes, campaign):
    """Generated texts, control characters and formula starts included: every cell of the file
    is inert in a spreadsheet (it starts with none of = + - @ TAB CR), and the file reads back to
    the same texts."""
    import csv
    import io

    from edcal.domain.schema import post_record
    from edcal.export import tabular

    post = Post(platform="x", status="idea", title=title or None, body=body, notes=notes or None,
                campaign=campaign or None)
    written = tabular.to_csv([post_record(post)])
    cells = [cell for row in csv.reader(io.StringIO(written, newline="")) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert all(line.endswith("\r") or not line for line in written.split("\n")[:1])  # rows end in CR LF
    ((_, row),) = tabular.read_csv(written)
    assert (row["title"], row["body"], row["notes"], row["campaign"]) == (title, body, notes, campaign)


def test_a_bare_cr_is_quoted_and_the_file_reimports():
    from edcal.domain.schema import post_record
    from edcal.export import tabular

    written = tabular.to_csv([post_record(Post(platform="x", status="idea", body="one\rtwo", notes="a\r\nb"))])
    assert '"one\rtwo"' in written and '"a\r\nb"' in written
    ((_, row),) = tabular.read_csv(written)
    assert (row["body"], row["notes"]) == ("one\rtwo", "a\r\nb")
