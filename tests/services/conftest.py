"""Real CalDAV servers (Radicale) for the sync tests: one without auth and one with htpasswd
users per test process; each test syncs into a calendar home of its own."""

import shutil
import subprocess

import pytest

from tests.services.dav import Radicale


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
