"""The browser-printed fixtures really contain every way a table row can break across pages.

Read from the PDFs' geometry alone (fixtures/build/breaks.py: pdfplumber's rules and words, nothing of the
reader under test), so that the extraction tests on these fixtures are known to cover each break kind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.build.breaks import KINDS, analyse, kinds

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT / "fixtures" / "pdfs"

EXPECTED = {
    "cigli-2024-6-chromium-portrait": {"cut_row_with_header", "month_line_alone_after_header", "two_line_cell_cut",
                                       "note_only_continuation"},
    "cigli-2024-6-chromium-landscape": {"cut_row_without_header", "month_line_alone", "two_line_cell_cut",
                                        "note_only_continuation"},
    "rehber-2025-6-chromium-portrait": {"any_cut", "note_only_continuation"},
    "rehber-2025-6-chromium-landscape": {"any_cut"},
}


@pytest.fixture(scope="module")
def found() -> dict[str, dict[str, list[int]]]:
    return {name: kinds(analyse(PDFS / f"{name}.pdf")) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rendering_contains_its_break_kinds(found, name):
    got = found[name]
    print(f"\n{name}: " + ", ".join(f"{k} p.{v}" for k, v in got.items() if v))
    assert {k for k in EXPECTED[name] if got[k]} == EXPECTED[name]


def test_every_break_kind_is_covered(found):
    """Between them the reference report's renderings hold every kind, with a header repeated and without."""
    cigli = [found[n] for n in found if n.startswith("cigli")]
    assert {k for k in KINDS if any(f[k] for f in cigli)} == set(KINDS)


def test_closed_producers_show_no_cut():
    """The detector tells the kinds apart: reportlab and LibreOffice move whole rows, they cut none."""
    for pdf in sorted(PDFS.glob("*-reportlab.pdf")) + sorted(PDFS.glob("*-libreoffice.pdf")):
        got = kinds(analyse(pdf))
        assert got["any_cut"] == [] and got["two_line_cell_cut"] == [], pdf.name
