"""Threads in the editor: ctrl+t splits the text into parts that each fit, each part has its
counter, parts stay editable, a part over the limit blocks scheduling, and the thread is saved
as parts of one post."""

from textual.widgets import Select, Static

from edcal.domain.rules.thread import unnumbered
from edcal.domain.thread_text import split_parts
from edcal.ui.screens.editor import BodyArea, PostEditor

from .conftest import SIZE, ready
from .test_editor import open_editor

LONG = " ".join(["Planning beats posting, every single week of the year."] * 12)  # about 670 on X


async def test_ctrl_t_splits_into_parts_each_with_its_counter(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = await open_editor(pilot, "x", 5)
        body = editor.query_one(BodyArea)
        counter = editor.query_one("#counter", Static)
        body.insert(LONG)
        await pilot.pause()
        assert str(counter.render()).endswith(" / 280") and counter.has_class("-error")
        await pilot.press("ctrl+t")
        await pilot.pause()
        parts = split_parts(body.text)
        assert len(parts) == 3 and [p[-3:] for p in parts] == ["1/3", "2/3", "3/3"]
        assert " ".join(unnumbered(p) for p in parts) == LONG
        rules = str(editor.query_one("#violations").render())
        assert [line[:5] for line in rules.splitlines()[:3]] == ["✔ 1/3", "✔ 2/3", "✔ 3/3"]
        assert "Split into 3 parts" in str(editor.query_one("#save-error").render())
        # the counter follows the cursor from part to part
        assert str(counter.render()) == f"1/3 {len(parts[0])} / 280" and not counter.has_class("-error")
        body.move_cursor((body.document.line_count - 1, 0))
        await pilot.pause()
        assert str(counter.render()) == f"3/3 {len(parts[2])} / 280"
        # a part made too long is an error like any post, marked where it overflows
        body.insert("x" * 280)
        await pilot.pause()
        assert counter.has_class("-error") and str(counter.render()).startswith("3/3 ")
        assert "Part 3: Too long for X" in str(editor.query_one("#violations").render())
        assert body.overflow_start is not None and body.overflow_start > len(parts[0]) + len(parts[1])
        editor.query_one("#status", Select).value = "scheduled"
        await pilot.pause()
        before = demo_store.count_posts()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor and demo_store.count_posts() == before
        # undone, the thread saves as one post of three parts
        body.undo()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert not isinstance(app.screen, PostEditor)
    saved = max(demo_store.all_posts(), key=lambda p: p.id)
    assert saved.parts == parts and saved.status.value == "scheduled"


async def test_a_saved_thread_opens_as_parts_and_splits_again_without_double_numbers(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = await open_editor(pilot, "mastodon", 5)
        body = editor.query_one(BodyArea)
        body.insert("Opening 🧵\n---\nSecond part\n---\nThird part")
        await pilot.pause()
        assert str(editor.query_one("#counter", Static).render()).startswith("3/3 ")
        await pilot.press("ctrl+s")
        await ready(pilot)
    saved = max(demo_store.all_posts(), key=lambda p: p.id)
    assert saved.parts == ("Opening 🧵", "Second part", "Third part")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = PostEditor(demo_store, demo_store.platforms(), post=saved)
        await app.push_screen(editor)
        await pilot.pause()
        body = editor.query_one(BodyArea)
        assert body.text == "Opening 🧵\n---\nSecond part\n---\nThird part"
        await pilot.press("ctrl+t")  # the three fit in one Mastodon post: joined back
        await pilot.pause()
        assert body.text == "Opening 🧵\n\nSecond part\n\nThird part"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "nothing to split" in str(editor.query_one("#save-error").render())


async def test_ctrl_t_explains_where_it_cannot_split(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = await open_editor(pilot, "linkedin", 5)
        body = editor.query_one(BodyArea)
        body.insert("A divider\n---\nis only text on LinkedIn")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "LinkedIn has no threads" in str(editor.query_one("#save-error").render())
        assert "LinkedIn has no threads: the lines --- go out as text" in str(editor.query_one("#violations").render())
        assert str(editor.query_one("#counter", Static).render()) == f"{len(body.text)} / 3000"
        await pilot.press("escape")
        await pilot.press("y")
        await ready(pilot)
        editor = await open_editor(pilot, "x", 5)
        body = editor.query_one(BodyArea)
        body.insert("Read " + "w" * 300)
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        message = str(editor.query_one("#save-error").render())
        assert message.startswith("The word 'wwww") and "is longer than one X post can hold (280)" in message
        assert body.text == "Read " + "w" * 300  # left as it was


async def test_the_grid_marks_a_thread_and_the_detail_box_counts_its_parts(store, make_app):
    from datetime import datetime, timezone

    from edcal.domain.models import Post
    from edcal.services import posts

    from .test_week_screen import cell_text, select

    store.enable_platforms(["x"])
    posts.save(store, Post(platform="x", body="Why we plan 🧵", thread=("One.", "Two."), status="draft",
                           scheduled_at=datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc), tz="Europe/Paris"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert cell_text(app, "x", 3).startswith("10:00✎ ≡3 ")  # 09:00 UTC on the viewer's Paris clock
        await select(pilot, "x", 3)
        assert "thread of 3 parts" in str(app.screen.query_one("#cell-detail").render())
