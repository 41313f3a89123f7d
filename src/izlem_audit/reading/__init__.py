"""Stage 1: reading the PDF.

A page source (``sources.py``) turns each PDF page into characters with boxes and ruling segments
(``PageContent``). ``grid.py`` finds the bordered tables in the segments, splits them into cells (merged
cells keep their spans) and fills each cell with its text, line by line. ``layout.py`` orders what is on a
page: tables and the running text between them, top to bottom. Nothing here knows what an amaç or a
gösterge is; that is the assembling stage's business.
"""

from .page import Block, Char, GridCell, GridTable, PageContent, Segment, TextLine

__all__ = ["Block", "Char", "GridCell", "GridTable", "PageContent", "Segment", "TextLine"]
