"""Several accounts on one platform: channels added, listed, renamed, disabled; --platform works
while it is unambiguous and asks for --channel when it is not; posts, slots and time belong to a
channel; calendars name it. On SQLite, and on PostgreSQL with EDCAL_TEST_DB."""

from __future__ import annotations

import json

import pytest

from edcal.domain.models import Platform
from edcal.errors import EdcalError, NotFoundError
from edcal.services import channels

from ..unit.test_cli_errors import edcal_here, one_line

pytestmark = pytest.mark.postgres

@pytest.fixture(autouse=True)
def _monday(monkeypatch):
    """Their posts are planned for early December: the clock is the Monday before, whatever
    EDCAL_TEST_NOW says."""
    monkeypatch.setenv("EDCAL_NOW", "2026-11-30T08:00:00+01:00")



def test_existing_platform_rows_are_their_default_channels(store):
    store.enable_platforms(["x", "linkedin"])
    assert [(p.key, p.profile, p.handle) for p in store.platforms()] == [("x", "x", None), ("linkedin", "linkedin", None)]
    assert channels.pick(store, "x").key == "x" and channels.pick(store, "LinkedIn").key == "linkedin"


def test_a_second_account_makes_the_platform_ambiguous(store):
    store.enable_platforms(["x", "linkedin"])
    brand = channels.add(store, "x", name="Brand", handle="@tidewater")
    assert (brand.key, brand.name, brand.profile, brand.handle) == ("x-brand", "Brand", "x", "@tidewater")
    assert [p.key for p in store.platforms()] == ["x", "x-brand", "linkedin"]  # next to its platform's other row
    with pytest.raises(channels.AmbiguousChannel, match=r"X has 2 channels: X \(x\), Brand \(x-brand, @tidewater\); "
                                                        r"give --channel with one of them"):
        channels.pick(store, "x")
    for name in ("x-brand", "brand", "BRAND", "@tidewater", "tidewater"):
        assert channels.pick(store, channel=name).key == "x-brand"
    assert channels.pick(store, "x", "Brand").key == "x-brand"
    assert channels.pick(store, "x-brand").key == "x-brand"  # a channel's own key is no platform: unambiguous
    with pytest.raises(EdcalError, match="is on x, not linkedin"):
        channels.pick(store, "linkedin", "brand")
    assert channels.keys_for(store, ["x"]) == ["x", "x-brand"]
    assert channels.keys_for(store, [], ["brand"]) == ["x-brand"]
    assert channels.keys_for(store) is None


def test_keys_names_and_handles_are_checked(store):
    assert channels.add(store, "x", name="Brand").key == "x"  # the platform's first channel: its own key
    assert channels.add(store, "x", handle="@marta").key == "x-marta"
    assert channels.add(store, "x", name="Brand 2").key == "x-brand-2"
    with pytest.raises(EdcalError, match="already a channel of X"):
        channels.add(store, "x", name="brand")
    with pytest.raises(EdcalError, match="the key 'x-marta' is taken"):
        channels.add(store, "x", name="Other", key="x-marta")
    with pytest.raises(EdcalError, match="the key 'bad key!' is not usable"):
        channels.add(store, "x", name="Other", key="Bad Key!")
    with pytest.raises(NotFoundError, match="unknown platform 'myspace'"):
        channels.add(store, "myspace", name="Old")
    with pytest.raises(EdcalError, match="the name is 81 characters long"):
        channels.add(store, "x", name="n" * 81)
    with pytest.raises(EdcalError, match="control character"):
        channels.add(store, "x", handle="@a\x1b[31m")
    with pytest.raises(NotFoundError, match="there is no channel 'nobody'"):
        channels.rename(store, "nobody", name="a")


def test_rename_and_disable_keep_the_key_and_the_posts(store):
    from edcal.domain.models import Post
    from edcal.services import posts

    store.enable_platforms(["x"])
    channels.add(store, "x", name="Marta", handle="@marta")
    post = posts.save(store, Post(platform="x-marta", body="mine")).post
    renamed = channels.rename(store, "@marta", name="Marta (founder)", handle="@marta_codes")
    assert (renamed.key, renamed.name, renamed.handle) == ("x-marta", "Marta (founder)", "@marta_codes")
    off = channels.set_enabled(store, "x-marta", False)
    assert not off.enabled and store.get_post(post.id).platform == "x-marta"
    assert channels.pick(store, "x").key == "x"  # one channel on: unambiguous again
    assert channels.set_enabled(store, "marta (founder)", True).enabled


def test_the_command_line_and_where_channels_show(tmp_path):
    db = str(tmp_path / "c.db")
    run = lambda *args, **kw: edcal_here(*args, "--db", db, **kw)  # noqa: E731
    assert run("add", "--platform", "x", "--at", "2026-12-03 09:00", "--body", "from the brand",
               "--status", "scheduled").returncode == 0
    added = run("channels", "add", "x", "--name", "Marta", "--handle", "@marta")
    assert added.returncode == 0 and "--channel x-marta" in added.stdout
    ambiguous = run("add", "--platform", "x", "--body", "which one?")
    assert ambiguous.returncode == 1 and "give --channel with one of them" in one_line(ambiguous)
    assert run("add", "--channel", "marta", "--at", "2026-12-03 10:00", "--body", "from Marta",
               "--status", "scheduled").returncode == 0
    assert run("log", "25m", "--channel", "@marta").returncode == 0
    assert run("series", "add", "--channel", "marta", "--rule", "FREQ=WEEKLY;BYDAY=FR", "--time", "09:00").returncode == 0
    listed = json.loads(run("channels", "list", "--json").stdout)
    assert [(c["key"], c["platform"], c["handle"], c["posts"]) for c in listed] == [
        ("x", "x", None, 1), ("x-marta", "x", "@marta", 1)]
    assert "x-marta          X                Marta" in run("channels", "list").stdout
    week = json.loads(run("list", "--week", "2026-12-03", "--platform", "x", "--json").stdout)
    assert [p["platform"] for p in week] == ["x", "x-marta"]  # --platform filters every channel of X
    assert [p["channel"] for p in week] == ["X", "X · Marta"]
    mine = json.loads(run("list", "--week", "2026-12-03", "--channel", "Marta", "--json").stdout)
    assert [p["body"] for p in mine] == ["from Marta"]
    ics = run("export", "ics", "--from", "2026-12-01", "--to", "2026-12-07").stdout
    assert "SUMMARY:[X] from the brand" in ics and "SUMMARY:[X · Marta] from Marta" in ics
    csv_text = run("export", "csv", "--channel", "marta").stdout
    assert csv_text.count("\n") == 2 and ",x-marta,X · Marta," in csv_text
    exported = tmp_path / "plan.json"
    exported.write_text(run("export", "json").stdout, encoding="utf-8")
    assert [p["channel"] for p in json.loads(exported.read_text())] == ["X", "X · Marta"]
    other = str(tmp_path / "other.db")  # the name is said, not read back: the key finds the channel
    assert edcal_here("channels", "add", "x", "--db", other).returncode == 0  # X's first channel: key x
    assert edcal_here("channels", "add", "x", "--name", "Marta", "--db", other).returncode == 0
    assert edcal_here("import", "json", str(exported), "--db", other).returncode == 0
    assert [p.split()[4] for p in edcal_here("list", "--week", "2026-12-03", "--db", other).stdout.splitlines()[1:]] \
        == ["x", "x-marta"]
    assert json.loads(run("next", "--channel", "marta", "--json").stdout)[0]["platform"] == "x-marta"
    assert run("plan", "set", "@marta", "--reason", "The founder's voice", "--target", "2").returncode == 0
    plan = json.loads(run("plan", "show", "--json").stdout)["platforms"]
    assert [(p["key"], p["reason"], p["weekly_target"]) for p in plan][1] == ("x-marta", "The founder's voice", 2)
    renamed = run("channels", "rename", "marta", "--name", "Marta (founder)")
    assert renamed.returncode == 0 and "Marta (founder) (x-marta, @marta)" in renamed.stdout
    assert "off" in run("channels", "disable", "x-marta").stdout
    assert run("add", "--platform", "x", "--body", "only one channel on now").returncode == 0
    unknown = run("channels", "rename", "nobody", "--name", "x")
    assert unknown.returncode == 1 and "there is no channel 'nobody'" in one_line(unknown)
    nothing = run("channels", "rename", "x")
    assert nothing.returncode == 1 and "give --name or --handle" in one_line(nothing)


def test_the_model_names_a_channel_in_calendars():
    assert Platform("x", "X", "x").label("X") == "X"
    assert Platform("x-brand", "Brand", "x").label("X") == "X · Brand"
    assert Platform("instagram", "Instagram", "instagram").label("Instagram feed") == "Instagram"
    assert Platform("x", "Tidewater on X", "x").label("X") == "Tidewater on X"  # "x" is in its name
    assert Platform("x", "Tidewater", "x").label("X") == "X · Tidewater"
    assert Platform("x-max", "Max", "x").label("X") == "X · Max"


def test_choosing_platforms_again_keeps_their_other_channels(store):
    store.enable_platforms(["x", "linkedin"])
    channels.add(store, "x", name="Marta")
    channels.add(store, "linkedin", name="Page")
    channels.set_enabled(store, "page", False)
    store.enable_platforms(["linkedin", "x", "mastodon"])
    assert [(p.key, p.enabled) for p in store.platforms()] == [
        ("linkedin", True), ("linkedin-page", False), ("x", True), ("x-marta", True), ("mastodon", True)]
    store.enable_platforms(["mastodon"])
    assert [p.key for p in store.platforms(enabled_only=True)] == ["mastodon"]
