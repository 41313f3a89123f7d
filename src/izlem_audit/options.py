"""What the commands share in reading their arguments: the options every command repeats (engine, password,
lang, quiet, ocr, debug and the seven limits), declared once here; the output targets of several formats; the
configuration file; an output that would overwrite the input.

A command declares a shared option by its type (``lang: Lang = "tr"``), and the options of reading a report by
the decorator ``@reading_options(...)``: it adds --engine, --password, --quiet, --ocr and the seven limit flags
to the command and hands it one ``reading: Reading``. Help texts are Turkish; cli.py adds each one's English.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NamedTuple, Optional

import typer

from .errors import UserError
from .limits import Limits
from .reading.engines import DEFAULT_ENGINE, DRAWING_ENGINES, ENGINES

ENGINE_NAMES = (DEFAULT_ENGINE, *(n for n in ENGINES if n != DEFAULT_ENGINE))  # the default first
BATCH_ENGINES = (DEFAULT_ENGINE, "pdfplumber")  # batch has offered these two only


def engine_option(names: tuple[str, ...] = ENGINE_NAMES) -> Any:
    """``--engine`` for a command that takes the engines ``names`` (the first is the default)."""
    shown = " | ".join(f"{n} (varsayılan)" if i == 0 else n for i, n in enumerate(names))
    return Annotated[str, typer.Option("--engine", help=shown)]


DrawingEngine = engine_option(tuple(sorted(DRAWING_ENGINES, key=ENGINE_NAMES.index)))
Password = Annotated[Optional[str], typer.Option("--password", help="Parola korumalı PDF için parola.")]
Lang = Annotated[Optional[str], typer.Option("--lang", help="tr | en")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="İlerleme çubuğu ve özet satırı yok.")]
Ocr = Annotated[bool, typer.Option("--ocr", help="Taranmış sayfaları görüntüden oku (Tesseract, Türkçe).")]
Debug = Annotated[bool, typer.Option("--debug", help="Hata olursa ayrıntıyı (traceback) göster.")]

# check and compare: the formats, where they go, the gate and the configuration
Formats = Annotated[str, typer.Option("--format", "-f",
                                      help="console | json | html | xlsx | md; virgülle birden çok (html,xlsx).")]
Outputs = Annotated[Optional[Path], typer.Option(
    "--output", "-o", help="Çıktı dosyası; birden çok biçimde uzantısız ad (rapor → rapor.html…).")]
FailOn = Annotated[Optional[str], typer.Option("--fail-on", help="error | warning | info (varsayılan: error).")]
ConfigPath = Annotated[Optional[Path], typer.Option("--config", help="izlem-audit.toml yolu.")]

# (parameter, field of Limits, flag, help); the type and the default are the field's
LIMIT_FLAGS = (
    ("page_timeout", "page_seconds", "--page-timeout", "Bir sayfa için en çok saniye."),
    ("max_pages", "max_pages", "--max-pages", "En çok sayfa sayısı."),
    ("max_size_mb", "max_megabytes", "--max-size-mb", "En büyük dosya boyutu (MB)."),
    ("max_page_chars", "max_page_chars", "--max-page-chars", "Bir sayfada en çok karakter."),
    ("max_page_objects", "max_page_objects", "--max-page-objects", "Bir sayfada en çok çizim nesnesi."),
    ("max_stream_mb", "max_stream_mb", "--max-stream-mb",
     "Sıkıştırılmış bir akışın açılmış en büyük boyutu (MB)."),
    ("max_image_pixels", "max_image_pixels", "--max-image-pixels", "Bir kanıt görüntüsünde en çok piksel."),
)


def limits_from(values: dict[str, Any]) -> Limits:
    """The Limits of the seven flags' values, keyed by parameter name (a flag not given keeps its default)."""
    return Limits(**{field: values[param] for param, field, _, _ in LIMIT_FLAGS if param in values})


class Reading(NamedTuple):
    """How a command reads its reports: --engine, --password, --quiet, --ocr and the seven limits."""

    engine: str = DEFAULT_ENGINE
    password: Optional[str] = None
    quiet: bool = False
    ocr: bool = False
    limits: Limits = Limits()


def reading_options(*, engines: tuple[str, ...] = ENGINE_NAMES, password: bool = True,
                    ocr: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give the decorated command the reading flags in place of its parameter ``reading``, which receives them
    as one ``Reading``: --engine (of ``engines``, the first the default), --password and --ocr where asked,
    --quiet, and the seven limit flags (defaults: ``Limits()``). Typer reads them from the signature set here."""
    defaults = Limits()
    shared = [("engine", engine_option(engines), engines[0]), ("password", Password, None) if password else None,
              ("quiet", Quiet, False), ("ocr", Ocr, False) if ocr else None]
    flags = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
             for name, kind, default in filter(None, shared)]
    flags += [inspect.Parameter(param, inspect.Parameter.KEYWORD_ONLY, default=getattr(defaults, field),
                                annotation=Annotated[type(getattr(defaults, field)), typer.Option(flag, help=text)])
              for param, field, flag, text in LIMIT_FLAGS]
    names = {p.name for p in flags}

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        sig = inspect.signature(command, eval_str=True)
        params: list[inspect.Parameter] = []
        for p in sig.parameters.values():
            params += flags if p.name == "reading" else [p.replace(kind=inspect.Parameter.KEYWORD_ONLY)]

        @functools.wraps(command)
        def wrapper(**kwargs: Any) -> Any:
            given = {k: kwargs.pop(k) for k in list(kwargs) if k in names}
            reading = Reading(given["engine"], given.get("password"), given["quiet"], given.get("ocr", False),
                              limits_from(given))
            return command(**kwargs, reading=reading)

        wrapper.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
        # __wrapped__ stays: the type hints of the other parameters resolve in the command's module
        return wrapper

    return decorate


CHECK_FORMATS = ("console", "json", "html", "xlsx", "md")
SUFFIX = {"console": ".txt", "json": ".json", "html": ".html", "xlsx": ".xlsx", "md": ".md"}


def load_config(config_path: Optional[Path], report_path: Path):
    from . import config as cfgmod

    if config_path is not None:
        if not config_path.is_file():
            raise UserError("missing_path", path=config_path)
        return cfgmod.load(config_path)
    found = cfgmod.find([report_path.resolve().parent, Path.cwd()])
    return cfgmod.load(found) if found else cfgmod.Config()


class Run(NamedTuple):
    """What check and compare settle before reading: the configuration, the language, the --fail-on level and
    where each format goes."""

    config: Any
    lang: str
    level: str
    targets: dict[str, Optional[Path]]


def resolve_run(config_path: Optional[Path], inputs: list[Path], lang: Optional[str], fail_on: Optional[str],
                fmt: str, output: Optional[Path], more_outputs: tuple[Optional[Path], ...] = ()) -> Run:
    """The configuration found from the first input (or --config), the language (flag, else configuration), the
    --fail-on level, the output targets of ``fmt``; an output that is one of the inputs is refused."""
    from .messages import format_values, severity_value
    from .rules.base import SEVERITY_RANK
    from .terminal import check_lang

    cfg = load_config(config_path, inputs[0])
    lang_ = check_lang(lang or cfg.lang)
    level = severity_value(fail_on or cfg.fail_on)
    if level not in SEVERITY_RANK:
        raise UserError("bad_fail_on", value=fail_on or cfg.fail_on)
    formats = format_values(fmt)
    bad = [f for f in formats if f not in CHECK_FORMATS]
    if bad or not formats:
        raise UserError("bad_format", value=",".join(bad) or fmt, choices=", ".join(CHECK_FORMATS))
    targets = output_targets(formats, output)
    for target in [*targets.values(), *more_outputs]:
        for p in inputs:
            if target is not None and same_file(target, p):
                raise UserError("same_as_input", path=target)
    return Run(cfg, lang_, level, targets)


def output_targets(formats: list[str], output: Optional[Path]) -> dict[str, Optional[Path]]:
    """Where each format goes: one format to --output (or stdout); several to --output with each suffix."""
    if len(formats) == 1:
        if formats[0] in ("xlsx", "html") and output is None:
            raise UserError("output_needed", fmt=formats[0])
        return {formats[0]: output}
    if output is None:
        raise UserError("output_needed", fmt=",".join(formats))
    base = output.with_suffix("") if output.suffix.lower() in SUFFIX.values() else output
    return {f: base.parent / (base.name + SUFFIX[f]) for f in formats}


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.resolve() == b.resolve()
    except OSError:
        return False

