"""Writing an output file (an export, a report) all at once: a hidden ``.NAME.*.partial`` beside it,
fsynced, then renamed over the name. The result has the mode an ordinary new file gets (0666 less
the umask) or, when it replaces a file, that file's mode: never the 0600 of a temporary file. A
partial file is locked while it is written; one left by a killed run (its lock gone with the
process) is removed by the next run that writes the same name."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

from annotator.store.files import clean_partials, try_lock


def umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def new_file_mode(out: Path) -> int:
    """The mode ``out`` gets: the replaced file's, or what a new file gets under the umask."""
    try:
        return stat.S_IMODE(os.stat(out).st_mode)
    except OSError:
        return 0o666 & ~umask()


def clean_stale_partials(out: Path) -> int:
    """Remove ``.OUT.*.partial`` files and folders beside ``out`` that no live writer holds."""
    return clean_partials(out.parent, f".{out.name}.")


@contextmanager
def atomic_text_file(out: Path, newline: str = "\n", binary: bool = False) -> Iterator[TextIO]:
    """``with atomic_text_file(path) as fh: fh.write(...)``: all or nothing at ``path`` (bytes when
    ``binary``, for formats such as Parquet or spaCy's DocBin)."""
    out = Path(out)
    clean_stale_partials(out)
    mode = new_file_mode(out)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    lock_fd = os.dup(fd)
    try:
        try_lock(lock_fd)
        os.fchmod(fd, mode)
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline=newline)) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        os.close(lock_fd)


@contextmanager
def atomic_folder(out: Path) -> Iterator[Path]:
    """A hidden partial folder that becomes ``out`` when the block ends without an error."""
    out = Path(out)
    clean_stale_partials(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    lock_fd = os.open(tmp, os.O_RDONLY)
    try:
        try_lock(lock_fd)
        os.chmod(tmp, 0o777 & ~umask())
        yield tmp
        if out.exists():
            out.rmdir()
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        os.close(lock_fd)
