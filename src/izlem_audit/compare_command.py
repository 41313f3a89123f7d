"""``izlem-audit compare DOC1 DOC2 [DOC3 …]``: registered on the CLI app by cli.py. Outside ``comparing/`` (which
reads and judges documents) because it reads options and the configuration, as ``check`` does in cli.py: the
catalog (``catalog.py``) that the configuration checks rule ids against lists ``comparing``'s rules."""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from .options import ConfigPath, Debug, FailOn, Formats, Lang, Outputs, Reading, reading_options, resolve_run

@reading_options(ocr=False)
def compare(
    paths: List[Path] = typer.Argument(..., metavar="BELGE1 BELGE2 [BELGE3 …]",
                                       help="Aynı belediyenin aynı yılına ait izleme raporları (PDF, .docx, .xlsx)."),
    fmt: Formats = "console",
    output: Outputs = None,
    fail_on: FailOn = None,
    config_path: ConfigPath = None,
    lang: Lang = None,
    reading: Reading = Reading(),  # --engine, --password, --quiet, the limits: by @reading_options
    debug_: Debug = False,
) -> None:
    """Bir belediyenin aynı yıla ait belgelerini karşılaştırır (hedef, etki, başlangıç, eksik/eklenen, kümülatif, başlık, bütçe).

    Çıkış kodu: 0 --fail-on düzeyinde ya da üstünde bulgu yok; 1 var; 2 girdi ya da kullanım hatası.
    Exit code: 0 no finding at or above --fail-on; 1 some; 2 input or usage error.
    """
    from .errors import UserError
    from .output.atomic import OutputSet
    from .messages import t
    from .pipeline import read_report
    from .terminal import check_lang, err, guard
    from .comparing.documents import check_set, describe
    from .comparing.engine import run_compare
    from .comparing.output import gate_fails

    with guard(check_lang(lang or "tr"), debug_):
        if len(paths) < 2:
            raise UserError("compare_needs_two")
        cfg, lang_, level, targets = resolve_run(config_path, paths, lang, fail_on, fmt, output)
        engine, password, quiet, _, limits = reading
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
    from .terminal import to_stdout
    from .comparing.output import render_console, render_markdown, to_json

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
        from .comparing.workbook import write_xlsx

        outset.write(target, lambda p: write_xlsx(out, p, lang))
        return
    if kind == "html":
        from .comparing.html import render_html

        text = render_html(out, lang, password=password, max_pixels=limits.max_image_pixels)
    elif kind == "json":
        text = to_json(out, given)
    else:
        text = render_markdown(out, lang)
    if target is None:
        to_stdout(text)
    else:
        outset.write_text(target, text)
