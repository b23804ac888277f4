"""Hashtags, mentions and links found the way X's twitter-text finds them.

- a link may have no scheme (``example.com``) when its top-level domain is a real one;
- a hashtag is ``#`` then letters, marks, digits or ``_`` in any script, not digits only,
  not glued to a word before it, and never inside a link;
- a mention is ``@name``, optionally ``@name@server`` (Mastodon) or ``@name.domain`` (Bluesky).

Offsets are Python string indices (code points) into the text as given.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache

from edcal.domain.rules.tlds import ALL as TLDS
from edcal.record import record


@record(slots=True)
class Entity:
    kind: str  # "url" | "hashtag" | "mention"
    text: str  # the link as written, or the tag / name without its sign
    start: int
    end: int
    server: str | None = None  # mentions: the part after "@name@"


# twitter-text's character classes (its regexp/ modules), written out once here.
_INVALID = "\ufffe\ufeff\uffff"  # a text holding one is not a valid post on X
_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
_SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PUNCT = r"!'#%&()*+,\\\-./:;<=>?@\[\]^_{|}~$"
_LATIN_ACCENTS = ("\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263\u0268"
                  "\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff")
_CYRILLIC = "\u0400-\u04ff"
_MAX_URL = 4096
_MAX_TCO_SLUG = 40


def _alternation(names: frozenset[str]) -> str:
    # Longest first, so that of two names where one starts the other the longer is tried first,
    # as with twitter-text's reverse-sorted list.
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


@record
class _UrlPatterns:
    subdomain: re.Pattern[str]  # a whole label that may come before the domain name (_ allowed)
    name: re.Pattern[str]  # a whole label that may come right before the top-level domain
    preceding: re.Pattern[str]  # the character a link may follow
    scheme: re.Pattern[str]
    ascii_labels: re.Pattern[str]  # ASCII labels, each with its dot: where a scheme-less link may be
    words: re.Pattern[str]  # what can hold a link: a run without spaces, with a dot


@cache
def _tld_pattern() -> re.Pattern[str]:
    """A top-level domain at a position: gTLD, then ccTLD, then punycode. An alternation of
    some 1,500 names, so compiled only for the TLDs a set lookup cannot settle (_tld_length)."""
    from edcal.domain.rules.tlds import COUNTRY, GENERIC

    after_tld = "(?=[^0-9a-zA-Z@+-]|$)"
    return re.compile(f"(?:{_alternation(GENERIC)}){after_tld}|(?:{_alternation(COUNTRY)}){after_tld}|xn--[0-9a-z-]+",
                      re.I)


@cache
def _url_patterns() -> _UrlPatterns:
    char = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
    return _UrlPatterns(
        subdomain=re.compile(f"(?:{char}(?:[_-]|{char})*)?{char}"),
        name=re.compile(f"(?:{char}(?:-|{char})*)?{char}"),
        preceding=re.compile(f"[^A-Za-z0-9@＠$#＃{_INVALID}]|[{_DIRECTIONAL}]", re.I),
        scheme=re.compile("https?://", re.I),
        ascii_labels=re.compile(f"(?:[-a-z0-9{_LATIN_ACCENTS}]+\\.)+", re.I),
        words=re.compile(f"[^{_SPACES}]*\\.[^{_SPACES}]*"),
    )


_QUERY = r"\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-z0-9\-_&=#/]"


@cache
def _rest_pattern() -> re.Pattern[str]:
    """What may follow a link's domain: a port, a path, a query. Compiled only for a link that
    has one (it is the costliest pattern here: 5-8 ms)."""
    path_char = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{_LATIN_ACCENTS}]"
    parens = f"\\((?:{path_char}+|{path_char}*\\({path_char}+\\){path_char}*)\\)"
    # A path unit: characters ending on an allowed one, a balanced parenthesis group alone,
    # or "@name/". (twitter-text writes the first as chars-then-ending-or-parens, and its
    # ending pattern's own "|" splits it so: the group counts only on its own.)
    path = (f"(?:{path_char}*(?:{parens}{path_char}*)*[+\\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]"
            f"|{parens}|@{path_char}+/)")
    return re.compile(f"(?::[0-9]+)?(?P<path>/{path}*)?(?:{_QUERY})?", re.I)


@cache
def _tco_pattern() -> re.Pattern[str]:
    return re.compile(f"https?://t\\.co/([a-z0-9]+)(?:{_QUERY})?", re.I)


_ALNUM = re.compile("[0-9A-Za-z]+")


def _tld_length(text: str, pos: int) -> int:
    """The length of the top-level domain at ``pos``, or 0. One made of ASCII letters and
    digits is a whole run of them (the pattern's lookahead allows no more after it), so a set
    lookup settles it; the pattern runs for the others."""
    run = _ALNUM.match(text, pos)
    if run is not None:
        name, after = run[0].lower(), text[run.end() : run.end() + 1]
        if after.isascii() and not name.startswith("xn"):  # ("vermögensberatung" and xn-- need the pattern)
            return len(name) if name in _ascii_tlds() and after not in ("@", "+", "-") else 0
    elif pos >= len(text) or text[pos].isascii():
        return 0
    m = _tld_pattern().match(text, pos)
    return m.end() - pos if m else 0


@cache
def _ascii_tlds() -> frozenset[str]:
    from edcal.domain.rules.tlds import ALL

    return frozenset(t for t in ALL if t.isascii())


class _Labels:
    """One word's dots and what each label between them allows, worked out once, so that
    trying a link at every position of a long dotted word stays linear (the regex it stands
    for backtracks through every label from every start)."""

    def __init__(self, text: str, start: int, end: int, p: _UrlPatterns):
        self.text, self.p = text, p
        self.dots = [i for i in range(start, end) if text[i] == "."]
        n = len(self.dots)
        # tld[k]: the length of the top-level domain at the start of label k (after dot k-1), or 0
        self.tld = [0] * (n + 1)
        for k in range(1, n + 1):
            self.tld[k] = _tld_length(text, self.dots[k - 1] + 1)
        self.any_tld = any(self.tld)
        if not self.any_tld:
            return  # no link in this word: nothing more to work out
        # run[k]: how many labels from k on (whole ones, between two dots) may be subdomains
        self.run = [0] * (n + 1)
        name_ok = [False] * (n + 1)
        for k in range(n - 1, 0, -1):
            label = (self.dots[k - 1] + 1, self.dots[k])
            if p.subdomain.fullmatch(text, *label):
                self.run[k] = self.run[k + 1] + 1
            name_ok[k] = p.name.fullmatch(text, *label) is not None
        # best[k]: the last label up to k that is a domain name with a top-level domain after it
        self.best = [-1] * (n + 1)
        for k in range(1, n):
            self.best[k] = k if name_ok[k] and self.tld[k + 1] else self.best[k - 1]

    def domain_end(self, d: int) -> int | None:
        """Where the domain that starts at ``d`` ends, as the regex would match it: as many
        subdomains as can be, then a domain name, then a top-level domain."""
        k0 = bisect_left(self.dots, d)
        if k0 == len(self.dots):
            return None
        first, text, p = (d, self.dots[k0]), self.text, self.p
        chosen = -1
        if k0 + 1 < len(self.dots) and p.subdomain.fullmatch(text, *first):
            last = min(k0 + 1 + self.run[k0 + 1], len(self.dots) - 1)
            if self.best[last] > k0:
                chosen = self.best[last]
        if chosen < 0 and self.tld[k0 + 1] and p.name.fullmatch(text, *first):
            chosen = k0
        return None if chosen < 0 else self.dots[chosen] + 1 + self.tld[chosen + 1]


def _ascii_domains(domain: str, p: _UrlPatterns) -> Iterator[tuple[int, int]]:
    """The spans of the ASCII domains in ``domain``, as twitter-text's validAsciiDomain finds
    them: ASCII labels, as many as can be, then a top-level domain."""
    pos = 0
    while run := p.ascii_labels.search(domain, pos):
        pos = run.end()
        for dot in reversed([i for i in range(run.start(), run.end()) if domain[i] == "."]):
            tld = _tld_length(domain, dot + 1)
            if tld:
                pos = dot + 1 + tld
                yield run.start(), pos
                break


def _host_length(domain: str, p: _UrlPatterns) -> int | None:
    """The host's length once punycode-encoded, or None when it is not a valid host: each
    label 1 to 63 characters encoded, and no ``xn--`` label holding other than ASCII. The
    punycode codec, not the idna one: IDNA 2003's nameprep refuses characters X accepts."""
    if domain[:4].lower() == "xn--" and next(_ascii_domains(domain, p), None) is None:
        return None
    total = -1
    for label in domain.split("."):
        if not label.isascii():
            if label[:4].lower() == "xn--":
                return None
            label = "xn--" + label.encode("punycode").decode("ascii")
        if not 1 <= len(label) <= 63:
            return None
        total += len(label) + 1
    return total


def _match_at(text: str, s: int, labels: _Labels, p: _UrlPatterns) -> tuple[int, int, int, int] | None:
    """(domain start, domain end, path start or -1, link end) of a link starting at ``s``."""
    scheme = p.scheme.match(text, s)
    domain_start = scheme.end() if scheme else s
    end = labels.domain_end(domain_start)
    if end is None and scheme:
        domain_start, end = s, labels.domain_end(s)
    if end is None:
        return None
    if not text.startswith((":", "/", "?"), end):
        return domain_start, end, -1, end  # (every part of what may follow starts so)
    rest = _rest_pattern().match(text, end)
    assert rest is not None  # every part of it is optional
    return domain_start, end, rest.start("path") if rest["path"] else -1, rest.end()


def extract_urls(text: str) -> list[Entity]:
    """Links as X finds them (twitter-text's extractUrlsWithIndices): with or without a
    scheme, a known top-level domain, a valid host, at most 4,096 characters. A match that
    fails a check is skipped whole, never retried shorter."""
    if "." not in text:
        return []
    p = _url_patterns()
    found: list[Entity] = []
    for word in p.words.finditer(text):
        labels = _Labels(text, word.start(), word.end(), p)
        if not labels.any_tld:
            continue  # no top-level domain anywhere in the word: no link in it
        pos = max(word.start() - 1, 0)  # from the character before the word, as it may precede a link
        while pos < word.end():
            before, hit = text[pos], None
            if pos + 1 < word.end() and p.preceding.match(text, pos):
                hit = _match_at(text, pos + 1, labels, p)
            if hit is None and pos == 0:
                before, hit = "", _match_at(text, 0, labels, p)
            if hit is None:
                pos += 1
                continue
            domain_start, domain_end, path_start, end = hit
            start = pos if pos == 0 and before == "" else pos + 1
            pos = end
            url, domain = text[start:end], text[domain_start:domain_end]
            scheme = text[start:domain_start] or None
            host = _host_length(domain, p)
            if host is None or len(scheme or "https://") + len(url) + host - len(domain) > _MAX_URL:
                continue
            if scheme is None:
                if before and before in "-_./":
                    continue
                last = None
                for part_start, part_end in _ascii_domains(domain, p):  # only the ASCII domains are links
                    last = Entity("url", domain[part_start:part_end], domain_start + part_start, domain_start + part_end)
                    found.append(last)
                if last is not None and path_start >= 0:
                    # twitter-text's quirk, kept because X counts by it: the link spans to the end
                    # of the path, but its text is the path after the last ASCII domain only, and
                    # the count skips that many characters from the start (the rest counts as text).
                    found[-1] = Entity("url", url.replace(domain, last.text, 1), last.start, end)
                continue
            short = _tco_pattern().match(url) if url[:13].lower().startswith(("http://t.co/", "https://t.co/")) else None
            if short:
                if len(short[1]) > _MAX_TCO_SLUG:
                    continue
                end = start + short.end()
            found.append(Entity("url", text[start:end], start, end))
    return found


# twitter-text's hashtag characters: letters and marks, decimal digits, and these.
_HASHTAG_SPECIAL = "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\u00b7"


_ASCII_TAG_RUN = re.compile("[0-9A-Za-z_]*")
_ASCII_LETTER = re.compile("[A-Za-z]")


def _tag_char(c: str) -> int:
    """2 for a letter or mark (\\p{L}, \\p{M}), 1 for another hashtag character (\\p{Nd} or a
    special one), 0 for the rest. From Python's Unicode data; a code point unassigned there
    asks the `regex` package, whose Unicode may be newer (tests/unit/test_rules_entities.py
    holds the two against each other on every code point Python knows)."""
    category = unicodedata.category(c)
    if category == "Cn" and not c.isascii():
        import regex  # the package has no type hints

        category = "L" if regex.match(r"[\p{L}\p{M}]", c) else "Nd" if regex.match(r"\p{Nd}", c) else "Cn"
    if category[0] in "LM":
        return 2
    return 1 if category == "Nd" or c in _HASHTAG_SPECIAL else 0


def _tag_end(text: str, pos: int) -> int:
    """The end of the run of hashtag characters from ``pos``."""
    while True:
        ascii_run = _ASCII_TAG_RUN.match(text, pos)  # (always: it may be empty)
        pos = ascii_run.end() if ascii_run else pos
        if pos < len(text) and not text[pos].isascii() and _tag_char(text[pos]):
            pos += 1
        else:
            return pos


def _holds_letter(name: str) -> bool:
    if _ASCII_LETTER.search(name):
        return True
    return not name.isascii() and any(_tag_char(c) == 2 for c in name if not c.isascii())


def extract_hashtags(text: str, urls: list[Entity] | None = None) -> list[Entity]:
    """Hashtags as X finds them (twitter-text's extractHashtagsWithIndices): ``#`` or ``＃``
    after the start, an emoji variation selector or a character that is neither a hashtag
    character nor ``&``; the longest run of hashtag characters, holding a letter or mark;
    none when ``#`` or ``://`` follows it (``#http://…`` is a link, not a tag), none inside a link."""
    if "#" not in text and "＃" not in text:
        return []
    tags: list[Entity] = []
    scanned = 0  # like the reference's regex scan: a character used by one match is not a boundary for the next
    for pos in _positions(text, "#＃"):
        if pos < scanned:
            continue
        before = text[pos - 1] if pos else ""
        if pos and (pos - 1 < scanned or (before not in "\ufe0e\ufe0f" and (before == "&" or _tag_char(before)))):
            continue
        if text.startswith(("\ufe0f", "\u20e3"), pos + 1):  # a keycap or an emoji, not a tag
            continue
        end = _tag_end(text, pos + 1)
        if not _holds_letter(text[pos + 1 : end]):
            continue
        scanned = end
        if text.startswith(("#", "＃", "://"), end):
            continue
        tags.append(Entity("hashtag", text[pos + 1 : end], pos, end))
    if not tags:
        return tags
    urls = extract_urls(text) if urls is None else urls
    if not urls:
        return tags
    # Where a tag and a link overlap, the one that starts first stays (removeOverlappingEntities).
    kept: list[Entity] = []
    for entity in sorted([*tags, *urls], key=lambda e: e.start):
        if kept and kept[-1].end > entity.start:
            continue
        kept.append(entity)
    return [e for e in kept if e.kind == "hashtag"]


def _positions(text: str, signs: str) -> list[int]:
    """Every index of any of ``signs`` in ``text``, in order."""
    found = []
    for sign in signs:
        pos = text.find(sign)
        while pos != -1:
            found.append(pos)
            pos = text.find(sign, pos + 1)
    return sorted(found)


def _inside(pos: int, spans: list[Entity]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


@cache
def _mention_pattern() -> re.Pattern[str]:
    return re.compile(
        r"(?<![A-Za-z0-9_!#$%&*@＠.])[@＠]([A-Za-z0-9_]{1,30})"
        r"(?:@((?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,63})|((?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,63}))?"
    )


def extract_mentions(text: str, urls: list[Entity] | None = None) -> list[Entity]:
    if "@" not in text and "＠" not in text:
        return []
    urls = extract_urls(text) if urls is None else urls
    found = []
    for m in _mention_pattern().finditer(text):
        if urls and _inside(m.start(), urls):
            continue
        name, server, dotted = m[1], m[2], m[3]
        if dotted and dotted.rsplit(".", 1)[-1].lower() not in TLDS:
            # "@bob.Next" is a mention of bob followed by a sentence, not a handle.
            found.append(Entity("mention", name, m.start(), m.start(1) + len(name)))
            continue
        found.append(Entity("mention", name + (dotted or ""), m.start(), m.end(), server))
    return found
