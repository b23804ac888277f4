"""edcal export / import / serve through the real command, mail through a real SMTP server."""

import json
import re
import threading
import urllib.error
import urllib.request
from email import message_from_bytes
from email.policy import default

import icalendar
import pytest

from edcal.domain.schema import IMPORTED_FIELDS

from ..unit.test_cli_errors import edcal_here, one_line


@pytest.fixture
def db(tmp_path, planned, db_url):
    return db_url


@pytest.mark.clock
def test_export_ics_to_a_file_and_stdout(tmp_path, db):
    out = tmp_path / "plan.ics"
    r = edcal_here("export", "ics", str(out), "--db", db)
    assert r.returncode == 0, r.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert len(cal.walk("VEVENT")) == 2  # scheduled by default
    stdout = edcal_here("export", "ics", "-", "--status", "draft", "--db", db).stdout
    assert stdout.count("BEGIN:VEVENT") == 1
    assert not list(tmp_path.glob(".plan.ics.*"))  # no temporary file left behind


def test_split_by_platform(tmp_path, db):
    r = edcal_here("export", "ics", "--split-by-platform", str(tmp_path / "cals"), "--db", db)
    assert r.returncode == 0
    assert sorted(p.name for p in (tmp_path / "cals").iterdir()) == ["edcal-instagram.ics", "edcal-x.ics"]


def test_csv_and_json_round_trip_without_duplicates(tmp_path, db):
    for fmt in ("csv", "json"):
        out = tmp_path / f"plan.{fmt}"
        assert edcal_here("export", fmt, str(out), "--db", db).returncode == 0
        fresh = f"sqlite:///{tmp_path / f'fresh-{fmt}.db'}"
        first = edcal_here("import", fmt, str(out), "--db", fresh)
        assert first.returncode == 0, first.stderr
        assert first.stdout == "read 4 posts: 4 new, 0 updated, 0 unchanged\n"
        before = edcal_here("export", "json", "--db", fresh).stdout
        again = edcal_here("import", fmt, str(out), "--db", fresh)
        assert again.stdout == "read 4 posts: 0 new, 0 updated, 4 unchanged\n"
        assert edcal_here("export", "json", "--db", fresh).stdout == before  # nothing moved, not even a revision
        original = {p["uid"]: p for p in json.loads(edcal_here("export", "json", "--db", db).stdout)}
        copied = {p["uid"]: p for p in json.loads(before)}
        assert {u: {f: p[f] for f in IMPORTED_FIELDS} for u, p in copied.items()} == {
            u: {f: p[f] for f in IMPORTED_FIELDS} for u, p in original.items()}


def test_bad_rows_are_reported_by_line_and_nothing_is_written(tmp_path):
    sheet = tmp_path / "month.csv"
    sheet.write_text(
        "platform,date,time,status,title,body\n"
        "x,2026-12-01,09:00,draft,Fine,Hello\n"
        "myspace,2026-12-02,09:00,draft,Bad platform,Hi\n"
        "linkedin,2026-13-40,09:00,draft,Bad date,Hi\n"
        'instagram,2026-12-03,10:00,scheduled,No image,"A caption\nover two lines"\n'
        "x,2026-12-04,09:00,sometime,Bad status,Hi\n"
    )
    db = f"sqlite:///{tmp_path / 'edcal.db'}"
    r = edcal_here("import", "csv", str(sheet), "--db", db)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert lines[0].startswith("edcal: line 3: unknown platform 'myspace'")
    assert lines[1].startswith("edcal: line 4: '2026-13-40' is not a date")
    assert lines[2].startswith("edcal: line 5: cannot schedule this Instagram feed post") and "needs an image" in lines[2]
    assert lines[3].startswith("edcal: line 7: unknown status 'sometime'")  # the caption spans lines 5-6
    assert "4 of 5 rows are bad; nothing was imported" in lines[4]
    assert json.loads(edcal_here("export", "json", "--db", db).stdout) == []
    r = edcal_here("import", "csv", str(sheet), "--skip-bad", "--db", db)
    assert r.returncode == 0 and r.stdout == "read 1 post: 1 new, 0 updated, 0 unchanged; skipped 4 bad rows\n"


def test_import_of_unreadable_files(tmp_path):
    db = f"sqlite:///{tmp_path / 'edcal.db'}"
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json")
    r = edcal_here("import", "json", str(bad_json), "--db", db)
    assert r.returncode != 0 and "not valid JSON" in one_line(r)
    r = edcal_here("import", "csv", str(tmp_path / "missing.csv"), "--db", db)
    assert r.returncode != 0 and "no such file" in one_line(r)


def test_mail_reaches_a_real_smtp_server(tmp_path, db):
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    import socket

    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        r = edcal_here("export", "ics", "--mail-to", "team@example.com", "--mail-from", "ed@example.com",
                  "--smtp", f"127.0.0.1:{port}", "--db", db)
        assert r.returncode == 0, r.stderr
    finally:
        controller.stop()
    (envelope,) = received
    assert envelope.rcpt_tos == ["team@example.com"]
    message = message_from_bytes(envelope.content, policy=default)
    assert "2 posts" in message.get_body(("plain",)).get_content()
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    cal = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
    assert len(cal.walk("VEVENT")) == 2


def test_mail_errors(tmp_path, db):
    r = edcal_here("export", "ics", "--mail-to", "team@example.com", "--mail-from", "ed@example.com",
              "--smtp", "127.0.0.1:1", "--db", db)
    assert r.returncode == 1 and "cannot reach the mail server 127.0.0.1:1" in one_line(r)
    r = edcal_here("export", "ics", "--mail-to", "not-an-address", "--smtp", "127.0.0.1:1", "--mail-from", "a@b.c",
              "--db", db)
    assert r.returncode == 2 and "must be one e-mail address" in one_line(r)


def test_feed_answers_with_the_token_only_and_honours_etags(store, planned):
    from edcal.export.feed import make_server
    from edcal.services.exports import feed, feed_version

    token = store.feed_token()
    assert store.feed_token() == token  # made once
    server = make_server("127.0.0.1", 0, token, lambda: feed(store), lambda: feed_version(store))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/{token}/edcal.ics", timeout=5) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/calendar")
            etag, body = response.headers["ETag"], response.read()
            assert response.headers["Last-Modified"]
        assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in body
        for path in ("/edcal.ics", f"/{token}x/edcal.ics", "/", f"/{token}"):
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(base + path, timeout=5)
            assert caught.value.code == 404
        request = urllib.request.Request(f"{base}/{token}/edcal.ics", headers={"If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=5)
        assert caught.value.code == 304
        # a change in the plan changes the ETag
        post = store.get_post(planned[0].id)
        store.update_post(post.with_changes(body="new text"))
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200 and response.headers["ETag"] != etag
    finally:
        server.shutdown()
        server.server_close()


def test_serve_command_prints_its_url_and_serves(tmp_path, db):
    import os
    import subprocess
    import sys

    server = subprocess.Popen([sys.executable, "-m", "edcal", "serve", "--port", "0", "--db", db],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        line = server.stdout.readline()
        assert line.startswith("serving the calendar at http://127.0.0.1:")
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        with urllib.request.urlopen(url, timeout=5) as response:
            assert response.status == 200 and response.read().startswith(b"BEGIN:VCALENDAR\r\n")
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(url.rsplit("/", 2)[0] + "/wrong/edcal.ics", timeout=5)
        assert caught.value.code == 404
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "Traceback" not in server.stderr.read()


def test_mail_logs_in_with_the_password_from_the_environment(tmp_path, db):
    import socket

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    logins, received = [], []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret", handled=False)  # the server answers 535

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_require_tls=False)
    controller.start()
    config = tmp_path / "config.toml"
    config.write_text(f'[mail]\nsmtp = "127.0.0.1:{port}"\nfrom = "ed@example.com"\nuser = "ed"\n'
                      'password_env = "EDCAL_TEST_SMTP_PASSWORD"\n')
    try:
        missing = edcal_here("export", "ics", "--mail-to", "team@example.com", "--db", db,
                        env={"EDCAL_CONFIG": str(config)})
        assert missing.returncode == 1 and "needs a password" in one_line(missing)
        wrong = edcal_here("export", "ics", "--mail-to", "team@example.com", "--db", db,
                      env={"EDCAL_CONFIG": str(config), "EDCAL_TEST_SMTP_PASSWORD": "nope"})
        assert wrong.returncode == 1 and "refused" in one_line(wrong)
        ok = edcal_here("export", "ics", "--mail-to", "team@example.com", "--db", db,
                   env={"EDCAL_CONFIG": str(config), "EDCAL_TEST_SMTP_PASSWORD": "s3cret"})
        assert ok.returncode == 0, ok.stderr
    finally:
        controller.stop()
    assert logins[-1] == (b"ed", b"s3cret") and len(received) == 1


def test_the_demo_exported_imported_elsewhere_and_exported_again_is_the_same_file(tmp_path, db_url):
    """As the issue found it: the demo, a second account on X, a channel whose name is not its
    platform's ("Instagram" on "Instagram feed"), results; each command at its own instant."""
    source = f"sqlite:///{tmp_path / 'a.db'}"
    targets = {"json": db_url, "csv": f"sqlite:///{tmp_path / 'c.db'}"}  # each a database that never saw them
    at = {"EDCAL_NOW": "2026-12-02T10:00:00+01:00"}
    assert edcal_here("demo", "--db", source, env=at).returncode == 0
    edcal_here("channels", "add", "x", "--name", "Marta", "--handle", "@marta", "--db", source, env=at)
    post = edcal_here("add", "--channel", "Marta", "--at", "2026-12-04 10:00", "--body", "from Marta", "--db", source,
                 env=at).stdout.strip()
    edcal_here("publish", post, "--url", "https://x.com/marta/1", "--db", source, env=at)
    assert edcal_here("results", post, "--reach", "120", "--clicks", "4", "--db", source, env=at).returncode == 0
    for fmt, target in targets.items():
        edcal_here("export", fmt, str(tmp_path / f"a.{fmt}"), "--db", source, env={"EDCAL_NOW": "2026-12-03T11:00:00+01:00"})
        done = edcal_here("import", fmt, str(tmp_path / f"a.{fmt}"), "--db", target,
                     env={"EDCAL_NOW": "2027-02-01T08:00:00+01:00"})
        assert done.returncode == 0, done.stderr
        edcal_here("export", fmt, str(tmp_path / f"b.{fmt}"), "--db", target, env={"EDCAL_NOW": "2027-02-02T08:00:00+01:00"})
        first, second = ((tmp_path / f"{name}.{fmt}").read_bytes() for name in "ab")
        if "postgresql" in target:  # ids are each database's own row numbers
            first, second = (re.sub(rb'(?m)^(\s*"id": |)\d+', rb"\1#", data) for data in (first, second))
        assert second == first
        channels = edcal_here("channels", "list", "--db", target).stdout
        assert "Instagram feed   Instagram " in channels and "x-marta" in channels and "@marta" in channels
