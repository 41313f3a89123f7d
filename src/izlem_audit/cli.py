"""The ``izlem-audit`` command line.

Every command turns a user error (bad path, not a PDF, wrong password, unknown format) into one line on
stderr and exit code 2; ``--debug`` shows the traceback instead. Outputs are written whole or not at all.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from . import __version__
from .errors import UserError
from .messages import format_values, t
from .options import (BATCH_ENGINES, ConfigPath, Debug, DrawingEngine, FailOn, Formats, Lang, Ocr, Outputs,
                      Password, Reading, reading_options, resolve_run, same_file)
from .pipeline import read_report, write_annotated_copy, write_check
from .reading.engines import DRAWING_ENGINES, engine_named
from .terminal import check_lang, err, guard, to_stdout

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Belediye stratejik plan / performans programı izleme raporlarını denetler. "
         "(Audits Turkish municipal monitoring reports.)",
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXTRACT_FORMATS = ("json", "csv", "xlsx")


@app.command()
@reading_options()
def extract(
    report_path: Path = typer.Argument(..., metavar="RAPOR.pdf", help="İzleme raporu (PDF)."),
    fmt: str = typer.Option("json", "--format", "-f", help="json | csv | xlsx"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Çıktı dosyası (yoksa standart çıktı)."),
    lang: Lang = "tr",
    reading: Reading = Reading(),  # --engine, --password, --quiet, --ocr, the limits: by @reading_options
    debug_: Debug = False,
) -> None:
    """Raporun bütün hedef tablolarını okur: JSON, CSV ya da XLSX yazar."""
    from .output.atomic import OutputSet
    from .output.extract_formats import to_csv, to_json, write_xlsx

    lang = check_lang(lang)
    with guard(lang, debug_):
        fmt = (format_values(fmt) or [fmt])[0] if "," not in fmt else fmt
        if fmt not in EXTRACT_FORMATS:
            raise UserError("bad_format", value=fmt, choices=", ".join(EXTRACT_FORMATS))
        if fmt == "xlsx" and output is None:
            raise UserError("output_needed", fmt=fmt)
        if output is not None and same_file(output, report_path):
            raise UserError("same_as_input", path=output)
        report = read_report(report_path, reading.engine, reading.password, lang, reading.quiet, ocr=reading.ocr,
                             limits=reading.limits)
        with OutputSet() as out:
            if fmt == "xlsx":
                assert output is not None
                out.write(output, lambda p: write_xlsx(report, p))
            else:
                text = to_json(report) if fmt == "json" else to_csv(report)
                if output is None:
                    to_stdout(text if text.endswith("\n") else text + "\n")
                else:
                    out.write_text(output, text)
        if not reading.quiet:
            c = report.counts()
            err(t("extract_done", lang, layout=report.layout, pages=report.source.pages, **c))
            if output is not None:
                err(t("written", lang, path=output))


@app.command()
def debug(
    report_path: Path = typer.Argument(..., metavar="RAPOR.pdf"),
    page: int = typer.Option(..., "--page", "-p", help="Sayfa numarası (1'den başlar)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="PNG dosyası (varsayılan: sayfa-N.png)."),
    resolution: int = typer.Option(110, "--dpi", help="Çözünürlük."),
    password: Password = None,
    engine: DrawingEngine = "pdfium",
    ocr: Ocr = False,
    lang: Lang = "tr",
    debug_: Debug = False,
) -> None:
    """Sayfayı, okuyucunun gördükleriyle birlikte çizer: çizgiler, hücreler, sütunlar, bloklar."""
    from .debug_render import detection_line, render_debug
    from .inputs import check_pdf, input_kind

    lang = check_lang(lang)
    with guard(lang, debug_):
        kind = input_kind(report_path)
        if kind != "pdf":
            import shlex

            raise UserError("debug_needs_pdf", path=report_path, kind=f".{kind}", cmd_path=shlex.quote(str(report_path)))
        n = check_pdf(report_path, password)
        if not 1 <= page <= n:
            raise UserError("bad_page", page=page, pages=n)
        engine_named(engine, DRAWING_ENGINES)
        out = output or Path(f"sayfa-{page}.png")
        resolution = _debug_dpi(report_path, page, password, resolution)
        from .guard import PageTooLarge
        from .reading.ocr import OcrMissing

        try:
            tables = render_debug(report_path, page, out, password=password, dpi=resolution, engine=engine,
                                  ocr=ocr)
        except OcrMissing as missing:
            raise UserError("ocr_missing_python" if str(missing) == "python" else "ocr_missing") from None
        except PageTooLarge as big:
            raise UserError(f"pages_too_many_{big.what}", n=1, count=big.count, limit=big.limit) from None
        for tr in tables:  # which layout reader took each table of the page, and why
            err(detection_line(tr, lang))
        err(t("written", lang, path=out))


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


@app.command()
@reading_options()
def check(
    report_path: Path = typer.Argument(..., metavar="RAPOR.pdf", help="İzleme raporu (PDF) ya da extract JSON'u."),
    fmt: Formats = "console",
    output: Outputs = None,
    annotate: Optional[Path] = typer.Option(None, "--annotate", help="Bulguları işaretlenmiş PDF kopyası."),
    fail_on: FailOn = None,
    config_path: ConfigPath = None,
    lang: Lang = None,
    reading: Reading = Reading(),  # --engine, --password, --quiet, --ocr, the limits: by @reading_options
    debug_: Debug = False,
) -> None:
    """Her oranı yeniden hesaplar, tutmayanları ve kuşkulu olanları bildirir.

    Çıkış kodu: 0 --fail-on düzeyinde ya da üstünde bulgu yok; 1 var; 2 girdi ya da kullanım hatası.
    Exit code: 0 no finding at or above --fail-on; 1 some; 2 input or usage error.
    """
    from .output.atomic import OutputSet
    from .rules.engine import run_rules

    with guard(check_lang(lang or "tr"), debug_):
        cfg, lang_, level, targets = resolve_run(config_path, [report_path], lang, fail_on, fmt, output, (annotate,))
        engine, password, quiet, ocr, limits = reading
        report = read_report(report_path, engine, password, lang_, quiet, limits=limits, ocr=ocr)
        findings, rc = run_rules(report, cfg, lang_)
        pdf = report_path if report_path.suffix.lower() == ".pdf" else (
            Path(report.source.path) if report.source.path else None)
        if annotate is not None and (pdf is None or not pdf.is_file()):
            raise UserError("missing_path", path=pdf or report_path)
        # every output of the run is one set: written to temporary files, renamed together at the end
        with OutputSet() as out:
            for kind, target in targets.items():
                write_check(kind, target, report, findings, rc, lang_, pdf, password, out, limits)
            if annotate is not None:
                out.write(annotate, lambda p: write_annotated_copy(pdf, findings, p, password, report, rc, lang_))
        if not quiet:
            for target in [*(t for t in targets.values() if t is not None), annotate]:
                if target is not None:
                    err(t("written", lang_, path=target))
        from .rules.engine import failing as failing_findings

        failing = failing_findings(findings, level)
    raise typer.Exit(1 if failing else 0)


@app.command()
def rules(
    rule_id: Optional[str] = typer.Argument(None, metavar="[IZxxx]", help="Tek bir kuralı açıklar."),
    lang: Lang = "tr",
) -> None:
    """Kural kataloğunu listeler ya da bir kuralı açıklar (ruff rule gibi)."""
    from rich.console import Console
    from rich.table import Table

    from .catalog import all_rules, get_rule

    from .output.finding_text import RULE_TITLE, category_label, tr_en, ui

    lang = check_lang(lang)
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
        err(t("unknown_rule", lang, rule=rule_id))
        raise typer.Exit(2)
    title = tr_en(RULE_TITLE[r.id], lang) if r.id in RULE_TITLE else r.name
    console.print(f"[bold]{r.id}[/bold] {title} [dim]({r.name})[/dim]")
    console.print(f"{t('rule_category', lang)}: {category_label(r.category, lang)} · {t('rule_severity', lang)}: "
                  f"{ui(r.severity, lang)}")
    console.print(f"\n[bold]{t('rule_message', lang)}[/bold]\n{r.message_en if lang == 'en' else r.message_tr}")
    console.print(f"\n[bold]{t('rule_rationale', lang)}[/bold]\n{r.rationale_en if lang == 'en' else r.rationale_tr}")
    console.print(f"\n[bold]{t('rule_example', lang)}[/bold]\n{r.example}")


@app.command()
@reading_options(engines=BATCH_ENGINES, password=False, ocr=False)
def batch(
    inputs: str = typer.Argument(..., metavar="KLASÖR_YA_DA_DESEN", help="Raporların klasörü ya da 'raporlar/**/*.pdf'."),
    output: Path = typer.Option(..., "--output", "-o", help="Sonuç klasörü (index.html, index.csv ve rapor başına klasör)."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Paralel süreç sayısı."),
    fmt: str = typer.Option("json,html", "--format", "-f", help="Rapor başına biçimler: json, html, xlsx, md."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Dask dağıtık zamanlayıcı adresi (tcp://host:8786)."),
    lang: Lang = "tr",
    reading: Reading = Reading(),  # --engine, --quiet, the limits: by @reading_options
    debug_: Debug = False,
) -> None:
    """Çok sayıda raporu paralel denetler; kaldığı yerden sürer, bozuk bir dosya toplu işi durdurmaz.

    Çıkış kodu: 2 okunamayan rapor var (ötekiler denetlendi; bir sonraki çalıştırmada yeniden denenir);
    1 hata bulgusu olan rapor var; 0 yok.
    """
    from .batch import find_inputs, run_batch

    lang = check_lang(lang)
    with guard(lang, debug_):
        formats = tuple(format_values(fmt))
        bad = [f for f in formats if f not in ("json", "html", "xlsx", "md")]
        if bad or not formats:
            raise UserError("bad_format", value=",".join(bad) or fmt, choices="json, html, xlsx, md")
        engine, _, quiet, _, limits = reading
        engine_named(engine, BATCH_ENGINES)
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
            err(t("batch_done", lang, n=len(rows), skipped=skipped, broken=broken, path=output / "index.html"))
        from .batch import exit_code

        code = exit_code(rows)  # 2 if a report could not be audited (the others were), else as check
    raise typer.Exit(code)


@app.command()
def version() -> None:
    """Sürümü yazar."""
    typer.echo(__version__)


from .compare_command import compare as _compare  # noqa: E402

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
        for param in inspect.signature(fn, eval_str=True).parameters.values():
            # an option declared as a default (typer.Option(...)) or by its type (options.Engine and the like,
            # shared by several commands: its help is made bilingual once)
            for info in (param.default, *getattr(param.annotation, "__metadata__", ())):
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
