"""Layout readers as plug-ins (see ``base.py`` for the interface and how to add one).

``READERS`` is the registry, in the order their label rows are tried; adding a layout is one module here and
one line below.
"""

from __future__ import annotations

from .base import Detection, HedefBlock, LayoutReader
from .deviation import Deviation
from .guide import Guide
from .keyvalue import KeyValue
from .monthly_rows import MonthlyRows
from .programme import Programme
from .quarters import Quarters

READERS: list[LayoutReader] = [
    MonthlyRows(),
    Quarters(),  # before the guide's: its headers are the guide's with period columns
    Guide(),
    KeyValue(),
    Deviation(),
    Programme(),
]


def reader(name: str) -> LayoutReader:
    """The registered reader of that name (the first one for an unknown name)."""
    return next((r for r in READERS if r.name == name), READERS[0])


__all__ = ["READERS", "Detection", "HedefBlock", "LayoutReader", "reader"]
