"""The subscription feed under load and trouble: built once per change of the data, 304s
without a rebuild, 200 clients at once, idle connections closed, 503 (one log line) when the
database fails, IPv6, a rotated token, no Python version in the Server header."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from edcal.export.feed import make_server
from edcal.services.exports import feed, feed_version

pytestmark = pytest.mark.postgres


class Serving:
    """A feed server on a free port in a thread, counting the calendars it builds."""

    def __init__(self, store, host="127.0.0.1", **kw):
        self.builds = 0
        self.logged: list[str] = []
        self.token = store.feed_token()

        def build():
            self.builds += 1
            return feed(store)

        self.server = make_server(host, 0, self.token, build, lambda: feed_version(store), log=self.logged.append,
                                  **kw)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{self.server.server_address[1]}/{self.token}/edcal.ics"

    def get(self, **headers):
        request = urllib.request.Request(self.url, headers={k.replace("_", "-"): v for k, v in headers.items()})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serving(store, planned):
    s = Serving(store)
    yield s
    s.close()


def test_the_calendar_is_built_once_per_change_and_a_304_rebuilds_nothing(serving, store, planned):
    status, headers, body = serving.get()
    assert status == 200 and body.startswith(b"BEGIN:VCALENDAR") and serving.builds == 1
    for _ in range(10):
        assert serving.get(If_None_Match=headers["ETag"])[0] == 304
        assert serving.get()[2] == body
    assert serving.builds == 1
    store.update_post(store.get_post(planned[0].id).with_changes(body="changed"))
    status, changed, _ = serving.get(If_None_Match=headers["ETag"])
    assert status == 200 and changed["ETag"] != headers["ETag"] and serving.builds == 2
    assert headers["Server"] == "edcal"


def test_two_hundred_clients_at_once_are_all_answered(serving):
    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(lambda _: serving.get()[0], range(200)))
    assert statuses == [200] * 200 and serving.builds == 1


def test_an_idle_connection_is_closed(store, planned):
    serving = Serving(store, idle=0.5)
    try:
        with socket.create_connection(serving.server.server_address[:2], timeout=10) as idle:
            started = time.monotonic()
            assert idle.recv(1) == b""  # the server hung up
            assert time.monotonic() - started < 5
        assert serving.get()[0] == 200  # and still serves the others
    finally:
        serving.close()


def test_ipv6_loopback(store, planned):
    if not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    try:
        serving = Serving(store, host="::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    try:
        assert serving.get()[0] == 200
    finally:
        serving.close()


def test_a_database_that_fails_answers_503_with_one_log_line(tmp_path, config):
    """A real failure: the SQLite file is overwritten with garbage while the server runs."""
    from edcal.store import open_store

    path = tmp_path / "edcal.db"
    store = open_store(f"sqlite:///{path}", config)
    serving = Serving(store)
    try:
        assert serving.get()[0] == 200
        store.engine.dispose()
        for extra in ("-wal", "-shm"):
            (tmp_path / f"edcal.db{extra}").unlink(missing_ok=True)
        path.write_bytes(b"this is not a database" * 1000)
        status, headers, _ = serving.get()
        assert status == 503 and headers["Retry-After"] == "60"
        assert len(serving.logged) == 1 and serving.logged[0].startswith("edcal serve: cannot build the calendar:")
    finally:
        serving.close()
        store.close()


def test_rotating_the_token_retires_the_old_url(tmp_path):
    db = str(tmp_path / "edcal.db")
    urls = []
    for extra in ([], ["--rotate-token"]):
        proc = subprocess.Popen([sys.executable, "-m", "edcal", "serve", "--port", "0", "--db", db, *extra],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
        try:
            urls.append(proc.stdout.readline().split(" at ", 1)[1].split(" ", 1)[0])
            port = urls[-1].split(":")[2].split("/")[0]
            codes = []
            for url in urls:
                try:
                    with urllib.request.urlopen(url.replace(url.split("/")[2].split(":")[1], port, 1), timeout=10) as r:
                        codes.append(r.status)
                except urllib.error.HTTPError as exc:
                    codes.append(exc.code)
        finally:
            proc.terminate()
            proc.wait(10)
    assert urls[0].split("/")[3] != urls[1].split("/")[3]
    assert codes == [404, 200]  # with the new token: the old URL is refused, the new one served


def test_a_client_that_leaves_before_the_answer_is_one_log_line_not_a_traceback(tmp_path):
    """A real `edcal serve`, and clients that send a request and reset the connection at once
    (SO_LINGER 0): the answer's write fails with a broken pipe or a reset."""
    import struct

    db = f"sqlite:///{tmp_path / 'edcal.db'}"
    subprocess.run([sys.executable, "-m", "edcal", "demo", "--db", db], capture_output=True, check=True)
    proc = subprocess.Popen([sys.executable, "-m", "edcal", "serve", "--port", "0", "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        url = proc.stdout.readline().split(" at ", 1)[1].split(" ", 1)[0]
        host_port, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
        port = int(host_port.rsplit(":", 1)[1])
        for _ in range(5):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
                client.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            time.sleep(0.3)
        with urllib.request.urlopen(url, timeout=10) as answer:  # and it serves on
            assert answer.status == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert "Traceback" not in err and "BrokenPipe" not in err
    lines = err.strip().splitlines()
    assert lines and all(line == "edcal serve: 127.0.0.1 closed the connection before the answer was sent"
                         for line in lines)
