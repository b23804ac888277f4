"""A post's rule report as a value, apart from the engine that computes it.

The report of a post's last check is kept with the post (``Post.checked``, written where the
post is saved), so that reading commands (``list``, ``show``) print rule marks without loading
the rules engine. A kept report holds a stamp of what it was computed with: the shipped rule
profiles, the rules' code, the config's profile overrides and the post's profile. When any of
these differ from now, the kept report is not used and the post is checked afresh.
"""

from __future__ import annotations

import json
from pathlib import Path

from edcal.digest import digest
from edcal.domain.models import Severity
from edcal.errors import EdcalError
from edcal.record import field, record

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

RULES = Path(__file__).with_name("rules")


@record(slots=True)
class Violation:
    code: str
    severity: Severity
    message: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "start": self.start, "end": self.end}


@record
class Report:
    platform: str
    counter: str
    length: int
    limit: int | None
    hashtags: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    fold_at: int | None = None  # where the feed hides the rest behind "…more" (None: all of it shows)

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else self.limit - self.length

    @property
    def ok(self) -> bool:
        """True when no violation is an error, so the post may be scheduled."""
        return not any(v.severity is Severity.ERROR for v in self.violations)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity is Severity.WARNING]

    def to_dict(self) -> dict[str, Any]:
        return {
            "platform": self.platform, "counter": self.counter, "length": self.length,
            "limit": self.limit, "remaining": self.remaining, "ok": self.ok,
            "hashtags": self.hashtags, "mentions": self.mentions, "urls": self.urls,
            "violations": [v.to_dict() for v in self.violations], "fold_at": self.fold_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """The report ``to_dict`` gave (its derived keys, ``remaining`` and ``ok``, left aside)."""
        return cls(data["platform"], data["counter"], data["length"], data["limit"], list(data["hashtags"]),
                   list(data["mentions"]), list(data["urls"]),
                   [Violation(v["code"], Severity(v["severity"]), v["message"], v["start"], v["end"])
                    for v in data["violations"]], data["fold_at"])


class RuleError(EdcalError):
    """A post breaks its platform's rules and cannot be scheduled."""

    def __init__(self, report: Report, platform_name: str):
        self.report = report
        reasons = "; ".join(v.message for v in report.errors)
        super().__init__(f"cannot schedule this {platform_name} post: {reasons}")


_CODE_STAMP: str | None = None


def rules_stamp(overrides: dict[str, Any], profile: str) -> str:
    """What a report of a post on ``profile`` depends on besides the post: the rules' code and
    shipped profiles, and the config's profile overrides."""
    global _CODE_STAMP
    if _CODE_STAMP is None:  # their bytes (0.5 ms), not their times: a reinstall keeps the kept reports
        code = b"".join(path.name.encode() + b"\0" + path.read_bytes()
                        for path in sorted(p for p in RULES.iterdir() if p.suffix in (".py", ".toml")))
        _CODE_STAMP = digest(code)
    return f"{_CODE_STAMP}:{digest(json.dumps(overrides, sort_keys=True, default=str).encode())}:{profile}"


def keep(report: Report, stamp: str) -> str:
    """The report as the post keeps it."""
    return json.dumps({"stamp": stamp, "report": report.to_dict()}, ensure_ascii=False, separators=(",", ":"))


def kept(text: str | None, stamp: str) -> Report | None:
    """The kept report, if it was computed with ``stamp``; None when there is none or it is stale."""
    if not text:
        return None
    try:
        data = json.loads(text)
        return Report.from_dict(data["report"]) if data.get("stamp") == stamp else None
    except (ValueError, KeyError, TypeError):  # an older or damaged value: check afresh
        return None
