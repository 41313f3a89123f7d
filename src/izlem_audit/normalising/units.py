"""Units of measure, read from the parentheses at the end of a gösterge name.

``Yapılan anket sayısı (adet)`` has the unit ``adet``. Spellings vary (``(Sayı)``, ``(m ²)``, ``(Kişi)``,
``(Saat)``); each maps to a canonical name. An unknown unit is kept as printed and marked unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import ascii_fold, squash

__all__ = ["Unit", "split_unit", "normalise_unit", "CANONICAL_UNITS", "COUNT_LIKE"]


@dataclass(frozen=True)
class Unit:
    canonical: str | None  # None when no unit is printed
    raw: str | None
    known: bool

    @property
    def name(self) -> str | None:
        return self.canonical if self.known else self.raw


# canonical -> (kind, spellings folded to ASCII without spaces)
_TABLE: dict[str, tuple[str, tuple[str, ...]]] = {
    "sayı": ("count", ("sayi", "sayisi", "say", "number", "no", "nr")),
    "adet": ("count", ("adet", "adedi", "ad")),
    "kişi": ("count", ("kisi", "kisisayisi", "person", "people")),
    "hane": ("count", ("hane",)),
    "ton": ("mass", ("ton", "t")),
    "kg": ("mass", ("kg", "kilogram")),
    "lt": ("volume", ("lt", "l", "litre", "liter")),
    "m³": ("volume", ("m3", "metrekup")),
    "m²": ("area", ("m2", "metrekare")),
    "m": ("length", ("m", "metre", "mt")),
    "km": ("length", ("km", "kilometre")),
    "daa": ("area", ("daa", "dekar", "donum")),
    "ha": ("area", ("ha", "hektar")),
    "saat": ("duration", ("saat", "sa", "hour", "hours")),
    "gün": ("duration", ("gun", "gunsayisi", "day", "days")),
    "ay": ("duration", ("ay",)),
    "yıl": ("duration", ("yil",)),
    "seans": ("count", ("seans",)),
    "%": ("percent", ("%", "yuzde", "oran", "yuzdeoran", "percent")),
    "TL": ("money", ("tl", "try", "lira")),
    "MW": ("power", ("mw", "megawatt")),
    "kW": ("power", ("kw", "kilowatt")),
    "kWh": ("energy", ("kwh",)),
    "MWh": ("energy", ("mwh",)),
}

CANONICAL_UNITS: dict[str, str] = {name: kind for name, (kind, _) in _TABLE.items()}
_LOOKUP: dict[str, str] = {}
for _name, (_kind, _spellings) in _TABLE.items():
    for _s in _spellings:
        _LOOKUP[_s] = _name

# Units whose values accumulate over the year: a later period's actual is a running total.
COUNT_LIKE = frozenset(
    name for name, kind in CANONICAL_UNITS.items() if kind in {"count", "mass", "volume", "area", "length", "duration", "energy"}
)

_SUPERSCRIPTS = str.maketrans({"²": "2", "³": "3"})
_TRAILING = re.compile(r"\(([^()]{1,40})\)\s*$")


def normalise_unit(raw: str | None) -> Unit:
    """Map a printed unit (``Sayı``, ``m ²``, ``KİŞİ``) to its canonical name."""
    if raw is None or not squash(raw):
        return Unit(None, None, True)
    raw = squash(raw)
    key = ascii_fold(raw).translate(_SUPERSCRIPTS)
    key = re.sub(r"[\s.]+", "", key)
    if key in _LOOKUP:
        return Unit(_LOOKUP[key], raw, True)
    return Unit(None, raw, False)


def split_unit(name: str) -> tuple[str, Unit]:
    """Split ``Yapılan anket (adet)`` into (``Yapılan anket``, Unit('adet')).

    Only a short parenthesised group at the very end counts as the unit. When that group is not a known unit
    and looks like ordinary words (for example ``(panel, seminer, çalıştay, vb.)``), the name is returned whole
    with no unit; a short unknown group is kept and marked unknown.
    """
    name = squash(name)
    m = _TRAILING.search(name)
    if not m:
        return name, Unit(None, None, True)
    unit = normalise_unit(m.group(1))
    if not unit.known and (len(m.group(1)) > 12 or "," in m.group(1)):
        return name, Unit(None, None, True)
    return squash(name[: m.start()]), unit
