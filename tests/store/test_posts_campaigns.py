"""The campaigns posts name, for the palette."""

import pytest

from edcal.domain.models import Post

pytestmark = pytest.mark.postgres


def test_campaigns_are_listed_once_each_in_alphabetical_order(store):
    for campaign in ("spring", "Launch 2.0", None, "spring", "autumn"):
        store.add_post(Post(platform="x", body="b", campaign=campaign))
    assert store.campaigns() == ["autumn", "Launch 2.0", "spring"]
