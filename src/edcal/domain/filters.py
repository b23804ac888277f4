"""Which posts to show: the CLI's --search, --campaign and --status, and the grid's / filter."""

from __future__ import annotations

import unicodedata

from edcal.domain.models import Post, Status
from edcal.record import record


def fold(text: str) -> str:
    """``text`` as a search compares it: case, accents and width set aside ('Léa' ~ 'LEA')."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@record
class PostFilter:
    """Every word of ``search`` somewhere in the post's title, text, link, campaign or notes,
    the ``campaign`` (whole, any case), one of ``statuses``, one of ``platforms``; an empty
    part lets every post through."""

    search: str = ""
    campaign: str | None = None
    statuses: frozenset[Status] = frozenset()
    platforms: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, text: str) -> PostFilter:
        """A filter as typed in the grid: words to find, and ``status:S``, ``campaign:C`` (a
        campaign of several words in quotes: campaign:"Launch 2.0") and ``on:PLATFORM`` terms.
        A term with an unknown status is refused in one sentence."""
        import shlex

        try:
            parts = shlex.split(text)
        except ValueError:  # an open quote: read it as plain words
            parts = text.replace('"', " ").split()
        words, statuses, platforms, campaign = [], set(), set(), None
        for part in parts:
            name, _, value = part.partition(":")
            if name == "status" and value:
                try:
                    statuses.add(Status(value.lower()))
                except ValueError:
                    from edcal.errors import UsageError

                    raise UsageError(f"there is no status '{value}'; use one of "
                                     f"{', '.join(s.value for s in Status)}") from None
            elif name == "campaign" and value:
                campaign = value
            elif name == "on" and value:
                platforms.add(value.lower())
            else:
                words.append(part)
        return cls(" ".join(words), campaign, frozenset(statuses), frozenset(platforms))

    def __bool__(self) -> bool:
        return bool(self.search.strip() or self.campaign or self.statuses or self.platforms)

    def matches(self, post: Post) -> bool:
        if self.statuses and post.status not in self.statuses:
            return False
        if self.platforms and post.platform not in self.platforms:
            return False
        if self.campaign and fold(post.campaign or "") != fold(self.campaign):
            return False
        words = fold(self.search).split()
        if words:
            haystack = fold(" ".join(part or "" for part in (post.title, post.body, post.link, post.campaign,
                                                              post.notes)))
            return all(word in haystack for word in words)
        return True

    def describe(self) -> str:
        """'text "launch", campaign Q4, status draft or scheduled': what the filter asks, for messages."""
        parts = []
        if self.search.strip():
            parts.append(f"text \"{' '.join(self.search.split())}\"")
        if self.campaign:
            parts.append(f"campaign {self.campaign}")
        if self.statuses:
            parts.append("status " + " or ".join(s.value for s in Status if s in self.statuses))
        if self.platforms:
            parts.append("platform " + " or ".join(sorted(self.platforms)))
        return ", ".join(parts)
