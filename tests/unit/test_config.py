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
