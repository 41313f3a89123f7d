"""The ``izlem-audit`` command line.

Every command turns a user error (bad path, not a PDF, wrong password, unknown format) into one line on
stderr and exit code 2; ``--debug`` shows the traceback instead. Outputs are written whole or not at all.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer

from . import __version__
from .errors import UserError
from .guard import DEFAULT_PAGE_CHARS, DEFAULT_PAGE_OBJECTS, DEFAULT_STREAM_MB
from .messages import format_values, severity_value, t

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Belediye stratejik plan / performans programı izleme raporlarını denetler. "
         "(Audits Turkish municipal monitoring reports.)",
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXTRACT_FORMATS = ("json", "csv", "xlsx")
LANGS = ("tr", "en")


def _err(line: str) -> None:
    """One line on stderr. Whatever it quotes (a file name, a library's error text) is shown with its control
    characters made visible, so no escape sequence from the input reaches the terminal."""
    from .normalising.text import printable

    typer.echo(printable(f"izlem-audit: {line}".replace("\n", " ").replace("\r", " ")), err=True)


def _stdout_closed() -> None:
    """The reader of our standard output went away (``… | head``): stop writing there, quietly."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@contextmanager
def _guard(lang: str, debug: bool) -> Iterator[None]:
    """Map user errors to exit code 2 with a one-line message; unexpected errors likewise, unless --debug."""
    try:
        yield
    except UserError as e:
        if debug:
            raise
        _err(e.message(lang))
        raise typer.Exit(2)
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        raise typer.Exit(130)
    except BrokenPipeError:
        _stdout_closed()
        raise typer.Exit(0)
    except OSError as e:
        if debug:
            raise
        _err(_os_message(e, lang))
        raise typer.Exit(2)
    except Exception as e:  # noqa: BLE001 - the last line of defence: never a traceback without --debug
        if debug:
            raise
        _err(t("internal_error", lang, detail=f"{type(e).__name__}: {e}".split("\n")[0][:200]))
        raise typer.Exit(2)


def _os_message(e: OSError, lang: str) -> str:
    """An OS error as one clear line: what could not be written (never a temporary name) and why."""
    from .output.atomic import OutputError, reason_key

    if isinstance(e, OutputError):
        return t("os_error", lang, path=e.path, reason=t(e.reason_key, lang, detail=e.cause.strerror or e.cause))
    key = reason_key(e)
    where = e.filename if e.filename is not None else "izlem-audit"
    if key == "err_other":
        return t("os_error", lang, path=where, reason=t("err_read", lang, detail=e.strerror or e))
    return t("os_error", lang, path=where, reason=t(key, lang))


def _check_lang(lang: str) -> str:
    lang = (lang or "").strip().lower()
    if lang not in LANGS:
        _err(t("bad_lang", "tr", value=lang))
        raise typer.Exit(2)
    return lang


def _progress(enabled: bool, lang: str):
    """A rich progress bar on stderr, only when stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    prog = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    task = prog.add_task(t("progress_reading", lang), total=None)

    def update(done: int, total: int) -> None:
        prog.update(task, completed=done, total=total)

    return prog, update


def read_report(path: Path, engine: str, password: Optional[str], lang: str, quiet: bool,
                pages: Optional[list[int]] = None, limits=None, ocr: bool = False):
    """A report from a PDF (extracted) or from the JSON that ``extract`` wrote."""
    from .extract import ENGINES, Limits, extract
    from .inputs import inspect_pdf
    from .model import StructureIssue

    limits = limits or Limits()
    if engine not in ENGINES:
        raise UserError("bad_engine", value=engine, choices=", ".join(ENGINES))
    if path.suffix.lower() == ".json" and path.is_file():
        return _read_json(path)
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
    prog, update = _progress(not quiet, lang)
    from .reading.ocr import OcrFailed, OcrMissing

    try:
        if prog is not None:
            with prog:
                report = extract(path, engine=engine, password=password, pages=pages, progress=update, limits=limits,
                                 ocr=ocr)
        else:
            report = extract(path, engine=engine, password=password, pages=pages, limits=limits, ocr=ocr)
    except OcrMissing:
        raise UserError("ocr_missing") from None
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


def _read_json(path: Path):
    import json

    from .model import Report
    from .normalising.text import clean_tree

    try:
        return Report.from_dict(clean_tree(json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constant)))
    except (ValueError, KeyError, TypeError) as e:
        raise UserError("bad_json", path=path, detail=str(e)[:120]) from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.resolve() == b.resolve()
    except OSError:
        return False


@app.command()
def extract(
    report_path: Path = typer.Argument(..., metavar="RAPOR.pdf", help="İzleme raporu (PDF)."),
    fmt: str = typer.Option("json", "--format", "-f", help="json | csv | xlsx"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Çıktı dosyası (yoksa standart çıktı)."),
    engine: str = typer.Option("pdfium", "--engine", help="pdfium (varsayılan) | pdfplumber | camelot"),
    password: Optional[str] = typer.Option(None, "--password", help="Parola korumalı PDF için parola."),
    lang: str = typer.Option("tr", "--lang", help="tr | en"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="İlerleme çubuğu ve özet satırı yok."),
    ocr: bool = typer.Option(False, "--ocr", help="Taranmış sayfaları görüntüden oku (Tesseract, Türkçe)."),
    page_timeout: float = typer.Option(30.0, "--page-timeout", help="Bir sayfa için en çok saniye."),
    max_pages: int = typer.Option(3000, "--max-pages", help="En çok sayfa sayısı."),
    max_size_mb: float = typer.Option(300.0, "--max-size-mb", help="En büyük dosya boyutu (MB)."),
    max_page_chars: int = typer.Option(DEFAULT_PAGE_CHARS, "--max-page-chars", help="Bir sayfada en çok karakter."),
    max_page_objects: int = typer.Option(DEFAULT_PAGE_OBJECTS, "--max-page-objects",
                                         help="Bir sayfada en çok çizim nesnesi."),
    max_stream_mb: float = typer.Option(DEFAULT_STREAM_MB, "--max-stream-mb",
                                        help="Sıkıştırılmış bir akışın açılmış en büyük boyutu (MB)."),
    max_image_pixels: int = typer.Option(4_000_000, "--max-image-pixels",
                                         help="Bir kanıt görüntüsünde en çok piksel."),
    debug: bool = typer.Option(False, "--debug", help="Hata olursa ayrıntıyı (traceback) göster."),
) -> None:
    """Raporun bütün hedef tablolarını okur: JSON, CSV ya da XLSX yazar."""
    from .output.atomic import OutputSet
    from .output.extract_formats import to_csv, to_json, write_xlsx

    lang = _check_lang(lang)
    with _guard(lang, debug):
        fmt = (format_values(fmt) or [fmt])[0] if "," not in fmt else fmt
        if fmt not in EXTRACT_FORMATS:
            raise UserError("bad_format", value=fmt, choices=", ".join(EXTRACT_FORMATS))
        if fmt == "xlsx" and output is None:
            raise UserError("output_needed", fmt=fmt)
        if output is not None and _same_file(output, report_path):
            raise UserError("same_as_input", path=output)
        from .extract import Limits

        report = read_report(report_path, engine, password, lang, quiet, ocr=ocr, limits=Limits(
            page_timeout, max_pages, max_size_mb, max_page_chars, max_page_objects, max_stream_mb, max_image_pixels))
        with OutputSet() as out:
            if fmt == "xlsx":
                assert output is not None
                out.write(output, lambda p: write_xlsx(report, p))
            else:
                text = to_json(report) if fmt == "json" else to_csv(report)
                if output is None:
                    _to_stdout(text if text.endswith("\n") else text + "\n")
                else:
                    out.write_text(output, text)
        if not quiet:
            c = report.counts()
            _err(t("extract_done", lang, layout=report.layout, pages=report.source.pages, **c))
            if output is not None:
                _err(t("written", lang, path=output))


@app.command()
def debug(
    report_path: Path = typer.Argument(..., metavar="RAPOR.pdf"),
    page: int = typer.Option(..., "--page", "-p", help="Sayfa numarası (1'den başlar)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="PNG dosyası (varsayılan: sayfa-N.png)."),
    resolution: int = typer.Option(110, "--dpi", help="Çözünürlük."),
    password: Optional[str] = typer.Option(None, "--password"),
    engine: str = typer.Option("pdfium", "--engine", help="pdfium (varsayılan) | pdfplumber"),
    ocr: bool = typer.Option(False, "--ocr", help="Taranmış sayfaları görüntüden oku (Tesseract, Türkçe)."),
    lang: str = typer.Option("tr", "--lang"),
    debug_: bool = typer.Option(False, "--debug"),
) -> None:
    """Sayfayı, okuyucunun gördükleriyle birlikte çizer: çizgiler, hücreler, sütunlar, bloklar."""
    from .debug_render import render_debug
    from .inputs import check_pdf, input_kind

    lang = _check_lang(lang)
    with _guard(lang, debug_):
        kind = input_kind(report_path)
        if kind != "pdf":
            import shlex

            raise UserError("debug_needs_pdf", path=report_path, kind=f".{kind}", cmd_path=shlex.quote(str(report_path)))
        n = check_pdf(report_path, password)
        if not 1 <= page <= n:
            raise UserError("bad_page", page=page, pages=n)
        if engine not in ("pdfplumber", "pdfium"):
            raise UserError("bad_engine", value=engine, choices="pdfium, pdfplumber")
        out = output or Path(f"sayfa-{page}.png")
        resolution = _debug_dpi(report_path, page, password, resolution)
        from .guard import PageTooLarge
        from .reading.ocr import OcrMissing

        try:
            render_debug(report_path, page, out, password=password, dpi=resolution, engine=engine, ocr=ocr)
        except OcrMissing:
            raise UserError("ocr_missing") from None
        except PageTooLarge as big:
            raise UserError(f"pages_too_many_{big.what}", n=1, count=big.count, limit=big.limit) from None
        _err(t("written", lang, path=out))


DEBUG_MAX_PIXELS = 12_000_000  # an A4 page at 350 dpi


def _debug_dpi(path: Path, page: int, password: Optional[str], dpi: int) -> int:
    """``dpi``, lowered so that the picture of a huge page (7,200 pt square) stays within DEBUG_MAX_PIXELS."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path), password=password)
    try:
        w, h = doc[page - 1].get_size()
    finally:
        doc.close()
    cap = 72.0 * (DEBUG_MAX_PIXELS / max(w * h, 1.0)) ** 0.5
    return max(1, min(dpi, int(cap)))


CHECK_FORMATS = ("console", "json", "html", "xlsx", "md")
SUFFIX = {"console": ".txt", "json": ".json", "html": ".html", "xlsx": ".xlsx", "md": ".md"}


def _load_config(config_path: Optional[Path], report_path: Path):
    from . import config as cfgmod

    if config_path is not None:
        if not config_path.is_file():
            raise UserError("missing_path", path=config_path)
        return cfgmod.load(config_path)
    found = cfgmod.find([report_path.resolve().parent, Path.cwd()])
    return cfgmod.load(found) if found else cfgmod.Config()


def _outputs(formats: list[str], output: Optional[Path]) -> dict[str, Optional[Path]]:
    """Where each format goes: one format to --output (or stdout); several to --output with each suffix."""
    if len(formats) == 1:
        if formats[0] in ("xlsx", "html") and output is None:
            raise UserError("output_needed", fmt=formats[0])
        return {formats[0]: output}
    if output is None:
        raise UserError("output_needed", fmt=",".join(formats))
    base = output.with_suffix("") if output.suffix.lower() in SUFFIX.values() else output
    return {f: base.parent / (base.name + SUFFIX[f]) for f in formats}


@app.command()
def check(
    report_path: Path = typer.Argument(..., metavar="RAPOR.pdf", help="İzleme raporu (PDF) ya da extract JSON'u."),
    fmt: str = typer.Option("console", "--format", "-f",
                            help="console | json | html | xlsx | md; virgülle birden çok (html,xlsx)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Çıktı dosyası; birden çok biçimde uzantısız ad (rapor → rapor.html…)."),
    annotate: Optional[Path] = typer.Option(None, "--annotate", help="Bulguları işaretlenmiş PDF kopyası."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="error | warning | info (varsayılan: error)."),
    config_path: Optional[Path] = typer.Option(None, "--config", help="izlem-audit.toml yolu."),
    engine: str = typer.Option("pdfium", "--engine", help="pdfium (varsayılan) | pdfplumber | camelot"),
    password: Optional[str] = typer.Option(None, "--password", help="Parola korumalı PDF için parola."),
    lang: Optional[str] = typer.Option(None, "--lang", help="tr | en"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="İlerleme çubuğu ve özet satırı yok."),
    ocr: bool = typer.Option(False, "--ocr", help="Taranmış sayfaları görüntüden oku (Tesseract, Türkçe)."),
    page_timeout: float = typer.Option(30.0, "--page-timeout", help="Bir sayfa için en çok saniye."),
    max_pages: int = typer.Option(3000, "--max-pages", help="En çok sayfa sayısı."),
    max_size_mb: float = typer.Option(300.0, "--max-size-mb", help="En büyük dosya boyutu (MB)."),
    max_page_chars: int = typer.Option(DEFAULT_PAGE_CHARS, "--max-page-chars", help="Bir sayfada en çok karakter."),
    max_page_objects: int = typer.Option(DEFAULT_PAGE_OBJECTS, "--max-page-objects",
                                         help="Bir sayfada en çok çizim nesnesi."),
    max_stream_mb: float = typer.Option(DEFAULT_STREAM_MB, "--max-stream-mb",
                                        help="Sıkıştırılmış bir akışın açılmış en büyük boyutu (MB)."),
    max_image_pixels: int = typer.Option(4_000_000, "--max-image-pixels",
                                         help="Bir kanıt görüntüsünde en çok piksel."),
    debug_: bool = typer.Option(False, "--debug", help="Hata olursa ayrıntıyı (traceback) göster."),
) -> None:
    """Her oranı yeniden hesaplar, tutmayanları ve kuşkulu olanları bildirir.

    Çıkış kodu: 0 --fail-on düzeyinde ya da üstünde bulgu yok; 1 var; 2 girdi ya da kullanım hatası.
    Exit code: 0 no finding at or above --fail-on; 1 some; 2 input or usage error.
    """
    from .output.atomic import OutputSet
    from .rules.base import SEVERITY_RANK
    from .rules.engine import run_rules

    first_lang = _check_lang(lang or "tr")
    with _guard(first_lang, debug_):
        cfg = _load_config(config_path, report_path)
        lang_ = _check_lang(lang or cfg.lang)
        level = severity_value(fail_on or cfg.fail_on)
        if level not in SEVERITY_RANK:
            raise UserError("bad_fail_on", value=fail_on or cfg.fail_on)
        formats = format_values(fmt)
        bad = [f for f in formats if f not in CHECK_FORMATS]
        if bad or not formats:
            raise UserError("bad_format", value=",".join(bad) or fmt, choices=", ".join(CHECK_FORMATS))
        targets = _outputs(formats, output)
        for target in [*targets.values(), annotate]:
            if target is not None and _same_file(target, report_path):
                raise UserError("same_as_input", path=target)
        from .extract import Limits

        limits = Limits(page_timeout, max_pages, max_size_mb, max_page_chars, max_page_objects, max_stream_mb,
                        max_image_pixels)
        report = read_report(report_path, engine, password, lang_, quiet, limits=limits, ocr=ocr)
        findings, rc = run_rules(report, cfg, lang_)
        pdf = report_path if report_path.suffix.lower() == ".pdf" else (
            Path(report.source.path) if report.source.path else None)
        if annotate is not None and (pdf is None or not pdf.is_file()):
            raise UserError("missing_path", path=pdf or report_path)
        # every output of the run is one set: written to temporary files, renamed together at the end
        with OutputSet() as out:
            for kind, target in targets.items():
                _write_check(kind, target, report, findings, rc, lang_, pdf, password, out, limits)
            if annotate is not None:
                out.write(annotate, lambda p: _annotated(pdf, findings, p, password, report, rc, lang_))
        if not quiet:
            for target in [*(t for t in targets.values() if t is not None), annotate]:
                if target is not None:
                    _err(t("written", lang_, path=target))
        from .rules.engine import failing as failing_findings

        failing = failing_findings(findings, level)
    raise typer.Exit(1 if failing else 0)


def _to_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_closed()


def _annotated(pdf, findings, out_path, password, report=None, rc=None, lang="tr") -> None:
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


def _write_check(kind, target, report, findings, rc, lang, pdf, password, out=None, limits=None) -> None:
    """Write one format of the check to ``target`` (into the OutputSet ``out``) or to standard output."""
    from rich.console import Console

    from .output.atomic import OutputSet

    if out is None:  # a single format written on its own, still whole or not at all
        with OutputSet() as own:
            return _write_check(kind, target, report, findings, rc, lang, pdf, password, own, limits)
    if kind == "console":
        from .output.console import render_console

        if target is None:
            try:
                render_console(report, findings, rc, Console(), lang)
            except BrokenPipeError:
                _stdout_closed()
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
                _stdout_closed()
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
        _to_stdout(text)
    else:
        out.write_text(target, text)


@app.command()
def rules(
    rule_id: Optional[str] = typer.Argument(None, metavar="[IZxxx]", help="Tek bir kuralı açıklar."),
    lang: str = typer.Option("tr", "--lang", help="tr | en"),
) -> None:
    """Kural kataloğunu listeler ya da bir kuralı açıklar (ruff rule gibi)."""
    from rich.console import Console
    from rich.table import Table

    from .rules.registry import all_rules, get_rule

    from .output.finding_text import RULE_TITLE, category_label, tr_en, ui

    lang = _check_lang(lang)
    console = Console()
    if rule_id is None:
        table = Table(t("rule_id", lang), t("rule_name", lang), t("rule_category", lang), t("rule_severity", lang))
        for r in all_rules():
            title = tr_en(RULE_TITLE[r.id], lang) if r.id in RULE_TITLE else r.name
            table.add_row(r.id, title, category_label(r.category, lang), ui(r.severity, lang))
        console.print(table)
        return
    r = get_rule(rule_id)
    if r is None:
        _err(t("unknown_rule", lang, rule=rule_id))
        raise typer.Exit(2)
    title = tr_en(RULE_TITLE[r.id], lang) if r.id in RULE_TITLE else r.name
    console.print(f"[bold]{r.id}[/bold] {title} [dim]({r.name})[/dim]")
    console.print(f"{t('rule_category', lang)}: {category_label(r.category, lang)} · {t('rule_severity', lang)}: "
                  f"{ui(r.severity, lang)}")
    console.print(f"\n[bold]{t('rule_message', lang)}[/bold]\n{r.message_en if lang == 'en' else r.message_tr}")
    console.print(f"\n[bold]{t('rule_rationale', lang)}[/bold]\n{r.rationale_en if lang == 'en' else r.rationale_tr}")
    console.print(f"\n[bold]{t('rule_example', lang)}[/bold]\n{r.example}")


@app.command()
def batch(
    inputs: str = typer.Argument(..., metavar="KLASÖR_YA_DA_DESEN", help="Raporların klasörü ya da 'raporlar/**/*.pdf'."),
    output: Path = typer.Option(..., "--output", "-o", help="Sonuç klasörü (index.html, index.csv ve rapor başına klasör)."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Paralel süreç sayısı."),
    fmt: str = typer.Option("json,html", "--format", "-f", help="Rapor başına biçimler: json, html, xlsx, md."),
    engine: str = typer.Option("pdfium", "--engine", help="pdfplumber | pdfium"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Dask dağıtık zamanlayıcı adresi (tcp://host:8786)."),
    lang: str = typer.Option("tr", "--lang", help="tr | en"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="İlerleme çubuğu ve özet yok."),
    page_timeout: float = typer.Option(30.0, "--page-timeout", help="Bir sayfa için en çok saniye."),
    max_pages: int = typer.Option(3000, "--max-pages", help="En çok sayfa sayısı."),
    max_size_mb: float = typer.Option(300.0, "--max-size-mb", help="En büyük dosya boyutu (MB)."),
    max_page_chars: int = typer.Option(DEFAULT_PAGE_CHARS, "--max-page-chars", help="Bir sayfada en çok karakter."),
    max_page_objects: int = typer.Option(DEFAULT_PAGE_OBJECTS, "--max-page-objects",
                                         help="Bir sayfada en çok çizim nesnesi."),
    max_stream_mb: float = typer.Option(DEFAULT_STREAM_MB, "--max-stream-mb",
                                        help="Sıkıştırılmış bir akışın açılmış en büyük boyutu (MB)."),
    max_image_pixels: int = typer.Option(4_000_000, "--max-image-pixels",
                                         help="Bir kanıt görüntüsünde en çok piksel."),
    debug_: bool = typer.Option(False, "--debug"),
) -> None:
    """Çok sayıda raporu paralel denetler; kaldığı yerden sürer, bozuk bir dosya toplu işi durdurmaz.

    Çıkış kodu: 2 okunamayan rapor var (ötekiler denetlendi; bir sonraki çalıştırmada yeniden denenir);
    1 hata bulgusu olan rapor var; 0 yok.
    """
    from .batch import find_inputs, run_batch

    lang = _check_lang(lang)
    with _guard(lang, debug_):
        formats = tuple(format_values(fmt))
        bad = [f for f in formats if f not in ("json", "html", "xlsx", "md")]
        if bad or not formats:
            raise UserError("bad_format", value=",".join(bad) or fmt, choices="json, html, xlsx, md")
        if engine not in ("pdfplumber", "pdfium"):
            raise UserError("bad_engine", value=engine, choices="pdfplumber, pdfium")
        from .extract import Limits

        limits = Limits(page_timeout, max_pages, max_size_mb, max_page_chars, max_page_objects, max_stream_mb,
                        max_image_pixels)
        found = find_inputs(inputs)
        if not found:
            raise UserError("no_inputs", spec=inputs)
        if scheduler:
            try:
                import distributed  # noqa: F401
            except ImportError:
                raise UserError("engine_missing", engine="dask", extra="dask") from None
        prog = None
        update = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            prog = Progress(TextColumn(t("batch_progress", lang)), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                            TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            task = prog.add_task("", total=None)

            def update(done: int, total: int) -> None:
                prog.update(task, completed=done, total=total)

        if prog is not None:
            with prog:
                rows, skipped = run_batch(found, output, formats, jobs, engine, lang, scheduler, update, limits)
        else:
            rows, skipped = run_batch(found, output, formats, jobs, engine, lang, scheduler, update, limits)
        if not quiet:
            broken = sum(1 for r in rows if r["status"] != "ok")
            _err(t("batch_done", lang, n=len(rows), skipped=skipped, broken=broken, path=output / "index.html"))
        from .batch import exit_code

        code = exit_code(rows)  # 2 if a report could not be audited (the others were), else as check
    raise typer.Exit(code)


@app.command()
def version() -> None:
    """Sürümü yazar."""
    typer.echo(__version__)


from .comparing.command import compare as _compare  # noqa: E402

app.command(name="compare")(_compare)


# --help in both languages: each Turkish help text followed by its English (the option values take both too)
HELP_EN = {
    "Bir kanıt görüntüsünde en çok piksel.": "Most pixels in an evidence picture.",
    "Bir sayfa için en çok saniye.": "Most seconds for one page.",
    "Bir sayfada en çok karakter.": "Most characters on a page.",
    "Bir sayfada en çok çizim nesnesi.": "Most drawing objects on a page.",
    "Bulguları işaretlenmiş PDF kopyası.": "A copy of the PDF with the findings marked.",
    "Dask dağıtık zamanlayıcı adresi (tcp://host:8786).": "Dask distributed scheduler address.",
    "En büyük dosya boyutu (MB).": "Largest file size (MB).",
    "En çok sayfa sayısı.": "Most pages.",
    "Hata olursa ayrıntıyı (traceback) göster.": "Show the traceback on an error.",
    "PNG dosyası (varsayılan: sayfa-N.png).": "PNG file (default: sayfa-N.png).",
    "Paralel süreç sayısı.": "Number of parallel processes.",
    "Parola korumalı PDF için parola.": "Password of a protected PDF.",
    "Rapor başına biçimler: json, html, xlsx, md.": "Formats per report: json, html, xlsx, md.",
    "Raporların klasörü ya da 'raporlar/**/*.pdf'.": "Folder of reports or a pattern such as 'reports/**/*.pdf'.",
    "Sayfa numarası (1'den başlar).": "Page number (from 1).",
    "Sonuç klasörü (index.html, index.csv ve rapor başına klasör).":
        "Output folder (index.html, index.csv and a folder per report).",
    "Sıkıştırılmış bir akışın açılmış en büyük boyutu (MB).": "Largest decompressed size of a stream (MB).",
    "Taranmış sayfaları görüntüden oku (Tesseract, Türkçe).": "Read scanned pages from their image (Tesseract, Turkish).",
    "Tek bir kuralı açıklar.": "Explains one rule.",
    "console | json | html | xlsx | md; virgülle birden çok (html,xlsx).":
        "several separated by commas; any case; markdown and excel also accepted.",
    "error | warning | info (varsayılan: error).":
        "hata | uyarı | bilgi also accepted, any case (default: error).",
    "izlem-audit.toml yolu.": "Path of izlem-audit.toml.",
    "Çözünürlük.": "Resolution (dpi).",
    "Çıktı dosyası (yoksa standart çıktı).": "Output file (standard output without it).",
    "Çıktı dosyası; birden çok biçimde uzantısız ad (rapor → rapor.html…).":
        "Output file; for several formats a name without suffix (report → report.html…).",
    "İlerleme çubuğu ve özet satırı yok.": "No progress bar and no summary line.",
    "İlerleme çubuğu ve özet yok.": "No progress bar and no summary.",
    "İzleme raporu (PDF) ya da extract JSON'u.": "The monitoring report (PDF) or the JSON extract wrote.",
    "İzleme raporu (PDF).": "The monitoring report (PDF).",
    "Aynı belediyenin aynı yılına ait izleme raporları (PDF, .docx, .xlsx).":
        "Monitoring reports of one municipality and year (PDF, .docx, .xlsx).",
}
COMMAND_EN = {
    "extract": "Reads every hedef table of the report: writes JSON, CSV or XLSX.",
    "debug": "Draws a page with what the reader saw: rules, cells, columns, blocks.",
    "check": "Recomputes every rate and reports what does not reconcile and what looks wrong.",
    "rules": "Lists the rule catalog or explains one rule.",
    "batch": "Audits many reports in parallel; resumes where it stopped; a broken file does not stop the batch.",
    "version": "Prints the version.",
    "compare": "Compares one municipality's documents of one year: targets, weights, baselines, göstergeler "
               "missing or added, running totals that fall, values printed differently, titles and budgets.",
}


def _bilingual_help() -> None:
    import inspect

    for cmd in app.registered_commands:
        fn = cmd.callback
        if fn is None:
            continue
        for param in inspect.signature(fn).parameters.values():
            info = param.default
            text = getattr(info, "help", None)
            if isinstance(text, str) and text in HELP_EN:
                info.help = f"{text} / {HELP_EN[text]}"
        name = cmd.name or fn.__name__
        doc = inspect.getdoc(fn) or ""
        if name in COMMAND_EN and not cmd.help and doc:
            first, _, rest = doc.partition("\n")
            cmd.help = f"{first} / {COMMAND_EN[name]}" + (f"\n{rest}" if rest else "")


_bilingual_help()


def _quiet_libraries() -> None:
    """Libraries log what they meet in damaged PDFs (pdfminer, pypdf); users get our one line instead.
    ``--debug`` keeps their messages."""
    import logging
    import warnings

    if "--debug" in sys.argv:
        return
    logging.basicConfig(level=logging.CRITICAL)
    for name in ("pdfminer", "pdfplumber", "pypdf", "camelot", "PIL"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")


def main() -> None:
    _quiet_libraries()
    # Reading a report allocates about a million small objects (characters, segments, cells, lines), hardly any
    # in a reference cycle: with the default threshold (a young-generation pass every 700 allocations, and full
    # passes over an ever larger heap) the cyclic garbage collector took 10-15 % of `check`. A pass every 50 000
    # allocations keeps the same peak memory (bench/run.py) and gives that time back.
    import gc

    gc.set_threshold(50_000, 10, 10)
    app()


if __name__ == "__main__":
    main()
