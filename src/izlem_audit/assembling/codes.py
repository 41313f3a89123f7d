"""Reading the codes and labels a report prints: ``Amaç (A1)``, ``H1.2``, ``PG1.2.3``, ``F4``, months."""

from __future__ import annotations

import re

from ..normalising.text import ascii_fold, squash

# "Amaç (A1)", "AMAÇ (A 1)", "Stratejik Amaç (A1)"
AMAC_LABEL = re.compile(r"^(?:stratejik\s+)?amac\s*\(?\s*a\s*(\d+)\s*\)?\s*:?$")
HEDEF_LABEL = re.compile(r"^hedef\s*\(?\s*h\s*(\d+)\s*\)?\s*:?$")
PH_LABEL = re.compile(r"^performans\s+hedefi\s*\(?\s*ph\s*(\d+)\s*\)?\s*:?$")
BIRIM_LABEL = re.compile(r"^sorumlu\s+(?:birim|birimler|mudurluk)\s*:?$")
PERF_LABEL = re.compile(r"^(?:hedef\s+)?performans(?:i)?\s*(?:\(\s*%\s*\)|%)?\s*:?$")
# the guide's layout: "A1", "H1.1", "H1.1 Performansı", "PH1.1.1"
GUIDE_AMAC = re.compile(r"^a\s*(\d+)\s*:?$")
GUIDE_HEDEF = re.compile(r"^h\s*(\d+)\s*\.\s*(\d+)\s*:?$")
GUIDE_PERF = re.compile(r"^h\s*(\d+)\s*\.\s*(\d+)\s+performansi\s*(?:\(\s*%\s*\)|%)?\s*:?$")
# a performans hedefi of the guide's layout: "PH1.1.2" (amaç 1, hedef 1, PH 2) or "PH1.2" (PH 2 of the hedef read)
GUIDE_PH = re.compile(r"^ph\s*(\d+)\s*\.\s*(\d+)(?:\s*\.\s*(\d+))?\s*:?$")
GUIDE_PH_PERF = re.compile(r"^ph\s*\d+(?:\s*\.\s*\d+){1,2}\s+performansi\s*(?:\(\s*%\s*\)|%)?\s*:?$")
NOTE_LABEL = re.compile(r"^aciklama(?:lar)?\s*:?$")

ITEM_CODE = re.compile(r"^\s*(PG|F|P|FA|FAAL)\s*((?:\d+\s*\.\s*)*\d+)\s*[:.)-]?\s*(.*)$", re.S | re.I)

_MONTHS = {
    "ocak": 1, "subat": 2, "mart": 3, "nisan": 4, "mayis": 5, "haziran": 6, "temmuz": 7, "agustos": 8,
    "eylul": 9, "ekim": 10, "kasim": 11, "aralik": 12,
}


def label_key(text: str) -> str:
    """Fold a label cell for the regexes above: ASCII, lower case, single spaces."""
    return squash(ascii_fold(text))


def item_code(text: str, prefix: str) -> tuple[str | None, str | None, str]:
    """Split a printed item code: ``PG1.2.3`` -> (``PG3``, ``PG1.2.3``, rest). ``prefix`` is PG or F.

    The normalised code is the number within the hedef: the last component of a dotted code.
    Returns (None, None, text) when the text does not start with a code of that kind.
    """
    m = ITEM_CODE.match(text or "")
    if not m:
        return None, None, text
    kind = m.group(1).upper()
    if (prefix == "PG") != (kind == "PG"):
        return None, None, text
    numbers = re.sub(r"\s+", "", m.group(2))
    printed = f"{kind}{numbers}"
    last = numbers.split(".")[-1]
    return f"{prefix}{int(last)}", printed, squash(m.group(3))


def month_of(token: str) -> int | None:
    """A reporting month: ``3``, ``6.``, ``Mart``, ``Haziran``, ``3. Ay``."""
    t = label_key(token).rstrip(".")
    t = re.sub(r"\s*\.?\s*ay$", "", t)
    if t.isdigit() and 1 <= int(t) <= 12:
        return int(t)
    return _MONTHS.get(t)


def period_months_from_title(text: str) -> int | None:
    """The monitoring period a report covers, from its title: ``6 Aylık`` -> 6, ``Yıllık`` -> 12."""
    t = label_key(text)
    m = re.search(r"\b(3|6|9|12)\s*aylik\b", t)
    if m:
        return int(m.group(1))
    if re.search(r"\b(?:yillik|yil\s*sonu|yilsonu)\s+(?:izleme|degerlendirme|performans)", t):
        return 12
    if re.search(r"\b(?:birinci|ilk)\s+alti\s+ay", t):
        return 6
    return None


def year_from_title(text: str) -> int | None:
    """The year a report's title line names: ``2025 YILI PERFORMANS PROGRAMI 6 AYLIK İZLEME RAPORU`` -> 2025;
    None for a line that names no report (a year in running text is not the report's)."""
    t = label_key(text)
    if not re.search(r"izleme|performans\s+program|faaliyet\s+rapor", t):
        return None
    m = re.search(r"\b(20\d\d)\s*(?:yili|yilina)\b", t)
    return int(m.group(1)) if m else None
