"""The suggestion sources, found by name: ``occurrences``, ``figures``, ``model:DIR``, ``jsonl:FILE``.

A source module registers a factory with ``@source("name")``; the factory gets the text after
the colon (``model:/path/to/model`` -> ``"/path/to/model"``, or ``None``) and returns an object
with a ``name`` and ``suggest(request)`` (:class:`annotator.suggest.base.Source`). Every module of
this package is loaded on first use, so adding a module is all it takes to add a source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from annotator.core.errors import InputError
from annotator.suggest.base import Source

Factory = Callable[[str | None], Source]


@dataclass(frozen=True)
class SourceEntry:
    name: str
    factory: Factory
    description: str
    takes_argument: bool


SOURCES: dict[str, SourceEntry] = {}


def source(name: str, description: str, *, takes_argument: bool = False):
    def register(factory: Factory) -> Factory:
        SOURCES[name] = SourceEntry(name, factory, description, takes_argument)
        return factory
    return register


def make_source(spec: str) -> Source:
    """The source named by ``spec`` (``figures``, ``model:DIR``): a clear error when unknown."""
    _load_builtin_sources()
    name, _, argument = spec.partition(":")
    entry = SOURCES.get(name)
    if entry is None:
        raise InputError(f"unknown suggestion source {spec!r} (known: {', '.join(known_specs())})")
    if entry.takes_argument and not argument:
        raise InputError(f"the source {name!r} needs an argument: {name}:PATH")
    if not entry.takes_argument and argument:
        raise InputError(f"the source {name!r} takes no argument (got {argument!r})")
    return entry.factory(argument or None)


def known_specs() -> list[str]:
    _load_builtin_sources()
    return [f"{e.name}:PATH" if e.takes_argument else e.name for e in sorted(SOURCES.values(), key=lambda e: e.name)]


def _load_builtin_sources() -> None:
    import importlib
    import pkgutil
    from pathlib import Path

    # The package's folder (not ``import annotator.suggest``: the package imports this module).
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name not in ("registry", "base", "run", "train", "spacy_support"):
            importlib.import_module(f"annotator.suggest.{module.name}")
