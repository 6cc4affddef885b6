"""Qt's own console messages: the known notices of the offscreen platform plugin are dropped (they
say nothing a user can act on: ``annotator screenshot`` printed ``This plugin does not support
propagateSizeHints()``); every other message still reaches stderr as Qt prints it, and the log.

:func:`install` is idempotent and chains to the handler installed before it, if any.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication

log = logging.getLogger("annotator.qt")

# Capability notices of the offscreen (and minimal) platform plugins (Qt's QPlatformWindow defaults):
# a headless window has no window manager to pass size hints to, raise, or grab input for.
KNOWN_NOISE = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support lower()",
    "This plugin does not support grabbing the keyboard",
    "This plugin does not support grabbing the mouse",
)
_HEADLESS = ("offscreen", "minimal")
_previous = None
_installed = False


def is_noise(message: str, platform: str | None = None) -> bool:
    """True for a known notice of a headless platform plugin (``platform``: Qt's platform name)."""
    if platform is None:
        platform = QGuiApplication.platformName() if QGuiApplication.instance() is not None else ""
    return platform in _HEADLESS and message.strip() in KNOWN_NOISE


def _handler(mode, context, message) -> None:
    if is_noise(message):
        log.debug("qt (dropped): %s", message)
        return
    if _previous is not None:
        _previous(mode, context, message)
        return
    text = qFormatLogMessage(mode, context, message)
    sys.stderr.write(text + "\n")
    sys.stderr.flush()
    if mode in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        log.warning("qt: %s", message)


def install() -> None:
    global _previous, _installed
    if _installed:
        return
    _previous = qInstallMessageHandler(_handler)
    _installed = True
