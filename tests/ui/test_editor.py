"""The post editor: live counting, violations, scheduling refused, unsaved changes."""

from textual.widgets import Select, Static

from edcal.ui.screens.dialogs import ConfirmScreen
from edcal.ui.screens.editor import BodyArea, PostEditor

from .conftest import SIZE, ready
from .test_week_screen import select


async def open_editor(pilot, platform: str, column: int = 0) -> PostEditor:
    await select(pilot, platform, column)
    await pilot.press("n")
    assert isinstance(pilot.app.screen, PostEditor)
    return pilot.app.screen


async def test_counter_and_violations_change_on_every_keystroke(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = await open_editor(pilot, "x", 5)
        counter = editor.query_one("#counter", Static)
        assert str(counter.render()) == "0 / 280"
        await pilot.press("a")
        assert str(counter.render()) == "1 / 280"
        await pilot.press(*"日本")  # CJK weighs 2 on X
        assert str(counter.render()) == "5 / 280"
        await pilot.press(*" example.com")  # a link weighs 23
        assert str(counter.render()) == "29 / 280"
        body = editor.query_one(BodyArea)
        body.insert(" " + "x" * 229)  # a space, so the link stays a link
        await pilot.pause()
        assert str(counter.render()) == "259 / 280" and counter.has_class("-warn")
        assert body.overflow_start is None
        body.insert("y" * 30)
        await pilot.pause()
        assert str(counter.render()) == "289 / 280" and counter.has_class("-error")
        assert "Too long for X: 289 / 280" in str(editor.query_one("#violations").render())
        assert body.overflow_start == len(body.text) - 9  # the last 9 characters do not fit
        await pilot.press("backspace")
        assert str(counter.render()) == "288 / 280"


async def test_scheduling_is_refused_while_errors_remain_and_drafts_save(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = await open_editor(pilot, "instagram", 5)
        await pilot.press(*"Weekend vibes #sun")
        editor.query_one("#status", Select).value = "scheduled"
        await pilot.pause()
        before = demo_store.count_posts()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert "needs an image or a video" in str(editor.query_one("#save-error").render())
        assert demo_store.count_posts() == before
        editor.query_one("#status", Select).value = "draft"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert not isinstance(app.screen, PostEditor)
        assert demo_store.count_posts() == before + 1


async def test_typed_dates_show_the_parsed_result_or_the_error(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = await open_editor(pilot, "linkedin", 4)
        when = editor.query_one("#when")
        feedback = editor.query_one("#when-feedback", Static)
        assert "Fri 27 Nov 2026 09:00" in str(feedback.render())
        when.value = "tue 9:30"
        await pilot.pause()
        assert "Tue 01 Dec 2026 09:30 Europe/Paris" in str(feedback.render())
        when.value = "24/11 14:15"
        await pilot.pause()
        assert "Tue 24 Nov 2026 14:15" in str(feedback.render())
        when.value = "the day after"
        await pilot.pause()
        assert feedback.has_class("-error") and "cannot read" in str(feedback.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Fix the date first" in str(editor.query_one("#save-error").render())


async def test_escape_asks_before_dropping_unsaved_changes(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_editor(pilot, "x", 5)
        await pilot.press("escape")  # nothing typed: closes at once
        assert not isinstance(app.screen, PostEditor)
        await pilot.press("n", *"draft text", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, PostEditor)
        await pilot.press("escape", "y")
        assert not isinstance(app.screen, PostEditor)
    assert not [p for p in demo_store.all_posts() if p.body == "draft text"]


async def test_editing_an_existing_post_keeps_other_fields(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "instagram", 1)  # the team photo
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, PostEditor)
        assert "Six people" in editor.query_one("#media").text
        editor.query_one("#title").value = "Team photo (final)"
        await pilot.press("ctrl+s")
        await ready(pilot)
    post = next(p for p in demo_store.all_posts() if p.title == "Team photo (final)")
    assert post.status == "scheduled" and post.media[0].alt.startswith("Six people") and post.revision == 2


async def test_a_time_gone_by_is_said_and_scheduling_there_asks_once_more(demo_store, make_app):
    app = make_app()  # the clock: Wednesday 25 November, 10:00 in Paris
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = await open_editor(pilot, "x", 2)
        await pilot.press(*"Late but true")
        editor.query_one("#when").value = "25/11 8:00"
        feedback = editor.query_one("#when-feedback", Static)
        await pilot.pause()
        assert "⚠ this time is 2 hours ago" in str(feedback.render()) and feedback.has_class("-warn")
        editor.query_one("#status", Select).value = "published"
        await pilot.pause()
        assert "ago" not in str(feedback.render()) and not feedback.has_class("-warn")
        editor.query_one("#status", Select).value = "scheduled"
        await pilot.pause()
        assert "2 hours ago" in str(feedback.render())
        before = demo_store.count_posts()
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert app.screen is editor and demo_store.count_posts() == before
        assert "Press ctrl+s again to schedule it anyway" in str(editor.query_one("#save-error").render())
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert not isinstance(app.screen, PostEditor)
    late = next(p for p in demo_store.all_posts() if p.body == "Late but true")
    assert late.status == "scheduled" and f"{late.local_time():%d %H:%M}" == "25 08:00"


async def test_the_editor_shows_and_edits_the_notes(demo_store, make_app):
    from edcal.services import posts

    target = next(p for p in demo_store.all_posts() if p.platform == "instagram" and p.media)
    posts.save(demo_store, demo_store.get_post(target.id).with_changes(notes="Ask Léa before posting"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await select(pilot, "instagram", 1)
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, PostEditor)
        notes = editor.query_one("#notes")
        assert notes.text == "Ask Léa before posting"
        notes.text = "Léa said yes\nPost at noon"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert not isinstance(app.screen, PostEditor)
    assert demo_store.get_post(target.id).notes == "Léa said yes\nPost at noon"


async def test_the_editor_shows_what_the_feed_shows_before_more(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = await open_editor(pilot, "linkedin", 5)
        body = editor.query_one(BodyArea)
        body.insert("One line.")
        await pilot.pause()
        assert "Before “…more”" not in str(editor.query_one("#violations").render())  # all of it shows
        body.insert("\nTwo lines.\nThree lines.\nThe fourth line waits behind more.")
        await pilot.pause()
        shown = str(editor.query_one("#violations").render())
        assert "Before “…more”: One line. ⏎ Two lines. ⏎ Three lines." in shown and "fourth" not in shown
        fold = body.text.index("\nThe fourth")  # the rest is drawn faint: what the feed hides
        assert (fold, len(body.text), "fold") in body.marks
        assert "dim" in str(body.get_line(3).spans[0].style) and not body.get_line(0).spans
