"""Shared test setup. Qt draws offscreen (set before any test module imports PySide6), and the
window's QSettings go to a temporary folder so tests never read or touch the user's settings."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def isolated_settings(tmp_path, monkeypatch):
    """QSettings in ``tmp_path`` (INI files), and a HOME and XDG folders there too."""
    from PySide6.QtCore import QCoreApplication, QSettings

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("arabic-annotator-tests")
    QCoreApplication.setApplicationName(f"annotator-test-{os.getpid()}")
    QSettings().clear()
    yield tmp_path / "settings"
    QSettings().clear()
