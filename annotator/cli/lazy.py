"""Choices that argparse checks only when a command runs, so that building the parser imports no
format module (and so no SQLAlchemy or NumPy): ``annotator --version`` and ``--help`` stay as quick
as starting Python. Give such an argument a ``metavar``: argparse lists the choices of one without a
metavar already when the argument is added."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator


class LazyChoices:
    """A container of names computed on first use by ``load``; ``extra`` names come first."""

    def __init__(self, load: Callable[[], Iterable[str]], *extra: str) -> None:
        self._load = load
        self._extra = extra
        self._names: tuple[str, ...] | None = None

    def _get(self) -> tuple[str, ...]:
        if self._names is None:
            self._names = (*self._extra, *self._load())
        return self._names

    def __contains__(self, name: object) -> bool:
        return name in self._get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return f"LazyChoices({list(self._get())!r})"


def importer_names() -> list[str]:
    from annotator.formats.registry import IMPORTERS, _load_builtin_formats

    _load_builtin_formats()
    return sorted(IMPORTERS)


def exporter_names() -> list[str]:
    from annotator.formats.registry import EXPORTERS, _load_builtin_formats

    _load_builtin_formats()
    return sorted(EXPORTERS)


def report_formats() -> tuple[str, ...]:
    from annotator.agreement.report.render import FORMATS

    return FORMATS
