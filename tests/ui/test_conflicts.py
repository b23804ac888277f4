"""A post saved elsewhere while it is open: the editor says what changed and reloads it with
the person's changes on top."""

from datetime import datetime, timezone

from edcal.domain.models import Post
from edcal.services import posts
from edcal.ui.screens.editor import PostEditor

from .conftest import SIZE, ready


async def open_editor(pilot) -> PostEditor:
    await pilot.press("h", "h", "enter")  # from today (Wednesday) to Monday, the post's day
    await ready(pilot)
    assert isinstance(pilot.app.screen, PostEditor)
    return pilot.app.screen


def one_post(store, body: str) -> Post:
    """The week's only post: on X, Monday 09:00 in Paris."""
    store.enable_platforms(["x"])
    return store.add_post(Post(platform="x", body=body, tz="Europe/Paris",
                               scheduled_at=datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)))


async def test_a_conflict_is_explained_and_ctrl_r_merges_the_two_versions(store, make_app):
    post = one_post(store, "Launch on Monday")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = await open_editor(pilot)
        editor.query_one("#title").value = "Launch"  # mine: the title
        editor.query_one("#body").text = "Launch on Monday at nine"  # mine: the text
        # meanwhile, a teammate changes the text and the campaign
        posts.save(store, store.get_post(post.id).with_changes(body="Launch on Monday!", campaign="Launch 2.0"))
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert app.screen is editor
        message = str(editor.query_one("#save-error").render())
        assert "Saved elsewhere since you opened it (the text, the campaign changed)" in message
        assert "ctrl+r" in message
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert editor.query_one("#campaign").value == "Launch 2.0"  # theirs
        assert editor.query_one("#title").value == "Launch"  # mine
        assert editor.query_one("#body").text == "Launch on Monday at nine"  # both changed it: mine, and...
        note = str(editor.query_one("#save-error").render())
        assert "You both changed the text: yours is kept; theirs was:" in note and "Launch on Monday!" in note
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert app.screen is not editor
    saved = store.get_post(post.id)
    assert (saved.title, saved.body, saved.campaign) == ("Launch", "Launch on Monday at nine", "Launch 2.0")


async def test_escape_after_a_reload_asks_before_dropping_the_merged_changes(store, make_app):
    post = one_post(store, "Hello")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = await open_editor(pilot)
        editor.query_one("#notes").text = "check the link"
        posts.save(store, store.get_post(post.id).with_changes(body="Hello there"))
        await pilot.press("ctrl+r")  # before any save: reads the version saved now
        await ready(pilot)
        assert editor.query_one("#body").text == "Hello there" and editor.query_one("#notes").text == "check the link"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not editor and "ConfirmScreen" in type(app.screen).__name__


async def test_a_reload_while_the_date_is_half_typed_keeps_what_was_typed(store, make_app):
    post = one_post(store, "Hello")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = await open_editor(pilot)
        editor.query_one("#title").value = "Greeting"
        editor.query_one("#when").value = "2026-11-3"  # not a date yet
        posts.save(store, store.get_post(post.id).with_changes(campaign="Hello week"))
        await pilot.press("ctrl+r")
        await ready(pilot)
        assert editor.query_one("#title").value == "Greeting" and editor.query_one("#campaign").value == "Hello week"
