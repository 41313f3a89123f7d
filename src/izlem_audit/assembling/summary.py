"""The summary part of a report and the totals its running text declares.

* ``STRATEJİK AMAÇ n`` followed by the amaç title (a line of text, or a one-cell table row);
* a ``HEDEF | MÜDÜRLÜK | PERFORMANS`` table: ``HEDEF n: title | birim | 61%`` rows and, under a split hedef,
  ``Performans Hedefi n: title | birim | 49% (Hedefe Etkisi : 50%)`` rows;
* a row of ``STRATEJİK AMAÇ 1 … n`` headers over a row of amaç percentages;
* ``Stratejik Amaç n: title`` followed by a ``Hedef | Gösterge | Faaliyet | Gerçekleşme Oranı(%)`` table;
* sentences: "… 5 amaç, 29 hedef . 203 gösterge ve 294 faaliyet …", "… gerçekleşme oranı yaklaşık %34 …".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import (Cell, DeclaredTotals, Evidence, Report, SummaryAmac, SummaryCounts, SummaryHedef,
                     SummaryPH)
from ..normalising.numbers import parse_number
from ..normalising.text import ascii_fold, fold, squash
from ..reading.page import GridCell, Line

HEADING = re.compile(r"^stratejik amac\s*(\d+)$")
COUNTS_TITLE = re.compile(r"^stratejik amac\s*(\d+)\s*:\s*(.+)$")
HEDEF_ROW = re.compile(r"^hedef\s*(\d+)\s*:?\s*(.*)$", re.S)
PH_ROW = re.compile(r"^performans\s+hedefi\s*(\d+)\s*:?\s*(.*)$", re.S)
PERCENT = re.compile(r"%?\s*(-?\d+(?:[.,]\d+)?)\s*%?")
WEIGHT = re.compile(r"hedefe?\s+etkisi\s*:?\s*%?\s*(\d+(?:[.,]\d+)?)\s*%?", re.I)

_SEP = r"\W+(?:ve\s+)?"
TOTALS = re.compile(
    rf"(\d+)\s*(?:stratejik\s+)?amac{_SEP}(\d+)\s*(?:stratejik\s+)?hedef\w*{_SEP}"
    rf"(?:(\d+)\s*performans\s+hedef\w*{_SEP})?"
    rf"(\d+)\s*(?:performans\s+)?gosterge\w*(?:{_SEP}(\d+)\s*faaliyet)?")
OVERALL = re.compile(
    r"(?:yillik|genel|ortalama|toplam|kurumsal|idare)\s+(?:gerceklesme|performans)\s+(?:orani|duzeyi)\w*"
    r"\D{0,40}?(?:%\s*(\d+(?:[.,]\d+)?)|(\d+(?:[.,]\d+)?)\s*%)")


def _strip_original(label: str, text: str) -> str:
    """The text after ``HEDEF 1:`` in the original spelling (the regexes run on folded text)."""
    m = re.match(r"^\s*(?:HEDEF|Hedef|hedef|Performans\s+Hedefi|PERFORMANS\s+HEDEF[İI])\s*\d+\s*:?\s*", text)
    return squash(text[m.end():]) if m else squash(text)


def _as_printed(original: str, figure: str) -> float | None:
    """A percentage found in folded text (which drops the decimal comma: ``%91,88`` folds to ``%91 88``) read
    from the line as printed, decimals included."""
    w = re.escape(figure)
    m = re.search(rf"%\s*({w}(?:[.,]\d+)?)(?![\d.,]*\d)|(?<![\d.,])({w}(?:[.,]\d+)?)\s*%", original)
    return parse_number(m.group(1) or m.group(2)) if m else parse_number(figure)


@dataclass
class _TextLine:
    text: str
    folded: str
    page: int
    bbox: tuple[float, float, float, float]


class SummaryReader:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.lines: list[_TextLine] = []
        self.amac: SummaryAmac | None = None
        self.collecting_title = False
        self.mode: str | None = None  # "hedef", "rates", "counts"
        self.rate_columns: list[tuple[float, float, str]] = []
        self.counts_amac: str | None = None
        self.counts_title: dict[str, str] = {}

    # ------------------------------------------------------------------ helpers
    def _amac(self, code: str) -> SummaryAmac:
        s = self.report.summary
        found = s.amac(code)
        if found is None:
            found = SummaryAmac(code)
            s.amaclar.append(found)
        return found

    def _heading(self, text: str, page: int, bbox) -> bool:
        k = fold(text)
        m = HEADING.match(k)
        if m:
            self.amac = self._amac(f"A{int(m.group(1))}")
            self.amac.evidence = Evidence(page, bbox, {"heading": Cell(squash(text), page, bbox)})
            self.collecting_title = True
            self.mode = None
            return True
        m = COUNTS_TITLE.match(squash(ascii_fold(text)))
        if m:
            code = f"A{int(m.group(1))}"
            self.counts_amac = code
            self.counts_title[code] = squash(re.sub(r"^[^:]*:\s*", "", text))
            self.collecting_title = False
            return True
        if self.collecting_title and self.amac is not None:
            self.amac.title = squash(f"{self.amac.title} {text}")
            return True
        return False

    # ------------------------------------------------------------------ stream input
    def text(self, line: Line, page: int) -> None:
        self.lines.append(_TextLine(line.text, fold(line.text), page, line.bbox))
        self._heading(line.text, page, line.bbox)

    def row(self, cells: list[GridCell], page: int, bbox) -> bool:
        """Take a table row if it belongs to the summary; True when taken."""
        full: list[GridCell] = []
        texts: list[str] = []
        for c in cells:  # each cell's text joined once
            t = c.flat
            if t:
                full.append(c)
                texts.append(t)
        if not full:
            return self.mode is not None
        # every table row of the report passes here: its cells are folded only as far as a test needs them
        # (every test below looks at the first cell first)
        k0 = fold(texts[0])
        # header of amaç percentages: STRATEJİK AMAÇ 1 | … | STRATEJİK AMAÇ 5
        if len(full) >= 2 and HEADING.match(k0):
            keys = [k0] + [fold(t) for t in texts[1:]]
            if all(HEADING.match(k) for k in keys):
                self.rate_columns = [(c.bbox[0], c.bbox[2], f"A{int(HEADING.match(k).group(1))}")  # type: ignore[union-attr]
                                     for c, k in zip(full, keys)]
                self.mode = "rates"
                self.collecting_title = False
                return True
        if len(full) == 1:
            if self._heading(texts[0], page, full[0].bbox):
                return True
            if self.mode in ("hedef", "rates", "counts") or self.collecting_title:
                return True  # a caption row inside the summary part
            return False
        self.collecting_title = False
        if k0 == "hedef" and len(full) >= 3:
            k1, k2 = fold(texts[1]), fold(texts[2])
            if (k1 == "mudurluk" and k2 == "performans") or (
                    len(full) == 3 and "mudurluk" in k1 and "performans" in k2):
                self.mode = "hedef"
                return True
            if k1.startswith("gosterge") and k2.startswith("faaliyet"):
                self.mode = "counts"
                return True
        if self.mode == "hedef":
            return self._hedef_row(full, page, bbox)
        if self.mode == "rates":
            self.mode = None
            return self._rates_row(full, page)
        if self.mode == "counts":
            self.mode = None
            return self._counts_row(full, page, bbox)
        return False

    def _hedef_row(self, full: list[GridCell], page: int, bbox) -> bool:
        first = full[0].flat
        k = fold(first)
        value = full[-1] if len(full) >= 2 else None
        birim = squash(full[1].flat) if len(full) >= 3 else ""
        if self.amac is None:
            self.amac = self._amac(f"A{len(self.report.summary.amaclar) + 1}")
        m_ph = PH_ROW.match(k)
        m_h = HEDEF_ROW.match(k)
        if m_ph and self.amac.hedefler:
            vt = value.flat if value else ""
            perf = PERCENT.match(vt.strip())
            w = WEIGHT.search(fold(vt).replace("hedefe etkisi", "hedefe etkisi"))
            ph = SummaryPH(f"PH{int(m_ph.group(1))}", _strip_original("", first), birim,
                           parse_number(perf.group(1)) if perf else None,
                           parse_number(w.group(1)) if w else None)
            ph.evidence = Evidence(page, bbox, {"reported_performance": Cell(vt, page, value.bbox if value else bbox)})
            self.amac.hedefler[-1].performans_hedefleri.append(ph)
            return True
        if m_h:
            vt = value.flat if value else ""
            perf = PERCENT.match(vt.strip())
            h = SummaryHedef(f"H{int(m_h.group(1))}", _strip_original("", first), birim,
                             parse_number(perf.group(1)) if perf else None)
            h.evidence = Evidence(page, bbox, {"reported_performance": Cell(vt, page, value.bbox if value else bbox)})
            self.amac.hedefler.append(h)
            return True
        self.mode = None
        return False

    def _rates_row(self, full: list[GridCell], page: int) -> bool:
        taken = False
        for c in full:
            cx = (c.bbox[0] + c.bbox[2]) / 2
            for x0, x1, code in self.rate_columns:
                if x0 - 1 <= cx <= x1 + 1:
                    a = self._amac(code)
                    a.reported_rate = parse_number(c.flat)
                    a.evidence.cells["reported_rate"] = Cell(c.flat, page, c.bbox)
                    taken = True
        return taken

    def _counts_row(self, full: list[GridCell], page: int, bbox) -> bool:
        if self.counts_amac is None or len(full) < 4:
            return False
        vals = [parse_number(c.flat) for c in full[:4]]
        counts = SummaryCounts(*(int(v) if v is not None else None for v in vals[:3]), vals[3])  # type: ignore[misc]
        counts.evidence = Evidence(page, bbox, {n: Cell(c.flat, page, c.bbox) for n, c in
                                                zip(("hedef", "gosterge", "faaliyet", "reported_rate"), full)})
        self._amac(self.counts_amac).counts = counts
        return True

    # ------------------------------------------------------------------ end
    def finish(self) -> None:
        s = self.report.summary
        for a in s.amaclar:
            if not a.title and a.amac in self.counts_title:
                a.title = self.counts_title[a.amac]
        s.amaclar.sort(key=lambda a: int(a.amac[1:]))
        text, starts = self._joined()
        m = TOTALS.search(text)
        if m:
            ln = self._line_at(starts, m.start())
            nums = [int(g) if g else None for g in m.groups()]
            s.declared_totals = DeclaredTotals(nums[0], nums[1], nums[3], nums[4],
                                               Evidence(ln.page, ln.bbox, {"text": Cell(ln.text, ln.page, ln.bbox)}))
        last = None
        for m in OVERALL.finditer(text):
            last = m
        if last:
            ln = self._line_at(starts, last.start(1) if last.group(1) else last.start(2))
            s.overall_rate = _as_printed(ln.text, last.group(1) or last.group(2))
            s.overall_evidence = Evidence(ln.page, ln.bbox, {"overall_rate": Cell(ln.text, ln.page, ln.bbox)})

    def _joined(self) -> tuple[str, list[int]]:
        starts: list[int] = []
        parts: list[str] = []
        pos = 0
        for ln in self.lines:
            starts.append(pos)
            parts.append(ln.folded)
            pos += len(ln.folded) + 1
        return " ".join(parts), starts

    def _line_at(self, starts: list[int], offset: int) -> _TextLine:
        import bisect

        return self.lines[max(bisect.bisect_right(starts, offset) - 1, 0)]
