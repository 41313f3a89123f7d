"""Writing outputs whole or not at all: a temporary file beside the target, renamed into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: Path, writer: Callable[[Path], None]) -> None:
    """Call ``writer`` with a temporary path in the target's folder, then rename it to ``path``.

    If ``writer`` fails, the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        writer(Path(tmp))
        # mkstemp makes the file private (0600); give it the mode a normal new file would have
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"))


def remove_stale(path: Path) -> None:
    """Remove temporary files of ``path`` left by a run that was killed (kill -9 runs no cleanup): their name
    carries the writing process's id, and that process no longer exists."""
    for tmp in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            try:
                tmp.unlink()
            except OSError:
                pass
        except OSError:
            pass  # alive (another user's process): leave it


def glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)


class OutputSet:
    """All outputs of one run, written as a set: each into a temporary file beside its target, all renamed at
    the end. An error in any writer (a full disk, a read-only folder, a bug) removes every temporary file, so
    none of the new files appears and an older set stays as it was.

        with OutputSet() as out:
            out.write(path_a, writer_a)
            out.write_text(path_b, text)
        # renamed here, only if the block ended without an exception

    An OSError of a writer becomes ``OutputError`` naming the target (never the temporary name).
    """

    def __init__(self) -> None:
        self.pending: list[tuple[str, Path]] = []
        self.made: list[Path] = []  # folders this set created

    def __enter__(self) -> "OutputSet":
        return self

    def _tmp(self, path: Path) -> str:
        try:
            missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.extend(reversed(missing))  # removed again, deepest first, if the set is discarded
            remove_stale(path)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        except OSError as e:
            raise OutputError(path, e) from None
        os.close(fd)
        self.pending.append((tmp, path))
        return tmp

    def write(self, path: Path, writer: Callable[[Path], None]) -> None:
        path = Path(path)
        tmp = self._tmp(path)
        try:
            writer(Path(tmp))
        except OSError as e:
            raise OutputError(path, e) from None

    def write_text(self, path: Path, text: str) -> None:
        self.write(path, lambda p: p.write_text(text, encoding="utf-8"))

    def commit(self) -> None:
        umask = os.umask(0)
        os.umask(umask)
        done = 0
        try:
            for tmp, path in self.pending:
                os.chmod(tmp, 0o666 & ~umask)
            for tmp, path in self.pending:
                os.replace(tmp, path)
                done += 1
            self.made = []
        except OSError as e:
            failed = self.pending[done][1] if done < len(self.pending) else self.pending[-1][1]
            self.pending = self.pending[done:]
            self.discard()
            raise OutputError(failed, e) from None
        self.pending = []

    def discard(self) -> None:
        for tmp, _ in self.pending:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        self.pending = []
        for folder in reversed(self.made):
            try:
                folder.rmdir()  # only if empty
            except OSError:
                pass
        self.made = []

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


class OutputError(OSError):
    """Writing ``path`` failed; ``reason_key`` names the cause in messages.py (no space, read-only …)."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror)
        self.path, self.cause = Path(path), cause
        self.reason_key = reason_key(cause)


def reason_key(e: OSError) -> str:
    import errno

    return {errno.ENOSPC: "err_no_space", errno.EDQUOT: "err_quota", errno.EROFS: "err_read_only",
            errno.EACCES: "err_read_only", errno.EPERM: "err_read_only", errno.ENOENT: "err_no_folder",
            errno.ENOTDIR: "err_no_folder", errno.EEXIST: "err_no_folder"}.get(e.errno or 0, "err_other")
