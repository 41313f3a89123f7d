"""Stage 2: assembling the tables of the pages into the report model (see ``assembler.py``)."""

from .assembler import LAYOUT_GUIDE, LAYOUT_MONTHLY, Assembler

__all__ = ["Assembler", "LAYOUT_GUIDE", "LAYOUT_MONTHLY"]
