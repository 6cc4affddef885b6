"""Errors that carry a message fit to show a user (CLI stderr or a GUI dialog)."""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base of every error the application reports to a user without a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ProjectError(AnnotatorError):
    """A project file cannot be created, opened or changed."""


class ProjectDamaged(ProjectError):
    """The project file is damaged (SQLite found it so). ``backup``: the newest backup beside it that
    was checked sound when this was raised, or None; the app offers it without checking again."""

    def __init__(self, message: str, backup=None) -> None:
        super().__init__(message)
        self.backup = backup


class PasswordRequired(ProjectError):
    """A server wants a password that libpq did not find (or the one given was wrong); the window
    asks for it, the command line says where to put it (~/.pgpass, PGPASSWORD)."""


class StaleEdit(ProjectError):
    """A shared row (a label, a setting, a gold span, an assignment) changed since it was read: the
    edit made against the old version is refused; reload and make it again."""


class ServerUnreachable(ProjectError):
    """The team server cannot be reached, or the connection broke before the change was saved.
    Nothing of that change reached the server; trying again later may succeed (the window keeps
    the change and retries it)."""


class ProjectLocked(ProjectError):
    """The project is open for writing in another window or program (it may be opened read-only)."""


class InputError(AnnotatorError):
    """Bad input data: names the source and, where known, the line, column or byte offset."""

    def __init__(
        self,
        message: str,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        byte_offset: int | None = None,
    ) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.byte_offset = byte_offset
        where = []
        if source:
            where.append(str(source))
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column}")
        if byte_offset is not None:
            where.append(f"byte {byte_offset}")
        full = f"{', '.join(where)}: {message}" if where else message
        super().__init__(full)
        self.reason = message
