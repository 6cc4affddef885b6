"""brat standoff: ``NAME.txt`` (the text) and ``NAME.ann`` (``T1<TAB>LABEL START END<TAB>text`` lines)
per document. Offsets count code points.

Read: entity lines (``T``) become spans; a discontinuous entity (``0 5;6 10``) becomes one span from
its first start to its last end; ``AnnotatorNotes`` (``#``) become span notes; relations, events,
attributes and normalisations are counted and reported as not imported. CRLF in the text becomes LF
with the offsets moved along.

Write: a folder with one pair of files per document, named from the title (made safe, see
``filenames``). A span that crosses a line break is written as fragments split at the breaks (an
.ann line cannot hold one); spaces in label names become ``_`` (brat types cannot hold spaces).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from annotator.core.errors import InputError
from annotator.core.text import decode_text
from annotator.formats.exporting import ExportItem
from annotator.formats.filenames import UniqueNames, safe_name
from annotator.formats.records import check_span, normalize_with_offsets, read_lines
from annotator.formats.registry import DocumentRecord, ImportOptions, SpanRecord, exporter, importer
from annotator.formats.txt import MAX_TEXT_BYTES


@importer("brat", (".ann",), "brat standoff: NAME.ann with NAME.txt beside it")
def read_brat(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    if path.suffix.lower() == ".txt":
        path = path.with_suffix(".ann")
    text_path = path.with_suffix(".txt")
    if not text_path.is_file():
        raise InputError(f"the brat text file {text_path.name} is missing beside it", str(path))
    if text_path.stat().st_size > MAX_TEXT_BYTES:
        raise InputError(f"documents over {MAX_TEXT_BYTES // 2**20} MB are refused", str(text_path))
    raw = text_path.read_bytes()
    # brat reads the .txt as plain UTF-8: a leading U+FEFF (a BOM) is a character its offsets count.
    # Decoding with utf-8-sig dropped it without moving the offsets: every span of such a document
    # landed one character early (47 of 1,190 spans of a QA corpus, 9 documents). It is dropped
    # below with the offsets moved back, as a plain-text import drops a BOM.
    text = raw.decode("utf-8", errors="replace")  # offsets refer to this; checked below
    decode_text(raw, str(text_path))  # a clear error for bad UTF-8 or binary data
    source = str(path)
    entities: dict[str, tuple[SpanRecord, int]] = {}
    notes: dict[str, str] = {}
    ignored = 0
    for number, line in read_lines(path):
        if not line.strip():
            continue
        key, _, rest = line.partition("\t")
        if key.startswith("T"):
            entities[key] = (_entity(text, rest, source, number), number)
        elif key.startswith("#"):
            kind, _, note = rest.partition("\t")
            parts = kind.split()
            if len(parts) == 2 and parts[0] == "AnnotatorNotes":
                notes[parts[1]] = note
        elif key[:1] in ("R", "E", "A", "M", "N", "*"):
            ignored += 1
        else:
            raise InputError(f"not a brat annotation line: {line[:60]!r}", source, line=number)
    if ignored:
        options.warn(f"{source}: {ignored} relation/event/attribute/normalisation line(s) not imported")
    spans = [SpanRecord(s.start, s.end, s.label, notes.get(key)) for key, (s, _) in entities.items()]
    if text.startswith("\ufeff"):
        text = text[1:]
        spans = [SpanRecord(max(s.start - 1, 0), s.end - 1, s.label, s.note) for s in spans if s.end > 1]
    text, spans = normalize_with_offsets(text, spans)
    if not text.strip():
        options.warn(f"{text_path}: empty text, skipped")
        return
    yield DocumentRecord(title=path.stem, text=text, source=source, meta={"source_file": text_path.name},
                         spans=spans)


def _entity(text: str, rest: str, source: str, line: int) -> SpanRecord:
    kind, _, quoted = rest.partition("\t")
    label, _, ranges = kind.partition(" ")
    try:
        pieces = [tuple(int(x) for x in piece.split()) for piece in ranges.split(";")]
        if not pieces or any(len(p) != 2 for p in pieces):
            raise ValueError
    except ValueError:
        raise InputError(f"cannot read the offsets {ranges!r} (expected 'START END' or 'S1 E1;S2 E2')",
                         source, line=line) from None
    for start, end in pieces:
        check_span(text, start, end, label, source, line)
    return SpanRecord(pieces[0][0], pieces[-1][1], label)


@exporter("brat", "", "brat standoff: a folder of NAME.txt and NAME.ann pairs")
def write_brat(items: Iterator[ExportItem], folder: Path, warn: Callable[[str], None]) -> None:
    names: dict[str, UniqueNames] = {}
    renamed: set[str] = set()
    for item in items:
        target = folder
        if item.all_coders:  # one sub-folder per coder: the same document appears once for each
            target = folder / safe_name(item.coder, "coder")
            target.mkdir(exist_ok=True)
        name = names.setdefault(str(target), UniqueNames()).take(item.title)
        (target / f"{name}.txt").write_text(item.text, encoding="utf-8", newline="")
        lines = []
        for number, (start, end, label, note) in enumerate(item.spans, start=1):
            brat_label = label.replace(" ", "_")
            if brat_label != label and label not in renamed:
                renamed.add(label)
                warn(f"label {label!r} is written as {brat_label!r}: brat types cannot hold spaces")
            fragments = _fragments(item.text, start, end)
            ranges = ";".join(f"{s} {e}" for s, e in fragments)
            quoted = " ".join(item.text[s:e] for s, e in fragments)
            lines.append(f"T{number}\t{brat_label} {ranges}\t{quoted}\n")
            if note:
                lines.append(f"#{number}\tAnnotatorNotes T{number}\t{' '.join(note.split())}\n")
        (target / f"{name}.ann").write_text("".join(lines), encoding="utf-8", newline="")


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks, without empty pieces."""
    pieces, at = [], start
    while at < end:
        stop = text.find("\n", at, end)
        stop = end if stop == -1 else stop
        if stop > at:
            pieces.append((at, stop))
        at = stop + 1
    return pieces or [(start, end)]
