"""Period labels: what a printed period names, in one place for every layout.

A monitoring report names its periods in many ways — a month number in an ``Ay`` / ``Dönem`` column (``3``,
``6. Ay``), month names and ranges (``Ocak-Mart``, ``Ocak – Haziran``, ``NİSAN-HAZİRAN``), quarters (``I. Çeyrek``,
``2. Üç Aylık``, ``Q3``), half-years (``1. Altı Ay``, ``İkinci Altı Aylık``), spans from the year's start
(``6 Aylık``, ``Haziran Sonu``, ``Yıl Sonu``, ``12 Aylık``, ``Ocak-Haziran Kümülatif``) and ordinals of a
``Dönem``. ``parse_period`` turns one label into a ``PeriodLabel``: the first and last month, whether the value
under it is cumulative (from January) or the period's own, and how sure the reading is; ``resolve_periods``
reads the labels of one table (or one gösterge's sub-rows) together, which settles ``I. Dönem`` / ``II. Dönem``
(a quarter or a half-year) by the report's period. Whatever cannot be read for sure is None: the caller reports
a reading problem (``period_label_unknown``), it never guesses and never drops the row.

Folding: Turkish-aware (``İ``/``ı``, ``OCAK-HAZİRAN``), every dash (``-`` ``–`` ``—`` ``−`` ``‐``) and extra spaces
are one; a year printed with the period (``Ocak-Mart 2024``, ``2025 Yılı 6 Aylık``) is kept in ``year`` for the
caller to compare with the report's. ``vocabulary_markdown`` is the list of accepted forms that
``docs/period-vocabulary.md`` shows (generated; a test keeps them equal).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .text import ascii_fold, squash

__all__ = ["PeriodLabel", "parse_period", "resolve_periods", "period_end", "MONTHS", "vocabulary_markdown"]

CUMULATIVE = "cumulative"  # the running value since January: Ocak-Haziran, 6 Aylık, Haziran Sonu, Yıl Sonu
WITHIN = "within"  # the period's own: Nisan-Haziran, II. Çeyrek, 2. Altı Ay
END = "end"  # only the month the period ends in is printed (3, 6. Ay, Haziran): the table's convention decides

MONTHS = {"ocak": 1, "subat": 2, "mart": 3, "nisan": 4, "mayis": 5, "haziran": 6, "temmuz": 7, "agustos": 8,
          "eylul": 9, "ekim": 10, "kasim": 11, "aralik": 12}
_MONTH_NAMES = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
                "Kasım", "Aralık")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_WORDS = {"birinci": 1, "ilk": 1, "ikinci": 2, "ucuncu": 3, "dorduncu": 4, "son": 0}


@dataclass(frozen=True)
class PeriodLabel:
    """What a period label names. ``start``..``end`` are months (1-12, both included); ``basis`` is
    ``cumulative`` (from January), ``within`` (the period's own) or ``end`` (only the end month is printed);
    ``confidence`` is 1.0 when the label says it all, lower when the table's other labels or the report's
    period decided (``I. Dönem`` read as a quarter); ``year`` the year printed with it, if any."""

    start: int
    end: int
    basis: str
    confidence: float = 1.0
    year: int | None = None
    # a label that is a quarter or a half-year by context only (``I. Dönem``, ``II. Dönem``): its other reading
    alternative: tuple[int, int] | None = None
    # the label spells its months out (``Nisan-Haziran``, ``II. Dönem (Nisan-Haziran)``), not only an ordinal
    spelled: bool = False

    @property
    def cumulative(self) -> bool:
        """The value under it runs from January (a span from Ocak, or the first period of the year)."""
        return self.start == 1 and self.basis != END


# dashes of every kind, the ones PDFs and Word print between two month names
_DASHES = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]+\s*")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)(?:\s*yili)?")
_FILLER = re.compile(r"\b(?:donemi|ayi|aylari|arasi|itibariyla|itibari ile|gerceklesme(?:si)?|gerceklesen|"
                     r"degeri|degerleri|sonuc|izleme)\b")
_CUM_WORDS = re.compile(r"\b(?:kumulatif|birikimli|yil basindan itibaren|toplam)\b")
_MONTH_ALT = "|".join(MONTHS)
_RANGE = re.compile(rf"^({_MONTH_ALT})\s*(?:-|ile|/)\s*({_MONTH_ALT})$")
_ORD = r"(?:(\d{1,2})\s*\.?|(i{1,3}|iv)\s*\.?|(birinci|ilk|ikinci|ucuncu|dorduncu|son))"
_QUARTER = re.compile(rf"^{_ORD}\s*(?:ceyrek|uc\s*ay(?:lik)?|3\s*ay(?:lik)?\s*donem)$")
_Q = re.compile(r"^(?:q\s*([1-4])|([1-4])\s*q)$")
_HALF = re.compile(rf"^{_ORD}\s*(?:alti\s*ay(?:lik)?|6\s*ay(?:lik)?\s*donem|yariyil|yari\s*yil)$")
_H = re.compile(r"^h\s*([12])$")
_DONEM = re.compile(rf"^{_ORD}\s*donem$")
_SPAN = re.compile(r"^(\d{1,2})\s*(?:ay(?:lik)?)(?:\s*donem)?$")  # "6 Aylık", "6 Ay": six months from January
_MONTH_N = re.compile(r"^(\d{1,2})\s*(?:\.\s*ay)?\s*\.?$|^(\d{1,2})\s*\.\s*ay$")  # "6", "6.", "6. Ay"
_END_OF = re.compile(rf"^({_MONTH_ALT})\s*(?:sonu|ayi\s*sonu)$")
_YEAR_END = re.compile(r"^(?:yil\s*sonu|yilsonu|yillik|yil\s*geneli|tum\s*yil)$")
_BRACKET = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def _key(text: str) -> str:
    t = ascii_fold(text or "")
    t = _DASHES.sub("-", t)
    t = t.replace("’", "'")
    return squash(t)


def _ordinal(m: re.Match[str]) -> int | None:
    digit, roman, word = m.group(1), m.group(2), m.group(3)
    if digit:
        return int(digit)
    if roman:
        return _ROMAN[roman]
    return _WORDS[word] or None  # "son" (the last) depends on the period count: not read


def _core(t: str, cumulative_word: bool) -> PeriodLabel | None:
    """One folded label without year or bracket."""
    t = squash(_FILLER.sub(" ", t)).strip(" .:")
    if not t:
        return None
    if m := _RANGE.match(t):
        a, b = MONTHS[m.group(1)], MONTHS[m.group(2)]
        if a >= b:
            return None  # "Ekim-Mart", "Mart-Mart": no period of one year
        if a > 1 and cumulative_word:
            return None  # "Nisan-Haziran kümülatif": a running value does not start in April
        return PeriodLabel(a, b, CUMULATIVE if a == 1 else WITHIN, spelled=True)
    if m := _END_OF.match(t):
        return PeriodLabel(1, MONTHS[m.group(1)], CUMULATIVE)
    if _YEAR_END.match(t):
        return PeriodLabel(1, 12, CUMULATIVE)
    if m := _SPAN.match(t):
        n = int(m.group(1))
        return PeriodLabel(1, n, CUMULATIVE) if 1 <= n <= 12 else None
    if m := _Q.match(t):
        q = int(m.group(1) or m.group(2))
        return _quarter(q, cumulative_word)
    if m := _QUARTER.match(t):
        q = _ordinal(m)
        return _quarter(q, cumulative_word) if q else None
    if m := _H.match(t):
        return _half(int(m.group(1)), cumulative_word)
    if m := _HALF.match(t):
        h = _ordinal(m)
        return _half(h, cumulative_word) if h else None
    if m := _DONEM.match(t):
        n = _ordinal(m)
        if n in (3, 4):  # a third or fourth period of a year of quarters
            return None if cumulative_word else PeriodLabel(3 * n - 2, 3 * n, WITHIN, 0.9)
        if n in (1, 2):  # a quarter or a half-year: the other labels or the report's period decide
            if cumulative_word and n == 2:
                return None
            return PeriodLabel(3 * n - 2, 3 * n, WITHIN, 0.5, alternative=(6 * n - 5, 6 * n))
        return None
    if m := _MONTH_N.match(t):
        n = int(m.group(1) or m.group(2))
        return PeriodLabel(n, n, END) if 1 <= n <= 12 else None
    if t in MONTHS:
        return PeriodLabel(MONTHS[t], MONTHS[t], END)
    return None


def _quarter(q: int | None, cumulative_word: bool) -> PeriodLabel | None:
    if q is None or not 1 <= q <= 4 or (cumulative_word and q > 1):
        return None
    return PeriodLabel(3 * q - 2, 3 * q, WITHIN)


def _half(h: int | None, cumulative_word: bool) -> PeriodLabel | None:
    if h is None or not 1 <= h <= 2 or (cumulative_word and h > 1):
        return None
    return PeriodLabel(6 * h - 5, 6 * h, WITHIN)


def _with_bracket(t: str, cum: bool) -> PeriodLabel | None:
    """A folded label, with its range in brackets if it has one (``I. Dönem (Ocak-Mart)``)."""
    m = _BRACKET.match(t)
    if m and m.group(1):
        outer, inner = _core(m.group(1), cum), _core(m.group(2), cum)
        if outer is None or inner is None:
            return None
        readings = [(outer.start, outer.end)] + ([outer.alternative] if outer.alternative else [])
        if inner.basis == END:  # "6. Dönem (Haziran)": the bracket names the end month only
            fits = [r for r in readings if r[1] == inner.end]
            if len(fits) != 1:
                return None
            label = PeriodLabel(fits[0][0], fits[0][1], outer.basis)
        else:  # the bracket's months decide, when an outer reading ends with them (or is the same span)
            same = [r for r in readings if r == (inner.start, inner.end)]
            # a cumulative bracket under an ordinal ("II. Dönem (Ocak-Haziran)"); two month ranges must be one
            ranged = _RANGE.match(squash(_FILLER.sub(" ", m.group(1))).strip(" .:"))
            ends = [r for r in readings if r[1] == inner.end] if inner.start == 1 and not ranged else []
            if len(same or ends) != 1:
                return None
            label = inner
    else:
        if m and not m.group(1):  # "(Ocak-Mart)" alone
            t = m.group(2)
        label = _core(t, cum)
    return label


@lru_cache(maxsize=2048)
def parse_period(text: str) -> PeriodLabel | None:
    """A printed period label → ``PeriodLabel``, or None when it names no period or could name two.

    ``I. Dönem`` / ``II. Dönem`` come back with confidence 0.5 and their other reading in ``alternative``:
    read them through ``resolve_periods`` (or treat them as unknown). A label with a range in brackets
    (``I. Dönem (Ocak-Mart)``, ``2. Çeyrek (Nisan-Haziran)``) is read when both parts agree, and is None when
    they do not."""
    t = _key(text)
    if not t or len(t) > 60:
        return None
    years = {int(y) for y in _YEAR.findall(t)}
    if len(years) > 1:
        return None
    year = next(iter(years), None)
    t = squash(_YEAR.sub(" ", t))
    cum = bool(_CUM_WORDS.search(t))
    t = squash(_CUM_WORDS.sub(" ", t)).strip(" ,;")
    t = re.sub(r"\(\s*\)", "", squash(_FILLER.sub(" ", t))).strip()
    label = _with_bracket(t, cum)
    if label is None and re.search(r"[a-z] [a-z]", t):  # a word broken inside a narrow cell: "Hazir" / "an"
        label = _with_bracket(re.sub(r"(?<=[a-z]) (?=[a-z])", "", t), cum)
    if label is None:
        return None
    if cum and label.basis == END:
        label = PeriodLabel(1, label.end, CUMULATIVE, label.confidence)  # "6. Ay kümülatif": from January
    return replace(label, year=year) if year is not None else label


def resolve_periods(labels: Sequence[str], report_months: int | None = None) -> list[PeriodLabel | None]:
    """The labels of one table (or one gösterge's sub-rows), read together.

    ``I. Dönem`` / ``II. Dönem`` are quarters when another label is a quarter (``III. Dönem``, ``2. Çeyrek``,
    ``Nisan-Haziran``) and half-years when another is a half-year (``2. Altı Ay``, ``Temmuz-Aralık``); failing
    that, the reading under which the last period ends in the report's month (``report_months``: 6 for a
    6-month report) is taken, with confidence 0.8; with no such sign they stay None."""
    parsed = [parse_period(t) for t in labels]
    ambiguous = [i for i, p in enumerate(parsed) if p is not None and p.alternative is not None]
    if not ambiguous:
        return parsed
    sure = [p for p in parsed if p is not None and p.alternative is None and p.basis == WITHIN]
    quarters = any(p.end - p.start == 2 for p in sure)
    halves = any(p.end - p.start == 5 for p in sure)
    choice: str | None = None
    if quarters != halves:
        choice = "quarter" if quarters else "half"
    elif not quarters and report_months is not None:
        q_last = max(p.end for p in parsed if p is not None)
        h_last = max((p.alternative[1] if p.alternative else p.end) for p in parsed if p is not None)
        fits = [name for name, last in (("quarter", q_last), ("half", h_last)) if last == report_months]
        choice = fits[0] if len(fits) == 1 else None
    out = list(parsed)
    for i in ambiguous:
        p = parsed[i]
        assert p is not None and p.alternative is not None
        if choice == "quarter":
            out[i] = replace(p, confidence=0.8, alternative=None)
        elif choice == "half":
            out[i] = PeriodLabel(p.alternative[0], p.alternative[1], WITHIN, 0.8, p.year)
        else:
            out[i] = None
    return out


# words that make a header label a field's (the value reached, the target, the rate), whatever period it names
_FIELD_WORDS = re.compile(r"\b(?:degeri?|degerleri|sonuc\w*|gerceklesen|izleme\w*|hedef\w*|oran\w*|performans\w*|"
                          r"etki\w*|tahmin\w*|butce\w*)\b")


def period_end(text: str) -> int | None:
    """The month a period column's label ends in, for a header (``3 Aylık``, ``I. Dönem``, ``Ocak-Mart`` → 3): a
    quarter's end only (3, 6, 9, 12), the quarter reading of ``I./II. Dönem`` (the quarter-columns layout reads
    the whole header again with ``resolve_periods``); a bare month number or name is no period column."""
    t = _key(text)
    if _FIELD_WORDS.search(t) or ("gerceklesme" in t and not re.fullmatch(r"\d{1,2}\s*aylik\s+gerceklesme", t)):
        return None  # "Yıl Sonu Gerçekleşme Değeri", "2025 Yılı Hedefi": a field's label, no period column
    p = parse_period(text)
    if p is None or p.basis == END or p.end not in (3, 6, 9, 12):
        return None
    return p.end


# ---------------------------------------------------------------------------------------------------- docs
_FORMS: tuple[tuple[str, str, str], ...] = (
    ("month number (the table's `Ay`/`Dönem` column)", "`3` · `6.` · `6. Ay` · two in one cell `3` / `6`",
     "6–6, `end` (the table's convention: in the reference, the value at the month's end)"),
    ("month name", "`Haziran` · `HAZİRAN` · `Haziran Ayı`", "6–6, `end`"),
    ("range from January", "`Ocak-Haziran` · `Ocak – Haziran` · `OCAK-HAZİRAN` · `Ocak ile Haziran` · "
     "`(Ocak-Haziran)` · `Ocak-Haziran Dönemi`", "1–6, `cumulative`"),
    ("range within the year", "`Nisan-Haziran` · `Temmuz–Eylül` · `Nisan - Haziran Dönemi`", "4–6, `within`"),
    ("cumulative said in words", "`Ocak-Haziran Kümülatif` · `Ocak-Haziran (Kümülatif)` · `6. Ay Kümülatif` · "
     "`Birikimli`, `Toplam`, `Yıl Başından İtibaren`", "1–6, `cumulative`"),
    ("span from January", "`6 Aylık` · `6 Ay` · `6 Aylık Gerçekleşme` · `Haziran Sonu` · `12 Aylık` · "
     "`Yıl Sonu` · `Yılsonu` · `Yıllık`", "1–6 (1–12), `cumulative`"),
    ("quarter", "`II. Çeyrek` · `2. Çeyrek` · `2.Çeyrek` · `İkinci Çeyrek` · `2. Üç Aylık` · `II. Üç Ay` · `Q2`",
     "4–6, `within`"),
    ("half-year", "`1. Altı Ay` · `I. Altı Aylık` · `Birinci Altı Ay` · `İlk Altı Ay` · `2. Altı Ay` · `H2` · "
     "`1. Yarıyıl`", "1–6 / 7–12, `within`"),
    ("third or fourth `Dönem`", "`III. Dönem` · `3. Dönem` · `Üçüncü Dönem` · `IV. Dönem`",
     "7–9 / 10–12 (quarters), `within`, confidence 0.9"),
    ("first or second `Dönem`", "`I. Dönem` · `1. Dönem` · `Birinci Dönem` · `II. Dönem` · `İkinci Dönem`",
     "a quarter or a half-year: decided by the table's other labels (`III. Dönem`, `Nisan-Haziran` → quarters; "
     "`2. Altı Ay`, `Temmuz-Aralık` → halves), else by the report's period (the reading whose last period ends "
     "in the report's month), confidence 0.8; otherwise unknown"),
    ("a label with its range in brackets", "`I. Dönem (Ocak-Mart)` · `2. Çeyrek (Nisan-Haziran)` · "
     "`II. Dönem (Ocak-Haziran)`", "read when both parts agree (the bracket settles `I./II. Dönem`), "
     "unknown when they differ"),
)

_REFUSED: tuple[tuple[str, str], ...] = (
    ("`Ekim-Mart` · `Mart-Mart`", "no period of one year (the range runs backwards or is empty)"),
    ("`Nisan-Haziran Kümülatif` · `II. Çeyrek Kümülatif`", "a running value does not start after January"),
    ("`Ocak-Mart 2024` in a 2025 report", "the label names another year: a reading problem "
     "(`period_other_year`), the row is kept with no period"),
    ("`2024-2025 Ocak-Mart`", "two years"),
    ("`Son Çeyrek` · `Son Dönem`", "which period is last depends on the count of periods"),
    ("`13` · `0. Ay` · `Ocak-Mart-Haziran` · `Mart?`", "no month / not a period"),
)


def vocabulary_markdown() -> str:
    """``docs/period-vocabulary.md``: the accepted period labels."""
    out = ["# Period vocabulary", "",
           "Generated from `src/izlem_audit/normalising/periods.py` "
           "(`python -m izlem_audit.normalising.periods > docs/period-vocabulary.md`); a test keeps them equal.",
           "",
           "Every layout reads a period label through `parse_period` (one label) or `resolve_periods` (the labels "
           "of one table or of one gösterge's sub-rows together): the label becomes its first and last month, a "
           "basis (`cumulative`: the value runs from January; `within`: the period's own; `end`: only the end "
           "month is printed, the table's convention decides) and a confidence. Labels are folded the Turkish way "
           "(`İ`/`ı`: `OCAK-HAZİRAN` = `Ocak-Haziran`), every dash (`-` `–` `—` `−` `‐`) and run of spaces is one, "
           "and filler words (`Dönemi`, `Ayı`, `Gerçekleşme`, `İtibarıyla`) are ignored. A year printed with the "
           "label (`Ocak-Mart 2025`, `2025 Yılı 6 Aylık`) must be the report's. What cannot be read for sure is "
           "a reading problem on the row (`period_label_unknown`, `period_other_year`), never a guess, never a "
           "dropped row; the row's values are kept with no period.", "",
           "Header columns (the quarter-columns layout, `guide_quarters`) take a label ending in a quarter's "
           "month (3, 6, 9, 12) as a period column; a label ending elsewhere (`Ocak-Ağustos` in a quarter table) is "
           "no period column: it is a reading problem (`period_column_unknown`, as a column naming another year than "
           "the report's title), and its numbers are reported unplaced by the conservation check. Row labels (the "
           "monthly-rows, guide and key/value layouts) take any month.", "",
           "Cumulative or the period's own: where a table has a column for each (the key/value layout's "
           "`Kümülatif Gerçekleşme` and `Dönem Gerçekleşmesi`), the columns decide. In a monthly-rows month column, "
           "a label that spells out months after January (`Nisan-Haziran`, `II. Dönem (Nisan-Haziran)`) marks the "
           "row's value as that period's own (`Period.start`): a count is then read as each period's own figure "
           "(`recomputing/series.py`: `flow`, the value to date is the sum), never as a running total that fell. "
           "An ordinal alone (`II. Çeyrek`, `II. Dönem`, `Q2`) names the period, not its basis: the gösterge's "
           "kind (its name and unit) decides, as in the quarter-columns layout.", "",
           "## Accepted forms", "", "| form | examples | reads as (months, basis) |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in _FORMS]
    out += ["", "## Refused (a reading problem on the row)", "", "| label | why |", "|---|---|"]
    out += [f"| {a} | {b} |" for a, b in _REFUSED]
    out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(vocabulary_markdown(), end="")
