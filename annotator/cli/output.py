"""Small helpers shared by commands: warnings and progress on stderr."""

from __future__ import annotations

import sys


def warn(message: str) -> None:
    print(f"annotator: warning: {message}", file=sys.stderr)


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or not total:
            return
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r{self.what} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()
