from datetime import datetime, timezone

import pytest

from edcal.domain.models import Media, Post, Settings

UTC = timezone.utc


@pytest.fixture
def planned(store):
    """A few posts with awkward text, in Paris, one in the repeated autumn hour."""
    store.save_settings(Settings(timezone="Europe/Paris", organizer="ed@example.com"))
    posts = [
        Post(platform="x", status="scheduled", title="Launch, part 1; \"teaser\"",
             body='Line one, with; a \\ backslash\nline two 🚀 café', link="https://example.com/p?id=1,2;x=y",
             scheduled_at=datetime(2026, 11, 24, 8, 30, tzinfo=UTC), tz="Europe/Paris", campaign="Q4, launch"),
        Post(platform="linkedin", status="draft", title="Long one", body="x" * 2990 + " ending",
             scheduled_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC), tz="Europe/Paris"),
        Post(platform="instagram", status="scheduled", title="Photo", body="A photo #one",
             media=(Media("photo.jpg", "image", "alt"),),
             scheduled_at=datetime(2026, 10, 25, 0, 30, tzinfo=UTC), tz="Europe/Paris"),  # 02:30 CEST, ambiguous
        Post(platform="x", status="idea", title="An idea"),
    ]
    return [store.add_post(p) for p in posts]
