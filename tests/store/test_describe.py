"""How messages name a database (edcal.store.errors.describe, light, with no SQLAlchemy)
against SQLAlchemy's own rendering of the same URL: the same text, and never the password."""

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from edcal.store.errors import describe

safe = st.text("abcdefghijklmnopqrstuvwxyz0123456789_.-", min_size=1, max_size=12)
secret = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$&()*+,;=~_.-", min_size=1, max_size=16)


def sqlalchemys(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


@given(scheme=st.sampled_from(["postgresql", "postgresql+psycopg", "mysql+pymysql"]), user=st.none() | safe,
       password=st.none() | secret, host=safe, port=st.none() | st.integers(1, 65535), database=st.none() | safe)
def test_server_urls_read_as_sqlalchemy_renders_them_without_the_password(scheme, user, password, host, port, database):
    login = "" if user is None else user + ("" if password is None else f":{password}") + "@"
    url = f"{scheme}://{login}{host}{'' if port is None else f':{port}'}{'' if database is None else '/' + database}"
    shown = describe(url)
    assert shown == sqlalchemys(url)
    if password is not None and user is not None:
        assert shown == url.replace(f"{user}:{password}@", f"{user}:***@", 1)


@given(path=st.lists(safe, min_size=1, max_size=4).map("/".join), absolute=st.booleans(), query=st.booleans())
def test_sqlite_urls_read_as_their_path(path, absolute, query):
    url = f"sqlite:///{'/' if absolute else ''}{path}{'?timeout=3' if query else ''}"
    assert describe(url) == sqlalchemys(url) == ("/" if absolute else "") + path


def test_what_no_driver_reads_is_shown_without_what_follows_the_scheme():
    assert describe("postgresql://bob:hunter2@host:port/db") == "postgresql://..."
    assert describe("just-a-name") == "just-a-name"
    assert describe("sqlite://") == "sqlite://"
