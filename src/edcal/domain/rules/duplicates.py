"""Same or nearly the same text planned on two platforms.

Each platform has its own codes; one text pasted everywhere reads as zero effort. Texts
are compared word by word after folding case and punctuation and dropping links, so a
changed hashtag sign or a trailing link does not hide a copy.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from difflib import SequenceMatcher
from typing import Generic, TypeVar

import regex

from edcal.record import record

_NOISE = regex.compile(r"https?://\S+|[^\p{L}\p{N}]+")

K = TypeVar("K", bound=Hashable)  # what identifies an item: a post id
SIMILAR = 0.85  # ratio from which two texts count as the same content


def _fold(text: str) -> str:
    return str(_NOISE.sub(" ", text.casefold())).strip()


def similarity(a: str, b: str) -> float:
    """How alike two texts are, from 0 (nothing shared) to 1 (the same words in the same order)."""
    wa, wb = _fold(a).split(), _fold(b).split()
    if not wa or not wb:
        return 0.0
    return 1.0 if wa == wb else SequenceMatcher(None, wa, wb, autojunk=False).ratio()


@record
class DuplicatePair(Generic[K]):
    first: K
    second: K
    ratio: float


def find_duplicates(
    items: Iterable[tuple[K, str, str]], threshold: float = SIMILAR
) -> list[DuplicatePair[K]]:
    """Pairs of ``(id, platform, text)`` items on different platforms whose texts match.

    Pass one week's posts; empty texts are ignored.
    """
    folded = [(key, platform, _fold(text)) for key, platform, text in items]
    folded = [item for item in folded if len(item[2]) >= 12]
    words = [tuple(text.split()) for _, _, text in folded]
    pairs = []
    for i, j in sorted(_candidates(folded)):
        (ka, pa, _), (kb, pb, _) = folded[i], folded[j]
        wa, wb = words[i], words[j]
        if pa == pb:
            continue
        if wa == wb:
            pairs.append(DuplicatePair(ka, kb, 1.0))
            continue
        if 2 * min(len(wa), len(wb)) / (len(wa) + len(wb)) < threshold:  # lengths alone rule it out
            continue
        matcher = SequenceMatcher(None, wa, wb, autojunk=False)
        if matcher.quick_ratio() < threshold:
            continue
        ratio = matcher.ratio()
        if ratio >= threshold:
            pairs.append(DuplicatePair(ka, kb, round(ratio, 3)))
    return pairs


COMMON = 64  # a run of three words more posts than this share says nothing about two of them


def _candidates(folded: list[tuple[K, str, str]]) -> set[tuple[int, int]]:
    """Pairs worth comparing: the same text, or a run of three words in common that few posts
    share. Texts alike enough to match share many runs, the rare ones among them, so this
    keeps a busy week (every post ending in the same hashtag and link, say) from costing n²
    full comparisons."""
    same: dict[str, list[int]] = {}
    index: dict[str, list[int]] = {}
    for i, (_, _, text) in enumerate(folded):
        same.setdefault(text, []).append(i)
        words = text.split()
        for gram in {" ".join(words[j : j + 3]) for j in range(max(1, len(words) - 2))}:
            index.setdefault(gram, []).append(i)
    pairs = set()
    groups = [*same.values(), *(members for members in index.values() if len(members) <= COMMON)]
    for members in groups:
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                pairs.add((i, j))
    return pairs
