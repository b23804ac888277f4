"""A real CalDAV server for the sync tests (Radicale, from PyPI, on 127.0.0.1 with a temporary
storage folder), a calendar client's side of it (plain HTTP, as Thunderbird or DAVx5 would
send), and a proxy that puts faults Radicale cannot make (507, a 412 race) in between."""

from __future__ import annotations

import base64
import http.client
import http.server
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Radicale:
    """One Radicale process. ``users`` (name: password) turns on htpasswd auth, each user owning
    only their own collections."""

    folder: Path
    users: dict[str, str] | None = None
    tls: tuple[Path, Path] | None = None  # certificate, key
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> Radicale:
        self.port = self.port or free_port()
        args = [sys.executable, "-m", "radicale", "--config=", f"--storage-filesystem-folder={self.folder / 'store'}",
                f"--server-hosts=127.0.0.1:{self.port}", "--logging-level=error"]
        if self.users:
            htpasswd = self.folder / "users"
            htpasswd.write_text("".join(f"{u}:{p}\n" for u, p in self.users.items()))
            args += ["--auth-type=htpasswd", f"--auth-htpasswd-filename={htpasswd}",
                     "--auth-htpasswd-encryption=plain", "--rights-type=owner_only"]
        else:
            args += ["--auth-type=none"]
        if self.tls:
            args += ["--server-ssl=True", f"--server-certificate={self.tls[0]}", f"--server-key={self.tls[1]}"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=open(self.folder / "log", "ab"))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Radicale stopped: {(self.folder / 'log').read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("Radicale did not start within 20 s")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def home(self, user: str | None = None) -> str:
        """A new, empty calendar home: the user's own (made at their first login), or a folder."""
        name = user or f"home-{uuid.uuid4().hex[:10]}"
        CalendarClient(self, user).request("MKCOL", f"/{name}/", ok=(201, 405))
        return f"{self.base}/{name}/"


class CalendarClient:
    """What a calendar client does with the server: list, read, change and delete events."""

    def __init__(self, server: Radicale, user: str | None = None) -> None:
        self.server, self.user = server, user

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                ok: tuple[int, ...] = (200, 201, 204, 207)) -> tuple[int, dict, bytes]:
        headers = dict(headers or {})
        if self.user:
            token = base64.b64encode(f"{self.user}:{self.server.users[self.user]}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        if self.server.tls:
            import ssl

            context = ssl.create_default_context(cafile=str(self.server.tls[0]))
            connection = http.client.HTTPSConnection("127.0.0.1", self.server.port, context=context, timeout=30)
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read()
        finally:
            connection.close()
        assert response.status in ok, f"{method} {path}: {response.status} {answer[:300]!r}"
        return response.status, {k.lower(): v for k, v in response.getheaders()}, answer

    def events(self, calendar_url: str) -> dict[str, tuple[str, bytes]]:
        """Each event in the calendar: its href, ETag and bytes, as the server stores them."""
        path = urlsplit(calendar_url).path
        status, _, body = self.request("PROPFIND", path, b'<?xml version="1.0"?><propfind xmlns="DAV:"><prop>'
                                       b"<getetag/></prop></propfind>", {"Depth": "1"}, ok=(207, 404))
        if status == 404:
            return {}
        out = {}
        for href in re.findall(r"<href>([^<]+)</href>", body.decode()):
            href = unquote(href)
            if href.endswith(".ics"):
                _, headers, data = self.request("GET", href)
                out[href] = (headers["etag"], data)
        return out

    def put(self, href: str, data: bytes, etag: str | None = None) -> str:
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if etag:
            headers["If-Match"] = etag
        return self.request("PUT", href, data, headers)[1].get("etag", "")

    def delete(self, href: str) -> None:
        self.request("DELETE", href)


def move_event(data: bytes, start: str, end: str) -> bytes:
    """The event as a client writes it after a drag: DTSTART and DTEND replaced (``start`` and
    ``end`` are whole content lines, e.g. "DTSTART;TZID=Europe/Paris:20261210T180000")."""
    text = data.decode().replace("\r\n ", "")
    text = re.sub(r"^DTSTART[;:][^\r\n]*", start, text, flags=re.M)
    text = re.sub(r"^DTEND[;:][^\r\n]*", end, text, flags=re.M)
    return text.encode()


CUT = "cut"  # a FaultyProxy rule's answer: the reply stops after its first header


class FaultyProxy:
    """An HTTP proxy in front of a real server that answers some requests itself.

    ``rule(method, path, count)`` (count: how many requests of that method came before) returns
    None to pass the request on, an HTTP status to answer with instead, a callable run before
    passing it on (to change the server's state in between), or CUT to pass it on and then
    close the connection in the middle of the reply's headers (as a server killed while
    answering does)."""

    def __init__(self, server: Radicale, rule) -> None:
        self.server, self.rule, self.counts = server, rule, {}
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                count = proxy.counts.get(self.command, 0)
                proxy.counts[self.command] = count + 1
                decided = proxy.rule(self.command, unquote(self.path), count)
                if isinstance(decided, int):
                    self.send_response(decided)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if callable(decided):
                    decided()
                connection = http.client.HTTPConnection("127.0.0.1", proxy.server.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                connection.close()
                if decided == CUT:
                    self.wfile.write(f"HTTP/1.1 {response.status} {response.reason}\r\nServer: cut\r\n".encode())
                    self.close_connection = True
                    return
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in ("connection", "transfer-encoding", "content-length", "server", "date"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_GET = do_PUT = do_DELETE = do_REPORT = do_PROPFIND = do_MKCALENDAR = do_MKCOL = _any

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, home: str) -> str:
        return home.replace(f":{self.server.port}/", f":{self.port}/")

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
