"""Textual parses every stylesheet at each start: its widgets' default CSS and edcal's
app.tcss, about 10 ms on the way to the first frame. The rules parsed are kept in the user's
cache folder and handed to Textual's own parse cache at the next start.

They are kept under a fingerprint of what parsing them depended on: Textual's CSS parser (its
files' sizes and times), Python's version and the theme's variables. Within that, each list of
rules is found under its CSS text, as in Textual's cache: a stylesheet that changed is parsed
afresh, then kept again. The file is a pickle in the user's own cache folder, read only by
edcal; one that cannot be read costs the parse, nothing else."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from edcal.config import cache_dir, keep_cached
from edcal.digest import digest

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet

KIND = "css"
PARSER = ("css/parse.py", "css/tokenize.py", "css/tokenizer.py", "css/model.py", "css/styles.py",
          "css/_styles_builder.py")


def _path(stylesheet: Stylesheet) -> Path:
    import textual

    package = Path(textual.__file__).parent
    parts = [repr(sorted(stylesheet._variables.items()))]
    for name in PARSER:
        found = (package / name).stat()
        parts.append(f"{name} {found.st_size} {found.st_mtime_ns}")
    fingerprint = digest("\n".join(parts).encode())
    return cache_dir() / f"{KIND}-{fingerprint}-{sys.implementation.cache_tag}.pickle"


def seed(stylesheet: Stylesheet) -> frozenset[tuple]:
    """Give ``stylesheet`` the rules kept for it; returns what was given (for ``keep``)."""
    try:
        kept = pickle.loads(_path(stylesheet).read_bytes())
        for key, rules in kept.items():
            stylesheet._parse_cache[key] = rules
        return frozenset(kept)
    except Exception:  # none kept yet, or a file this Textual cannot take: parsed as usual
        return frozenset()


def keep(stylesheet: Stylesheet, seeded: frozenset[tuple]) -> None:
    """Keep the rules of ``stylesheet``'s sources as they are now, when it parsed any that were
    not ``seeded`` (those of a stylesheet since changed are left out then)."""
    sources = {(source.content, read_from) for read_from, source in stylesheet.source.items()}
    cache = stylesheet._parse_cache
    parsed = {key: cache.get(key) for key in cache.keys() if key[:2] in sources}  # (css, read_from, ...)
    if parsed.keys() <= seeded:
        return
    keep_cached(_path(stylesheet), pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL), KIND)
