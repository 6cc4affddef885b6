"""The interface language: English (the source strings) or Arabic (annotator_ar.ts).

The language is the QSettings key ``ui/language``: ``system`` (the default: Arabic when the system
locale is Arabic, else English), ``en`` or ``ar``; ``annotator --lang`` overrides it for one run.
The English catalogue ``annotator_en.ts`` holds only the plural forms of messages with a count
(``%n document(s)`` -> ``1 document`` / ``2 documents``). The compiled catalogues (``.qm``) are built
by ``make`` (scripts/build_translations.sh); when one is missing (a plain pip install from source) the committed ``.ts`` is compiled once with
PySide6's lrelease into a per-user cache folder. In Arabic the whole layout is mirrored
(Qt.RightToLeft); Qt's own strings (standard buttons, dialogs) come from its qtbase catalogue.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, Qt, QTranslator

from annotator.paths import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("system", "en", "ar")
SETTINGS_KEY = "ui/language"
_installed: list[QTranslator] = []  # kept alive while installed
_current = "en"


def translations_dir() -> Path:
    return resource_path("translations")


def chosen_language() -> str:
    value = str(QSettings().value(SETTINGS_KEY, "system") or "system")
    return value if value in LANGUAGES else "system"


def set_chosen_language(value: str) -> None:
    if value not in LANGUAGES:
        raise ValueError(f"unknown interface language {value!r} (expected one of {', '.join(LANGUAGES)})")
    QSettings().setValue(SETTINGS_KEY, value)


def resolve(language: str | None) -> str:
    """``system``/None -> ``ar`` or ``en`` from the system locale; ``ar``/``en`` unchanged."""
    if language in (None, "", "system"):
        return "ar" if QLocale.system().language() == QLocale.Arabic else "en"
    if language not in ("en", "ar"):
        raise ValueError(f"unknown interface language {language!r} (expected en, ar or system)")
    return language


def current_language() -> str:
    return _current


def _cache_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "arabic-annotator" / "translations"


def catalogue(language: str) -> Path | None:
    """The compiled .qm of ``language``: the built one, else one compiled from the .ts into the cache."""
    folder = translations_dir()
    built = folder / f"annotator_{language}.qm"
    source = folder / f"annotator_{language}.ts"
    if built.exists() and (not source.exists() or built.stat().st_mtime >= source.stat().st_mtime):
        return built
    if not source.exists():
        return built if built.exists() else None
    digest = hashlib.sha1(source.read_bytes()).hexdigest()[:12]
    cached = _cache_dir() / f"annotator_{language}-{digest}.qm"
    if cached.exists():
        return cached
    from annotator.qm import CatalogueError, write_qm  # pure Python: no Qt tool on a user's machine

    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_qm(source, cached)
    except (OSError, CatalogueError) as exc:
        log.warning("cannot compile %s: %s", source, exc)
        return built if built.exists() else None
    return cached


def apply_language(app, language: str | None = None) -> str:
    """Install the translators of ``language`` (default: the saved choice) and the layout direction.
    Returns the language in effect, ``en`` or ``ar``. Windows made before keep their texts."""
    global _current
    wanted = resolve(chosen_language() if language is None else language)
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    # English has a catalogue too, with the plural forms only ("1 document", "2 documents").
    qm = catalogue(wanted)
    own = QTranslator(app)
    if qm is not None and own.load(str(qm)):
        QCoreApplication.installTranslator(own)
        _installed.append(own)
    elif wanted == "ar":
        log.warning("the Arabic catalogue could not be loaded: the interface stays in English")
    else:
        log.warning("the English plural forms could not be loaded: counts read '1 document(s)'")
    if wanted == "ar":
        qt_dir = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
        for name in ("qtbase_ar", "qt_ar"):
            qt = QTranslator(app)
            if qt.load(name, qt_dir):
                QCoreApplication.installTranslator(qt)
                _installed.append(qt)
                break
    app.setLayoutDirection(Qt.RightToLeft if wanted == "ar" else Qt.LeftToRight)
    _current = wanted
    return wanted
