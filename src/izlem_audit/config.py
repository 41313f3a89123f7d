"""Configuration: ``izlem-audit.toml``, or ``[tool.izlem-audit]`` in a ``pyproject.toml``.

```toml
fail_on = "error"            # error | warning | info
lang = "tr"                  # tr | en

[thresholds]
outlier_rate = 200           # IZ104: a gösterge rate at or above this is an outlier
deviation = 0                # IZ508: points from 100 a year-end rate may deviate without an açıklama

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

[[suppress]]                 # by the finding's id, as the outputs print it
id = "IZ101-A1-H2-PG2-6ay"
reason = "..."

[[suppress]]                 # the printed codes work too: H1.2 = A1 H2, PG1.2.2 = A1 H2 PG2, "6. ay" = 6
rule = "IZ201"
hedef = "H1.2"
reason = "..."

[[suppress]]                 # every finding of a rule: only when said explicitly
rule = "IZ601"
all = true
reason = "Faaliyet numaraları programdaki gibi bırakıldı."
```

A suppression that matches no finding is reported (console, ``unused_suppressions`` in the JSON).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any

from .errors import UserError
from .rules.settings import DEFAULT_THRESHOLDS, PLACE_KEYS, Config, Suppression

__all__ = ["DEFAULT_THRESHOLDS", "Config", "Suppression", "find", "load", "normalise_place", "parse"]

FILE_NAMES = ("izlem-audit.toml", ".izlem-audit.toml")
TOP_KEYS = {"fail_on", "lang", "thresholds", "rules", "suppress"}
SUPPRESS_KEYS = {"rule", "id", "amac", "hedef", "performans_hedefi", "item", "period", "field", "all", "reason"}


_AMAC = re.compile(r"^(?:A|AMA[CÇ])?\s*\(?\s*A?(\d+)\s*\)?$", re.I)
_DOTTED = re.compile(r"^(H|PH|PG|F|A)\s*((?:\d+\s*\.\s*)*\d+)$", re.I)
_PERIOD = re.compile(r"^\s*(\d{1,2})\s*(?:\.\s*)?(?:ay(?:l[ıi]k)?|month)?\s*$", re.I)


def normalise_place(raw: dict[str, Any]) -> dict[str, Any]:
    """The place of a suppression in normalised codes, from printed or normalised ones: ``H1.2`` is amaç A1,
    hedef H2; ``PG1.2.2`` is A1 H2 PG2; ``PH1.2.1`` is A1 H2 PH1; ``6. ay`` is 6. Raises ValueError."""
    out: dict[str, Any] = {}

    def put(key: str, value: Any) -> None:
        if key in out and out[key] != value:
            raise ValueError(f"{key}: {out[key]} / {value}")
        out[key] = value

    if raw.get("amac") is not None:
        m = _AMAC.match(str(raw["amac"]).strip())
        if not m:
            raise ValueError(f"amac = {raw['amac']!r}")
        put("amac", f"A{int(m.group(1))}")
    for key, prefix in (("hedef", "H"), ("performans_hedefi", "PH"), ("item", None)):
        value = raw.get(key)
        if value is None:
            continue
        text = str(value).strip().replace(" ", "")
        m = _DOTTED.match(text)
        if not m:
            raise ValueError(f"{key} = {value!r}")
        kind = m.group(1).upper()
        if prefix is not None and kind != prefix:
            raise ValueError(f"{key} = {value!r}")
        nums = [int(n) for n in m.group(2).split(".")]
        if key == "hedef":
            if len(nums) >= 2:
                put("amac", f"A{nums[0]}")
            put("hedef", f"H{nums[-1]}")
        elif key == "performans_hedefi":
            if len(nums) >= 3:
                put("amac", f"A{nums[0]}")
                put("hedef", f"H{nums[1]}")
            put("performans_hedefi", f"PH{nums[-1]}")
        else:
            if kind not in ("PG", "F"):
                raise ValueError(f"item = {value!r}")
            if len(nums) >= 3:
                put("amac", f"A{nums[0]}")
                put("hedef", f"H{nums[1]}")
            put("item", f"{kind}{nums[-1]}")
    if raw.get("period") is not None:
        v = raw["period"]
        if isinstance(v, bool):
            raise ValueError(f"period = {v!r}")
        m = _PERIOD.match(str(v))
        if not m:
            raise ValueError(f"period = {v!r}")
        put("period", int(m.group(1)))
    if raw.get("field") is not None:
        put("field", str(raw["field"]))
    return out


def _bad(path: Path, detail: str) -> UserError:
    return UserError("bad_config", path=path, detail=detail)


def parse(data: dict[str, Any], path: Path) -> Config:
    from .catalog import REGISTRY

    unknown = set(data) - TOP_KEYS
    if unknown:
        raise _bad(path, f"bilinmeyen anahtar / unknown key: {sorted(unknown)[0]}")
    cfg = Config(path=path)
    if "fail_on" in data:
        from .messages import severity_value

        value = severity_value(str(data["fail_on"]))
        if value not in ("error", "warning", "info"):
            raise _bad(path, f"fail_on = {data['fail_on']!r}")
        cfg.fail_on = value
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
        if not isinstance(s, dict):
            raise _bad(path, f"suppress[{i}]")
        extra = set(s) - SUPPRESS_KEYS
        if extra:
            raise _bad(path, f"suppress[{i}].{sorted(extra)[0]}")
        fid = s.get("id")
        rule_id = s.get("rule")
        if fid is not None:
            fid = str(fid).strip()
            rule_id = rule_id or fid.split("-")[0].upper()
            if any(s.get(k) is not None for k in PLACE_KEYS) or s.get("all"):
                raise _bad(path, f"suppress[{i}]: id ile yer birlikte verilemez / give either id or a place")
        if rule_id not in REGISTRY:
            raise _bad(path, f"suppress[{i}].rule = {rule_id!r}")
        reason = str(s.get("reason") or "").strip()
        if not reason:
            raise _bad(path, f"suppress[{i}]: gerekçe (reason) zorunlu / a reason is required")
        try:
            place = normalise_place(s)
        except ValueError as e:
            raise _bad(path, f"suppress[{i}].{e}") from None
        every = s.get("all", False)
        if not isinstance(every, bool):
            raise _bad(path, f"suppress[{i}].all = {every!r}")
        if fid is None and not place and not every:
            raise _bad(path, f"suppress[{i}]: {rule_id} kuralının bütün bulgularını bastırmak için 'all = true' "
                             f"yazın, ya da id / yer verin / to suppress every finding of {rule_id} say "
                             f"'all = true', or give an id or a place")
        if every and place:
            raise _bad(path, f"suppress[{i}]: 'all = true' ile yer birlikte verilemez / 'all' with a place")
        cfg.suppressions.append(Suppression(rule_id, reason, id=fid, all=every, index=i, **place))
    return cfg


def load(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise _bad(path, str(e).split("\n")[0]) from None
    if path.name == "pyproject.toml":
        data = (data.get("tool") or {}).get("izlem-audit") or {}
    cfg = parse(data, path)
    cfg.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return cfg


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
