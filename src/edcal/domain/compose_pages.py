"""The moment of posting: the text to paste, and the platform's own compose page with it filled in."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from edcal.domain.models import Post
from edcal.errors import EdcalError

# Compose pages that take the text in their address, by rule profile (each platform's web intent).
_PAGES = {
    "x": "https://x.com/intent/tweet?{}",
    "bluesky": "https://bsky.app/intent/compose?{}",
    "threads": "https://www.threads.net/intent/post?{}",
    "mastodon": "https://{server}/share?{}",
}


def post_text(post: Post) -> str:
    """What goes into the platform: the text, and the link on a line of its own when the text
    does not already hold it."""
    body = post.body.strip()
    if post.link and post.link not in body:
        return f"{body}\n\n{post.link}" if body else post.link
    return body


def compose_url(profile: str, post: Post, *, mastodon_server: str | None = None) -> str:
    """The address of ``profile``'s compose page with ``post``'s text filled in. LinkedIn's share
    page takes only a link. A platform without such a page is refused in one sentence."""
    text = post_text(post)
    if profile == "linkedin":
        if not post.link:
            raise EdcalError("LinkedIn's share page takes only a link and this post has none; copy the text (y) "
                             "and paste it into LinkedIn")
        return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": post.link})
    page = _PAGES.get(profile)
    if page is None:
        raise EdcalError(f"{profile} has no page that takes a post's text; copy the text (y) and paste it there")
    if profile == "mastodon":
        server = (mastodon_server or "").strip().removeprefix("https://").strip("/")
        if not server:
            raise EdcalError("Mastodon needs your server to open its compose page; set it in the config file: "
                             "[compose] mastodon = \"mastodon.social\"")
        return page.format(urlencode({"text": text}, quote_via=quote), server=server)
    return page.format(urlencode({"text": text}, quote_via=quote))
