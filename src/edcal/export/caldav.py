"""A CalDAV client for the few requests a sync needs, over the standard library's http.client.

A sync lists the calendar's ETags (one REPORT), fetches the events whose ETag moved (one
calendar-multiget REPORT), creates the calendar when it is missing (MKCALENDAR), writes events
with PUT (If-None-Match: * for a new one, If-Match on the stored ETag for a change) and removes
them with DELETE (If-Match). That is five request shapes, so edcal speaks them itself rather
than pull in the ``caldav`` package and its HTTP and XML stacks (requests, lxml) on the way to a
sync. Every failure becomes a ``CalDAVError`` that says in one sentence what went wrong.
"""

from __future__ import annotations

import base64
import http.client
import socket
import ssl
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from urllib.parse import quote, unquote, urljoin, urlsplit
from xml.etree import ElementTree
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from edcal.errors import EdcalError
from edcal.record import record

DAV = "DAV:"
_XML = '<?xml version="1.0" encoding="utf-8"?>\n'
_ETAGS = (_XML + '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
          '<D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/>'
          '</C:comp-filter></C:filter></C:calendar-query>')
MULTIGET_BATCH = 200  # hrefs per calendar-multiget


class CalDAVError(EdcalError):
    """The server could not be reached, or refused a request."""


class Conflict(CalDAVError):
    """412: the event changed on the server since its ETag was read."""


@record
class Account:
    """Where the calendar is and who syncs it."""

    url: str  # the calendar collection's URL, ending with /
    user: str | None = None
    password: str | None = None
    ca_file: str | None = None  # a certificate to trust (a server with its own certificate)
    timeout: float = 30.0

    @classmethod
    def at(cls, home: str, calendar: str, **kw: object) -> Account:
        """The calendar ``calendar`` under the calendar home ``home`` (or ``home`` itself when
        ``calendar`` is empty)."""
        parts = urlsplit(home)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CalDAVError(f"'{home}' is not an http:// or https:// URL of a CalDAV server")
        base = home if home.endswith("/") else home + "/"
        url = urljoin(base, quote(calendar.strip("/"), safe="") + "/") if calendar.strip("/") else base
        return cls(url, **kw)  # type: ignore[arg-type]

    def href(self, uid: str) -> str:
        """The path of the resource holding the event ``uid``: the same in every sync."""
        return unquote(urlsplit(self.url).path) + uid + ".ics"


@record
class Fetched:
    href: str
    etag: str | None
    data: bytes


class Client:
    """One server, one connection at a time (opened again when the server closes it)."""

    def __init__(self, account: Account) -> None:
        self.account = account
        parts = urlsplit(account.url)
        self.host, self.secure = parts.hostname or "", parts.scheme == "https"
        self.port = parts.port or (443 if self.secure else 80)
        self.path = unquote(parts.path) or "/"  # quoted once, when a request is sent
        self.requests = 0
        self._connection: http.client.HTTPConnection | None = None
        self._auth = None
        if account.user is not None:
            token = base64.b64encode(f"{account.user}:{account.password or ''}".encode()).decode("ascii")
            self._auth = f"Basic {token}"

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the requests a sync makes -------------------------------------------------------------

    def etags(self) -> dict[str, str | None] | None:
        """Every event's href and ETag; None when the calendar does not exist."""
        status, _, body = self._request("REPORT", self.path, _ETAGS.encode(), {"Depth": "1"}, ok=(207, 404))
        if status == 404:
            return None
        return {href: props.get("getetag") for href, props in self._multistatus(body).items()
                if href != self.path}  # the calendar itself is listed too

    def make_calendar(self, name: str) -> bool:
        """Make the calendar; False when it was there already (made by another sync meanwhile)."""
        body = (_XML + '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>'
                f'<D:displayname>{_xml_text(name)}</D:displayname><C:supported-calendar-component-set>'
                '<C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>')
        status, _, _ = self._request("MKCALENDAR", self.path, body.encode(), {}, ok=(201, 404, 405, 409))
        if status == 201:
            return True
        if status != 404 and self.etags() is not None:
            return False
        raise CalDAVError(f"the server has no calendar home at {urljoin(self.account.url, '..')} to make the calendar in "
                              f"({status}); check the URL in [caldav] url")

    def fetch(self, hrefs: Sequence[str]) -> dict[str, Fetched]:
        """The events at ``hrefs`` (calendar-multiget), by href; missing ones are left out."""
        found: dict[str, Fetched] = {}
        for start in range(0, len(hrefs), MULTIGET_BATCH):
            listed = "".join(f"<D:href>{_xml_text(quote(h))}</D:href>" for h in hrefs[start:start + MULTIGET_BATCH])
            body = (_XML + '<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                    f'<D:prop><D:getetag/><C:calendar-data/></D:prop>{listed}</C:calendar-multiget>')
            _, _, answer = self._request("REPORT", self.path, body.encode(), {"Depth": "1"}, ok=(207,))
            for href, props in self._multistatus(answer).items():
                if "calendar-data" in props:
                    data = (props["calendar-data"] or "").encode("utf-8")
                    found[href] = Fetched(href, props.get("getetag"), data)
        return found

    def put(self, href: str, data: bytes, *, etag: str | None) -> str | None:
        """Write an event: a new one when ``etag`` is None (refused if one is there), else the
        one with that ETag. Returns the new ETag when the server says it."""
        condition = {"If-None-Match": "*"} if etag is None else {"If-Match": etag}
        _, headers, _ = self._request("PUT", href, data, {"Content-Type": "text/calendar; charset=utf-8", **condition},
                                      ok=(200, 201, 204))
        return headers.get("etag")

    def delete(self, href: str, etag: str | None) -> None:
        """Remove an event (already gone is fine)."""
        self._request("DELETE", href, None, {"If-Match": etag} if etag else {}, ok=(200, 204, 404))

    # -- plumbing ------------------------------------------------------------------------------

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            if self.secure:
                context = ssl.create_default_context(cafile=self.account.ca_file)
                self._connection = http.client.HTTPSConnection(self.host, self.port, timeout=self.account.timeout,
                                                               context=context)
            else:
                self._connection = http.client.HTTPConnection(self.host, self.port, timeout=self.account.timeout)
        return self._connection

    def _request(self, method: str, path: str, body: bytes | None, headers: dict[str, str],
                 ok: Iterable[int]) -> tuple[int, dict[str, str], bytes]:
        sent = {"User-Agent": "edcal", **headers}
        if body is not None and method != "PUT":
            sent.setdefault("Content-Type", "application/xml; charset=utf-8")
        if self._auth:
            sent["Authorization"] = self._auth
        target = quote(path, safe="/@:+,;=~!$&'()*")
        for attempt in (1, 2):  # a kept-alive connection the server closed meanwhile: once more, afresh
            reused = self._connection is not None and self._connection.sock is not None
            try:
                connection = self._connect()
                connection.request(method, target, body=body, headers=sent)
                response = connection.getresponse()
                answer = response.read()
                status, got = response.status, {k.lower(): v for k, v in response.getheaders()}
                if response.will_close:
                    self.close()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                if attempt == 2 or not reused:
                    raise CalDAVError(f"the CalDAV server at {self._where()} closed the connection during {method} "
                                      f"({_reason(exc)}); run the sync again to finish it") from None
            except OSError as exc:
                self.close()
                raise CalDAVError(self._unreachable(exc)) from None
            except http.client.HTTPException as exc:
                self.close()
                raise CalDAVError(f"the CalDAV server at {self._where()} answered {method} with something that is "
                                  f"not HTTP ({_reason(exc)})") from None
        self.requests += 1
        if status not in ok:
            raise self._refused(status, method, path)
        return status, got, answer

    def _where(self) -> str:
        return f"{self.host}:{self.port}"

    def _unreachable(self, exc: OSError) -> str:
        where = self._where()
        if isinstance(exc, ssl.SSLCertVerificationError):
            return (f"the TLS certificate of {where} is not trusted ({exc.verify_message}); "
                    "give its certificate as [caldav] ca_file if you trust it")
        if isinstance(exc, ssl.SSLError):
            return f"the TLS handshake with {where} failed ({exc.reason or exc}); check that the URL's scheme is right"
        if isinstance(exc, socket.gaierror):
            return f"cannot find the CalDAV server {self.host} (no such host name)"
        if isinstance(exc, ConnectionRefusedError):
            return f"the CalDAV server at {where} refused the connection; is it running, on that port?"
        if isinstance(exc, TimeoutError):
            return f"the CalDAV server at {where} did not answer within {self.account.timeout:g} s"
        return f"cannot talk to the CalDAV server at {where}: {exc.strerror or exc}"

    def _refused(self, status: int, method: str, path: str) -> CalDAVError:
        if status == 412:
            return Conflict(f"the event at {path} changed on the server during the sync (412); run the sync again")
        known = {
            401: "refused the user name or password (401); check [caldav] user and the password" if self.account.user
            else "wants a user name and password (401); set [caldav] user and password_file, or give --user",
            403: f"does not let {self.account.user or 'an anonymous user'} {method} {path} (403 Forbidden)",
            404: f"has nothing at {path} (404); check the URL in [caldav] url",
            507: "is out of space (507 Insufficient Storage); what was sent before is kept, the rest waits for "
                 "the next sync",
        }
        said = known.get(status, f"answered {status} to {method} {path}")
        return CalDAVError(f"the CalDAV server at {self._where()} {said}")

    def _multistatus(self, body: bytes) -> dict[str, dict[str, str | None]]:
        """A 207's responses: href (a path, decoded) to the properties found with status 200."""
        try:
            root = ElementTree.fromstring(body)
        except ElementTree.ParseError as exc:
            raise CalDAVError(f"the CalDAV server at {self._where()} sent XML that cannot be read ({exc})") from None
        out: dict[str, dict[str, str | None]] = {}
        for response in root.iter(f"{{{DAV}}}response"):
            href = response.findtext(f"{{{DAV}}}href")
            if not href:
                continue
            props: dict[str, str | None] = {}
            for propstat in response.iter(f"{{{DAV}}}propstat"):
                if " 200 " not in f"{propstat.findtext(f'{{{DAV}}}status') or ''} ":
                    continue
                for prop in propstat.iter(f"{{{DAV}}}prop"):
                    for child in prop:
                        props[child.tag.rpartition("}")[2]] = child.text
            out[unquote(urlsplit(href.strip()).path)] = props
        return out


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


# -- reading back the start of an event a client changed ------------------------------------------


@record
class EventStart:
    """An event's DTSTART as a client left it: an instant, a floating wall time, or why neither."""

    utc: datetime | None = None  # a UTC time, or a local time with a zone the machine knows
    floating: datetime | None = None  # a wall time without a zone
    problem: str | None = None


def _unfold(data: bytes) -> list[str]:
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n ", "").replace("\n\t", "").split("\n")


def _split(line: str) -> tuple[str, dict[str, str], str]:
    """A content line's name, parameters and value (a quoted parameter may hold a colon)."""
    quoted, cut = False, len(line)
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            cut = index
            break
    head, value = line[:cut], line[cut + 1:]
    name, *params = head.split(";")
    pairs = (p.partition("=") for p in params)
    return name.upper(), {k.upper(): v.strip('"') for k, _, v in pairs}, value


def event_start(data: bytes, uid: str) -> EventStart:
    """The DTSTART of the event ``uid`` (its master, not an exception of a recurrence)."""
    lines = _unfold(data)
    zones = _zone_locations(lines)
    inside, found_uid, start, recurrence = 0, None, None, False
    for line in lines:
        name, params, value = _split(line.strip())
        if name == "BEGIN":
            inside += 1
            if inside == 2 and value.upper() == "VEVENT":
                found_uid, start, recurrence = None, None, False
        elif name == "END":
            if inside == 2 and value.upper() == "VEVENT" and found_uid == uid and not recurrence and start:
                return _start_value(*start, zones)
            inside -= 1
        elif inside == 2 and name == "UID":
            found_uid = value
        elif inside == 2 and name == "RECURRENCE-ID":
            recurrence = True
        elif inside == 2 and name == "DTSTART":
            start = (params, value)
    return EventStart(problem="the event has no start")


def _zone_locations(lines: list[str]) -> dict[str, str]:
    """VTIMEZONE TZIDs to the IANA names they carry (X-LIC-LOCATION, as Thunderbird writes)."""
    out, current = {}, None
    for line in lines:
        name, _, value = _split(line.strip())
        if name == "TZID":
            current = value
        elif name == "X-LIC-LOCATION" and current:
            out[current] = value
    return out


def _start_value(params: dict[str, str], value: str, zones: dict[str, str]) -> EventStart:
    value = value.strip()
    if params.get("VALUE", "").upper() == "DATE" or len(value) == 8:
        return EventStart(problem="it was made an all-day event")
    try:
        naive = datetime.strptime(value.rstrip("Zz"), "%Y%m%dT%H%M%S")
    except ValueError:
        return EventStart(problem=f"its start '{value[:40]}' is not a date and time")
    if value[-1:] in "Zz":
        return EventStart(utc=naive.replace(tzinfo=timezone.utc))
    tzid = params.get("TZID")
    if not tzid:
        return EventStart(floating=naive)
    found = _zone(tzid) or _zone(zones.get(tzid, ""))
    if found is None:
        return EventStart(problem=f"its time zone '{tzid[:60]}' is not one this machine knows")
    return EventStart(utc=naive.replace(tzinfo=found).astimezone(timezone.utc))


def _zone(name: str) -> ZoneInfo | None:
    """A zone from a TZID: an IANA name, or one with a prefix such as /mozilla.org/20050126_1/."""
    parts = [p for p in name.split("/") if p]
    for first in range(len(parts)):
        try:
            return ZoneInfo("/".join(parts[first:]))
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None

