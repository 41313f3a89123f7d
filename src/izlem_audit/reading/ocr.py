"""Tesseract, run as a program: words with their boxes and confidences (issue 15).

The ``tesseract`` command line is called directly (image on stdin, TSV on stdout) rather than through
pytesseract: pytesseract is a thin wrapper that writes the image to a temporary file and runs the same program,
so it would add a dependency and a disk round trip for nothing; calling it ourselves keeps the timeout, the
thread count (``OMP_THREAD_LIMIT=1``: a page is one process, pages can run side by side) and the error message
in our hands. The Turkish model (``tur``) reads the page; numbers are read again with a digit whitelist.

Tesseract's confidence is a per-word score from 0 to 100; ``-1`` marks a line or block row, never a word.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

LANG = "tur"
NUMBER_CHARS = "0123456789,.%-"
TIMEOUT = 120  # seconds per Tesseract run (a page): beyond it the page is a reading problem


class OcrMissing(RuntimeError):
    """Tesseract or its Turkish model is not installed."""


class OcrFailed(RuntimeError):
    pass


@dataclass
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float  # 0..100
    # the reading of the first pass, when the digit pass replaced it, and that pass's confidence
    first: str | None = None
    first_conf: float | None = None

    def scaled(self, s: float) -> "Word":
        return Word(self.text, self.x0 * s, self.top * s, self.x1 * s, self.bottom * s, self.conf, self.first,
                    self.first_conf)


def tesseract() -> str:
    """The Tesseract program with the Turkish model, or ``OcrMissing``."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrMissing("tesseract")
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrMissing(str(exc)) from None
    if LANG not in langs.split():
        raise OcrMissing(f"tesseract-ocr-{LANG}")
    return exe


_EXE: str | None = None


def _exe() -> str:
    global _EXE
    if _EXE is None:
        _EXE = tesseract()
    return _EXE


def _png(img) -> bytes:
    import cv2

    ok, buf = cv2.imencode(".png", img)
    if not ok:
        raise OcrFailed("png")
    return buf.tobytes()


def run_tsv(img, dpi: float, psm: int, whitelist: str | None = None) -> list[Word]:
    """Tesseract on a grey image (numpy): its words (level 5 rows of the TSV) in pixels."""
    args = [_exe(), "stdin", "stdout", "-l", LANG, "--psm", str(psm), "--dpi", str(int(dpi))]
    if whitelist:
        args += ["-c", f"tessedit_char_whitelist={whitelist}"]
    args += ["tsv"]
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        proc = subprocess.run(args, input=_png(img), capture_output=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise OcrFailed("timeout") from None
    if proc.returncode != 0:
        raise OcrFailed((proc.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or "?")
    out: list[Word] = []
    rows = csv.reader(io.StringIO(proc.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in rows:
        if len(row) < 12 or row[0] != "5":
            continue
        text = row[11].strip()
        if not text:
            continue
        try:
            left, top, width, height, conf = int(row[6]), int(row[7]), int(row[8]), int(row[9]), float(row[10])
        except ValueError:
            continue
        out.append(Word(text, float(left), float(top), float(left + width), float(top + height), max(0.0, conf)))
    return out


# Tesseract's Turkish model reads the small "%" of "(%)" as "96", a lone "%" after a label ("Performans %") as
# a quotation mark with a letter, and a superscript "²" as "?": these whole words are given back their sign
# (a quotation mark opening a word of one letter is no Turkish word; a number is never touched here)
_UNIT_FIXES = {"(96)": "(%)", "(9%)": "(%)", "(%6)": "(%)", "(m?)": "(m²)", "(m2)": "(m²)", "m?": "m²",
               "“": "%", "“e": "%", "“o": "%", "“6": "%", "“b": "%", "”e": "%"}


def _unit_word(w: Word) -> Word:
    fixed = _UNIT_FIXES.get(w.text)
    if fixed is None:
        return w
    return Word(fixed, w.x0, w.top, w.x1, w.bottom, w.conf, w.text, w.conf)


def read_words(img, dpi: float) -> list[Word]:
    """The words of a page image (rules already whitened out), the page read as one block of text (mode 6).
    On the fixtures' scans mode 6 lost fewer lone digits (a Sıra No ``1``, the ``3``/``6`` of a month cell)
    than the automatic segmentation (3) or sparse text (11), and was the fastest of the three."""
    return [_unit_word(_code_digits(w)) for w in run_tsv(img, dpi, psm=6) if not speck(w)]


SPECK_CONF = 30.0


def speck(w: Word) -> bool:
    """A one-letter word that is no digit, read with almost no confidence: Tesseract's reading of a speck of
    noise or a stain's edge (``o``, ``—``), not print. A digit is never taken for a speck."""
    return len(w.text) == 1 and not w.text.isdigit() and w.conf < SPECK_CONF


# a code (A1, H2.1, PH3, PG1.2.3, F12) whose digit 1 or 0 the Turkish model read as a letter: PGI, FI, H2.l
_CODE = re.compile(r"^(A|H|PH|PG|G|F)([\dIıl|Oo]+(?:\.[\dIıl|Oo]+)*)([:.)]?)$")
_AS_DIGIT = str.maketrans({"I": "1", "ı": "1", "l": "1", "|": "1", "O": "0", "o": "0"})


def _code_digits(w: Word) -> Word:
    """A code-shaped word with letters where its digits stand, read with those letters as digits. Only whole
    words of the code shapes the reports print (``codes.py``) are touched, never running text."""
    m = _CODE.match(w.text)
    if m is None or not any(ch in "Iıl|Oo" for ch in m.group(2)) or not any(ch.isdigit() for ch in m.group(2)) \
            and len(m.group(2)) > 1:
        return w
    fixed = m.group(1) + m.group(2).translate(_AS_DIGIT) + m.group(3)
    return Word(fixed, w.x0, w.top, w.x1, w.bottom, w.conf, w.text, w.conf)


# a word that is meant to be a number: digits with the Turkish separators, and letters a scan turns digits into
_NUMBERISH = re.compile(r"^[(\-−+]?%?[\dOoIlSB|]*\d[\dOoIlSB|.,]*%?[)]?$")


_WELL_FORMED = re.compile(r"^[(\-−+]?%?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?%?[)]?$")


def well_formed(text: str) -> bool:
    """A Turkish number as printed: ``1.234.567,89``, ``1234,5``, ``45``, ``%45,00``, ``-3,5``."""
    return bool(_WELL_FORMED.match(text))


def looks_numeric(text: str) -> bool:
    return bool(_NUMBERISH.match(text)) and sum(ch.isdigit() for ch in text) * 2 >= len(text.strip("%()-+"))


# a code that the Turkish model may have read with a letter for a digit (AZ for A2, HK2.1 for H2.1)
_CODEISH = re.compile(r"^(A|H|PH|PG|F)[A-Z0-9.Iıl|]{1,10}:?$")
CODE_CHARS = "AHPGF0123456789.:"
_CODE_OK = re.compile(r"^(A|H|PH|PG|F)\d+(\.\d+)*:?$")


def reread_codes(img, words: list[Word], dpi: float) -> list[Word]:
    """Code-shaped words that are not codes (``AZ``, ``HK2.1``) read again with the code alphabet; the new
    reading is kept only when it is a code."""
    todo = [i for i, w in enumerate(words) if _CODEISH.match(w.text) and not _CODE_OK.match(w.text)]
    got = _reread(img, [words[i] for i in todo], dpi, CODE_CHARS)
    out = list(words)
    for i, (text, conf) in zip(todo, got):
        if text and _CODE_OK.match(text):
            w = words[i]
            out[i] = Word(text, w.x0, w.top, w.x1, w.bottom, min(conf, w.conf) if w.conf else conf, w.text, w.conf)
    return out


def _reread(img, words: list[Word], dpi: float, whitelist: str) -> list[tuple[str, float]]:
    """Each word read again on its own crop with ``whitelist``, one line per crop (mode 7 semantics: the
    crops are stacked one per band and read in one run); (text, confidence) per word, ("", 0) if nothing."""
    import numpy as np

    if not words:
        return []
    h_img, w_img = img.shape
    crops = []
    for w in words:
        hgt = w.bottom - w.top
        # little room sideways: a neighbouring word's glyph in the crop is read into the number
        pad_y, pad_x = max(3, int(hgt * 0.35)), max(2, int(hgt * 0.12))
        y0, y1 = max(0, int(w.top) - pad_y), min(h_img, int(w.bottom) + pad_y)
        x0, x1 = max(0, int(w.x0) - pad_x), min(w_img, int(w.x1) + pad_x)
        crops.append(img[y0:y1, x0:x1])
    gap = max(20, int(dpi * 0.15))
    width = max(c.shape[1] for c in crops) + 2 * gap
    height = sum(c.shape[0] + gap for c in crops) + gap
    sheet = np.full((height, width), 255, dtype=np.uint8)
    bands: list[tuple[int, int]] = []
    y = gap
    for c in crops:
        sheet[y:y + c.shape[0], gap:gap + c.shape[1]] = c
        bands.append((y, y + c.shape[0]))
        y += c.shape[0] + gap
    per_band: dict[int, list[Word]] = {}
    for aw in run_tsv(sheet, dpi, psm=6, whitelist=whitelist):
        cy = (aw.top + aw.bottom) / 2
        for k, (b0, b1) in enumerate(bands):
            if b0 - gap / 2 <= cy <= b1 + gap / 2:
                per_band.setdefault(k, []).append(aw)
                break
    out = []
    for k in range(len(words)):
        got = sorted(per_band.get(k, []), key=lambda a: a.x0)
        out.append(("".join(a.text for a in got), min(a.conf for a in got)) if got else ("", 0.0))
    return out


def reread_numbers(img, words: list[Word], dpi: float) -> list[Word]:
    """Each number-like word read again on its own crop with the digit whitelist (``_reread``); the reading
    with the better confidence is kept, but when the two readings differ the kept one is no surer than the
    other (two passes disagreeing is itself a doubt), unless the other is no number at all (``1330.000,00``)."""
    todo = [i for i, w in enumerate(words) if looks_numeric(w.text)]
    again = _reread(img, [words[i] for i in todo], dpi, NUMBER_CHARS)
    out = list(words)
    for i, (text, conf) in zip(todo, again):
        w = words[i]
        if not text:
            continue
        if text == w.text:
            out[i] = Word(w.text, w.x0, w.top, w.x1, w.bottom, max(conf, w.conf))
            continue
        rest = w.text[2:] if w.text[:2] in ("96", "9%", "%6") else None
        if rest and well_formed(rest) and text.endswith(rest):
            # the Turkish "%65,00": the model read the small "%" as "96", the digit pass left it out or made
            # it a digit; the number after it is what both read
            out[i] = Word("%" + rest, w.x0, w.top, w.x1, w.bottom, min(conf, w.conf), w.text, w.conf)
            continue
        first_ok, again_ok = well_formed(w.text), well_formed(text)
        if again_ok and (not first_ok or conf > w.conf):
            kept = min(conf, w.conf) if first_ok else conf
            out[i] = Word(text, w.x0, w.top, w.x1, w.bottom, kept, w.text, w.conf)
        else:
            kept = min(conf, w.conf) if again_ok and first_ok else w.conf
            out[i] = Word(w.text, w.x0, w.top, w.x1, w.bottom, kept, text, conf)
    return out

SHEET_WIDTH = 2400  # pixels: the cell crops are packed into rows of a sheet this wide


def read_cells(img, boxes: list[tuple[int, int, int, int]], dpi: float) -> list[list[Word]]:
    """The words of each box (a ruled table's cells, in pixels of ``img``), read on its own crop: a word of one
    cell can then never take a neighbour's letters or a rule's remains. The crops are packed onto one sheet,
    far apart (shelf packing), and the sheet is read in one Tesseract run; each word goes back to the crop under
    its centre and to page pixels. Returns the words per box (empty for a box without ink)."""
    import numpy as np

    gap = max(24, int(dpi * 0.12))
    line_h = dpi * 0.2  # a crop taller than one line of text gets a shelf of its own (lines of side-by-side
    # multi-line cells would be read across)
    slots: list[tuple[int, int, int, int, int]] = []  # (box index, sheet x, sheet y, w, h)
    x, y, shelf = gap, gap, 0
    crops = []
    for k, (x0, y0, x1, y1) in enumerate(boxes):
        crop = img[y0:y1, x0:x1]
        if crop.size == 0 or int((crop < 128).sum()) < 6:
            continue  # no ink: an empty cell
        h, w = crop.shape
        if x > gap and (x + w + gap > SHEET_WIDTH or h > line_h or shelf > line_h):
            x, y, shelf = gap, y + shelf + gap, 0
        slots.append((k, x, y, w, h))
        crops.append(crop)
        x += w + gap
        shelf = max(shelf, h)
    out: list[list[Word]] = [[] for _ in boxes]
    if not slots:
        return out
    width = max(s[1] + s[3] for s in slots) + gap
    height = y + shelf + gap
    sheet = np.full((height, width), 255, dtype=np.uint8)
    for (k, sx, sy, w, h), crop in zip(slots, crops):
        sheet[sy:sy + h, sx:sx + w] = crop
    for wd in run_tsv(sheet, dpi, psm=6):
        cx, cy = (wd.x0 + wd.x1) / 2, (wd.top + wd.bottom) / 2
        for k, sx, sy, w, h in slots:
            if sx - gap / 2 <= cx <= sx + w + gap / 2 and sy - gap / 2 <= cy <= sy + h + gap / 2:
                bx, by = boxes[k][0] - sx, boxes[k][1] - sy
                out[k].append(_unit_word(_code_digits(Word(wd.text, wd.x0 + bx, wd.top + by, wd.x1 + bx, wd.bottom + by,
                                                wd.conf))))
                break
    return out
