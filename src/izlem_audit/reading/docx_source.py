"""A Word draft (.docx) as blocks: its tables and the paragraphs between them, in document order.

Read from the document XML (python-docx opens the package): a table's grid columns give the x positions,
``w:gridSpan`` and ``w:vMerge`` the merged cells, ``w:gridBefore`` a row that starts further right; a line break
inside a cell (``3`` / ``6``) stays a line, as it is printed. Content controls (``w:sdt``) are read through.
References: ``Tablo 12, satır 4, sütun 6`` for a cell, ``Paragraf 7`` for running text.
"""

from __future__ import annotations

from pathlib import Path

from .draft import DraftCell, DraftLayout


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _on(el) -> bool:
    """A toggle property (``w:b``) that is on: present, without val, or val not false."""
    if el is None:
        return False
    return el.get(_qn("w:val")) not in ("0", "false", "off")


def _paragraph_lines(p) -> tuple[list[str], bool]:
    """The lines of a paragraph (split at ``w:br``/``w:cr``) and whether all its text is bold."""
    lines = [""]
    bold_all, any_text = True, False
    t_tag, tab, br, cr = _qn("w:t"), _qn("w:tab"), _qn("w:br"), _qn("w:cr")
    for r in p.iter(_qn("w:r")):
        rpr = r.find(_qn("w:rPr"))
        bold = rpr is not None and _on(rpr.find(_qn("w:b")))
        for child in r:
            if child.tag == t_tag and child.text:
                lines[-1] += child.text
                any_text = True
                bold_all = bold_all and bold
            elif child.tag == tab:
                lines[-1] += " "
            elif child.tag in (br, cr):
                if child.get(_qn("w:type")) in (None, "textWrapping"):
                    lines.append("")
    return lines, bold_all and any_text


def _body_items(parent):
    """Paragraphs and tables in document order, reading through content controls."""
    p_tag, tbl_tag, sdt_tag = _qn("w:p"), _qn("w:tbl"), _qn("w:sdt")
    for el in parent.iterchildren():
        if el.tag in (p_tag, tbl_tag):
            yield el
        elif el.tag == sdt_tag:
            content = el.find(_qn("w:sdtContent"))
            if content is not None:
                yield from _body_items(content)


def _table(layout: DraftLayout, tbl, number: int) -> None:
    grid = tbl.find(_qn("w:tblGrid"))
    widths: list[float] = []
    if grid is not None:
        for gc in grid.findall(_qn("w:gridCol")):
            try:
                widths.append(int(gc.get(_qn("w:w"))) / 20.0)  # twips -> points
            except (TypeError, ValueError):
                widths.append(60.0)
    cells: list[DraftCell] = []
    row_refs: list[str] = []
    open_merge: dict[int, DraftCell] = {}  # grid column -> the cell a vertical merge started in
    for r, tr in enumerate(tbl.findall(_qn("w:tr"))):
        row_refs.append(f"Tablo {number}, satır {r + 1}")
        col = 0
        trpr = tr.find(_qn("w:trPr"))
        if trpr is not None and (gb := trpr.find(_qn("w:gridBefore"))) is not None:
            col = int(gb.get(_qn("w:val"), "0") or 0)
        for tc in tr.findall(_qn("w:tc")):
            tcpr = tc.find(_qn("w:tcPr"))
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(_qn("w:gridSpan"))
                if gs is not None:
                    span = max(1, int(gs.get(_qn("w:val"), "1") or 1))
                vm = tcpr.find(_qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(_qn("w:val")) or "continue"
            if vmerge == "continue" and col in open_merge:
                top = open_merge[col]
                top.rowspan = r - top.row + 1
                col += span
                continue
            lines: list[str] = []
            bold = True
            for p in tc.findall(_qn("w:p")):
                pl, pb = _paragraph_lines(p)
                if any(x.strip() for x in pl):
                    lines.extend(pl)
                    bold = bold and pb
            while lines and not lines[-1].strip():
                lines.pop()
            cell = DraftCell(r, col, lines, 1, span, bold and bool(lines),
                             f"Tablo {number}, satır {r + 1}, sütun {col + 1}")
            cells.append(cell)
            if vmerge == "restart":
                open_merge[col] = cell
            else:
                open_merge.pop(col, None)
            col += span
    layout.table(widths, cells, row_refs, f"Tablo {number}")


def read_docx(path: Path) -> DraftLayout:
    from docx import Document

    doc = Document(str(path))
    layout = DraftLayout()
    n_table = n_par = 0
    for el in _body_items(doc.element.body):
        if el.tag == _qn("w:tbl"):
            n_table += 1
            _table(layout, el, n_table)
        else:
            n_par += 1
            lines, bold = _paragraph_lines(el)
            for line in lines:
                layout.text(line, f"Paragraf {n_par}", bold)
    return layout
