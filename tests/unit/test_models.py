"""One definition a concept: a status, a severity, a media line."""

import pytest

from edcal.domain.models import Media, Post, Severity, Status
from edcal.errors import EdcalError


def test_status_marks_meanings_and_parsing():
    assert [s.value for s in Status] == ["idea", "draft", "scheduled", "published", "skipped"]
    assert [s for s in Status if s.planned] == [Status.SCHEDULED, Status.PUBLISHED]
    assert [s for s in Status if s.in_plan] == [Status.DRAFT, Status.SCHEDULED, Status.PUBLISHED]
    assert Status.parse(" Published ") is Status.PUBLISHED and Status.SCHEDULED.mark == "◷"
    with pytest.raises(EdcalError, match="unknown status 'sometime'; use one of: idea, draft, scheduled"):
        Status.parse("sometime")
    assert Post(platform="x", status="published").status is Status.PUBLISHED  # rows and files hold strings
    assert Status.DRAFT == "draft" and f"{Status.DRAFT}" == "draft"  # stored and printed as the value
    assert Severity("error").mark == "✖" and Severity.WARNING.mark == "!"


@pytest.mark.parametrize("line, media", [
    ("photo.JPG", Media("photo.JPG", "image")),
    ("  clip.mp4 | A dog, running | fast  ", Media("clip.mp4", "video", "A dog, running | fast")),
    ("https://example.com/deck.pdf?x=1|", Media("https://example.com/deck.pdf?x=1", "document")),
    ("song.flac", Media("song.flac", "audio")),
    ("anim.gif | loops", Media("anim.gif", "gif", "loops")),
])
def test_a_media_line_reads_and_writes_back(line, media):
    (read,) = Media.from_lines(line)
    assert read == media
    assert Media.from_lines(read.line) == (media,)


def test_media_lines_skip_blanks_and_keep_order():
    text = "a.png | first\n\n   \nb.mov\n"
    assert Media.from_lines(text) == (Media("a.png", "image", "first"), Media("b.mov", "video"))
    assert Media.to_lines(Media.from_lines(text)) == "a.png | first\nb.mov"


def test_a_merge_puts_my_changes_on_top_of_theirs_and_names_the_fields_both_changed():
    from datetime import datetime, timezone

    from edcal.domain.models import changed_fields, merge

    base = Post(platform="x", body="Launch", title="T", status="draft", id=1, revision=1)
    theirs = base.with_changes(status="scheduled", body="Launch day!", campaign="Launch", revision=2,
                               scheduled_at=datetime(2026, 12, 1, 8, tzinfo=timezone.utc), tz="Europe/Paris")
    mine = base.with_changes(body="Launch today", notes="check the image")
    merged, both = merge(base, mine, theirs)
    assert merged.revision == 2 and merged.status == "scheduled" and merged.campaign == "Launch"  # theirs
    assert merged.notes == "check the image" and merged.body == "Launch today"  # mine on top
    assert merged.scheduled_at == theirs.scheduled_at
    assert both == ["body"]
    assert changed_fields(base, theirs) == ["status", "when", "body", "campaign"]
    same, none = merge(base, theirs.with_changes(revision=1), theirs)  # the same change on both sides
    assert none == [] and same == theirs.with_changes(revision=2)
