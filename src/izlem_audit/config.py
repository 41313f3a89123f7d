"""Configuration: ``izlem-audit.toml``, or ``[tool.izlem-audit]`` in a ``pyproject.toml``.

```toml
fail_on = "error"            # error | warning | info
lang = "tr"                  # tr | en

[thresholds]
outlier_rate = 200           # IZ104: a gösterge rate at or above this is an outlier

[rules]
disable = ["IZ505"]          # rules not run
[rules.severity]
IZ104 = "error"              # a rule's severity changed

[[suppress]]                 # one finding explained; it stays in the report, marked suppressed
rule = "IZ104"
amac = "A1"
hedef = "H1"
item = "PG3"                 # optional: performans_hedefi, item, period narrow the match
period = 6
reason = "Hedef 2024 programında 1 anket olarak kabul edildi; meclis toplantısı 12 tutanağı."
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UserError

FILE_NAMES = ("izlem-audit.toml", ".izlem-audit.toml")
DEFAULT_THRESHOLDS = {"outlier_rate": 200.0}
TOP_KEYS = {"fail_on", "lang", "thresholds", "rules", "suppress"}
SUPPRESS_KEYS = {"rule", "amac", "hedef", "performans_hedefi", "item", "period", "reason"}


@dataclass
class Suppression:
    rule: str
    reason: str
    amac: str | None = None
    hedef: str | None = None
    performans_hedefi: str | None = None
    item: str | None = None
    period: int | None = None

    def matches(self, f) -> bool:
        if f.rule != self.rule:
            return False
        for key in ("amac", "hedef", "performans_hedefi", "item", "period"):
            want = getattr(self, key)
            if want is not None and getattr(f, key) != want:
                return False
        return True


@dataclass
class Config:
    fail_on: str = "error"
    lang: str = "tr"
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    disabled: set[str] = field(default_factory=set)
    severities: dict[str, str] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)
    path: Path | None = None


def _bad(path: Path, detail: str) -> UserError:
    return UserError("bad_config", path=path, detail=detail)


def parse(data: dict[str, Any], path: Path) -> Config:
    from .rules.registry import REGISTRY

    unknown = set(data) - TOP_KEYS
    if unknown:
        raise _bad(path, f"bilinmeyen anahtar / unknown key: {sorted(unknown)[0]}")
    cfg = Config(path=path)
    if "fail_on" in data:
        if data["fail_on"] not in ("error", "warning", "info"):
            raise _bad(path, f"fail_on = {data['fail_on']!r}")
        cfg.fail_on = data["fail_on"]
    if "lang" in data:
        if data["lang"] not in ("tr", "en"):
            raise _bad(path, f"lang = {data['lang']!r}")
        cfg.lang = data["lang"]
    for k, v in (data.get("thresholds") or {}).items():
        if k not in DEFAULT_THRESHOLDS or not isinstance(v, (int, float)):
            raise _bad(path, f"thresholds.{k}")
        cfg.thresholds[k] = float(v)
    rules = data.get("rules") or {}
    for k in rules:
        if k not in ("disable", "severity"):
            raise _bad(path, f"rules.{k}")
    for rid in rules.get("disable", []):
        if rid not in REGISTRY:
            raise _bad(path, f"rules.disable: {rid}")
        cfg.disabled.add(rid)
    for rid, sev in (rules.get("severity") or {}).items():
        if rid not in REGISTRY or sev not in ("error", "warning", "info"):
            raise _bad(path, f"rules.severity.{rid} = {sev!r}")
        cfg.severities[rid] = sev
    for i, s in enumerate(data.get("suppress") or []):
        extra = set(s) - SUPPRESS_KEYS
        if extra:
            raise _bad(path, f"suppress[{i}].{sorted(extra)[0]}")
        if s.get("rule") not in REGISTRY:
            raise _bad(path, f"suppress[{i}].rule = {s.get('rule')!r}")
        reason = str(s.get("reason") or "").strip()
        if not reason:
            raise _bad(path, f"suppress[{i}]: gerekçe (reason) zorunlu / a reason is required")
        cfg.suppressions.append(Suppression(s["rule"], reason, s.get("amac"), s.get("hedef"),
                                            s.get("performans_hedefi"), s.get("item"), s.get("period")))
    return cfg


def load(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise _bad(path, str(e).split("\n")[0]) from None
    if path.name == "pyproject.toml":
        data = (data.get("tool") or {}).get("izlem-audit") or {}
    return parse(data, path)


def find(start_dirs: list[Path]) -> Path | None:
    """The nearest izlem-audit.toml (or pyproject.toml with [tool.izlem-audit]) above any of the folders."""
    for start in start_dirs:
        for d in [start, *start.parents]:
            for name in FILE_NAMES:
                if (d / name).is_file():
                    return d / name
            pp = d / "pyproject.toml"
            if pp.is_file():
                try:
                    if "izlem-audit" in (tomllib.loads(pp.read_text(encoding="utf-8")).get("tool") or {}):
                        return pp
                except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                    pass
    return None
