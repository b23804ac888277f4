"""A subscription feed: the calendar over HTTP.

The calendar is built once per change of the data and kept: a request asks only for the
data's version (a few aggregate queries), and the ETag is that version, so a 304 costs no
rebuild. A database error answers 503 with one line on stderr. Idle connections are closed,
the token is compared in constant time, and the Server header names no Python version.
"""

from __future__ import annotations

import hashlib
import hmac
import socket
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from edcal.record import record

IDLE_SECONDS = 30.0  # a connection that sends nothing for this long is closed
BACKLOG = 128  # connections waiting to be accepted (socketserver's default is 5)


@record
class _Built:
    version: str
    body: bytes
    changed: datetime
    etag: str


def make_server(host: str, port: int, token: str, build: Callable[[], tuple[bytes, datetime]],
                version: Callable[[], str], *, idle: float = IDLE_SECONDS,
                log: Callable[[str], None] | None = None) -> ThreadingHTTPServer:
    """A server answering GET/HEAD /TOKEN/edcal.ics. ``build`` returns (calendar, last change);
    ``version`` names the data it is built from, cheaply: the calendar is rebuilt only when
    that changes."""
    lock = threading.Lock()  # one rebuild at a time; the others wait for it and share it
    built: list[_Built] = []
    say = log or (lambda line: print(line, file=sys.stderr, flush=True))

    def current() -> _Built:
        now = version()
        with lock:
            if not built or built[0].version != now:
                body, changed = build()
                etag = '"' + hashlib.sha256(now.encode()).hexdigest()[:32] + '"'
                built[:] = [_Built(now, body, changed.replace(microsecond=0), etag)]
            return built[0]

    class Handler(BaseHTTPRequestHandler):
        timeout = idle  # the socket's timeout: an idle connection ends the handler

        def version_string(self) -> str:
            return "edcal"

        def log_message(self, format: str, *args: object) -> None:  # quiet: no request log on stderr
            pass

        def do_HEAD(self) -> None:
            self._answer(with_body=False)

        def do_GET(self) -> None:
            self._answer(with_body=True)

        def _ours(self) -> bool:
            parts = self.path.split("?", 1)[0].split("/")
            return (len(parts) == 3 and parts[0] == "" and parts[2] == "edcal.ics"
                    and hmac.compare_digest(parts[1].encode(), token.encode()))

        def _plain(self, code: int, text: str, with_body: bool, **headers: str) -> None:
            data = text.encode()
            self.send_response(code)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            if with_body:
                self.wfile.write(data)

        def _answer(self, with_body: bool) -> None:
            if not self._ours():
                self._plain(404, "not found\n", with_body)
                return
            try:
                feed = current()
            except Exception as exc:  # the database went away, say: the next request tries again
                say(f"edcal serve: cannot build the calendar: {str(exc).strip().splitlines()[0] if str(exc) else exc!r}")
                self._plain(503, "the calendar is unavailable; try again later\n", with_body, Retry_After="60")
                return
            if self._not_modified(feed.etag, feed.changed):
                self.send_response(304)
                self.send_header("ETag", feed.etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Length", str(len(feed.body)))
            self.send_header("ETag", feed.etag)
            self.send_header("Last-Modified", format_datetime(feed.changed, usegmt=True))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if with_body:
                self.wfile.write(feed.body)

        def _not_modified(self, etag: str, changed: datetime) -> bool:
            match = self.headers.get("If-None-Match")
            if match is not None:
                return etag in [m.strip() for m in match.split(",")] or match.strip() == "*"
            since = self.headers.get("If-Modified-Since")
            if since:
                try:
                    return changed <= parsedate_to_datetime(since)
                except (TypeError, ValueError):
                    return False
            return False

    class Server(ThreadingHTTPServer):
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        request_queue_size = BACKLOG
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            """One line, never a traceback: a client that leaves before its answer is read is
            ordinary (a calendar app closed, a phone out of range)."""
            error = sys.exc_info()[1]
            who = client_address[0] if isinstance(client_address, tuple) else client_address
            if isinstance(error, (ConnectionError, TimeoutError)):
                say(f"edcal serve: {who} closed the connection before the answer was sent")
            else:
                say(f"edcal serve: a request from {who} failed: {error!r}")

    return Server((host, port), Handler)
