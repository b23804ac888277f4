"""A subscription feed: the calendar over HTTP, rebuilt from the database on each request."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def make_server(host: str, port: int, token: str,
                build: Callable[[], tuple[bytes, datetime]]) -> ThreadingHTTPServer:
    """A server answering GET/HEAD /TOKEN/edcal.ics; ``build`` returns (calendar, last change)."""
    path = f"/{token}/edcal.ics"
    lock = threading.Lock()  # one rebuild at a time: SQLite connections are per thread anyway

    class Handler(BaseHTTPRequestHandler):
        server_version = "edcal"

        def log_message(self, format: str, *args: object) -> None:  # quiet: no request log on stderr
            pass

        def do_HEAD(self) -> None:
            self._answer(with_body=False)

        def do_GET(self) -> None:
            self._answer(with_body=True)

        def _answer(self, with_body: bool) -> None:
            if self.path.split("?", 1)[0] != path:
                self.send_response(404)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", "10")
                self.end_headers()
                if with_body:
                    self.wfile.write(b"not found\n")
                return
            with lock:
                body, changed = build()
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            changed = changed.replace(microsecond=0)
            if self._not_modified(etag, changed):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", format_datetime(changed, usegmt=True))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if with_body:
                self.wfile.write(body)

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

    return ThreadingHTTPServer((host, port), Handler)

