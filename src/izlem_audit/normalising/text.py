"""Turkish-aware text helpers: case folding, ASCII folding, whitespace."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["tr_lower", "tr_upper", "fold", "ascii_fold", "squash", "clean_text", "clean_chars", "clean_tree",
           "printable"]

_WS = re.compile(r"\s+")


def tr_lower(text: str) -> str:
    """Lower-case with Turkish rules: ``I`` -> ``ı`` and ``İ`` -> ``i`` (``str.lower`` gets both wrong)."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def tr_upper(text: str) -> str:
    """Upper-case with Turkish rules: ``i`` -> ``İ`` and ``ı`` -> ``I``."""
    return text.replace("i", "İ").replace("ı", "I").upper()


_ASCII = str.maketrans({"ı": "i", "ş": "s", "ğ": "g", "ç": "c", "ö": "o", "ü": "u", "â": "a", "î": "i", "û": "u"})


@lru_cache(maxsize=4096)
def ascii_fold(text: str) -> str:
    """Fold to lower-case ASCII for loose comparisons: ``Gösterge Adı`` -> ``gosterge adi``.

    Cached: a report repeats its header and label cells on every page (8 000 calls, 1 600 distinct texts on
    the 36-page reference report)."""
    s = tr_lower(text).translate(_ASCII)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def squash(text: str | None) -> str:
    """Collapse every run of white space to one space and strip the ends."""
    return _WS.sub(" ", text or "").strip()


_NOT_KEY = re.compile(r"[^0-9a-z%()]+")


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """The comparison key for labels: ASCII-folded, punctuation dropped, spaces collapsed. (Cached as
    ``ascii_fold`` is: the same header and label texts come back on every page.)"""
    return squash(_NOT_KEY.sub(" ", ascii_fold(text)))


# Text from a PDF is untrusted: a font's ToUnicode map can turn a glyph into any code point. Control characters
# (C0 except tab and newline, DEL, C1) become U+FFFD, the visible "unreadable" mark (so they count as garbled
# text); bidi overrides/isolates and zero-width characters, which change how text looks without being seen,
# are removed. This is done once, where the text enters the model (extract.py), so every writer gets safe text.
_UNSAFE = {cp: "\ufffd" for cp in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))}
_UNSAFE[0x0D] = "\n"
_UNSAFE.update({cp: None for cp in (0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, *range(0x202A, 0x202F),
                                    0x2060, *range(0x2066, 0x206A), 0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB)})
_UNSAFE.update({0x2028: "\n", 0x2029: "\n"})
_UNSAFE_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_UNSAFE)) + "]")


def clean_text(text: str) -> str:
    """PDF text made safe for every writer: controls -> U+FFFD, bidi and zero-width characters removed."""
    if not text or _UNSAFE_RE.search(text) is None:
        return text
    return text.translate(_UNSAFE)


def clean_chars(chars: list) -> list:
    """``clean_text`` over a page's characters (objects with a ``text``); a character left empty is dropped."""
    if not chars or _UNSAFE_RE.search("".join([c.text for c in chars])) is None:
        return chars
    out = []
    for c in chars:
        t = clean_text(c.text)
        if t:
            c.text = t
            out.append(c)
    return out


def clean_tree(value):
    """``clean_text`` over every string of a JSON-like tree (a report read back from extract JSON)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_tree(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(k) if isinstance(k, str) else k: clean_tree(v) for k, v in value.items()}
    return value


def printable(text: object) -> str:
    """A line for the terminal: every control character (ESC included) shown as ``\\xNN``/``\\uNNNN``."""
    s = str(text)
    if _UNSAFE_RE.search(s) is None:
        return s
    return "".join(c if ord(c) not in _UNSAFE or c in "\n" else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else
                                                                   f"\\u{ord(c):04x}") for c in s)
