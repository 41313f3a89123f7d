"""Fuzzing: property-based tests over the table assembler, and a bounded run of damaged fixture PDFs through
the whole command (the long run: ``scripts/fuzz_pdfs.py --runs 2000``)."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from izlem_audit.assembling import Assembler
from izlem_audit.model import Report
from izlem_audit.reading.page import Block, GridCell, GridTable, Line, TextLine

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

WORDS = ["Amaç (A1)", "Hedef (H2)", "Performans Hedefi (PH1)", "Sorumlu Birim", "Performans %", "Sıra No",
         "Gösterge Kodu", "Gösterge Adı", "Hedef Etkisi %", "2024", "Hedef", "Ay", "Gerçekleşme",
         "Gerçekleşme Oranı %", "Açıklama", "Faaliyet Kodu", "Faaliyet / Proje Adı", "Hedef (TL)",
         "Gerçekleşme (TL)", "PG1", "PG2.1.3: Yol (km)", "F1", "3", "6", "3\n6", "0,00\n0,00", "12,95", "1.400,00",
         "61%", "49% (Hedefe Etkisi : 50%)", "HEDEF 1: x", "MÜDÜRLÜK", "PERFORMANS", "STRATEJİK AMAÇ 1", "A1",
         "H1.1", "H1.1 Performansı", "", "", "-", "(cid:3)", "Performans Göstergesi", "Hedefe Etkisi (%)",
         "Plan Dönemi Başlangıç Değeri (A)", "İzleme Dönemindeki Gerçekleşme Değeri (C)", "yaklaşık %34"]


@st.composite
def tables(draw) -> GridTable:
    n_rows, n_cols = draw(st.integers(1, 6)), draw(st.integers(1, 9))
    xs = [float(i * 40) for i in range(n_cols + 1)]
    ys = [float(i * 12) for i in range(n_rows + 1)]
    cells, covered = [], set()
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            rs = draw(st.integers(1, max(1, min(3, n_rows - r))))
            cs = 1
            for i in range(r, r + rs):
                covered.add((i, c))
            text = draw(st.sampled_from(WORDS))
            lines = [Line(t, (xs[c], ys[r], xs[c + cs], ys[r] + 10)) for t in text.split("\n")] if text else []
            cells.append(GridCell(r, c, rs, cs, (xs[c], ys[r], xs[c + cs], ys[r + rs]), lines))
    return GridTable(1, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(tables(), st.sampled_from(WORDS)), max_size=8))
def test_assembler_never_raises(items):
    asm = Assembler()
    for i, item in enumerate(items):
        if isinstance(item, GridTable):
            asm.feed(Block(1 + i // 3, float(i), table=item))
        else:
            asm.feed(Block(1 + i // 3, float(i), text=TextLine(1, Line(item or " ", (0, i, 10, i + 5)))))
    report = asm.finish()
    assert isinstance(report, Report)
    Report.from_dict(report.to_dict())  # whatever it read serialises and reads back


def test_damaged_pdfs_end_cleanly():
    """24 damaged fixture PDFs (byte flips, truncations, dropped objects, a broken xref) through `check`,
    both engines: exit 0, 1 or 2 within the time limit, one line of message, never a traceback."""
    from fuzz_pdfs import fuzz

    outcomes, failures = fuzz(runs=24, seed=11, timeout=60)
    assert failures == []
    assert sum(outcomes.values()) == 24 and "hang" not in outcomes
