"""The config file is read into typed sections; a value of the wrong type is one line naming file and key."""

import re
from pathlib import Path

import pytest

from edcal.config import ConfigError, ExportConfig, MailConfig, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_sections_are_typed(tmp_path):
    config = load_config(write(tmp_path, '''
[mail]
smtp = "smtp.example.com:587"
from = "me@example.com"
starttls = true
user = "me"
[export]
ics = "~/Calendars/edcal.ics"
[profiles.mastodon]
length = 1000
'''))
    assert config.mail == MailConfig(smtp="smtp.example.com:587", sender="me@example.com", starttls=True, user="me")
    assert config.export == ExportConfig(ics=Path("~/Calendars/edcal.ics").expanduser())
    assert config.profiles == {"mastodon": {"length": 1000}}
    assert load_config(tmp_path / "missing.toml").mail == MailConfig()


@pytest.mark.parametrize("text, needle", [
    ("[mail]\nsmtp = 25\n", "mail.smtp must be a string, not 25"),
    ("[mail]\nfrom = 5\n", "mail.from must be a string, not 5"),
    ("[mail]\nstarttls = \"yes\"\n", "mail.starttls must be true or false"),
    ("[export]\nics = 3\n", "export.ics must be a file path"),
    ("[database]\nurl = true\n", "database.url must be a string"),
    ("[database]\nbusy_timeout = -5\n", "database.busy_timeout must be a number of seconds"),
    ("[database]\nbusy_timeout = 1e400\n", "database.busy_timeout must be a number of seconds"),
    ("profiles = 3\n", "[profiles] must be a table"),
    ("[profiles]\nx = 3\n", "[profiles.x] must be a table"),
])
def test_a_value_of_the_wrong_type_names_file_and_key(tmp_path, text, needle):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=re.escape(needle)) as caught:
        load_config(path)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_a_config_is_parsed_once_and_read_back_while_its_bytes_are_the_same(tmp_path, monkeypatch):
    """tomllib and the parse cost 7 ms a command: the parsed tables are kept in the cache folder."""
    import tomllib

    from edcal.config import read_toml

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write(tmp_path, '[dates]\nday_first = false\n[profiles.x]\nname = "X (work)"\n')
    first = load_config(path)
    (kept,) = (tmp_path / "cache" / "edcal").glob("config-*.marshal")
    assert load_config(path) == first and first.day_first is False  # read back
    kept.write_bytes(b"\x00damaged")
    assert load_config(path) == first  # a damaged cache is parsed again, and mended
    path.write_text('[dates]\nday_first = true\n')  # an edit is new bytes: parsed afresh
    assert load_config(path).day_first is True and load_config(path).profiles == {}
    (now_kept,) = (tmp_path / "cache" / "edcal").glob("config-*.marshal")  # and the older one removed
    assert now_kept != kept
    path.write_text("[dates\n")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_config(path)
    with_date = b'[profiles.x]\nsince = 2026-12-31\n'  # marshal keeps no date: parsed each time, never wrong
    assert read_toml(with_date, "x") == read_toml(with_date, "x") == tomllib.loads(with_date.decode())
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # a cache that cannot be written only costs the parse
    assert read_toml('a = "é"\n'.encode(), "x") == {"a": "é"} and blocked.read_text() == ""


def test_a_reading_command_with_a_config_file_parses_it_only_the_first_time(tmp_path, monkeypatch):
    import subprocess
    import sys

    path = write(tmp_path, "[dates]\nday_first = true\n[keys]\nquit = \"ctrl+q\"\n")
    monkeypatch.setenv("EDCAL_CONFIG", str(path))
    code = ("import sys\nfrom edcal.cli import main\nmain(['time', 'list', '--db', %r])\n"
            "print('TOMLLIB:', 'tomllib' in sys.modules)") % f"sqlite:///{tmp_path / 'edcal.db'}"
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True) for _ in range(2)]
    assert [run.stdout.splitlines()[-1] for run in runs] == ["TOMLLIB: True", "TOMLLIB: False"], runs[1].stderr


def test_a_path_under_a_user_this_machine_does_not_know_is_one_sentence(tmp_path):
    """`~name` for no such user: pathlib raises RuntimeError; edcal says which user (the CLI fuzz found it)."""
    from edcal.config import user_path
    from edcal.errors import UsageError

    assert user_path("~/x") == Path.home() / "x" and user_path(tmp_path) == tmp_path
    with pytest.raises(UsageError, match="this machine has no user 'edcal-nobody-0'"):
        user_path("~edcal-nobody-0/backup.json")
    with pytest.raises(ConfigError, match=re.escape(f"{tmp_path / 'config.toml'}: cannot find the home folder")):
        load_config(write(tmp_path, '[export]\nics = "~edcal-nobody-0/plan.ics"\n'))
