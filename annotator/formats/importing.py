"""Import files into a project: all or nothing, streamed record by record."""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from annotator.core.collector import collector_paused
from annotator.core.errors import AnnotatorError, InputError, ProjectError
from annotator.core.model import DocStatus, text_sha256
from annotator.formats.archive import unpack_zip
from annotator.formats.records import check_document_size, check_input_file
from annotator.formats.registry import IMPORTERS, DocumentRecord, ImportOptions, _load_builtin_formats, importer_for


class ImportConflict(InputError):
    """The same coder has other spans for a document already in the project: nothing imported."""

    def __init__(self, conflicts: list[str]) -> None:
        listed = "; ".join(conflicts[:5]) + (f"; and {len(conflicts) - 5} more" if len(conflicts) > 5 else "")
        super().__init__(f"{len(conflicts)} conflict(s), nothing imported: the same coder already has other spans "
                         f"for the same text in the project ({listed}). Merge or remove one side first")
        self.conflicts = conflicts


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
    attached: int = 0              # documents already in the project that got this coder's spans
    conflicts: list[str] = field(default_factory=list)  # the same coder, other spans: nothing imported
    labels_added: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    relations: int = 0             # relations imported (issue 16)
    doc_labels: int = 0            # documents whose labels, flags or comment came in
    suggestions: int = 0           # predictions stored as suggestions (Label Studio)


def collect_files(paths: Iterable[str | Path], fmt: str = "auto", scratch: Path | None = None,
                  warn: Callable[[str], None] | None = None) -> list[Path]:
    """The files named, and those in folders (recursively, sorted, hidden files left out).

    With ``fmt="auto"`` a folder contributes only files whose extension a format knows. A ``.zip``
    is unpacked safely into ``scratch`` (see ``archive``) and read like a folder; a zip inside it is
    reported through ``warn``, not imported. Anything that is not a regular file (a FIFO, a device)
    is refused, and so is a link inside a folder that points out of the folder.
    """
    _load_builtin_formats()
    known = {ext for imp in IMPORTERS.values() for ext in imp.extensions}
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError("no such file or folder", str(path))
        check_input_file(path)
        from_zip = None
        if path.is_file() and path.suffix.lower() == ".zip":
            if scratch is None:
                raise InputError("zip archives are imported through import_files", str(path))
            target = Path(tempfile.mkdtemp(dir=scratch)) / path.name[:-4]
            target.mkdir()
            from_zip, path = path, unpack_zip(path, target)
        if path.is_dir():
            found = sorted(p for p in _walk(path) if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for inner in (p for p in found if p.suffix.lower() == ".zip"):
                if warn is not None:
                    where = from_zip / inner.relative_to(path) if from_zip else inner
                    warn(f"{where}: a zip inside {'a zip' if from_zip else 'a folder'} is not imported; "
                         "unpack it, or import it on its own")
            if fmt == "brat":  # a brat folder: each .ann with its .txt
                found = [p for p in found if p.suffix.lower() == ".ann"]
            files.extend(p for p in found if fmt != "auto" or p.suffix.lower() in known)
        else:
            files.append(path)
    if fmt == "auto":  # a .txt beside a .ann is the brat document's text, not a document of its own
        anns = {p.with_suffix("") for p in files if p.suffix.lower() == ".ann"}
        files = [p for p in files if not (p.suffix.lower() == ".txt" and p.with_suffix("") in anns)]
    return files


def _walk(folder: Path) -> Iterator[Path]:
    """Every entry under ``folder``; a symbolic link is followed only when it stays inside the
    folder (``notes.txt -> /etc/passwd`` is refused), and anything but files and folders refused."""
    root = folder.resolve()
    for path in folder.rglob("*"):
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                raise InputError("is a broken or looping link; refused", str(path)) from None
            if target != root and root not in target.parents:
                raise InputError(f"is a link to {target}, outside the folder being imported; refused "
                                 "(copy the file into the folder instead)", str(path))
        if not path.is_dir():
            check_input_file(path)
        yield path


BATCH_DOCS = 200  # documents read before they go in together (spans with them)


def import_files(project, paths: Iterable[str | Path], fmt: str = "auto", options: ImportOptions | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Read every file and add its documents (and spans) in ONE transaction.

    Any error rolls the whole import back and is raised as ``InputError``/``ProjectError``
    naming the file and line. ``progress(done, total)`` counts documents: it is called after each
    document read, ``total`` being the lines of a line format (JSONL, CSV) and one document per
    file for the others, corrected as files end; ``cancelled()`` is asked before each document,
    and true stops and rolls back.

    A document whose text is already in the project (or earlier in this import) is skipped with a
    warning; the warning says when the skipped copy's spans differ from those already imported.
    """
    options = options or ImportOptions()
    report = ImportReport()
    user_warn = options.warn
    with tempfile.TemporaryDirectory(prefix="annotator-import-") as scratch_dir:
        scratch = Path(scratch_dir)

        def warn(message: str) -> None:
            message = _display(message, scratch, paths)
            report.warnings.append(message)
            user_warn(message)

        options.warn = warn
        try:
            return _import(project, paths, fmt, options, report, user_warn, progress, cancelled, scratch)
        except AnnotatorError as exc:
            exc.message = _display(exc.message, scratch, paths)
            exc.args = (exc.message,)
            raise


def _display(text: str, scratch: Path, paths) -> str:
    """Name files inside an archive as ``corpus.zip/inner/file.txt``, not by the scratch folder."""
    if str(scratch) not in text:
        return text
    zips = {Path(p).name[:-4]: Path(p) for p in paths if str(p).lower().endswith(".zip")}
    for folder in scratch.iterdir():
        for inner in folder.iterdir():
            if inner.name in zips:
                text = text.replace(str(inner), str(zips[inner.name]))
    return text


def _import(project, paths, fmt, options, report, user_warn, progress, cancelled, scratch: Path) -> ImportReport:
    files = collect_files(paths, fmt, scratch, options.warn)
    readers = [(path, importer_for(path, fmt)) for path in files]
    status = DocStatus.parse(options.status) if options.status else None
    expected = [estimate_documents(path, imp.name) for path, imp in readers]
    try:
        with collector_paused(), project.transaction() as tx:
            state = _Batch(tx, project, options, status, report)
            before, total = 0, sum(expected)  # documents of the files read; the expected total
            for index, (path, imp) in enumerate(readers):
                here = 0
                for record in imp.read(path, options):
                    if cancelled is not None and cancelled():
                        raise ImportCancelled()
                    state.add(record)
                    here += 1
                    if len(state.records) >= BATCH_DOCS:
                        state.flush()
                    if progress is not None:  # more documents than the estimate: the total grows
                        now_total = total + max(0, here - expected[index])
                        # a file's last document counts once its batch is written (below): the bar
                        # is full only when everything read is in the transaction
                        progress(min(before + here, now_total - 1), now_total)
                state.flush()
                report.files += 1
                before, total = before + here, total + here - expected[index]  # the real count now
                if progress is not None:
                    progress(before, total)
            if report.conflicts:
                raise ImportConflict(report.conflicts)
            report.relations, report.doc_labels = state.rich.relations, state.rich.doc_labels
    finally:
        options.warn = user_warn
    return report


# Formats with one document per line: the lines are counted before the import starts, so that the
# progress bar moves per document (a 10,000-document JSONL is one file). Others: one per file.
_LINE_FORMATS = {"jsonl": 0, "doccano": 0, "prodigy": 0, "csv": 1}  # format -> header lines


def estimate_documents(path: Path, fmt: str) -> int:
    """How many documents ``path`` probably holds (at least 1): counted lines for line formats."""
    header = _LINE_FORMATS.get(fmt)
    if header is None:
        return 1
    lines, last = 0, b"\n"
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return max(1, lines + (last != b"\n") - header)


def _valid_color(color: str) -> bool:
    from annotator.core.model import check_color

    try:
        check_color(color)
    except ValueError:
        return False
    return True


def _where(record: DocumentRecord) -> str:
    return f"{record.source}" + (f", line {record.line}" if record.line else "")


class _Batch:
    """Records waiting to go in together: documents, then spans and statuses, a few queries each."""

    def __init__(self, tx, project, options: ImportOptions, status: DocStatus | None, report: ImportReport):
        self.tx, self.options, self.status, self.report = tx, options, status, report
        self.records: list[DocumentRecord] = []
        self.schema = {label.name: label.id for label in project.labels()}
        self.default_coder = options.coder or project.setting("default_coder")
        self.coder_ids: dict[str, int] = {}
        self.seen: dict[str, tuple[str, int]] = {}   # sha256 -> (where, hash of coder and spans)
        self.ids: dict[str, tuple[str, str]] = {}    # external id -> (where, sha256)
        self.added: set[str] = set()                 # texts this import adds as new documents
        self.attached: dict[str, tuple[str, int]] = {}  # texts already there that got spans attached
        # Formats with one file per document and coder (XMI, Label Studio, ...): a later record of a
        # text added by this import brings other coders' layers to the same document.
        self.multi: dict[str, int | None] = {}       # sha256 -> document id (None until flushed)
        self.coders_of: dict[int, set[str]] = {}     # document id -> coders whose layers came in
        self.extras: list[DocumentRecord] = []
        self.sha: dict[int, str] = {}                # id(record) -> its text's sha256, for the records not flushed yet
        from annotator.formats.import_layers import LayerImport
        self.rich = LayerImport(tx, project, options)  # records with relations, attributes, values, document labels

    def add(self, record: DocumentRecord) -> None:
        check_document_size(record.text, record.source, record.line)
        sha = self.sha[id(record)] = text_sha256(record.text)  # once per record (the records are alive until flushed)
        if record.by_coder and sha in self.multi:
            self.extras.append(record)
            return
        if record.by_coder:
            self.multi[sha] = None
        if record.external_id is not None:
            earlier = self.ids.get(record.external_id)
            if earlier is not None and earlier[1] != sha:
                raise InputError(f"duplicate document id {record.external_id!r} (first used at {earlier[0]})",
                                 record.source, line=record.line)
            self.ids.setdefault(record.external_id, (_where(record), sha))
        self.records.append(record)

    def flush(self) -> None:
        records, self.records = self.records, []
        if not records and not self.extras:
            return
        tx, report = self.tx, self.report
        records = self._attach(records)
        try:
            infos = tx.add_documents([(r.title, r.text, r.meta, r.external_id) for r in records],
                                     [self.sha[id(r)] for r in records]) if records else []
        except ProjectError as exc:
            culprit = next((r for r in records if r.external_id and repr(r.external_id) in exc.message), records[0])
            raise InputError(exc.message, culprit.source, line=culprit.line) from None
        spans: list[tuple[int, int, int, int, int, str | None]] = []
        statuses: list[tuple[int, int]] = []
        for record, info in zip(records, infos):
            coder_name = self.options.coder or record.coder or self.default_coder
            layers = {coder: list(layer) for coder, layer in record.by_coder.items()}
            if record.spans or not layers:
                layers.setdefault(coder_name, []).extend(record.spans)
            signature = _signature(layers)
            if info is None:
                self._duplicate(record, signature)
                continue
            self.seen[info.sha256] = (_where(record), signature)
            report.documents += 1
            if record.by_coder:
                self.multi[info.sha256] = info.id
                self.coders_of[info.id] = set(layers)
            self._layers(info.id, layers, record, spans, statuses)
            self._suggestions(info.id, record)
        extras, self.extras = self.extras, []
        for record in extras:
            doc_id = self.multi.get(self.sha[id(record)])
            if doc_id is None:  # its first copy was already in the project: skipped as a duplicate
                self._duplicate(record, hash(id(record)))
                continue
            fresh = {name: layer for name, layer in record.by_coder.items() if name not in self.coders_of[doc_id]}
            for name in set(record.by_coder) - set(fresh):
                self.options.warn(f"{_where(record)}: coder {name!r} already has this text's spans from an earlier "
                                  "file of this import; this copy is skipped")
            self.coders_of[doc_id].update(fresh)
            self._layers(doc_id, fresh, record, spans, statuses)
            self._suggestions(doc_id, record)
        tx.add_spans(spans)
        if self.status:
            tx.add_statuses(statuses, self.status)
        self.sha.clear()

    def _coder_id(self, coder_name: str | None, record: DocumentRecord) -> int:
        if not coder_name:
            raise InputError("these spans need a coder: give --coder NAME", record.source, line=record.line)
        if coder_name not in self.coder_ids:
            try:
                self.coder_ids[coder_name] = self.tx.ensure_coder(coder_name).id
            except ProjectError as exc:
                raise InputError(exc.message, record.source, line=record.line) from None
        return self.coder_ids[coder_name]

    def _attach(self, records: list[DocumentRecord]) -> list[DocumentRecord]:
        """Records whose text the project had before this import: their spans (and status) go onto
        that document for their coder, by merge's rules. Returns the records still to be added."""
        shas = {id(r): self.sha[id(r)] for r in records}
        found = self.tx.documents_by_sha({sha for sha in shas.values() if sha not in self.added})
        if not found:
            self.added.update(shas.values())
            return records
        rest, pending = [], []
        for record in records:
            sha = shas[id(record)]
            if sha in self.added or sha not in found or record.by_coder or not (record.spans or self.status):
                rest.append(record)
                continue
            coder_name = self.options.coder or record.coder or self.default_coder
            pending.append((record, found[sha], self._coder_id(coder_name, record), coder_name, sha))
        self.added.update(shas[id(r)] for r in rest)
        work = self.tx.coder_work({(doc_id, coder_id) for _r, (doc_id, _t), coder_id, _n, _s in pending})
        spans, statuses = [], []
        for record, (doc_id, title), coder_id, coder_name, sha in pending:
            _refuse_repeats(record.spans, record)
            theirs = Counter((s.start, s.end, self._label(s.label, record), s.note or None) for s in record.spans)
            have, status = work[(doc_id, coder_id)]
            if sha in self.attached:  # the same text twice in this import: the first copy counts
                self._duplicate(record, hash((coder_name, tuple(sorted(theirs.elements(), key=repr)))))
                continue
            self.attached[sha] = (_where(record), 0)
            if have and have != theirs:
                self.report.conflicts.append(f"{_where(record)}: document {title[:40]!r}, coder {coder_name!r}: "
                                             f"{sum(have.values())} span(s) in the project, {len(record.spans)} here")
                continue
            if not have and record.rich:
                self.report.spans += self.rich.add(doc_id, coder_id, record, self._label)
            elif not have:
                spans.extend((doc_id, coder_id, label, start, end, note) for (start, end, label, note), n
                             in theirs.items() for _ in range(n))
                self.report.spans += len(record.spans)
            if self.status and status is None:
                statuses.append((doc_id, coder_id))
            self.report.attached += 1
        self.tx.add_spans(spans)
        if self.status and statuses:
            self.tx.add_statuses(statuses, self.status)
        return rest

    def _layers(self, doc_id: int, layers: dict, record: DocumentRecord, spans: list, statuses: list) -> None:
        owner = self.options.coder or record.coder or self.default_coder  # whose relations, document labels
        if record.by_coder and not record.spans and len(record.by_coder) == 1:
            owner = next(iter(record.by_coder))  # a record of one coder's work (Label Studio): that coder's
        rich = record.rich  # once: it looks at every span
        for name, layer in layers.items():
            if not layer and not self.status and not rich:
                continue
            coder_id = self._coder(name, record)
            _refuse_repeats(layer, record)
            if rich and name == owner:
                self.rich.add(doc_id, coder_id, record, self._label, spans=layer)
            else:
                schema = self.schema
                for label in dict.fromkeys([span.label for span in layer]):  # in the file's order
                    if label not in schema:
                        self._label(label, record)  # adds it (--add-labels) or says it is not in the project
                spans.extend([(doc_id, coder_id, schema[span.label], span.start, span.end, span.note)
                              for span in layer])
            self.report.spans += len(layer)
            if self.status:
                statuses.append((doc_id, coder_id))

    def _suggestions(self, doc_id: int, record: DocumentRecord) -> None:
        """The record's predictions into the suggestions layer (their labels checked like spans')."""
        if not record.suggestions:
            return
        rows = [(doc_id, s.start, s.end, self._label(s.label, record), s.score, s.source, None)
                for s in record.suggestions]
        try:
            self.tx.put_suggestions(rows)
        except ProjectError as exc:
            raise InputError(exc.message, record.source, line=record.line) from None
        self.report.suggestions += len(rows)

    def _coder(self, name: str | None, record: DocumentRecord) -> int:
        return self._coder_id(name, record)

    def _label(self, name: str, record: DocumentRecord) -> int:
        label_id = self.schema.get(name)
        if label_id is None:
            if not self.options.add_labels:
                raise InputError(f"label {name!r} is not in the project's labels ({', '.join(self.schema)}); "
                                 "add it first or use --add-labels", record.source, line=record.line)
            try:
                color = record.label_colors.get(name)
                label_id = self.schema[name] = self.tx.add_label(
                    name, color if color and _valid_color(color) else None).id
            except ProjectError as exc:
                raise InputError(exc.message, record.source, line=record.line) from None
            self.report.labels_added.append(name)
        return label_id

    def _duplicate(self, record: DocumentRecord, signature: int) -> None:
        report, warn, where = self.report, self.options.warn, _where(record)
        report.duplicates += 1
        first = self.seen.get(text_sha256(record.text))
        if first is None:
            count = len(record.spans) + sum(len(layer) for layer in record.by_coder.values())
            warn(f"{where}: the same text is already in the project, skipped"
                 + (f" with its {count} span(s)" if count else ""))
        elif first[1] != signature:
            report.duplicates_differing += 1
            warn(f"{where}: the same text came earlier ({first[0]}) with other spans; "
                 f"this copy and its {len(record.spans)} span(s) are skipped")
        else:
            warn(f"{where}: the same text and spans came earlier ({first[0]}), skipped")


def _signature(layers: dict[str | None, list]) -> int:
    """What a record brings (each coder's spans, in any order), hashed: a later copy of the same text
    with another signature is warned about as differing. Sets, not sorted tuples: a layer never
    holds the same span twice (``_refuse_repeats``), and this runs for every record."""
    return hash(frozenset((coder or "", frozenset([(s.start, s.end, s.label, s.note or "") for s in layer]))
                          for coder, layer in layers.items()))


def _refuse_repeats(layer, record: DocumentRecord) -> None:
    """A record giving one coder the same span twice is an error with its file and line (the store
    would refuse the second one without saying where it came from)."""
    if len({(span.start, span.end, span.label) for span in layer}) == len(layer):
        return  # the common case, one set built; otherwise find the first repeat to name it
    given: set[tuple[int, int, str]] = set()
    for span in layer:
        if (span.start, span.end, span.label) in given:
            raise InputError(f"the span [{span.start}, {span.end}) {span.label!r} is given twice for one coder",
                             record.source, line=record.line)
        given.add((span.start, span.end, span.label))
