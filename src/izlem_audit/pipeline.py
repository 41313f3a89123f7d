"""The pipeline behind the commands: a report from a PDF, a Word/Excel draft or an extract JSON
(``read_report``), and one output format of ``check`` written whole or not at all (``write_check``).
``cli``, ``batch`` and ``compare`` call it; it knows nothing of argument parsing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from .errors import UserError
from .terminal import progress_bar, stdout_closed, to_stdout


def read_report(path: Path, engine: str, password: Optional[str], lang: str, quiet: bool,
                pages: Optional[list[int]] = None, limits=None, ocr: bool = False):
    """A report from a PDF (extracted) or from the JSON that ``extract`` wrote."""
    from .extract import Limits, extract
    from .reading.engines import engine_named
    from .inputs import inspect_pdf
    from .model import StructureIssue

    limits = limits or Limits()
    engine_named(engine)
    if path.suffix.lower() == ".json" and path.is_file():
        return read_json(path)
    from .inputs import input_kind

    kind = input_kind(path)
    if kind != "pdf":  # a Word or Excel draft: read into the same blocks as the PDF printed from it
        from .extract import read_draft

        return read_draft(path, kind, limits)
    size_mb = path.stat().st_size / 1e6 if path.is_file() else 0.0
    if size_mb > limits.max_megabytes:
        raise UserError("too_large", path=path, size=size_mb, limit=limits.max_megabytes)
    n, scan = inspect_pdf(path, password, limits.max_stream_mb)
    if n > limits.max_pages:
        raise UserError("too_many_pages", path=path, pages=n, limit=limits.max_pages)
    if pages:
        for p in pages:
            if not 1 <= p <= n:
                raise UserError("bad_page", page=p, pages=n)
    prog, update = progress_bar(not quiet, lang)
    from .reading.ocr import OcrFailed, OcrMissing

    try:
        if prog is not None:
            with prog:
                report = extract(path, engine=engine, password=password, pages=pages, progress=update, limits=limits,
                                 ocr=ocr)
        else:
            report = extract(path, engine=engine, password=password, pages=pages, limits=limits, ocr=ocr)
    except OcrMissing as missing:
        raise UserError("ocr_missing_python" if str(missing) == "python" else "ocr_missing") from None
    except OcrFailed as exc:
        raise UserError("ocr_failed", path=path, detail=str(exc)[:120]) from None
    if scan.active:
        report.issues.insert(0, StructureIssue("active_content", None, detail={
            "kinds": ", ".join(ACTIVE_NAMES[k] for k in scan.active)}))
    if not report.hedefler:
        looked = len(pages) if pages else n
        too_big = [i for i in report.issues if i.kind.startswith("page_too_many_")]
        if too_big:
            what = too_big[0].kind.rsplit("_", 1)[1]
            raise UserError(f"pages_too_many_{what}", n=len(too_big), count=too_big[0].detail["count"],
                            limit=too_big[0].detail["limit"])
        timed_out = [i for i in report.issues if i.kind == "page_timeout"]
        if timed_out:
            raise UserError("pages_timed_out", n=len(timed_out), seconds=limits.page_seconds)
        if report.text_chars < 20 * looked and not ocr:
            raise UserError("scanned", path=path, pages=looked, chars=report.text_chars)
        # characters that do not decode (a font without a ToUnicode map) where Turkish letters should be: the text
        # layer is unreadable, which is not the same as "not an izleme report"
        garbled = getattr(report, "garbled_chars", 0)
        if garbled and garbled >= 0.01 * report.text_chars:
            raise UserError("unreadable_text", path=path, pct=max(1, round(100 * garbled / report.text_chars)))
        from .diagnose import unknown_layout_error

        raise unknown_layout_error(report, path, looked)
    return report


ACTIVE_NAMES = {"javascript": "JavaScript", "launch": "Launch", "embedded_file": "EmbeddedFile",
                "javascript_link": "javascript: link", "submit_form": "SubmitForm", "rich_media": "RichMedia"}


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def read_json(path: Path):
    import json

    from .model import Report
    from .normalising.text import clean_tree

    try:
        return Report.from_dict(clean_tree(json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constant)))
    except (ValueError, KeyError, TypeError) as e:
        raise UserError("bad_json", path=path, detail=str(e)[:120]) from None


def write_annotated_copy(pdf, findings, out_path, password, report=None, rc=None, lang="tr") -> None:
    """The annotated copy; a PDF whose structure pypdf cannot follow (a page tree that lists itself) is a
    user error, not a crash, and since outputs are a set nothing else is written either."""
    from .output.annotate import write_annotated

    try:
        write_annotated(pdf, findings, out_path, password, report=report, rc=rc, lang=lang)
    except (OSError, UserError):
        raise
    except (RecursionError, Exception) as e:  # noqa: BLE001 - pypdf's errors on hostile structure vary
        raise UserError("cannot_annotate", path=pdf, detail=type(e).__name__) from None


def unused_suppressions(rc, findings) -> list:
    """Suppressions of the configuration that matched no finding, where the rule engine records them."""
    for holder in (rc, findings):
        value = getattr(holder, "unused_suppressions", None)
        if value:
            return list(value)
    return []


def write_check(kind, target, report, findings, rc, lang, pdf, password, out=None, limits=None) -> None:
    """Write one format of the check to ``target`` (into the OutputSet ``out``) or to standard output."""
    from .output.atomic import OutputSet

    if out is None:  # a single format written on its own, still whole or not at all
        with OutputSet() as own:
            return write_check(kind, target, report, findings, rc, lang, pdf, password, own, limits)
    if kind == "console":
        from rich.console import Console  # only here: rich costs a tenth of a second to import

        from .output.console import render_console

        if target is None:
            try:
                render_console(report, findings, rc, Console(), lang)
            except BrokenPipeError:
                stdout_closed()
            return
        import io

        buf = io.StringIO()
        render_console(report, findings, rc, Console(file=buf, width=120, force_terminal=False), lang)
        out.write_text(target, buf.getvalue())
        return
    if kind == "xlsx":
        from .output.xlsx_report import write_check_xlsx

        out.write(target, lambda p: write_check_xlsx(report, findings, rc, p, lang,
                                                     unused_suppressions=unused_suppressions(rc, findings)))
        return
    if kind == "json":
        from .output.check_json import write_json

        if target is None:
            try:
                write_json(report, findings, rc, sys.stdout)
                sys.stdout.flush()
            except BrokenPipeError:
                stdout_closed()
        else:
            def dump(p: Path) -> None:
                with open(p, "w", encoding="utf-8") as fh:
                    write_json(report, findings, rc, fh)

            out.write(target, dump)
        return
    if kind == "md":
        from .output.markdown import render_markdown

        text = render_markdown(report, findings, rc, lang, unused_suppressions=unused_suppressions(rc, findings))
    else:
        from .output.evidence import crop_findings, page_images
        from .output.html import render_html

        if limits is not None:
            from .output import evidence

            evidence.MAX_PIXELS = limits.max_image_pixels
        pics = crop_findings(pdf, findings, password, report=report, lang=lang)
        text = render_html(report, findings, rc, pics, lang, pages=page_images(pdf, pics, password),
                           unused_suppressions=unused_suppressions(rc, findings))
    if target is None:
        to_stdout(text)
    else:
        out.write_text(target, text)

