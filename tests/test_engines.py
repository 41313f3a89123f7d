"""The engines behind --engine are one interface (reading/engines.py): every one is an Engine, and a name
that is not one is a user error naming the valid ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from izlem_audit.errors import UserError
from izlem_audit.reading.engines import DRAWING_ENGINES, ENGINES, Engine, engine_named

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "fixtures" / "pdfs" / "rehber-2025-6-reportlab.pdf"


def test_every_engine_is_an_engine():
    assert set(ENGINES) == {"pdfium", "pdfplumber", "camelot"}
    for name, engine in ENGINES.items():
        assert isinstance(engine, Engine) and engine.name == name


def test_an_unknown_engine_names_the_valid_ones():
    with pytest.raises(UserError) as e:
        engine_named("pdfminer")
    assert e.value.message("en") == "Unknown engine: pdfminer. Valid: pdfplumber, pdfium, camelot."
    with pytest.raises(UserError) as e:
        engine_named("camelot", DRAWING_ENGINES)  # debug draws the grids built from the page's rules
    assert "Valid: pdfplumber, pdfium." in e.value.message("en")
    assert engine_named("pdfium", DRAWING_ENGINES) is ENGINES["pdfium"]


@pytest.mark.parametrize("name", ["pdfium", "pdfplumber"])
def test_each_page_engine_finds_the_tables_of_a_page(name):
    engine = engine_named(name)
    source = engine.open(PDF, None)
    try:
        content = source.page(2)
    finally:
        source.close()
    blocks = engine.finder(PDF, None, [2])(content)
    assert content.chars and any(b.table is not None for b in blocks)
    assert [b.top for b in blocks] == sorted(b.top for b in blocks)  # reading order
