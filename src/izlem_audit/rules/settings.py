"""What a run of the rules is told by the configuration: thresholds, rules disabled, severities changed, and
the suppressions (each one matched against the findings). ``config.py`` reads them from the TOML file; the
rules read them from here, so the rules never import the file reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_THRESHOLDS = {"outlier_rate": 200.0, "deviation": 0.0}
PLACE_KEYS = ("amac", "hedef", "performans_hedefi", "item", "period", "field")


@dataclass
class Suppression:
    rule: str | None
    reason: str
    amac: str | None = None
    hedef: str | None = None
    performans_hedefi: str | None = None
    item: str | None = None
    period: int | None = None
    field: str | None = None
    id: str | None = None
    all: bool = False  # every finding of the rule, said explicitly
    index: int = 0  # its place in the file (suppress[i]), for the report of unused suppressions
    used: int = 0  # how many findings it matched in the last run

    def matches(self, f) -> bool:
        if self.id is not None:
            return (f.id or "").casefold() == self.id.casefold()
        if f.rule != self.rule:
            return False
        for key in PLACE_KEYS:
            want = getattr(self, key)
            if want is not None and (getattr(f, key) or None) != want:
                return False
        return True

    def describe(self) -> dict[str, Any]:
        d: dict[str, Any] = {"index": self.index, "rule": self.rule, "id": self.id, "reason": self.reason}
        d.update({k: getattr(self, k) for k in PLACE_KEYS if getattr(self, k) is not None})
        if self.all:
            d["all"] = True
        return d


@dataclass
class Config:
    fail_on: str = "error"
    lang: str = "tr"
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    disabled: set[str] = field(default_factory=set)
    severities: dict[str, str] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)
    path: Path | None = None
    sha256: str | None = None

    def record(self) -> dict[str, str] | None:
        """What the outputs record of the configuration used: its path and sha256, or None."""
        if self.path is None:
            return None
        return {"path": str(self.path), "sha256": self.sha256 or ""}

    def suppress(self, findings: list) -> None:
        """Every suppression matched against every finding (``check`` and ``compare`` alike): a finding it matches
        is suppressed with the reason of the first that does, and each counts its matches (``used``: an unused
        one is reported)."""
        for s in self.suppressions:
            s.used = 0
        for f in findings:
            for s in self.suppressions:
                if s.matches(f):
                    s.used += 1
                    if not f.suppressed:
                        f.suppressed, f.suppression_reason = True, s.reason

    def unused_suppressions(self) -> list[dict[str, Any]]:
        return [s.describe() for s in self.suppressions if not s.used]
