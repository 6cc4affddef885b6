"""Small helpers shared by commands: warnings and progress on stderr."""

from __future__ import annotations

import re
import sys
import time

# C0 controls but tab and newline, DEL and C1 controls: an ESC in a coder or label name from a
# received file would otherwise drive the user's terminal (retitle it, clear it, fake output).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def sanitize(text: str) -> str:
    """``text`` with terminal control characters shown as ``\\xNN`` instead of sent to the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class SanitizedStream:
    """A text stream that passes everything through ``sanitize`` (for stderr, and stdout on a terminal)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(sanitize(text))
        return len(text)

    @property
    def raw_stream(self):
        """The stream itself, for the program's own control characters (the progress bar's ``\\r``)."""
        return self._stream

    def __getattr__(self, name):
        return getattr(self._stream, name)


def warn(message: str) -> None:
    print(f"annotator: warning: {message}", file=sys.stderr)


def warn_backup(project) -> None:
    """A backup that failed (read-only folder, full disk) is said, never silent; the command's own
    work is not affected."""
    error = getattr(project, "backup_error", None)
    if error is not None:
        warn(str(error))


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal. It is redrawn in place
    with a carriage return, written to the terminal itself: ``SanitizedStream`` (which shows
    control characters from files as ``\\xNN``) would print the bar's ``\\r`` as text, one bar
    after the other on a growing line. The bar's text is the program's own (a label and numbers)."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.enabled = sys.stderr.isatty()
        self._shown = 0.0
        self._last: tuple[int, int] | None = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or not total or (done, total) == self._last:
            return
        now = time.monotonic()  # called per document: redrawn at most ten times a second
        if done < total and now - self._shown < 0.1:
            return
        self._shown, self._last = now, (done, total)
        width = 30
        filled = int(width * min(done, total) / total)
        out = getattr(sys.stderr, "raw_stream", sys.stderr)
        out.write(f"\r{self.what} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            out.write("\n")
        out.flush()
