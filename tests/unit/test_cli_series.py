"""edcal series / next and slots in exports, through the real command."""

import json

import icalendar
import pytest

from .test_cli_errors import edcal_here, one_line


@pytest.mark.clock
def test_series_commands(tmp_path):
    db = str(tmp_path / "edcal.db")
    edcal_here("settings", "--timezone", "Europe/Paris", "--db", db)
    r = edcal_here("series", "add", "--platform", "linkedin", "--rule", "FREQ=WEEKLY;BYDAY=TU,TH", "--time", "09:00",
              "--title", "Insight", "--template", "This week we learned…", "--db", db)
    assert r.returncode == 0, r.stderr
    series_id = r.stdout.strip()
    listed = json.loads(edcal_here("series", "list", "--json", "--db", db).stdout)
    assert listed[0]["rule"] == "FREQ=WEEKLY;BYDAY=TU,TH" and len(listed[0]["next"]) == 3
    assert all(n.endswith("09:00") for n in listed[0]["next"])
    first = listed[0]["next"][0][:10]
    assert edcal_here("series", "skip", series_id, first, "--db", db).returncode == 0
    after = json.loads(edcal_here("series", "list", "--json", "--db", db).stdout)[0]["next"]
    assert after[0][:10] != first
    nxt = json.loads(edcal_here("next", "--json", "--db", db).stdout)
    assert nxt[0]["platform"] == "linkedin" and nxt[0]["at"][:16].replace("T", " ") == after[0]
    cal = icalendar.Calendar.from_ical(edcal_here("export", "ics", "--db", db).stdout.encode())
    slots = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("[LinkedIn] Slot: Insight")]
    assert slots and all(str(e["STATUS"]) == "TENTATIVE" for e in slots)
    again = icalendar.Calendar.from_ical(edcal_here("export", "ics", "--db", db).stdout.encode())
    assert {str(e["UID"]) for e in cal.walk("VEVENT")} == {str(e["UID"]) for e in again.walk("VEVENT")}
    assert "Slot:" not in edcal_here("export", "ics", "--no-slots", "--db", db).stdout
    assert edcal_here("series", "delete", series_id, "--db", db).returncode == 0
    assert "no open slot ahead" in edcal_here("next", "--db", db).stdout


def test_bad_series_input(tmp_path):
    db = str(tmp_path / "edcal.db")
    for args, needle in [
        (["series", "add", "--platform", "x", "--rule", "FREQ=SOMETIMES", "--time", "09:00"], "cannot read the rule"),
        (["series", "add", "--platform", "x", "--rule", "BYDAY=TU", "--time", "09:00"], "has no FREQ"),
        (["series", "add", "--platform", "x", "--rule", "FREQ=DAILY", "--time", "9h61"], "--time must be HH:MM"),
        (["series", "skip", "9", "tomorrow"], "there is no series 9"),
        (["series", "edit", "9", "--time", "10:00"], "there is no series 9"),
    ]:
        r = edcal_here(*args, "--db", db)
        assert r.returncode != 0 and needle in one_line(r), (args, r.stderr)
