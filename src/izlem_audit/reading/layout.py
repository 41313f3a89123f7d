"""A page in reading order: its tables and the lines of running text between them."""

from __future__ import annotations

from .grid import build_tables, group_lines
from .page import Block, PageContent, TextLine
from .stream_grid import StreamCarry, stream_tables


def page_blocks(page: PageContent, carry: StreamCarry | None = None) -> list[Block]:
    """``carry``: one per document, pages in order, so that a table without vertical rules broken across pages
    without its header is read on the next page with the columns of the page before."""
    tables, outside = build_tables(page)
    more, outside = stream_tables(page, tables, outside, carry)  # tables drawn with horizontal rules only
    tables = tables + more
    blocks = [Block(page.number, t.bbox[1], table=t) for t in tables]
    for line in group_lines(outside):
        blocks.append(Block(page.number, line.bbox[1], text=TextLine(page.number, line)))
    blocks.sort(key=lambda b: (b.top, 0 if b.table else 1))
    return blocks
