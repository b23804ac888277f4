"""The sync's decisions, without a network: generated histories of both sides, and the rules
they must keep (only edcal's own events touched, nothing lost, a second pass quiet)."""

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from edcal.domain.sync import Wanted, changed_on_server, plan_sync, status_words
from edcal.export.caldav import event_start
from edcal.export.ical import fingerprint

UTC = timezone.utc
T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)
UIDS = [f"u{n}" for n in range(6)]


def wanted(uid: str, version: int, hours: int) -> Wanted:
    return Wanted(uid, f"/cal/{uid}.ics", b"", f"fp{version}", T0 + timedelta(hours=hours), "Europe/Paris",
                  f"post {uid}", post_id=int(uid[1:]))


# One event's history: whether edcal synced it before and what its state says; whether edcal
# still plans it and changed it; what the calendar did (nothing, moved, retitled, deleted).
history = st.tuples(st.booleans(), st.booleans(), st.booleans(),
                    st.sampled_from(["same", "moved", "edited", "deleted", "unreadable"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(history, min_size=len(UIDS), max_size=len(UIDS)), st.booleans(),
       st.dictionaries(st.sampled_from(["/cal/foreign.ics", "/cal/other.ics"]), st.just('"x"'), max_size=2))
def test_a_plan_touches_only_its_own_events_and_a_second_pass_is_quiet(histories, accept, foreign):
    state, server, now, starts = {}, dict(foreign), {}, {}
    for uid, (synced, planned, changed_here, there) in zip(UIDS, histories, strict=True):
        if planned:
            now[uid] = wanted(uid, 2 if changed_here else 1, 0)
        if synced:
            state[uid] = wanted(uid, 1, 0).synced('"1"')
            if there != "deleted":
                server[state[uid].href] = '"1"' if there == "same" else '"2"'
            if there == "moved":
                starts[state[uid].href] = T0 + timedelta(days=1)
            elif there == "edited":
                starts[state[uid].href] = T0
            elif there == "unreadable":
                starts[state[uid].href] = "it was made an all-day event"
    assert set(changed_on_server(state, server)) == {h for h in starts}
    plan = plan_sync(state, server, now, starts, accept_deletes=accept)
    ours = {w.href for w in now.values()} | {s.href for s in state.values()}
    touched = ([w.href for w in plan.creates] + [w.href for w, _ in plan.updates] + [s.href for s, _ in plan.deletes]
               + [m.wanted.href for m in plan.moves])
    assert set(touched) <= ours and not set(touched) & set(foreign)
    assert len(touched) == len(set(touched))  # one write an event at most
    assert not {w.uid for w, _ in plan.updates} & {w.uid for w in plan.creates}
    for was, _ in plan.deletes:  # a delete is for what edcal no longer plans, never a planned post
        assert was.uid not in now
    for uid, (synced, planned, changed_here, there) in zip(UIDS, histories, strict=True):
        if synced and planned and there == "moved" and not changed_here:
            assert [m.to for m in plan.moves if m.wanted.uid == uid] == [T0 + timedelta(days=1)]
        if synced and planned and there == "moved" and changed_here:
            assert any("changed on both sides" in n and f"post {uid}" in n for n in plan.notes)
        if synced and planned and there == "deleted" and not changed_here:
            assert (uid in {s.uid for s in plan.unschedule}) == accept
    # carry the plan out on both sides, then plan again: nothing left to do
    server = {h: e for h, e in server.items() if h not in {s.href for s, _ in plan.deletes}}
    state = {u: s for u, s in state.items() if u not in plan.forget and u not in {x.uid for x, _ in plan.deletes}
             and u not in {x.uid for x in plan.unschedule}}
    for s in plan.remember:
        state[s.uid] = s
    now = {u: w for u, w in now.items() if u not in {x.uid for x in plan.unschedule}}
    for move in plan.moves:
        now[move.wanted.uid] = wanted(move.wanted.uid, 3, 24)
    written = [*plan.creates, *(w for w, _ in plan.updates), *(now[m.wanted.uid] for m in plan.moves)]
    for w in written:
        server[w.href] = '"3"'
        state[w.uid] = w.synced('"3"')
    again = plan_sync(state, server, now, {}, accept_deletes=accept)
    assert again.writes == 0 and not again.unschedule and not again.moves
    assert all("was deleted in the calendar" in n for n in again.notes)  # only the deletes not accepted


def test_the_status_words():
    now = datetime(2026, 12, 3, 10, tzinfo=UTC)
    assert status_words(None, None, None, now) == "not synced yet"
    assert status_words(now - timedelta(minutes=2), None, None, now) == "✔ synced 2 minutes ago"
    assert status_words(now, None, None, now) == "✔ synced just now"
    failed = status_words(now - timedelta(hours=1), "the server refused", now - timedelta(minutes=5), now)
    assert failed == "✗ failed 5 minutes ago: the server refused"
    assert status_words(now, "old failure", now - timedelta(hours=1), now) == "✔ synced just now"


def event(*lines: str, uid: str = "a") -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\n" + "\r\n".join(lines)
            + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def test_the_start_a_client_wrote_is_read_in_each_form():
    assert event_start(event("DTSTART:20261210T080000Z"), "a").utc == datetime(2026, 12, 10, 8, tzinfo=UTC)
    paris = event_start(event("DTSTART;TZID=Europe/Paris:20260329T030000"), "a")  # the spring change's first hour
    assert paris.utc == datetime(2026, 3, 29, 1, tzinfo=UTC)
    quoted = event_start(event('DTSTART;TZID="America/New_York":20261101T013000'), "a")  # the first 01:30
    assert quoted.utc == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert event_start(event("DTSTART:20261210T080000"), "a").floating == datetime(2026, 12, 10, 8)
    assert event_start(event("DTSTART;VALUE=DATE:20261210"), "a").problem == "it was made an all-day event"
    assert "not one this machine knows" in event_start(event("DTSTART;TZID=Nowhere:20261210T080000"), "a").problem
    folded = event("DTSTART;TZID=Asia/Tok\r\n yo:20270112T003000")  # folded mid-name
    assert folded and event_start(folded, "a").utc == datetime(2027, 1, 11, 15, 30, tzinfo=UTC)
    assert event_start(event("DTSTART:20261210T080000Z", uid="b"), "a").problem == "the event has no start"
    custom = (b"BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Custom Paris\r\nX-LIC-LOCATION:Europe/Paris\r\n"
              b"END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Custom Paris:20261210T090000\r\nEND:VEVENT\r\n"
              b"END:VCALENDAR\r\n")
    assert event_start(custom, "a").utc == datetime(2026, 12, 10, 8, tzinfo=UTC)
    recurring = event("DTSTART:20261210T080000Z") + event("RECURRENCE-ID:20261217T080000Z", "DTSTART:20261218T080000Z")
    assert event_start(recurring, "a").utc == datetime(2026, 12, 10, 8, tzinfo=UTC)


def test_a_fingerprint_ignores_only_the_stamp():
    one = b"BEGIN:VEVENT\r\nDTSTAMP:20261201T000000Z\r\nSUMMARY:a\r\nEND:VEVENT\r\n"
    assert fingerprint(one) == fingerprint(one.replace(b"20261201T000000Z", b"20270101T000000Z"))
    assert fingerprint(one) != fingerprint(one.replace(b"SUMMARY:a", b"SUMMARY:b"))


ZONES = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "Australia/Lord_Howe", "Pacific/Auckland", "UTC"]


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 12, 31)).map(lambda d: d.replace(
       microsecond=0)), st.sampled_from(["utc", "floating", *ZONES]), st.booleans())
def test_the_start_read_back_agrees_with_icalendar(moment, form, quoted):
    """Generated starts, in every form a client writes them (folded where long), read by edcal
    and by the icalendar package: the same instant (or the same wall time, when floating)."""
    import icalendar

    stamp = f"{moment:%Y%m%dT%H%M%S}"
    if form == "utc":
        line = f"DTSTART:{stamp}Z"
    elif form == "floating":
        line = f"DTSTART:{stamp}"
    else:
        line = f'DTSTART;TZID="{form}":{stamp}' if quoted else f"DTSTART;TZID={form}:{stamp}"
    data = event(line if len(line) < 30 else line[:25] + "\r\n " + line[25:])
    ours = event_start(data, "a")
    (theirs,) = [e.decoded("DTSTART") for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    if form == "floating":
        assert ours.floating == theirs and theirs.tzinfo is None
    else:
        assert ours.utc == theirs.astimezone(UTC)
