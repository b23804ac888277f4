"""The moment of posting: the text to paste and each platform's compose page."""

from urllib.parse import parse_qs, urlsplit

import pytest

from edcal.domain.compose_pages import compose_url, post_text
from edcal.domain.models import Post
from edcal.errors import EdcalError

POST = Post(platform="x", body="Launch day! 🚀 #tidewater\n2.0 & more", link="https://example.com/2.0?a=1&b=2")


def test_the_text_carries_the_link_once():
    assert post_text(POST) == "Launch day! 🚀 #tidewater\n2.0 & more\n\nhttps://example.com/2.0?a=1&b=2"
    inline = Post(platform="x", body="Read https://example.com/x now", link="https://example.com/x")
    assert post_text(inline) == "Read https://example.com/x now"
    assert post_text(Post(platform="x", body="  ", link="https://e.com")) == "https://e.com"


@pytest.mark.parametrize(("profile", "host", "path"), [
    ("x", "x.com", "/intent/tweet"), ("bluesky", "bsky.app", "/intent/compose"),
    ("threads", "www.threads.net", "/intent/post")])
def test_compose_pages_get_the_whole_text_back_exactly(profile, host, path):
    parts = urlsplit(compose_url(profile, POST))
    assert (parts.scheme, parts.netloc, parts.path) == ("https", host, path)
    assert parse_qs(parts.query) == {"text": [post_text(POST)]}  # emoji, #, & and line breaks survive


def test_mastodon_needs_its_server_and_linkedin_a_link():
    with pytest.raises(EdcalError, match=r'\[compose\] mastodon = "mastodon.social"'):
        compose_url("mastodon", POST)
    parts = urlsplit(compose_url("mastodon", POST, mastodon_server="https://fosstodon.org/"))
    assert (parts.netloc, parts.path, parse_qs(parts.query)["text"]) == ("fosstodon.org", "/share", [post_text(POST)])
    linkedin = urlsplit(compose_url("linkedin", POST))
    assert linkedin.netloc == "www.linkedin.com" and parse_qs(linkedin.query) == {"url": [POST.link]}
    with pytest.raises(EdcalError, match="takes only a link"):
        compose_url("linkedin", Post(platform="linkedin", body="no link"))
    with pytest.raises(EdcalError, match="instagram has no page that takes a post's text"):
        compose_url("instagram", POST)
