"""Two-way CalDAV sync against a real Radicale server (on SQLite, and on PostgreSQL in CI)."""

from datetime import date, datetime, time, timedelta, timezone

import icalendar
import pytest
import vobject

from edcal.domain import clock
from edcal.domain.models import Post
from edcal.domain.recurrence import Series
from edcal.errors import EdcalError
from edcal.export.caldav import Account
from edcal.export.ical import event_uid
from edcal.services import caldav, exports, posts, series
from tests.services.dav import CalendarClient, move_event

UTC = timezone.utc

pytestmark = pytest.mark.usefixtures("before_the_plan")
PARIS = "Europe/Paris"


def plan_some(store):
    """Three scheduled posts (Paris, New York, Tokyo), a published one, a draft, and a weekly slot."""
    store.enable_platforms(["x", "linkedin", "mastodon"])
    made = [posts.save(store, Post(platform=p, body=f"Post {n}", status="scheduled", tz=tz,
                                   scheduled_at=datetime(2026, 12, d, h, tzinfo=UTC))).post
            for n, (p, tz, d, h) in enumerate([("x", PARIS, 1, 8), ("linkedin", "America/New_York", 10, 14),
                                               ("mastodon", "Asia/Tokyo", 31, 23)])]
    made.append(posts.save(store, Post(platform="x", body="Went out", status="published", tz=PARIS,
                                       scheduled_at=datetime(2026, 11, 12, 9, tzinfo=UTC)), past=True).post)
    posts.save(store, Post(platform="x", body="Not yet", status="draft", tz=PARIS,
                           scheduled_at=datetime(2026, 12, 2, 9, tzinfo=UTC)))
    series.add(store, Series(platform="linkedin", rule="FREQ=WEEKLY;BYDAY=TU", at=time(9), tz=PARIS,
                             start=date(2026, 12, 1), until=date(2026, 12, 15), title="Tip Tuesday"))
    return made


def sync(store, home, **kw):
    return caldav.sync(store, Account.at(home, "edcal"), **kw)


def events(server, home, user=None):
    return CalendarClient(server, user).events(home + "edcal/")


def drag(server, home, post, start, end):
    """A calendar client moves the post's event: DTSTART and DTEND become the lines given."""
    href, etag, data, _ = by_uid(events(server, home))[event_uid(post)]
    CalendarClient(server).put(href, move_event(data, start, end), etag)


def by_uid(found):
    out = {}
    for href, (etag, data) in found.items():
        (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
        out[str(event["UID"])] = (href, etag, data, event)
    return out


def test_the_first_sync_makes_the_calendar_and_one_event_per_post_and_slot(store, radicale):
    made = plan_some(store)
    home = radicale.home()
    report = sync(store, home)
    assert report.made_calendar and report.created == 3 + 1 + 3 and report.updated == report.deleted == 0
    found = by_uid(events(radicale, home))
    exported = icalendar.Calendar.from_ical(exports.calendar(exports.plan(store)))
    assert set(found) == {str(e["UID"]) for e in exported.walk("VEVENT")}  # the same UIDs as export ics
    for post in made:
        href, _, data, event = found[event_uid(post)]
        assert href == f"{home.split(':' + str(radicale.port))[1]}edcal/{event_uid(post)}.ics"
        assert event.decoded("DTSTART") == post.scheduled_at
        assert b"METHOD:" not in data and b"ORGANIZER" not in data
        parsed = vobject.readOne(data.decode())
        assert parsed.vevent.dtstart.value == post.scheduled_at
        assert f"Post {made.index(post)}" in str(event["DESCRIPTION"]) or post.status == "published"
        local = post.scheduled_at.astimezone(__import__("zoneinfo").ZoneInfo(post.tz))
        assert f"{local:%a %d %b %Y %H:%M} {post.tz}" in str(event["DESCRIPTION"])  # the planned wall time
    slots = [e for e in found.values() if "Slot" in str(e[3]["SUMMARY"])]
    assert [e[3].decoded("DTSTART").astimezone(UTC).hour for e in slots] == [8, 8, 8]


def test_a_second_sync_with_nothing_changed_is_one_report_and_writes_nothing(store, radicale):
    plan_some(store)
    home = radicale.home()
    sync(store, home)
    before = events(radicale, home)
    again = sync(store, home)
    assert again.requests == 1 and (again.created, again.updated, again.deleted, again.moved) == (0, 0, 0, [])
    assert events(radicale, home) == before


def test_changes_in_edcal_are_put_and_deletes_deleted(store, radicale):
    first, second, third, _published = plan_some(store)
    home = radicale.home()
    sync(store, home)
    posts.save(store, store.get_post(first.id).with_changes(body="Edited in edcal"))
    posts.delete(store, second.id)
    posts.save(store, store.get_post(third.id).with_changes(status="draft"))  # off the plan
    report = sync(store, home)
    assert (report.created, report.updated, report.deleted) == (0, 1, 2)
    found = by_uid(events(radicale, home))
    assert "Edited in edcal" in str(found[event_uid(first)][3]["DESCRIPTION"])
    assert event_uid(second) not in found and event_uid(third) not in found
    assert len(store.synced_items(Account.at(home, "edcal").url)) == len(found) == 5


def test_an_event_moved_in_a_client_moves_its_post(store, radicale):
    _, second, *_ = plan_some(store)  # 14:00 UTC on 10 Dec, planned in New York
    home = radicale.home()
    sync(store, home)
    drag(radicale, home, second, "DTSTART;TZID=Europe/Paris:20261211T180000", "DTEND;TZID=Europe/Paris:20261211T181500")
    report = sync(store, home)
    moved = store.get_post(second.id)
    assert moved.scheduled_at == datetime(2026, 12, 11, 17, tzinfo=UTC) and moved.tz == "America/New_York"
    assert report.moved == ["post 2 on LinkedIn moved from Thu 2026-12-10 09:00 to Fri 2026-12-11 12:00"]
    assert moved.body == second.body and moved.revision == second.revision + 1
    event = by_uid(events(radicale, home))[event_uid(second)][3]  # written back as edcal builds it
    assert event.decoded("DTSTART") == moved.scheduled_at and "Fri 11 Dec 2026 12:00" in str(event["DESCRIPTION"])
    assert sync(store, home).requests == 1  # and then it is quiet


@pytest.mark.parametrize("start", ["DTSTART:20261215T090000", "DTSTART:20261215T080000Z",
                                   "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20261215T090000"])
def test_the_start_forms_clients_write_are_read(store, radicale, start):
    first, *_ = plan_some(store)  # planned in Paris: a floating time is read there
    home = radicale.home()
    sync(store, home)
    drag(radicale, home, first, start, "DTEND:20261215T081500Z")
    sync(store, home)
    assert store.get_post(first.id).scheduled_at == datetime(2026, 12, 15, 8, tzinfo=UTC)


def test_a_move_into_the_past_is_refused_and_edcals_time_written_back(store, radicale):
    first, *_ = plan_some(store)
    home = radicale.home()
    sync(store, home)
    gone = clock.now().astimezone(UTC) - timedelta(days=1)  # a day before now, whenever the suite runs
    drag(radicale, home, first, f"DTSTART:{gone:%Y%m%dT%H%M%SZ}", f"DTEND:{gone + timedelta(minutes=15):%Y%m%dT%H%M%SZ}")
    report = sync(store, home)
    assert store.get_post(first.id).scheduled_at == first.scheduled_at and report.moved == []
    assert any("refused" in n and "post 1 on X" in n for n in report.notes), report.notes
    assert by_uid(events(radicale, home))[event_uid(first)][3].decoded("DTSTART") == first.scheduled_at


def test_an_all_day_or_unknown_zone_start_is_not_taken(store, radicale):
    first, second, *_ = plan_some(store)
    home = radicale.home()
    sync(store, home)
    drag(radicale, home, first, "DTSTART;VALUE=DATE:20261215", "DTEND;VALUE=DATE:20261216")
    drag(radicale, home, second, "DTSTART;TZID=Mars/Olympus:20261215T090000", "DTEND;TZID=Mars/Olympus:20261215T091500")
    report = sync(store, home)
    assert [store.get_post(p.id).scheduled_at for p in (first, second)] == [first.scheduled_at, second.scheduled_at]
    assert any("all-day" in n for n in report.notes) and any("Mars/Olympus" in n for n in report.notes)


def test_changed_on_both_sides_edcal_keeps_its_own_and_says_both_times(store, radicale):
    first, *_ = plan_some(store)
    home = radicale.home()
    sync(store, home)
    drag(radicale, home, first, "DTSTART:20261205T100000Z", "DTEND:20261205T101500Z")
    posts.save(store, store.get_post(first.id).with_changes(scheduled_at=datetime(2026, 12, 6, 10, tzinfo=UTC)))
    report = sync(store, home)
    assert store.get_post(first.id).scheduled_at == datetime(2026, 12, 6, 10, tzinfo=UTC)
    assert report.notes == ["post 1 on X changed on both sides: edcal keeps Sun 2026-12-06 11:00; "
                            "the calendar had it at Sat 2026-12-05 11:00"]
    assert by_uid(events(radicale, home))[event_uid(first)][3].decoded("DTSTART") == datetime(2026, 12, 6, 10,
                                                                                              tzinfo=UTC)


def test_an_event_deleted_in_a_client_is_reported_and_left_until_accepted(store, radicale):
    first, *_ = plan_some(store)
    home = radicale.home()
    sync(store, home)
    found = by_uid(events(radicale, home))
    client = CalendarClient(radicale)
    client.delete(found[event_uid(first)][0])
    slot_uid = next(u for u, e in found.items() if "Slot" in str(e[3]["SUMMARY"]))
    client.delete(found[slot_uid][0])
    report = sync(store, home)
    assert store.get_post(first.id).status == "scheduled" and report.created == 0
    assert any(n.startswith("post 1 on X (Tue 2026-12-01 09:00) was deleted in the calendar") for n in report.notes)
    assert event_uid(first) not in by_uid(events(radicale, home))  # not put back behind the user's back
    accepted = sync(store, home, accept_deletes=True)
    assert len(accepted.unscheduled) == 2
    assert store.get_post(first.id).status == "draft" and store.get_post(first.id).body == first.body
    assert slot_uid not in {s.uid for s in store.open_slots(datetime(2026, 12, 1, tzinfo=UTC),
                                                             datetime(2026, 12, 31, tzinfo=UTC))}
    assert sync(store, home).notes == []


def test_foreign_events_in_the_calendar_are_never_touched(store, radicale):
    first, second, *_ = plan_some(store)
    home = radicale.home()
    sync(store, home)
    client = CalendarClient(radicale)
    foreign = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone//EN\r\nBEGIN:VEVENT\r\nUID:dentist-42\r\n"
               b"DTSTAMP:20261201T100000Z\r\nDTSTART:20261210T140000Z\r\nDTEND:20261210T150000Z\r\n"
               b"SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    path = home.split(str(radicale.port))[1] + "edcal/"
    client.put(path + "dentist.ics", foreign)
    before = events(radicale, home)[path + "dentist.ics"]
    posts.delete(store, first.id)
    posts.delete(store, second.id)
    sync(store, home)
    sync(store, home, accept_deletes=True)
    assert events(radicale, home)[path + "dentist.ics"] == before


def test_a_hostile_text_survives_the_round_trip_byte_for_byte(store, radicale):
    store.enable_platforms(["facebook"])
    head = "Line one\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\n" + "😀é漢" * 300 + "\r\n;,\\:\r\n"
    body = head + "x" * (3000 - len(head))
    assert len(body) == 3000
    post = posts.save(store, Post(platform="facebook", body=body, status="scheduled", tz=PARIS,
                                  scheduled_at=datetime(2026, 12, 9, 8, tzinfo=UTC))).post
    home = radicale.home()
    sync(store, home)
    found = by_uid(events(radicale, home))
    assert list(found) == [event_uid(post)]  # one event: the text did not make another
    href, etag, data, event = found[event_uid(post)]
    assert str(event["DESCRIPTION"]).startswith(body.replace("\r\n", "\n"))  # text has one line break, LF
    assert vobject.readOne(data.decode()).vevent.description.value.startswith(body.replace("\r\n", "\n"))
    CalendarClient(radicale).put(href, move_event(data, "DTSTART:20261210T080000Z", "DTEND:20261210T081500Z"), etag)
    sync(store, home)
    moved = store.get_post(post.id)
    assert moved.scheduled_at == datetime(2026, 12, 10, 8, tzinfo=UTC)
    assert moved.body.encode() == body.encode()  # edcal's text is never rewritten from the calendar


def test_two_calendars_keep_their_own_state(store, radicale):
    plan_some(store)
    one, two = radicale.home(), radicale.home()
    assert sync(store, one).created == sync(store, two).created == 7
    assert sync(store, one).requests == sync(store, two).requests == 1


def test_a_wrong_calendar_home_is_one_sentence_and_records_the_failure(store, radicale):
    plan_some(store)
    home = f"{radicale.base}/nobody/"
    with pytest.raises(EdcalError, match=r"no calendar home at .*/nobody/ .*\(409\)"):
        sync(store, home)
    account = Account.at(home, "edcal")
    assert store.synced_items(account.url) == {}
    synced, error, when = store.sync_status(account.url)
    assert synced is None and "409" in error and when is not None
