"""brat standoff: ``NAME.txt`` (the text) and ``NAME.ann`` (``T1<TAB>LABEL START END<TAB>text`` lines)
per document. Offsets count code points.

Read: entity lines (``T``) become spans; a discontinuous entity (``0 5;6 10``) becomes one span from
its first start to its last end; ``AnnotatorNotes`` (``#``) become span notes, ``Value`` notes a
figure span's value (JSON); relations (``R1<TAB>TYPE Arg1:T1 Arg2:T2``: head, child) and attributes
(``A1<TAB>NAME T1 VALUE``, ``M`` the same, no value: yes) are imported; events and normalisations
are counted and reported as not imported. ``NAME.doclabels`` beside it (JSON ``{"doc_labels",
"flags", "comment"}``, our own: brat has no document-level annotation) brings the document's
labels. CRLF in the text becomes LF with the offsets moved along.

Write: a folder with one pair of files per document, named from the title (made safe, see
``filenames``). A span that crosses a line break is written as fragments split at the breaks (an
.ann line cannot hold one); spaces in label names become ``_`` (brat types cannot hold spaces). Relations, attributes and figure
values as above (an attribute set to no is left out, as brat does; whitespace in a text value
becomes ``_``: both counted as losses); document labels, flags and comment in ``NAME.doclabels``.
"""

from __future__ import annotations

import json

from pathlib import Path
from typing import Callable, Iterator

from annotator.core.errors import InputError
from annotator.core.text import decode_text
from annotator.formats.exporting import ExportItem
from annotator.formats.filenames import UniqueNames, safe_name
from annotator.formats.records import (MAX_DOCUMENT_BYTES, check_input_file, check_span, load_json,
                                      normalize_with_offsets, read_lines)
from annotator.formats.registry import DocumentRecord, ImportOptions, RelationRecord, SpanRecord, exporter, importer


@importer("brat", (".ann",), "brat standoff: NAME.ann with NAME.txt beside it")
def read_brat(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    if path.suffix.lower() == ".txt":
        path = path.with_suffix(".ann")
    text_path = path.with_suffix(".txt")
    if not text_path.is_file():
        raise InputError(f"the brat text file {text_path.name} is missing beside it", str(path))
    check_input_file(text_path)
    if text_path.stat().st_size > MAX_DOCUMENT_BYTES:
        raise InputError(f"documents over {MAX_DOCUMENT_BYTES // 2**20} MB are refused", str(text_path))
    raw = text_path.read_bytes()
    decode_text(raw, str(text_path))  # a clear error for bad UTF-8 or binary data
    text = raw.decode("utf-8")  # a BOM stays as U+FEFF here, as brat itself counts it; see _bom
    source = str(path)
    entries: list[tuple[str, str, list[tuple[int, int]], str, int]] = []
    notes: dict[str, str] = {}
    values: dict[str, tuple[object, int]] = {}
    relations: list[tuple[str, str, str, int]] = []
    attrs: list[tuple[str, str, object, int]] = []
    ignored = 0
    for number, line in read_lines(path):
        if not line.strip():
            continue
        key, _, rest = line.partition("\t")
        if key.startswith("T"):
            entries.append((key, *_entity(rest, source, number), number))
        elif key.startswith("#"):
            kind, _, note = rest.partition("\t")
            parts = kind.split()
            if len(parts) == 2 and parts[0] == "AnnotatorNotes":
                notes[parts[1]] = note
            elif len(parts) == 2 and parts[0] == "Value":
                values[parts[1]] = (load_json(note, source, number), number)
        elif key.startswith("R"):
            relations.append((*_relation(rest, source, number), number))
        elif key[:1] in ("A", "M"):
            attrs.append((*_attribute(rest, source, number), number))
        elif key[:1] in ("E", "N", "*"):
            ignored += 1
        else:
            raise InputError(f"not a brat annotation line: {line[:60]!r}", source, line=number)
    if ignored:
        options.warn(f"{source}: {ignored} event/normalisation/equivalence line(s) not imported")
    shift = 0
    if text.startswith("\ufeff"):
        text, shift = text[1:], _bom(text, entries, source, options)
    entities: dict[str, SpanRecord] = {}
    for key, label, pieces, quoted, number in entries:
        pieces = [(start - shift, end - shift) for start, end in pieces]
        for start, end in pieces:
            check_span(text, start, end, label, source, number)
        if quoted and not _quote_matches(text, pieces, quoted):
            raise InputError(f"{key}: the quoted text {quoted[:40]!r} is not the text at its offsets "
                             f"({_quote(text, pieces)[:40]!r}); the offsets do not fit {text_path.name}",
                             source, line=number)
        if key in entities:
            raise InputError(f"entity {key} is given twice", source, line=number)
        entities[key] = SpanRecord(pieces[0][0], pieces[-1][1], label.strip(), ref=key)
    for key, span in entities.items():
        span.note = notes.get(key)
        if key in values:
            span.value = values[key][0]
    for target, (_value, number) in values.items():
        _target(entities, target, source, number)
    for name, target, value, number in attrs:
        span = _target(entities, target, source, number)
        span.attrs = {**(span.attrs or {}), name: value}
    record = DocumentRecord(title=path.stem, text=text, source=source, meta={"source_file": text_path.name},
                            spans=list(entities.values()))
    for rtype, head, child, number in relations:
        _target(entities, head, source, number), _target(entities, child, source, number)
        if head == child:
            raise InputError(f"relation {rtype!r} goes from {head} to itself", source, line=number)
        record.relations.append(RelationRecord(head, child, rtype))
    _doc_labels(path, record)
    record.text, record.spans = normalize_with_offsets(text, record.spans)
    if not record.text.strip():
        options.warn(f"{text_path}: empty text, skipped")
        return
    yield record


def _target(entities: dict, key: str, source: str, line: int) -> SpanRecord:
    if key not in entities:
        raise InputError(f"{key} is not an entity (T line) of this file", source, line=line)
    return entities[key]


def _relation(rest: str, source: str, line: int) -> tuple[str, str, str]:
    parts = rest.partition("\t")[0].split()
    args = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
    if len(parts) != 3 or set(args) != {"Arg1", "Arg2"} or not parts[0]:
        raise InputError(f"cannot read the relation {rest[:60]!r} (expected 'TYPE Arg1:T1 Arg2:T2')", source, line=line)
    return parts[0], args["Arg1"], args["Arg2"]


def _attribute(rest: str, source: str, line: int) -> tuple[str, str, object]:
    parts = rest.partition("\t")[0].split()
    if len(parts) not in (2, 3):
        raise InputError(f"cannot read the attribute {rest[:60]!r} (expected 'NAME T1' or 'NAME T1 VALUE')",
                         source, line=line)
    return parts[0], parts[1], parts[2] if len(parts) == 3 else True


def _doc_labels(path: Path, record: DocumentRecord) -> None:
    side = path.with_suffix(".doclabels")
    if not side.is_file():
        return
    check_input_file(side)
    if side.stat().st_size > 1024 * 1024:
        raise InputError("is larger than 1 MB; refused", str(side))
    from annotator.formats.layers import record_layers

    data = load_json(side.read_text(encoding="utf-8"), str(side), 1)
    if not isinstance(data, dict) or "relations" in data:
        raise InputError('expected a JSON object {"doc_labels", "flags", "comment"}', str(side), line=1)
    record_layers(record, data, str(side), 1)


def _entity(rest: str, source: str, line: int) -> tuple[str, list[tuple[int, int]], str]:
    kind, _, quoted = rest.partition("\t")
    label, _, ranges = kind.partition(" ")
    try:
        pieces = [tuple(int(x) for x in piece.split()) for piece in ranges.split(";")]
        if not pieces or any(len(p) != 2 for p in pieces):
            raise ValueError
    except ValueError:
        raise InputError(f"cannot read the offsets {ranges[:40]!r} (expected 'START END' or 'S1 E1;S2 E2')",
                         source, line=line) from None
    return label, pieces, quoted


def _quote(text: str, pieces: list[tuple[int, int]]) -> str:
    return " ".join(text[max(s, 0):max(e, 0)] for s, e in pieces)


def _quote_matches(text: str, pieces: list[tuple[int, int]], quoted: str) -> bool:
    return " ".join(_quote(text, pieces).split()) == " ".join(quoted.split())


def _bom(text: str, entries, source: str, options: ImportOptions) -> int:
    """The text starts with U+FEFF (a BOM). brat counts it as a character, some tools do not: the
    spans' quoted texts tell which. Returns how far to move every offset back; never silent."""
    quoted = [(pieces, q) for _key, _label, pieces, q, _n in entries if q]
    stripped = text[1:]
    counts = all(_quote_matches(text, pieces, q) for pieces, q in quoted)
    ignores = all(_quote_matches(stripped, pieces, q) for pieces, q in quoted)
    if quoted and ignores and not counts:
        options.warn(f"{source}: the text starts with a byte order mark (U+FEFF) that the offsets do not count; "
                     "it is dropped, the offsets are kept")
        return 0
    if quoted and not counts:
        raise InputError("the text starts with a byte order mark (U+FEFF) and the quoted span texts fit the "
                         "offsets neither with it nor without it; the .ann does not belong to this text", source)
    if any(pieces[0][0] == 0 for _key, _label, pieces, _q, _n in entries):
        raise InputError("a span starts on the byte order mark (U+FEFF) at the start of the text", source)
    options.warn(f"{source}: the text starts with a byte order mark (U+FEFF), which the offsets count "
                 f"({'checked against the quoted span texts' if quoted else 'as brat does; no quoted texts to check'});"
                 " it is dropped and every offset moved back by one")
    return 1


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
        if item.meta or item.id != item.title:
            lost(warn, "documents' ids and metadata (brat has a text and its annotations, named from the title)")
        (target / f"{name}.txt").write_text(item.text, encoding="utf-8", newline="")
        lines = []
        extra: list[str] = []
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
            extra.extend(_span_layers(item, number, warn))
        lines.extend(_numbered(extra, len(item.spans)))
        for n, (head, child, rtype) in enumerate(item.relations, start=1):
            lines.append(f"R{n}\t{rtype.replace(' ', '_')} Arg1:T{head + 1} Arg2:T{child + 1}\t\n")
        (target / f"{name}.ann").write_text("".join(lines), encoding="utf-8", newline="")
        if item.doc_labels or item.flags or item.comment:
            from annotator.formats.layers import record_out

            side = record_out(item, {}, with_relations=False)
            (target / f"{name}.doclabels").write_text(json.dumps(side, ensure_ascii=False) + "\n", encoding="utf-8")


def _span_layers(item: ExportItem, number: int, warn) -> list[str]:
    """The ``A`` and ``Value`` lines of span ``number`` (numbered later): ``"A\tNAME T1 VALUE"``."""
    attrs, has_value, value = item.extra(number - 1)
    out = []
    for attr, raw in attrs.items():
        if raw is False:
            lost(warn, "yes/no attributes set to no (brat writes only the yes)")
            continue
        if raw is True:
            out.append(f"A\t{attr} T{number}")
            continue
        text = str(raw)
        if len(text.split()) != 1 or text != text.strip():
            lost(warn, "attribute values with spaces (written with _ for each space)")
            text = "_".join(text.split()) or "_"
        out.append(f"A\t{attr} T{number} {text}")
    if has_value:
        out.append(f"#\tValue T{number}\t{json.dumps(value, ensure_ascii=False)}")
    return out


def _numbered(lines: list[str], notes_from: int) -> list[str]:
    """Give ``A`` and ``#`` lines their numbers (``#`` after the notes' ``#1..#n``)."""
    out, a, h = [], 0, notes_from
    for line in lines:
        kind, rest = line[0], line[1:]
        if kind == "A":
            a += 1
            out.append(f"A{a}{rest}\n")
        else:
            h += 1
            out.append(f"#{h}{rest}\n")
    return out


def lost(warn, reason: str) -> None:
    if hasattr(warn, "lost"):
        warn.lost(reason)


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
