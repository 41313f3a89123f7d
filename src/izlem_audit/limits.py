"""The bounds on the work one report may take, with their defaults (a small module: the command line declares
its flags from these defaults without importing the reader)."""

from __future__ import annotations

from dataclasses import dataclass

from .guard import DEFAULT_PAGE_CHARS, DEFAULT_PAGE_OBJECTS, DEFAULT_STREAM_MB


@dataclass
class Limits:
    """Bounds on the work one report may take. A page over a page bound (time, characters, objects) is stopped
    and reported as a reading problem; a file over a file bound (size, pages, an inflated stream) is refused
    with exit code 2. Each has a command-line flag (docs/security.md)."""

    page_seconds: float = 30.0
    max_pages: int = 3000
    max_megabytes: float = 300.0
    max_page_chars: int = DEFAULT_PAGE_CHARS
    max_page_objects: int = DEFAULT_PAGE_OBJECTS
    max_stream_mb: float = DEFAULT_STREAM_MB
    max_image_pixels: int = 4_000_000
