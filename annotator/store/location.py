"""Where a project lives: a file, or a PostgreSQL database named by a URL.

``postgresql://user@host:port/db`` (also ``postgres://`` and ``postgresql+psycopg://``). The password
never travels in our own strings: libpq reads it from ``PGPASSWORD`` or ``~/.pgpass``, the window
asks for it; a URL that carries one is only ever shown masked (``mask``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from annotator.core.errors import ProjectError

_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
_PASSWORD = re.compile(r"(://[^:/@?#]*):[^@/?#]*@")


def is_server_url(target: str | os.PathLike) -> bool:
    return isinstance(target, str) and target.lower().startswith(_SCHEMES)


def mask(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ``***``."""
    return _PASSWORD.sub(r"\1:***@", text)


def server_url(target: str):
    """The SQLAlchemy URL (psycopg 3 driver) of a project URL, or ``ProjectError``."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    raw = target
    for scheme in ("postgres://", "postgresql://"):
        if raw.lower().startswith(scheme):
            raw = "postgresql+psycopg://" + raw[len(scheme):]
            break
    try:
        url = make_url(raw)
    except ArgumentError:
        raise ProjectError(f"{mask(target)}: not a valid PostgreSQL URL (postgresql://user@host:port/database)") from None
    if not url.database:
        raise ProjectError(f"{mask(target)}: the URL names no database (postgresql://user@host:port/database)")
    return url


def display_name(target: str | os.PathLike) -> str:
    """A short name for titles: the file's name, or ``database@host``."""
    if is_server_url(target):
        url = server_url(str(target))
        return f"{url.database}@{url.host or 'localhost'}"
    return Path(target).name


def display(target: str | os.PathLike) -> str:
    """The full location for messages: the path, or the URL with its password masked."""
    return mask(str(target)) if is_server_url(target) else str(target)
