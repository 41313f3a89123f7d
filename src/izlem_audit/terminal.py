"""What every command shows on the terminal: one line on stderr for an error, the guard that maps errors to
exit code 2, the progress bar, and standard output that may go away (``… | head``)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

import typer

from .errors import UserError
from .messages import t

LANGS = ("tr", "en")


def err(line: str) -> None:
    """One line on stderr. Whatever it quotes (a file name, a library's error text) is shown with its control
    characters made visible, so no escape sequence from the input reaches the terminal."""
    from .normalising.text import printable

    typer.echo(printable(f"izlem-audit: {line}".replace("\n", " ").replace("\r", " ")), err=True)


def stdout_closed() -> None:
    """The reader of our standard output went away (``… | head``): stop writing there, quietly."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@contextmanager
def guard(lang: str, debug: bool) -> Iterator[None]:
    """Map user errors to exit code 2 with a one-line message; unexpected errors likewise, unless --debug."""
    try:
        yield
    except UserError as e:
        if debug:
            raise
        err(e.message(lang))
        raise typer.Exit(2)
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        raise typer.Exit(130)
    except BrokenPipeError:
        stdout_closed()
        raise typer.Exit(0)
    except OSError as e:
        if debug:
            raise
        err(os_message(e, lang))
        raise typer.Exit(2)
    except Exception as e:  # noqa: BLE001 - the last line of defence: never a traceback without --debug
        if debug:
            raise
        err(t("internal_error", lang, detail=f"{type(e).__name__}: {e}".split("\n")[0][:200]))
        raise typer.Exit(2)


def os_message(e: OSError, lang: str) -> str:
    """An OS error as one clear line: what could not be written (never a temporary name) and why."""
    from .output.atomic import OutputError, reason_key

    if isinstance(e, OutputError):
        return t("os_error", lang, path=e.path, reason=t(e.reason_key, lang, detail=e.cause.strerror or e.cause))
    key = reason_key(e)
    where = e.filename if e.filename is not None else "izlem-audit"
    if key == "err_other":
        return t("os_error", lang, path=where, reason=t("err_read", lang, detail=e.strerror or e))
    return t("os_error", lang, path=where, reason=t(key, lang))


def check_lang(lang: str) -> str:
    lang = (lang or "").strip().lower()
    if lang not in LANGS:
        err(t("bad_lang", "tr", value=lang))
        raise typer.Exit(2)
    return lang


def progress_bar(enabled: bool, lang: str):
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


def to_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_closed()
