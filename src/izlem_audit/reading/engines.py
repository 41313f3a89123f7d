"""The PDF engines behind ``--engine``, as one interface.

An engine gives two things: a ``PageSource`` (random access to each page's characters and rules, in the page
frame of ``geometry.py``) and a block finder (a page's content → its tables and text lines, in reading order).
``extract`` runs every engine through the same loop: the page bounds, the time limit, the checks on garbled
text and absurd numbers apply whatever the engine. Adding an engine is a class here with those two methods.

- ``pdfium``: PDFium's characters and paths; the tables are the grids built from the page's rules.
- ``pdfplumber``: the reference reader (pdfminer.six underneath), guarded by PDFium's object count first.
- ``camelot``: camelot-py's lattice grids (read once for all the pages asked), filled with PDFium's characters.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..errors import UserError
from .page import Block, PageContent


class PageSource(Protocol):
    def page(self, n: int) -> PageContent:
        """Page ``n`` (from 1): its characters and rule segments."""

    def close(self) -> None: ...


BlockFinder = Callable[[PageContent], list[Block]]


@runtime_checkable
class Engine(Protocol):
    name: str
    draws: bool  # ``debug`` can draw what it read: its tables are the grids built from the page's own rules

    def open(self, path: Path, password: str | None) -> PageSource: ...

    def finder(self, path: Path, password: str | None, numbers: list[int]) -> BlockFinder: ...


def rule_grids() -> BlockFinder:
    """The grids built from a page's own rules (lattice, then tables drawn with horizontal rules only), pages in
    order: a table without vertical rules left open at a page's foot is read on the next with its columns."""
    from .layout import page_blocks
    from .stream_grid import StreamCarry

    carry = StreamCarry()  # one per document
    return lambda content: page_blocks(content, carry)


def _rule_grids(path: Path, password: str | None, numbers: list[int]) -> BlockFinder:
    return rule_grids()


class PdfiumEngine:
    name = "pdfium"
    draws = True
    finder = staticmethod(_rule_grids)

    def open(self, path: Path, password: str | None) -> PageSource:
        from .pdfium_source import PdfiumSource

        return PdfiumSource(path, password)


class PlumberEngine:
    name = "pdfplumber"
    draws = True
    finder = staticmethod(_rule_grids)

    def open(self, path: Path, password: str | None) -> PageSource:
        from ..guard import PdfiumGuard, too_large_cause
        from .sources import PlumberSource

        source = PlumberSource(path, password)
        # pdfminer builds costly objects per character: PDFium counts them first
        guard = PdfiumGuard(path, password)
        read, close = source.page, source.close

        def guarded(n: int) -> PageContent:
            guard.check(n)
            try:
                return read(n)
            except Exception as exc:
                big = too_large_cause(exc)
                if big is not None:
                    raise big from None
                raise
            finally:
                guard.done()

        def close_both() -> None:
            guard.close()
            close()

        source.page, source.close = guarded, close_both  # type: ignore[method-assign]
        return source


class CamelotEngine:
    name = "camelot"
    draws = False  # its tables are camelot's, not the grids ``debug`` draws

    def open(self, path: Path, password: str | None) -> PageSource:
        return PdfiumEngine().open(path, password)

    def finder(self, path: Path, password: str | None, numbers: list[int]) -> BlockFinder:
        from .camelot_source import CamelotTables

        return CamelotTables(path, password, numbers)


# in the order the messages list them
ENGINES: dict[str, Engine] = {e.name: e for e in (PlumberEngine(), PdfiumEngine(), CamelotEngine())}
DEFAULT_ENGINE = "pdfium"
DRAWING_ENGINES = tuple(name for name, e in ENGINES.items() if e.draws)


def engine_named(name: str, among: tuple[str, ...] | None = None) -> Engine:
    """The engine called ``name``; one not among ``among`` (default: all) is a user error naming the valid ones."""
    allowed = among or tuple(ENGINES)
    if name not in allowed or name not in ENGINES:
        raise UserError("bad_engine", value=name, choices=", ".join(allowed))
    return ENGINES[name]
