"""CalDAV sync when things go wrong: auth, TLS, refused and dropped connections, 404, 412, 507,
a server killed mid-sync, two syncs at once. Each is one sentence, and the database's sync
state is never ahead of the server: the next sync finishes the job."""

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import pytest

from edcal.domain.models import Post
from edcal.export.caldav import Account, CalDAVError
from edcal.export.ical import event_uid
from edcal.services import caldav, posts
from tests.services.dav import CUT, CalendarClient, FaultyProxy, Radicale, free_port, move_event
from tests.store.test_races import race

UTC = timezone.utc

pytestmark = pytest.mark.usefixtures("before_the_plan")
FIRST = datetime(2026, 12, 1, 9, tzinfo=UTC)


def plan_many(store, count: int) -> list[Post]:
    """``count`` scheduled posts on X, one an hour from 1 December."""
    store.enable_platforms(["x"])
    store.import_posts(Post(platform="x", body=f"Post number {n}", status="scheduled", tz="Europe/Paris",
                            scheduled_at=FIRST + timedelta(hours=n)) for n in range(count))
    return store.all_posts()


def on_server(server, home, user=None):
    return CalendarClient(server, user).events(home + "edcal/")


def assert_state_not_ahead(store, server, home, user=None, *, etags_known=False):
    """Every event the database says it wrote is on the server, with the ETag it recorded: or
    with none, when the server's reply was cut before its ETag (a server killed while answering);
    the next sync reads that event back and learns its ETag. With ``etags_known``, none is missing."""
    found = on_server(server, home, user)
    state = store.synced_items(Account.at(home, "edcal").url)
    for item in state.values():
        assert item.href in found, item
        assert found[item.href][0] == item.etag or (item.etag is None and not etags_known), item
    return state, found


def test_users_sync_their_own_calendar_and_are_refused_others(store, radicale_users):
    plan_many(store, 3)
    home = radicale_users.home("alice")
    report = caldav.sync(store, Account.at(home, "edcal", user="alice", password="s3cret"))
    assert report.created == 3 and len(on_server(radicale_users, home, "alice")) == 3
    with pytest.raises(CalDAVError, match=r"refused the user name or password \(401\)"):
        caldav.sync(store, Account.at(home, "edcal", user="alice", password="wrong"))
    with pytest.raises(CalDAVError, match=r"wants a user name and password \(401\)"):
        caldav.sync(store, Account.at(home, "edcal"))
    bobs = radicale_users.home("bob")
    with pytest.raises(CalDAVError, match=r"does not let alice REPORT .*/bob/edcal/ \(403 Forbidden\)"):
        caldav.sync(store, Account.at(bobs, "edcal", user="alice", password="s3cret"))
    assert on_server(radicale_users, bobs, "bob") == {}


def test_a_refused_connection_and_a_tls_mismatch_are_one_sentence(store, radicale):
    plan_many(store, 2)
    with pytest.raises(CalDAVError, match=r"127.0.0.1:\d+ refused the connection; is it running"):
        caldav.sync(store, Account.at(f"http://127.0.0.1:{free_port()}/alice/", "edcal"))
    with pytest.raises(CalDAVError, match=r"TLS handshake with 127.0.0.1:\d+ failed"):
        caldav.sync(store, Account.at(radicale.home().replace("http:", "https:"), "edcal"))


def test_an_untrusted_certificate_is_refused_and_a_given_one_trusted(store, radicale_tls, certificate):
    plan_many(store, 2)
    home = radicale_tls.home()
    with pytest.raises(CalDAVError, match=r"TLS certificate of 127.0.0.1:\d+ is not trusted .*ca_file"):
        caldav.sync(store, Account.at(home, "edcal"))
    assert caldav.sync(store, Account.at(home, "edcal", ca_file=str(certificate[0]))).created == 2


class Faults:
    """A proxy in front of Radicale whose faults the test switches on and off; the calendar's
    URL (the sync state's key) stays the proxy's throughout."""

    def __init__(self, server):
        self.rule = None
        self.proxy = FaultyProxy(server, lambda *request: self.rule(*request) if self.rule else None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proxy.close()


def test_not_found_and_out_of_space_stop_the_sync_with_what_was_sent_kept(store, radicale):
    plan_many(store, 30)
    home = radicale.home()
    with Faults(radicale) as faults:
        account = Account.at(faults.proxy.url(home), "edcal")
        faults.rule = lambda method, path, count: 404
        with pytest.raises(CalDAVError, match=r"no calendar home .*\(404\)"):
            caldav.sync(store, account)
        faults.proxy.counts.clear()
        faults.rule = lambda method, path, count: 507 if method == "PUT" and count >= 10 else None
        with pytest.raises(CalDAVError, match=r"out of space \(507 Insufficient Storage\)"):
            caldav.sync(store, account)
        state = store.synced_items(account.url)
        found = on_server(radicale, home)
        assert len(state) == len(found) == 10
        assert all(found[item.href][0] == item.etag for item in state.values())
        faults.rule = None
        assert caldav.sync(store, account).created == 20  # the rerun finishes the job
        assert len(on_server(radicale, home)) == 30 == len(store.synced_items(account.url))


def test_a_reply_cut_before_its_etag_is_taken_as_written_and_the_next_sync_learns_the_etag(store, radicale):
    """A server killed while answering a PUT may send its status and close before the ETag
    header: the event was written, so it is recorded as written, its ETag unknown; the next sync
    reads it back, sees it unchanged, and keeps its ETag without writing anything."""
    plan_many(store, 6)
    home = radicale.home()
    with Faults(radicale) as faults:
        account = Account.at(faults.proxy.url(home), "edcal")
        faults.rule = lambda method, path, count: CUT if method == "PUT" and count == 2 else None
        assert caldav.sync(store, account).created == 6
        state, found = store.synced_items(account.url), on_server(radicale, home)
        assert len(found) == 6 and sorted(i.href for i in state.values()) == sorted(found)
        assert sum(i.etag is None for i in state.values()) == 1  # the third PUT's, written all the same
        faults.rule = None
        again = caldav.sync(store, account)
        assert (again.created, again.updated, again.deleted, again.moved) == (0, 0, 0, [])
        state = store.synced_items(account.url)
        assert all(found[i.href][0] == i.etag for i in state.values())


def test_an_event_changed_during_the_sync_is_a_412_and_the_rerun_settles_it(store, radicale):
    made = plan_many(store, 3)
    home = radicale.home()
    client = CalendarClient(radicale)
    with Faults(radicale) as faults:
        account = Account.at(faults.proxy.url(home), "edcal")
        caldav.sync(store, account)
        posts.save(store, store.get_post(made[0].id).with_changes(body="Changed in edcal"))
        href = account.href(event_uid(made[0]))
        before = store.synced_items(account.url)[event_uid(made[0])]

        def a_client_moves_it_first():
            etag, data = client.events(home + "edcal/")[href]
            client.put(href, move_event(data, "DTSTART:20261220T100000Z", "DTEND:20261220T101500Z"), etag)

        faults.rule = lambda method, path, count: a_client_moves_it_first if method == "PUT" else None
        with pytest.raises(CalDAVError, match=r"changed on the server during the sync \(412\); run the sync again"):
            caldav.sync(store, account)
        assert store.synced_items(account.url)[event_uid(made[0])] == before  # behind the server, not ahead
        faults.rule = None
        report = caldav.sync(store, account)
        assert report.notes and "changed on both sides" in report.notes[0]
        assert b"Changed in edcal" in client.events(home + "edcal/")[href][1]
        assert store.get_post(made[0].id).scheduled_at == made[0].scheduled_at
        assert caldav.sync(store, account).requests == 1


def test_a_server_killed_mid_sync_leaves_the_database_behind_and_a_rerun_finishes(store, db_url, tmp_path):
    plan_many(store, 150)
    (tmp_path / "dav").mkdir()
    server = Radicale(tmp_path / "dav").start()
    try:
        home = server.home()
        env = dict(os.environ, EDCAL_DB=db_url)
        sync = subprocess.Popen([sys.executable, "-m", "edcal", "sync", "caldav", home], env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        folder = tmp_path / "dav" / "store" / "collection-root" / home.rstrip("/").rsplit("/", 1)[1] / "edcal"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and sync.poll() is None:
            if folder.exists() and sum(1 for f in folder.iterdir() if f.suffix == ".ics") >= 20:
                break
            time.sleep(0.01)
        server.kill()  # SIGKILL, mid-sync
        out, err = sync.communicate(timeout=60)
        assert sync.returncode == 1, (out, err)
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "CalDAV server at 127.0.0.1" in err and ("refused the connection" in err or "closed the connection" in err)
        server.start()  # the same port and storage
        state, found = assert_state_not_ahead(store, server, home)
        assert 0 < len(found) < 150 and len(state) <= len(found)
        done = subprocess.run([sys.executable, "-m", "edcal", "sync", "caldav", home], env=env, text=True,
                              capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr
        state, found = assert_state_not_ahead(store, server, home, etags_known=True)
        assert len(state) == len(found) == 150
    finally:
        server.stop()


def test_two_syncs_at_once_neither_duplicate_nor_lose_an_event(store, db_url, radicale, tmp_path):
    plan_many(store, 120)
    home = radicale.home()
    results = race(tmp_path, db_url, [["sync", "caldav", home]] * 2)
    for result in results:  # both finish, or one says the other's change got in its way
        assert result.returncode == 0 or "run the sync again" in result.stderr, result.stderr
    found = on_server(radicale, home)
    assert len(found) == 120 and sorted(found) == sorted({Account.at(home, "edcal").href(event_uid(p))
                                                         for p in store.all_posts()})
    report = caldav.sync(store, Account.at(home, "edcal"))
    assert report.created == report.deleted == 0
    state, found = assert_state_not_ahead(store, radicale, home)
    assert len(state) == len(found) == 120
    assert caldav.sync(store, Account.at(home, "edcal")).requests == 1


def test_the_cli_says_one_sentence_and_exits_1(store, db_url, tmp_path, capsys):
    from edcal.cli import main

    plan_many(store, 1)
    code = main(["--db", db_url, "sync", "caldav", f"http://127.0.0.1:{free_port()}/me/"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("edcal: the CalDAV server at 127.0.0.1:") and err.count("\n") == 1
    assert main(["--db", db_url, "sync", "caldav"]) == 2
    assert "no CalDAV server: give its URL" in capsys.readouterr().err
    assert main(["--db", db_url, "sync", "caldav", "ftp://example.com/"]) == 1
    assert "is not an http:// or https:// URL" in capsys.readouterr().err
    assert main(["--db", db_url, "sync", "caldav", "http://127.0.0.1:1/", "--user", "me"]) == 2
    assert "no password: give --password-file FILE" in capsys.readouterr().err
    missing = tmp_path / "nope"
    assert main(["--db", db_url, "sync", "caldav", "http://127.0.0.1:1/", "--user", "me", "--password-file",
                 str(missing)]) == 1
    assert f"cannot read the password file {missing}" in capsys.readouterr().err


def test_the_config_names_the_server_and_the_password_file(store, db_url, radicale_users, tmp_path, monkeypatch,
                                                           capsys):
    from edcal.cli import main

    plan_many(store, 2)
    home = radicale_users.home("alice")
    (tmp_path / "pw").write_text("s3cret\n")
    config = tmp_path / "edcal.toml"
    config.write_text(f'[caldav]\nurl = "{home}"\ncalendar = "Social plan"\nuser = "alice"\n'
                      f'password_file = "{tmp_path / "pw"}"\n')
    monkeypatch.setenv("EDCAL_CONFIG", str(config))
    assert main(["--db", db_url, "sync", "caldav"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"synced with {home}Social%20plan/ (calendar created): 2 added")
    config.write_text(f'[caldav]\nurl = "{home}"\nuser = "alice"\npassword_command = "echo s3cret"\n')
    assert main(["--db", db_url, "sync", "caldav", "--json"]) == 0
    assert '"created": 2' in capsys.readouterr().out
