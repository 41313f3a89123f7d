"""The annotated copy without active content: a new document with the source's pages and nothing that runs.

The copy is rebuilt, not cloned: a fresh catalog gets only the pages, so the source's document-level actions
(``/OpenAction``, ``/AA``), named JavaScript, embedded files (``/Names``), forms (``/AcroForm``) and outlines are
never copied. What the pages themselves carry is then scrubbed from every object the copy holds:

* additional actions (``/AA``) and JavaScript (``/JS``) anywhere;
* actions other than going to a page of the same document (JavaScript, Launch, URI — so ``javascript:`` links —,
  SubmitForm, ImportData, GoToR/GoToE, media): the action dictionary is emptied;
* link annotations with such an action, file attachments, and media/3D annotations: removed from the page;
* embedded file streams (``/EF``, ``/EmbeddedFiles``).

``guard.scan_pdf`` finds the same kinds of content in the source; the tests scan the copy with it.
"""

from __future__ import annotations

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

SAFE_ACTIONS = {"/GoTo"}
DROP_ANNOTS = {"/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D"}
DROP_KEYS = ("/AA", "/JS", "/OpenAction", "/EmbeddedFiles", "/EF", "/JavaScript", "/RichMediaContent")


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _unsafe_action(action) -> bool:
    action = _resolve(action)
    if not isinstance(action, DictionaryObject):
        return False
    if action.get("/S") not in SAFE_ACTIONS:
        return True
    nxt = action.get("/Next")  # a chain of actions: any unsafe one makes the whole chain unsafe
    if nxt is None:
        return False
    items = _resolve(nxt)
    items = items if isinstance(items, ArrayObject) else [items]
    return any(_unsafe_action(a) for a in items)


def _drop_annotation(annot) -> bool:
    annot = _resolve(annot)
    if not isinstance(annot, DictionaryObject):
        return False
    if annot.get("/Subtype") in DROP_ANNOTS:
        return True
    return annot.get("/Subtype") == "/Link" and "/A" in annot and _unsafe_action(annot["/A"])


def _scrub(d: DictionaryObject) -> None:
    for key in DROP_KEYS:
        if key in d:
            del d[key]
    if "/A" in d and _unsafe_action(d["/A"]):
        del d["/A"]
    if "/S" in d and d.get("/S") not in SAFE_ACTIONS and d.get("/Type", "/Action") == "/Action" and (
            "/URI" in d or "/F" in d or "/Win" in d or d.get("/S") in ("/JavaScript", "/Launch", "/URI",
                                                                     "/SubmitForm", "/ImportData", "/GoToR",
                                                                     "/GoToE", "/Rendition", "/Movie", "/Sound",
                                                                     "/RichMediaExecute")):
        d.clear()


INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


def _pages(reader: PdfReader) -> list:
    """The document's pages. pypdf refuses a page tree with a cycle (a Pages node listing itself); PDFium reads
    such a file, so the tree is then walked here, each node once, as PDFium does."""
    try:
        return list(reader.pages)
    except Exception:  # noqa: BLE001 - pypdf's error for a damaged tree; walked below instead
        pass
    from pypdf import PageObject

    root = _resolve(reader.trailer["/Root"])["/Pages"]
    out: list = []
    seen: set[int] = set()

    def walk(ref, inherited: dict, depth: int) -> None:
        key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
        node = _resolve(ref)
        if key in seen or depth > 64 or not isinstance(node, DictionaryObject):
            return
        seen.add(key)
        here = {k: node[k] for k in INHERITED if k in node}
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            kids = _resolve(node.get("/Kids"))
            for kid in kids if isinstance(kids, ArrayObject) else []:
                walk(kid, {**inherited, **here}, depth + 1)
            return
        page = PageObject(reader, ref if isinstance(ref, IndirectObject) else None)
        page.update(node)
        for k, v in inherited.items():
            if k not in page:
                page[NameObject(k)] = v
        out.append(page)

    walk(root, {}, 0)
    return out


def sanitized_copy(reader: PdfReader) -> PdfWriter:
    """A writer holding ``reader``'s pages and no active content (see the module doc)."""
    writer = PdfWriter()
    for page in _pages(reader):
        writer.add_page(page)
    for page in writer.pages:
        annots = page.get("/Annots")
        if annots is not None:
            arr = _resolve(annots)
            if isinstance(arr, ArrayObject):
                keep = ArrayObject(a for a in arr if not _drop_annotation(a))
                if keep:
                    page[NameObject("/Annots")] = keep
                else:
                    del page["/Annots"]
            else:
                del page["/Annots"]
    for obj in list(writer._objects):  # every object the copy will write, however it is reached
        if obj is not None:
            _walk(obj, 0)
    return writer


def _walk(obj, depth: int) -> None:
    """Scrub a dictionary and the direct dictionaries and arrays inside it (indirect ones are scrubbed as
    objects of their own)."""
    if depth > 32 or isinstance(obj, IndirectObject):
        return
    if isinstance(obj, DictionaryObject):
        _scrub(obj)
        for value in list(obj.values()):
            _walk(value, depth + 1)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            _walk(value, depth + 1)
