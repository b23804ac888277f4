"""The store's errors: the driver's exceptions turned into one sentence a person can act on.

Light (SQLAlchemy loads only inside ``translate_errors``): the read path words its errors here too."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from edcal.errors import EdcalError


class StoreError(EdcalError):
    """The database cannot be opened or used."""


def describe(url: str) -> str:
    """The URL for messages: an SQLite file's path, or the URL with its password masked."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    if scheme.split("+")[0] == "sqlite":
        path = rest.partition("?")[0][1:]  # sqlite:///rel.db and sqlite:////abs.db
        return path or url
    netloc, slash, tail = rest.partition("/")
    user, at, host = netloc.rpartition("@")
    name, colon, _ = user.partition(":")
    port = host.rpartition("]")[2].rpartition(":")[2] if ":" in host.rpartition("]")[2] else ""
    if not port.isdigit() and port:
        return scheme + "://..."  # not a URL SQLAlchemy or psycopg would read; it may hold a password
    return f"{scheme}://{name}{':***' if colon else ''}{at}{host}{slash}{tail}"


def operational_message(message: str, where: str) -> str:
    """The driver's message about a database it cannot use, as one sentence to act on."""
    lower = message.lower()
    if "locked" in lower or "busy" in lower:
        return f"the database {where} is locked by another program; try again in a moment."
    if "unable to open database file" in lower:
        return f"cannot open the database {where}: its folder does not exist or is not writable."
    if "not a database" in lower:
        return f"{where} is not an SQLite database; point --db at an edcal database or a new file."
    unreachable = ("connection refused", "could not connect", "timeout", "resolve host", "name or service")
    if any(sign in lower for sign in unreachable):
        return f"cannot reach the database server for {where}; check that it is running and the URL is right."
    if "password authentication failed" in lower or "authentication" in lower:
        return f"the database server refused the login for {where}; check the user and password."
    if "does not exist" in lower:
        return f"{where}: {message.strip().splitlines()[0]}."
    return f"the database {where} failed: {message.strip().splitlines()[0]}."


@contextlib.contextmanager
def translate_errors(url: str) -> Iterator[None]:
    """Turn the driver's exceptions into one sentence a person can act on."""
    from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError

    where = describe(url)
    try:
        yield
    except (ArgumentError, NoSuchModuleError) as exc:
        scheme = url.split("://", 1)[0] if "://" in url else url
        if "psycopg" in str(exc) or scheme.startswith("postgresql"):
            raise StoreError("PostgreSQL support is not installed; run: pip install 'edcal[postgres]'.") from None
        raise StoreError(
            f"unknown database URL scheme '{scheme}'; use sqlite:///PATH or postgresql://USER@HOST/DB."
        ) from None
    except ModuleNotFoundError as exc:
        raise StoreError(f"the database driver '{exc.name}' is not installed; "
                         "for PostgreSQL run: pip install 'edcal[postgres]'.") from None
    except OperationalError as exc:
        raise StoreError(operational_message(str(exc.orig), where)) from None
    except DatabaseError as exc:
        message = str(exc.orig)
        if "not a database" in message:
            raise StoreError(f"{where} is not an SQLite database; point --db at an edcal database or a new file.") from None
        raise StoreError(f"the database {where} failed: {message.strip().splitlines()[0]}.") from None
