"""Import files into a project: all or nothing, streamed record by record."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from annotator.core.errors import AnnotatorError, InputError, ProjectError
from annotator.core.model import DocStatus, text_sha256
from annotator.formats.registry import IMPORTERS, ImportOptions, _load_builtin_formats, importer_for


PROGRESS_EVERY = 500


class ImportCancelled(AnnotatorError):
    def __init__(self) -> None:
        super().__init__("import cancelled; nothing was imported")


@dataclass
class ImportReport:
    files: int = 0
    documents: int = 0
    spans: int = 0
    duplicates: int = 0
    duplicates_differing: int = 0  # skipped copies whose spans differed from the kept one
    labels_added: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def collect_files(paths: Iterable[str | Path], fmt: str = "auto") -> list[Path]:
    """The files named, and those in folders (recursively, sorted, hidden files left out).

    With ``fmt="auto"`` a folder contributes only files whose extension a format knows.
    """
    _load_builtin_formats()
    known = {ext for imp in IMPORTERS.values() for ext in imp.extensions}
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError("no such file or folder", str(path))
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if fmt == "brat":  # a brat folder: each .ann with its .txt
                found = [p for p in found if p.suffix.lower() == ".ann"]
            files.extend(p for p in found if fmt != "auto" or p.suffix.lower() in known)
        else:
            files.append(path)
    if fmt == "auto":  # a .txt beside a .ann is the brat document's text, not a document of its own
        anns = {p.with_suffix("") for p in files if p.suffix.lower() == ".ann"}
        files = [p for p in files if not (p.suffix.lower() == ".txt" and p.with_suffix("") in anns)]
    return files


SPAN_FLUSH = 20_000  # spans buffered before one executemany


def import_files(project, paths: Iterable[str | Path], fmt: str = "auto", options: ImportOptions | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Read every file and add its documents (and spans) in ONE transaction.

    Any error rolls the whole import back and is raised as ``InputError``/``ProjectError``
    naming the file and line. ``progress(done, total)`` is called after each file (and every
    ``PROGRESS_EVERY`` documents, with fractional progress through the current file's bytes);
    ``cancelled()`` returning true stops and rolls back.

    A document whose text is already in the project (or earlier in this import) is skipped with a
    warning; the warning says when the skipped copy's spans differ from those already imported.
    """
    options = options or ImportOptions()
    report = ImportReport()
    user_warn = options.warn

    def warn(message: str) -> None:
        report.warnings.append(message)
        user_warn(message)

    options.warn = warn
    files = collect_files(paths, fmt)
    readers = [(path, importer_for(path, fmt)) for path in files]
    status = DocStatus.parse(options.status) if options.status else None
    seen: dict[str, tuple[str, int]] = {}  # sha256 of a text imported here -> (where, hash of its spans)
    pending: list[tuple[int, int, int, int, int, str | None]] = []
    try:
        with project.transaction() as tx:
            schema = {label.name: label.id for label in project.labels()}
            default_coder = options.coder or project.setting("default_coder")
            coder_ids: dict[str, int] = {}
            for index, (path, imp) in enumerate(readers):
                for record in imp.read(path, options):
                    if cancelled is not None and cancelled():
                        raise ImportCancelled()
                    where = f"{record.source}" + (f", line {record.line}" if record.line else "")
                    coder_name = options.coder or record.coder or default_coder
                    try:
                        info = tx.add_document(record.title, record.text, meta=record.meta,
                                               external_id=record.external_id)
                    except ProjectError as exc:
                        raise InputError(exc.message, record.source, line=record.line) from None
                    signature = hash((coder_name, tuple(sorted((s.start, s.end, s.label, s.note or "")
                                                              for s in record.spans))))
                    if info is None:
                        report.duplicates += 1
                        sha = text_sha256(record.text)
                        first = seen.get(sha)
                        if first is None:
                            warn(f"{where}: the same text is already in the project, skipped"
                                 + (f" with its {len(record.spans)} span(s)" if record.spans else ""))
                        elif first[1] != signature:
                            report.duplicates_differing += 1
                            warn(f"{where}: the same text came earlier ({first[0]}) with other spans; "
                                 f"this copy and its {len(record.spans)} span(s) are skipped")
                        else:
                            warn(f"{where}: the same text and spans came earlier ({first[0]}), skipped")
                        continue
                    seen[info.sha256] = (where, signature)
                    report.documents += 1
                    if record.spans or status:
                        if not coder_name:
                            raise InputError("these spans need a coder: give --coder NAME",
                                             record.source, line=record.line)
                        if coder_name not in coder_ids:
                            coder_ids[coder_name] = tx.ensure_coder(coder_name).id
                    for span in record.spans:
                        if span.label not in schema:
                            if not options.add_labels:
                                raise InputError(f"label {span.label!r} is not in the project's labels "
                                                 f"({', '.join(schema)}); add it first or use --add-labels",
                                                 record.source, line=record.line)
                            try:
                                schema[span.label] = tx.add_label(span.label).id
                            except ProjectError as exc:
                                raise InputError(exc.message, record.source, line=record.line) from None
                            report.labels_added.append(span.label)
                        pending.append((info.id, coder_ids[coder_name], schema[span.label], span.start,
                                        span.end, span.note))
                    report.spans += len(record.spans)
                    if len(pending) >= SPAN_FLUSH:
                        tx.add_spans(pending)
                        pending = []
                    if status and coder_name:
                        tx.set_status(info.id, coder_ids[coder_name], status)
                    if progress is not None and report.documents % PROGRESS_EVERY == 0:
                        progress(index, len(readers))
                tx.add_spans(pending)
                pending = []
                report.files += 1
                if progress is not None:
                    progress(index + 1, len(readers))
    finally:
        options.warn = user_warn
    return report
