import contextlib
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from edcal.config import Config
from edcal.store import open_store
from tests.services.dav import Radicale

# Every test process runs on a frozen clock, never the machine's. A test that needs one exact
# instant sets EDCAL_NOW itself (the UI tests do, for their snapshots).
DEFAULT_NOW = "2026-11-30T08:00:00+01:00"  # a Monday morning in Paris
os.environ["EDCAL_NOW"] = os.environ.get("EDCAL_TEST_NOW") or DEFAULT_NOW

# With EDCAL_TEST_CLOCKS=boundaries (CI does this) every test marked `clock` runs once at each of
# these instants, with the machine's zone set as given: the 1st and the 12th of a month, 31
# December, and the days clocks change in Europe and the USA, both ways, east and west of UTC.
BOUNDARIES = {
    "us-fall-1st": ("2026-11-01T01:30:00-05:00", "America/Los_Angeles"),  # the second 01:30 in New York
    "us-spring-8th": ("2026-03-08T03:30:00-04:00", "America/New_York"),
    "12th-east": ("2027-01-12T00:30:00+09:00", "Asia/Tokyo"),  # still the 11th in UTC
    "year-end-west": ("2026-12-31T23:30:00-05:00", "America/New_York"),  # already 2027 in UTC
    "eu-spring": ("2026-03-29T03:30:00+02:00", "Europe/Paris"),
    "eu-fall": ("2026-10-25T02:30:00+01:00", "Pacific/Auckland"),  # the second 02:30 in Paris
}


def pytest_configure(config):
    config.addinivalue_line("markers", "clock: reads the clock; CI runs it at every instant in BOUNDARIES")


def pytest_collection_modifyitems(config, items):
    """With EDCAL_TEST_DB (CI's PostgreSQL pass), only the tests that use a database run again:
    the others would repeat the SQLite run to the byte."""
    if not os.environ.get("EDCAL_TEST_DB"):
        return
    kept = [item for item in items if "db_url" in getattr(item, "fixturenames", ())]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


def pytest_generate_tests(metafunc):
    if os.environ.get("EDCAL_TEST_CLOCKS") == "boundaries" and metafunc.definition.get_closest_marker("clock"):
        metafunc.parametrize("_clock", list(BOUNDARIES), indirect=True)


@pytest.fixture(autouse=True)
def _clock(request, monkeypatch):
    """At a boundary instant when parametrized (see BOUNDARIES); otherwise the default frozen one."""
    if hasattr(request, "param"):
        now, tz = BOUNDARIES[request.param]
        monkeypatch.setenv("EDCAL_NOW", now)
        monkeypatch.setenv("TZ", tz)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Never touch the real user's config or data: every test gets its own XDG dirs."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("EDCAL_DB", raising=False)
    monkeypatch.delenv("EDCAL_CONFIG", raising=False)
    yield


# The databases: SQLite in a temporary folder, or with EDCAL_TEST_DB=postgresql://USER@HOST:PORT/postgres
# a database of its own on that server per test, created and dropped around it (parallel-friendly).
@contextlib.contextmanager
def _server_database(server: str, prefix: str):
    """A new database on the PostgreSQL ``server``: (its URL, the admin engine), dropped after."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from edcal.store.urls import resolve_url

    admin_url = resolve_url(server)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False), admin
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def db_url(tmp_path):
    server = os.environ.get("EDCAL_TEST_DB")
    if not server:
        yield f"sqlite:///{tmp_path / 'edcal.db'}"
        return
    with _server_database(server, "edcal_test") as (url, _admin):
        yield url


@pytest.fixture
def config(tmp_path):
    return Config(path=tmp_path / "config.toml")


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory):
    """An empty SQLite database at the schema's head, made once per test process."""
    path = tmp_path_factory.mktemp("template") / "edcal.db"
    open_store(f"sqlite:///{path}", Config(path=path.with_suffix(".toml"))).close()
    return path


@pytest.fixture(scope="session")
def _migrated_postgres():
    """With EDCAL_TEST_DB: an empty database at the schema's head on that server, made once per
    test process, that each test's database is created from (PostgreSQL's CREATE DATABASE ...
    TEMPLATE); None without a server."""
    server = os.environ.get("EDCAL_TEST_DB")
    if not server:
        yield None
        return
    from sqlalchemy.engine import make_url

    with _server_database(server, "edcal_template") as (url, admin):
        open_store(url, Config(path=None)).close()  # type: ignore[arg-type]
        yield admin, make_url(url).database


@pytest.fixture
def store(db_url, config, _migrated_sqlite, _migrated_postgres):
    """The store on the test's own database. It starts as a copy of an empty migrated database
    (on SQLite a file copy, on PostgreSQL a database made from a template): migrating each
    test's own took 0.1 s on SQLite and more on PostgreSQL. The tests of creating and migrating
    a database use ``db_url`` alone."""
    if db_url.startswith("sqlite:///"):
        target = Path(db_url.removeprefix("sqlite:///"))
        if not target.exists():
            shutil.copyfile(_migrated_sqlite, target)
    elif _migrated_postgres is not None:
        from sqlalchemy import text
        from sqlalchemy.engine import make_url

        admin, template = _migrated_postgres
        name = make_url(db_url).database
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    s = open_store(db_url, config)
    yield s
    s.close()


# Real CalDAV servers (Radicale) for the sync tests: one without auth, one with htpasswd users and one
# over TLS, per test process, started when a test first asks; each test syncs into a home of its own.
@pytest.fixture(scope="session")
def radicale(tmp_path_factory):
    server = Radicale(tmp_path_factory.mktemp("radicale")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def radicale_users(tmp_path_factory):
    server = Radicale(tmp_path_factory.mktemp("radicale-auth"), users={"alice": "s3cret", "bob": "hunter2"}).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, made with openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture(scope="session")
def radicale_tls(tmp_path_factory, certificate):
    server = Radicale(tmp_path_factory.mktemp("radicale-tls"), tls=certificate).start()
    yield server
    server.stop()
