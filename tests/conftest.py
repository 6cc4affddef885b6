"""Shared test setup. Qt draws offscreen (set before any test module imports PySide6), and the
window's QSettings go to a temporary folder so tests never read or touch the user's settings."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Which project files this app already checked (annotator.store.trust): never the user's record.
import tempfile  # noqa: E402

os.environ["ANNOTATOR_STATE_DIR"] = tempfile.mkdtemp(prefix="annotator-state-")

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


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL for the whole run (tests/pgserver.py): started once, stopped at the end."""
    from pgserver import PgServer

    server = PgServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server, monkeypatch, request):
    """A fresh empty database on the test server, as a project URL without a password in it
    (libpq takes it from PGPASSWORD, as a lab's coders would from ~/.pgpass)."""
    _mark_pg(request.node)  # also when asked for by name (the dialect-parametrised fixtures)
    monkeypatch.setenv("PGPASSWORD", pg_server.password)
    name = pg_server.new_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def pg_proxy(pg_server):
    """A relay in front of the test server (tests/pgproxy.py) that can go silent or lose a commit's
    reply; ``pg_proxy.url(database)`` connects through it."""
    from pgproxy import PgProxy

    proxy = PgProxy(pg_server.host, pg_server.port)
    yield proxy
    proxy.close()


# -- how long the PostgreSQL half of the suite takes (printed at the end of every run) ------------
# A test that uses the server carries a user property; its reports carry it to the process that
# prints the summary (with pytest-xdist, `make test`, that is not the worker that ran the test).
_PG = ("pg_server", True)
_pg_seconds = [0.0, 0]


def _mark_pg(item) -> None:
    if _PG not in item.user_properties:
        item.user_properties.append(_PG)


def pytest_collection_modifyitems(items):
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            _mark_pg(item)


def pytest_runtest_logreport(report):
    if _PG in [tuple(p) for p in report.user_properties]:
        _pg_seconds[0] += report.duration  # setup, call and teardown
        _pg_seconds[1] += report.when == "call"


def pytest_terminal_summary(terminalreporter):
    if _pg_seconds[1]:
        terminalreporter.write_line(f"PostgreSQL tests (those using the test server): {_pg_seconds[1]} run in "
                                    f"{_pg_seconds[0]:.0f} s of the suite's time")
