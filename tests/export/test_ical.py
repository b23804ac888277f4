"""Every export parses in icalendar and vobject, and the raw bytes follow RFC 5545."""

from datetime import datetime, timezone

import icalendar
import vobject

from edcal.export.ical import build_calendar, event_uid, fold
from edcal.services import exports

UTC = timezone.utc
ALL = ("scheduled", "published", "draft")


def export(store, statuses=ALL, **kw) -> bytes:
    return build_calendar(exports.plan(store, statuses=statuses, slots=False).items, organizer="ed@example.com", **kw)


def check_raw(raw: bytes) -> None:
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF everywhere, no bare LF
    for line in raw.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        line.decode("utf-8")  # no character split by a fold
        assert line != b" "  # no empty continuation line


def parse(raw: bytes):
    cal = icalendar.Calendar.from_ical(raw)
    assert all(not getattr(c, "errors", None) for c in cal.walk())
    assert not cal.get_missing_tzids()
    vobject.readOne(raw.decode("utf-8")).validate(raiseException=True)
    return cal


def events(cal) -> dict:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_export_is_valid_and_complete(store, planned):
    raw = export(store)
    check_raw(raw)
    cal = parse(raw)
    assert str(cal["METHOD"]) == "PUBLISH" and str(cal["PRODID"]).startswith("-//edcal//")
    assert str(cal["X-WR-CALNAME"]) == "edcal plan" and str(cal["NAME"]) == "edcal plan"
    found = events(cal)
    assert len(found) == 3  # the idea has no date and is not exported
    first = found[event_uid(planned[0])]
    assert str(first["SUMMARY"]) == '[X] Launch, part 1; "teaser"'
    assert first.decoded("DTSTART") == datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
    assert str(first["STATUS"]) == "CONFIRMED" and str(first["URL"]) == "https://example.com/p?id=1,2;x=y"
    assert "mailto:ed@example.com" in str(first["ORGANIZER"])
    assert {str(c) for c in first["CATEGORIES"].cats} == {"X", "Q4, launch"}
    assert "DTSTAMP" in first and "LAST-MODIFIED" in first and int(first["SEQUENCE"]) == 0
    assert str(found[event_uid(planned[1])]["STATUS"]) == "TENTATIVE"
    # the ambiguous 02:30 exported as the UTC instant: every client reads it the same way
    assert found[event_uid(planned[2])].decoded("DTSTART") == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert b"URL:https://example.com/p?id=1,2;x=y\r\n" in raw  # not escaped as text


def test_text_comes_back_exactly(store, planned):
    cal = parse(export(store))
    found = events(cal)
    description = str(found[event_uid(planned[0])]["DESCRIPTION"])
    assert description.startswith(planned[0].body)
    long = str(found[event_uid(planned[1])]["DESCRIPTION"])
    assert long.startswith("x" * 2990 + " ending")


def test_a_newline_in_a_title_cannot_inject_a_property(store, planned):
    evil = planned[0].with_changes(title="Hi\r\nATTENDEE:mailto:evil@example.com\nX-EVIL:1")
    store.update_post(evil)
    raw = export(store)
    assert b"\r\nATTENDEE" not in raw and b"\r\nX-EVIL" not in raw
    cal = parse(raw)
    event = events(cal)[event_uid(planned[0])]
    assert "ATTENDEE" not in event and str(event["SUMMARY"]).startswith("[X] Hi ATTENDEE:")


def test_uids_are_stable_and_sequence_grows_with_edits(store, planned):
    before = events(parse(export(store)))
    again = events(parse(export(store)))
    assert set(before) == set(again)
    post = store.get_post(planned[0].id)
    store.update_post(post.with_changes(body="changed"))
    after = events(parse(export(store)))
    assert set(after) == set(before)
    assert int(after[event_uid(planned[0])]["SEQUENCE"]) == int(before[event_uid(planned[0])]["SEQUENCE"]) + 1


def test_alarm_is_a_complete_display_alarm(store, planned):
    cal = parse(export(store, alarm=30))
    alarm = cal.walk("VALARM")[0]
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER").total_seconds() == -1800
    assert str(alarm["DESCRIPTION"]).startswith("Post on")


def test_each_event_lists_its_properties_once_then_its_alarm(store, planned):
    """RFC 5545 §3.6.1: an event's properties, then its components (ics writes VALARM first)."""
    raw = export(store, alarm=30)
    check_raw(raw)
    unfolded = raw.replace(b"\r\n ", b"").decode().split("\r\n")
    blocks = "\n".join(unfolded).split("BEGIN:VEVENT\n")[1:]
    assert len(blocks) == len(parse(raw).walk("VEVENT")) >= 2
    for block in blocks:
        lines = block.split("\nEND:VEVENT")[0].split("\n")
        start, end = lines.index("BEGIN:VALARM"), lines.index("END:VALARM")
        assert end == len(lines) - 1  # nothing of the event after its alarm
        names = [line.split(":")[0].split(";")[0] for line in lines[:start]]
        assert len(names) == len(set(names)), names
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY", "ORGANIZER", "SEQUENCE"} <= set(names)


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "é😀a" * 60
    folded = fold(line)
    parts = folded.split(b"\r\n")
    assert all(len(p) <= 75 for p in parts)
    assert b"".join(p[1:] if i else p for i, p in enumerate(parts)).decode() == line
