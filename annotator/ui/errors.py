"""No traceback ever reaches the user: errors become a dialog with a clear message, and a log line.

``AnnotatorError`` carries a message written for users; anything else is unexpected: the dialog
says so, and the full traceback goes to the log file (``log_path()``).
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import AnnotatorError

log = logging.getLogger("annotator.ui")
translate = QCoreApplication.translate
_log_file: Path | None = None


def log_path() -> Path:
    from annotator.demo import user_data_dir

    return user_data_dir() / "annotator.log"


def setup_logging(path: Path | None = None) -> Path | None:
    """Log to a file in the user's data folder (once per process)."""
    global _log_file
    if _log_file is not None:
        return _log_file
    path = path or log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("annotator").addHandler(handler)
    logging.getLogger("annotator").setLevel(logging.INFO)
    _log_file = path
    return path


def message_for(exc: BaseException) -> tuple[str, str | None]:
    """(what the user reads, details for the "Show details" part or None)."""
    if isinstance(exc, AnnotatorError):
        return str(exc), None
    if isinstance(exc, OSError):
        return f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}", None
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    text = translate("Errors", "Something unexpected went wrong ({0}: {1}). Your saved work is safe: "
                               "every change is saved when it is made.").format(type(exc).__name__, exc)
    if _log_file:
        text += " " + translate("Errors", "Details are in {0}.").format(_log_file)
    return text, details


def show_error(parent, title: str, exc: BaseException) -> None:
    text, details = message_for(exc)
    if details:
        log.error("%s: %s", title, details)
    else:
        log.warning("%s: %s", title, text)
    if QApplication.instance() is None:
        print(f"{title}: {text}", file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Warning if details is None else QMessageBox.Critical, title, text,
                      QMessageBox.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.setObjectName("errorDialog")
    _keep(box, parent)
    box.open()  # modal to its window, without blocking the caller (nor a test driving the window)


_unparented: list = []


def _keep(box, parent) -> None:
    """A box without a parent window would be deleted with its Python wrapper at once: keep it
    until it closes."""
    if parent is None:
        _unparented.append(box)
        box.finished.connect(lambda *_: _unparented.remove(box) if box in _unparented else None)


def show_info(parent, title: str, text: str) -> QMessageBox:
    """An information box that does not block the caller."""
    box = QMessageBox(QMessageBox.Information, title, text, QMessageBox.Ok, parent)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.setObjectName("infoDialog")
    _keep(box, parent)
    box.open()
    return box


def install_excepthook() -> None:
    """An exception no one caught (in a slot, a timer, an event handler) becomes a dialog."""

    def hook(kind, value, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        value.__traceback__ = tb
        try:
            show_error(QApplication.activeWindow(), translate("Errors", "Unexpected error"), value)
        except Exception:  # pragma: no cover - the dialog itself failed: at least log it
            log.exception("while reporting an error")

    sys.excepthook = hook
