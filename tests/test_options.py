"""The options every command shares are declared once (options.py): a command decorated with
``@reading_options`` gets --engine, --password, --quiet, --ocr and the seven limit flags, and receives them as
one ``Reading``."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from izlem_audit.cli import app
from izlem_audit.limits import Limits
from izlem_audit.options import LIMIT_FLAGS, Lang, Reading, limits_from, reading_options


def _probe(**kw) -> tuple[typer.Typer, list]:
    seen: list = []
    probe = typer.Typer()

    @probe.command()
    @reading_options(**kw)
    def read(path: Path, lang: Lang = "tr", reading: Reading = Reading()) -> None:
        seen.append((path, lang, reading))

    @probe.command()
    def other() -> None:  # two commands, so typer keeps the command name
        pass

    return probe, seen


def test_the_flags_arrive_as_one_reading():
    probe, seen = _probe()
    result = CliRunner().invoke(probe, ["read", "r.pdf", "--engine", "pdfplumber", "--password", "gizli", "-q",
                                        "--ocr", "--max-pages", "7", "--page-timeout", "2.5", "--lang", "en"])
    assert result.exit_code == 0, result.output
    (path, lang, reading), = seen
    assert (path, lang) == (Path("r.pdf"), "en")
    assert reading == Reading("pdfplumber", "gizli", True, True, Limits(page_seconds=2.5, max_pages=7))


def test_without_flags_the_defaults_of_limits():
    probe, seen = _probe()
    assert CliRunner().invoke(probe, ["read", "r.pdf"]).exit_code == 0
    assert seen[0][2] == Reading("pdfium", None, False, False, Limits())


def test_a_command_without_password_or_ocr_refuses_them():
    probe, seen = _probe(engines=("pdfium", "pdfplumber"), password=False, ocr=False)
    assert CliRunner().invoke(probe, ["read", "r.pdf", "--ocr"]).exit_code == 2
    assert CliRunner().invoke(probe, ["read", "r.pdf", "--password", "x"]).exit_code == 2
    assert seen == []


def test_limits_from_takes_what_is_given():
    assert limits_from({}) == Limits()
    assert limits_from({"max_size_mb": 1.5, "max_image_pixels": 10}) == Limits(max_megabytes=1.5,
                                                                                max_image_pixels=10)


def test_every_reading_command_shows_every_limit_flag():
    runner = CliRunner()
    for command in ("extract", "check", "batch", "compare"):
        text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).output
        for _, _, flag, _ in LIMIT_FLAGS:
            assert flag in text, (command, flag)
    assert "--ocr" not in runner.invoke(app, ["compare", "--help"], env={"COLUMNS": "200"}).output
