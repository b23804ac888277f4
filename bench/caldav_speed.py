"""CalDAV sync of 1,000 posts against Radicale on localhost (issue 29): the first sync, and a
resync with nothing changed, each next to the floor a bare client reaches on the same server in
the same run: 1,000 PUTs of the same bytes, and one ETag REPORT.

Target: the no-change resync is one request plus parsing (its request count is printed), and
the first sync stays within 1.5x of the bare PUTs."""

from __future__ import annotations

import http.client
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.services.dav import Radicale  # noqa: E402  (the tests' own Radicale launcher)

POSTS = 1_000
ROUNDS = 3
TARGET = 1.5


def bare_puts(server: Radicale, home: str, bodies: list[tuple[str, bytes]]) -> float:
    """The floor: the same resources PUT one after the other by a minimal client."""
    path = home.split(f":{server.port}", 1)[1] + "bare/"
    connection = http.client.HTTPConnection("127.0.0.1", server.port)
    connection.request("MKCALENDAR", path)
    connection.getresponse().read()
    start = time.perf_counter()
    for uid, data in bodies:
        connection = http.client.HTTPConnection("127.0.0.1", server.port)
        connection.request("PUT", f"{path}{uid}.ics", body=data, headers={"Content-Type": "text/calendar",
                                                                          "If-None-Match": "*"})
        assert connection.getresponse().status == 201
    return time.perf_counter() - start


def bare_report(server: Radicale, home: str) -> float:
    from edcal.export.caldav import _ETAGS

    path = home.split(f":{server.port}", 1)[1] + "bare/"
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", server.port)
    connection.request("REPORT", path, body=_ETAGS.encode(), headers={"Depth": "1", "Content-Type": "application/xml"})
    response = connection.getresponse()
    assert response.status == 207 and response.read().count(b"<response>") == POSTS
    return time.perf_counter() - start


def main() -> int:
    from edcal.config import Config
    from edcal.domain.models import Post
    from edcal.export.caldav import Account
    from edcal.services import caldav
    from edcal.store import open_store

    firsts, resyncs, floors, reports, requests = [], [], [], [], set()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "dav").mkdir()
        server = Radicale(Path(tmp) / "dav").start()
        try:
            for round_ in range(ROUNDS):
                store = open_store(f"sqlite:///{tmp}/r{round_}.db", Config(path=Path(tmp) / "c.toml"))
                store.enable_platforms(["x", "linkedin", "mastodon"])
                first = datetime.now(timezone.utc) + timedelta(days=1)
                store.import_posts(Post(platform=("x", "linkedin", "mastodon")[n % 3], body=f"Post {n} " + "word " * 30,
                                        status="scheduled", tz="Europe/Paris", scheduled_at=first + timedelta(hours=n))
                                   for n in range(POSTS))
                home = server.home()
                account = Account.at(home, "edcal")
                start = time.perf_counter()
                made = caldav.sync(store, account)
                firsts.append(time.perf_counter() - start)
                assert made.created == POSTS, made
                start = time.perf_counter()
                again = caldav.sync(store, account)
                resyncs.append(time.perf_counter() - start)
                requests.add(again.requests)
                bodies = [(w.uid, w.data) for w in caldav.wanted(store, account, datetime.now(timezone.utc)).values()]
                floors.append(bare_puts(server, home, bodies))
                reports.append(bare_report(server, home))
                store.close()
        finally:
            server.stop()
    first, resync = statistics.median(firsts), statistics.median(resyncs)
    floor, report = statistics.median(floors), statistics.median(reports)
    ratio = first / floor
    print(f"Radicale on 127.0.0.1, {POSTS:,} scheduled posts, medians of {ROUNDS} rounds")
    print(f"first sync (MKCALENDAR + {POSTS:,} PUTs):  {first * 1000:8.0f} ms   bare PUTs {floor * 1000:8.0f} ms   "
          f"{ratio:.2f}x (target <= {TARGET}x: {'met' if ratio <= TARGET else 'MISSED'})")
    print(f"no-change resync:                   {resync * 1000:8.0f} ms   bare REPORT {report * 1000:6.0f} ms   "
          f"{resync / report:.2f}x; requests sent: {sorted(requests)} (target: [1])")
    return 0 if ratio <= TARGET and requests == {1} else 1


if __name__ == "__main__":
    sys.exit(main())
