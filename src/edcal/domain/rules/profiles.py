"""Rule profiles: the shipped data file merged with the user's overrides."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from edcal.domain.models import Severity
from edcal.domain.profile_names import default_name, shipped_tables
from edcal.domain.rules.counting import COUNTERS
from edcal.record import field, record

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

RULE_KINDS = frozenset(
    {
        "length",
        "bytes_max",
        "hashtags_max",
        "hashtags_advised",
        "links_max",
        "links_not_clickable",
        "media_required",
        "media_max",
        "alt_text_required",
        "title_required",
        "title_max",
        "forbidden_chars",
        "empty_without_media",
        "fold",  # advice, never a violation: where the feed hides the rest behind "…more" (Report.fold_at)
    }
)
PROFILE_KEYS = frozenset({"name", "counter", "based_on"})
ALIASES = {"twitter": "x", "ig": "instagram", "fb": "facebook", "yt": "youtube", "bsky": "bluesky"}


class ProfileError(ValueError):
    """A profile in the data file or the config is malformed."""


@record
class Profile:
    key: str
    name: str
    counter: str
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def limit(self) -> int | None:
        rule = self.rules.get("length")
        return None if rule is None else int(rule["value"])

    def rule(self, kind: str) -> Mapping[str, Any] | None:
        return self.rules.get(kind)


def _as_rule(key: str, kind: str, raw: Any) -> dict[str, Any]:
    if kind not in RULE_KINDS:
        known = ", ".join(sorted(RULE_KINDS))
        raise ProfileError(f"profile '{key}' has an unknown rule '{kind}' (known rules: {known})")
    if isinstance(raw, bool):
        return {"enabled": raw, "severity": "error"}
    if not isinstance(raw, dict):
        return {"value": raw}
    return dict(raw)


# The rules that hold counts, and where: a whole number from 0 to COUNT_MAX each.
_COUNTS = {"length": ("value",), "bytes_max": ("value",), "hashtags_max": ("value",), "hashtags_advised": ("value",),
           "links_max": ("value",), "title_max": ("value",), "fold": ("value", "lines"),
           "media_max": ("images", "videos", "documents", "total")}
COUNT_MAX = 1_000_000


def _check_values(key: str, kind: str, rule: Mapping[str, Any]) -> None:
    for name in _COUNTS.get(kind, ()):
        value = rule.get(name)
        if name not in rule and name != "value":
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= COUNT_MAX:
            where = f"{kind}" if name == "value" else f"{kind}.{name}"
            raise ProfileError(f"profile '{key}' rule '{where}' must be a whole number from 0 to {COUNT_MAX}, "
                               f"not {value!r}")
    if kind == "forbidden_chars" and not isinstance(rule.get("value"), str):
        raise ProfileError(f"profile '{key}' rule 'forbidden_chars' must be a string of characters, not {rule.get('value')!r}")


def _build(key: str, table: Mapping[str, Any], base: Profile | None) -> Profile:
    rules = {k: dict(v) for k, v in (base.rules.items() if base else ())}
    for kind, raw in table.items():
        if kind in PROFILE_KEYS:
            continue
        rule = rules.get(kind, {"severity": Severity.ERROR}) | _as_rule(key, kind, raw)
        if rule.get("severity", "error") not in tuple(Severity):
            raise ProfileError(f"profile '{key}' rule '{kind}': severity must be error or warning")
        rule["severity"] = Severity(rule.get("severity", "error"))
        _check_values(key, kind, rule)
        if rule.get("enabled", True):
            rules[kind] = rule
        else:
            rules.pop(kind, None)
    counter = table.get("counter", base.counter if base else "codepoints")
    if counter not in COUNTERS:
        raise ProfileError(f"profile '{key}' uses an unknown counter '{counter}' (known: {', '.join(COUNTERS)})")
    name = table.get("name", base.name if base else default_name(key))
    return Profile(key, str(name), counter, MappingProxyType(rules))


def _shipped() -> dict[str, Any]:
    return shipped_tables()


def load_profiles(overrides: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Profile]:
    """All profiles: the shipped ones, with ``overrides`` (config ``[profiles.KEY]``) applied.

    An override of a known key changes only the values it names (``length = 1000``); an
    unknown key is a custom platform, optionally ``based_on`` a shipped profile.
    """
    profiles = {key: _build(key, table, None) for key, table in _shipped().items()}
    for key, table in (overrides or {}).items():
        if not isinstance(table, Mapping):
            raise ProfileError(f"profile '{key}' must be a table of rules")
        base_key = table.get("based_on", key)
        base = profiles.get(base_key)
        if base_key != key and base is None:
            raise ProfileError(f"profile '{key}' is based on '{base_key}', which does not exist")
        profiles[key] = _build(key, table, base)
    return profiles


@cache
def default_profiles() -> Mapping[str, Profile]:
    return MappingProxyType(load_profiles())


def resolve(key: str, profiles: Mapping[str, Profile]) -> Profile:
    key = ALIASES.get(key.lower(), key.lower())
    try:
        return profiles[key]
    except KeyError:
        raise ProfileError(
            f"unknown platform '{key}'; known platforms: {', '.join(sorted(profiles))}"
        ) from None
