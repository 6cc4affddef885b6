"""A small registry of importers and exporters, found by name or file extension.

A format module registers itself with ``@importer(...)`` / ``@exporter(...)``; the CLI and the GUI
list and pick formats from here, so adding a module is all it takes to add a format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

from annotator.core.errors import InputError


NO_VALUE: Any = type("NoValue", (), {"__repr__": lambda self: "NO_VALUE"})()  # "the file gives no value"


@dataclass(slots=True)  # an import makes one per span: no __dict__ each
class SpanRecord:
    start: int
    end: int
    label: str
    note: str | None = None
    # Issue 16: the span's id in the file (what relations name), its attributes, and a figure
    # value the file gives (``NO_VALUE``: none given, the store computes it).
    ref: Any = None
    attrs: dict[str, Any] | None = None
    value: Any = NO_VALUE
    # The kind the file gives an attribute ("choice", "text", "number"; Label Studio's tag type), for
    # an attribute that --add-labels creates (else guessed from the value).
    kinds: dict[str, str] | None = None


@dataclass
class RelationRecord:
    """A relation as a file gives it: the ``ref`` of its head and child spans, its type's name."""

    head: Any
    child: Any
    label: str
    line: int | None = None  # where the file gives it, if not the record's line (WebAnno TSV)


@dataclass
class SuggestionRecord:
    """A prediction a file gives (Label Studio's ``predictions``): stored as a suggestion, not a span."""

    start: int
    end: int
    label: str
    score: float
    source: str


@dataclass
class DocumentRecord:
    """One document read from a file, before it reaches the project."""

    title: str
    text: str
    source: str  # file (and line) it came from, for messages
    line: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    external_id: str | None = None
    spans: list[SpanRecord] = field(default_factory=list)
    coder: str | None = None
    # Formats that carry several coders' annotations of one text (Label Studio, REFI-QDA, Prodigy's
    # db-out): coder name -> that coder's spans, imported as each coder's own (``spans`` then holds
    # spans without a coder of their own, which go to --coder / the default coder as usual).
    by_coder: dict[str, list[SpanRecord]] = field(default_factory=dict)
    label_colors: dict[str, str] = field(default_factory=dict)  # colours for labels --add-labels creates
    # Issue 16: relations between ``spans`` (by their ``ref``), document labels, flags, comment.
    relations: list[RelationRecord] = field(default_factory=list)
    doc_labels: list[str] = field(default_factory=list)
    # The group the file puts a document label in (label -> group name), for --add-labels: a label
    # the project lacks joins that group (made if needed) instead of "imported".
    doc_label_groups: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    comment: str | None = None
    suggestions: list[SuggestionRecord] = field(default_factory=list)  # for the suggestions layer

    @property
    def rich(self) -> bool:
        """Anything beyond flat spans (these go in span by span, not in bulk)."""
        return bool(self.relations or self.doc_labels or self.flags or self.comment
                    or any(s.attrs or s.value is not NO_VALUE
                           for layer in (self.spans, *self.by_coder.values()) for s in layer))


@dataclass
class ImportOptions:
    coder: str | None = None
    status: str | None = None
    add_labels: bool = False
    encoding: str = "utf-8"
    text_column: str | None = None
    answers: str = "accept"       # Prodigy db-out: "accept" (only accepted answers' spans) or "all"
    warn: Callable[[str], None] = lambda message: None


class ReadFunction(Protocol):
    def __call__(self, path: Path, options: ImportOptions) -> Iterator[DocumentRecord]: ...


@dataclass(frozen=True)
class Importer:
    name: str
    extensions: tuple[str, ...]  # chosen by these with --format auto
    read: ReadFunction
    description: str
    patterns: tuple[str, ...] = ()  # more file patterns for the GUI's open dialog (only with this format chosen)


@dataclass(frozen=True)
class Exporter:
    name: str
    extension: str  # "" writes a folder
    write: Callable[..., Any]
    description: str
    binary: bool = False  # the writer gets a binary file (spaCy DocBin, zip archives)


IMPORTERS: dict[str, Importer] = {}
EXPORTERS: dict[str, Exporter] = {}


def importer(name: str, extensions: tuple[str, ...], description: str, *, patterns: tuple[str, ...] = ()):
    def register(read: ReadFunction) -> ReadFunction:
        IMPORTERS[name] = Importer(name, extensions, read, description, patterns)
        return read
    return register


def exporter(name: str, extension: str, description: str, *, binary: bool = False):
    def register(write):
        EXPORTERS[name] = Exporter(name, extension, write, description, binary)
        return write
    return register


def _title(description: str) -> str:
    return re.sub(r"[(){}]", "", re.split(r":|\{", description)[0]).strip()


ALL_KNOWN = "All known formats"


def open_filters() -> list[tuple[str, str]]:
    """``(file-dialog filter, format name)`` for the GUI's import dialog: every known extension
    first (``auto``: the format from each file's extension), then one filter per importer."""
    _load_builtin_formats()
    known = sorted({f"*{ext}" for imp in IMPORTERS.values() for ext in imp.extensions} | {"*.zip"})
    filters = [(f"{ALL_KNOWN} ({' '.join(known)})", "auto")]
    for name in sorted(IMPORTERS):
        imp = IMPORTERS[name]
        patterns = [f"*{ext}" for ext in imp.extensions] + list(imp.patterns) + ["*.zip"]
        filters.append((f"{name}: {_title(imp.description)} ({' '.join(dict.fromkeys(patterns))})", name))
    return filters


def importer_for(path: Path, name: str = "auto") -> Importer:
    _load_builtin_formats()
    if name != "auto":
        try:
            return IMPORTERS[name]
        except KeyError:
            raise InputError(f"unknown import format {name!r} (known: {', '.join(sorted(IMPORTERS))})") from None
    suffix = "".join(path.suffixes[-1:]).lower()
    if suffix == ".annot":
        raise InputError("is a project file (a coder's copy?), not a file to import: bring its coders' spans in "
                         f"with 'annotator merge PROJECT {path}' (Team > Merge Coders' Copies in the app)", str(path))
    for candidate in IMPORTERS.values():
        if suffix in candidate.extensions:
            return candidate
    raise InputError(
        f"cannot tell the format from the extension {suffix or '(none)'!r}; give --format "
        f"({', '.join(sorted(IMPORTERS))})",
        str(path),
    )


def _load_builtin_formats() -> None:
    """Import the format modules so that their decorators run."""
    import importlib
    import pkgutil

    import annotator.formats as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name not in ("registry", "importing", "exporting", "context", "records", "archive", "filenames",
                               "spanrules"):
            importlib.import_module(f"annotator.formats.{module.name}")
