"""What the commands share in reading their arguments: the output targets of several formats, the
configuration file, an output that would overwrite the input."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from .errors import UserError


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

