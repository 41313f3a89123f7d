"""``izlem-audit compare DOC1 DOC2 [DOC3 …]``: registered on the CLI app by cli.py."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..guard import DEFAULT_PAGE_CHARS, DEFAULT_PAGE_OBJECTS, DEFAULT_STREAM_MB

FORMATS = ("console", "json", "html", "xlsx", "md")


def compare(
    paths: List[Path] = typer.Argument(..., metavar="BELGE1 BELGE2 [BELGE3 …]",
                                       help="Aynı belediyenin aynı yılına ait izleme raporları (PDF, .docx, .xlsx)."),
    fmt: str = typer.Option("console", "--format", "-f",
                            help="console | json | html | xlsx | md; virgülle birden çok (html,xlsx)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Çıktı dosyası; birden çok biçimde uzantısız ad (rapor → rapor.html…)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="error | warning | info (varsayılan: error)."),
    config_path: Optional[Path] = typer.Option(None, "--config", help="izlem-audit.toml yolu."),
    engine: str = typer.Option("pdfium", "--engine", help="pdfium (varsayılan) | pdfplumber | camelot"),
    password: Optional[str] = typer.Option(None, "--password", help="Parola korumalı PDF için parola."),
    lang: Optional[str] = typer.Option(None, "--lang", help="tr | en"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="İlerleme çubuğu ve özet satırı yok."),
    page_timeout: float = typer.Option(30.0, "--page-timeout", help="Bir sayfa için en çok saniye."),
    max_pages: int = typer.Option(3000, "--max-pages", help="En çok sayfa sayısı."),
    max_size_mb: float = typer.Option(300.0, "--max-size-mb", help="En büyük dosya boyutu (MB)."),
    max_page_chars: int = typer.Option(DEFAULT_PAGE_CHARS, "--max-page-chars", help="Bir sayfada en çok karakter."),
    max_page_objects: int = typer.Option(DEFAULT_PAGE_OBJECTS, "--max-page-objects",
                                         help="Bir sayfada en çok çizim nesnesi."),
    max_stream_mb: float = typer.Option(DEFAULT_STREAM_MB, "--max-stream-mb",
                                        help="Sıkıştırılmış bir akışın açılmış en büyük boyutu (MB)."),
    max_image_pixels: int = typer.Option(4_000_000, "--max-image-pixels", help="Bir kanıt görüntüsünde en çok piksel."),
    debug_: bool = typer.Option(False, "--debug", help="Hata olursa ayrıntıyı (traceback) göster."),
) -> None:
    """Bir belediyenin aynı yıla ait belgelerini karşılaştırır (hedef, etki, başlangıç, eksik/eklenen, kümülatif, başlık, bütçe).

    Çıkış kodu: 0 --fail-on düzeyinde ya da üstünde bulgu yok; 1 var; 2 girdi ya da kullanım hatası.
    Exit code: 0 no finding at or above --fail-on; 1 some; 2 input or usage error.
    """
    from ..errors import UserError
    from ..extract import Limits
    from ..output.atomic import OutputSet
    from ..messages import t
    from ..options import load_config, output_targets, same_file
    from ..pipeline import read_report
    from ..rules.base import SEVERITY_RANK
    from ..terminal import check_lang, err, guard
    from .documents import check_set, describe
    from .engine import run_compare
    from .output import gate_fails

    first_lang = check_lang(lang or "tr")
    with guard(first_lang, debug_):
        if len(paths) < 2:
            raise UserError("compare_needs_two")
        cfg = load_config(config_path, paths[0])
        lang_ = check_lang(lang or cfg.lang)
        from ..messages import format_values, severity_value

        level = severity_value(fail_on or cfg.fail_on)
        if level not in SEVERITY_RANK:
            raise UserError("bad_fail_on", value=fail_on or cfg.fail_on)
        formats = format_values(fmt)
        bad = [f for f in formats if f not in FORMATS]
        if bad or not formats:
            raise UserError("bad_format", value=",".join(bad) or fmt, choices=", ".join(FORMATS))
        targets = output_targets(formats, output)
        for target in targets.values():
            for p in paths:
                if target is not None and same_file(target, p):
                    raise UserError("same_as_input", path=target)
        limits = Limits(page_timeout, max_pages, max_size_mb, max_page_chars, max_page_objects, max_stream_mb,
                        max_image_pixels)
        docs = [describe(i, str(p), read_report(p, engine, password, lang_, quiet, limits=limits))
                for i, p in enumerate(paths, 1)]
        check_set(docs)
        out = run_compare(docs, cfg, lang_)
        given = [str(p) for p in paths]
        with OutputSet() as outset:
            for kind, target in targets.items():
                _write(kind, target, out, given, lang_, outset, password, limits)
        if not quiet:
            for target in targets.values():
                if target is not None:
                    err(t("written", lang_, path=target))
        fails = gate_fails(out, level)
    raise typer.Exit(1 if fails else 0)


def _write(kind, target, out, given, lang, outset, password, limits) -> None:
    from ..terminal import to_stdout
    from .output import render_console, render_markdown, to_json

    if kind == "console":
        from rich.console import Console

        if target is None:
            render_console(out, Console(), lang)
            return
        import io

        buf = io.StringIO()
        render_console(out, Console(file=buf, width=120, force_terminal=False), lang)
        outset.write_text(target, buf.getvalue())
        return
    if kind == "xlsx":
        from .workbook import write_xlsx

        outset.write(target, lambda p: write_xlsx(out, p, lang))
        return
    if kind == "html":
        from .html import render_html

        text = render_html(out, lang, password=password, max_pixels=limits.max_image_pixels)
    elif kind == "json":
        text = to_json(out, given)
    else:
        text = render_markdown(out, lang)
    if target is None:
        to_stdout(text)
    else:
        outset.write_text(target, text)
