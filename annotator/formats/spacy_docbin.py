"""spaCy DocBin (``.spacy``): what ``spacy train`` reads for its training and dev data.

Write (``spacy``): each document (per coder with ``--all-coders``) becomes a ``Doc`` tokenized by a
blank Arabic pipeline (``spacy.blank("ar")``: no model download). Every span is placed on spaCy's
tokens with ``Doc.char_span(..., alignment_mode=ALIGN)``, ``--align``:

- ``expand`` (default): a span that cuts a token grows to the whole token(s);
- ``contract``: it shrinks to the tokens wholly inside it (dropped when none is);
- ``strict``: it is dropped.

Moved and dropped spans are counted per reason in the summary. All placed spans go to the span
group ``doc.spans["sc"]`` (spaCy's ``spancat`` default key); ``doc.ents`` gets the flat layer: the
longest non-overlapping spans (rule in ``spanrules``), which the ``ner`` component trains on. The
document's id, title, metadata, coder and span notes ride in ``doc.user_data`` (saved with the
DocBin), so a round trip keeps them.

Read: a ``.spacy`` file: spans from ``doc.spans["sc"]`` and ``doc.ents`` (together, without
repeats), other span groups counted and reported; id, title, metadata, coder and notes from
``user_data`` when present. spaCy comes with the ``spacy`` extra.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from annotator.core.errors import InputError
from annotator.formats.records import normalize_with_offsets
from annotator.formats.registry import DocumentRecord, ImportOptions, SpanRecord, exporter, importer
from annotator.formats.spanrules import flat_spans

KEY = "sc"
ALIGN_MODES = ("expand", "contract", "strict")
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_INFLATED_BYTES = 2 * 1024**3
_USER = "annotator"  # the user_data key prefix


def _spacy():
    try:
        import spacy
        from spacy.tokens import DocBin
    except ImportError:
        raise InputError("the spacy format needs spaCy: pip install 'arabic-annotator[spacy]'") from None
    return spacy, DocBin


def place(doc, start: int, end: int, label: str, mode: str):
    """``(span or None, reason or None)``: the span on ``doc``'s tokens under ``mode``."""
    exact = doc.char_span(start, end, label=label)
    if exact is not None:
        return exact, None
    if mode == "strict":
        return None, "spans that do not fall on spaCy token boundaries, dropped (--align strict)"
    span = doc.char_span(start, end, label=label, alignment_mode=mode)
    if span is None or not span.text.strip():
        return None, f"spans with no whole token inside them, dropped (--align {mode})"
    return span, f"spans moved to token boundaries (--align {mode})"


@exporter("spacy", ".spacy", "spaCy DocBin for spacy train: doc.ents (flat) and doc.spans['sc'] (all)", binary=True)
def write_spacy(items, out: BinaryIO, ctx) -> None:
    spacy, DocBin = _spacy()
    mode = ctx.option("align") or "expand"
    if mode not in ALIGN_MODES:
        raise InputError(f"unknown --align {mode!r} (expected {', '.join(ALIGN_MODES)})")
    nlp = spacy.blank("ar")
    docbin = DocBin(store_user_data=True)
    for item in items:
        doc = nlp.make_doc(item.text)
        placed, keys, notes = [], set(), {}
        for start, end, label, note in item.spans:
            span, reason = place(doc, start, end, label, mode)
            if reason:
                ctx.lost(reason)
            if span is None:
                continue
            key = (span.start_char, span.end_char, label)
            if key in keys:
                ctx.lost("spans that became the same span as another after alignment, merged")
                continue
            keys.add(key)
            placed.append(span)
            if note:
                notes[key] = note
        flat, rest = flat_spans([(s.start_char, s.end_char, s.label_) for s in placed])
        flat_keys = set(flat)
        doc.spans[KEY] = placed
        doc.ents = [s for s in placed if (s.start_char, s.end_char, s.label_) in flat_keys]
        ctx.lost(f"nested or overlapping spans not in doc.ents (they are in doc.spans['{KEY}'])", len(rest))
        doc.user_data[f"{_USER}:id"] = item.id
        doc.user_data[f"{_USER}:title"] = item.title
        doc.user_data[f"{_USER}:coder"] = item.coder
        doc.user_data[f"{_USER}:meta"] = item.meta
        doc.user_data[f"{_USER}:notes"] = [[s, e, label, note] for (s, e, label), note in sorted(notes.items())]
        docbin.add(doc)
    out.write(docbin.to_bytes())


@importer("spacy", (".spacy",), "spaCy DocBin: doc.spans['sc'] and doc.ents as spans")
def read_spacy(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    source = str(path)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"DocBin files over {MAX_FILE_BYTES // 2**20} MB are refused", source)
    data = path.read_bytes()
    _check_inflated_size(data, source)
    spacy, DocBin = _spacy()
    try:
        docbin = DocBin(store_user_data=True).from_bytes(data)
        docs = list(docbin.get_docs(spacy.blank("ar").vocab))
    except Exception as exc:  # spaCy raises ValueError, KeyError, msgpack errors...: all mean a bad file
        raise InputError(f"not a readable spaCy DocBin ({type(exc).__name__}: {str(exc)[:120]})", source) from None
    other_groups = 0
    records: dict[str, DocumentRecord] = {}
    for number, doc in enumerate(docs, start=1):
        user = {k[len(_USER) + 1:]: v for k, v in (doc.user_data or {}).items()
                if isinstance(k, str) and k.startswith(f"{_USER}:")}
        notes = {}
        for entry in user.get("notes") or []:
            if isinstance(entry, (list, tuple)) and len(entry) == 4 and isinstance(entry[3], str):
                notes[(entry[0], entry[1], entry[2])] = entry[3]
        seen: dict[tuple[int, int, str], None] = {}
        for span in [*doc.spans.get(KEY, []), *doc.ents]:
            seen.setdefault((span.start_char, span.end_char, span.label_))
        other_groups += sum(len(group) for name, group in doc.spans.items() if name != KEY)
        spans = [SpanRecord(s, e, label, notes.get((s, e, label))) for s, e, label in seen if label.strip()]
        text, spans = normalize_with_offsets(doc.text, spans)
        if not text.strip():
            continue
        meta = user.get("meta") if isinstance(user.get("meta"), dict) else {}
        doc_id = user.get("id") if isinstance(user.get("id"), str) else None
        title = user.get("title") if isinstance(user.get("title"), str) else None
        coder = user.get("coder") if isinstance(user.get("coder"), str) and user["coder"].strip() else None
        record = records.get(text)
        if record is None:
            record = records[text] = DocumentRecord(title=title or doc_id or f"{path.stem} {number}", text=text,
                                                    source=f"{source}, doc {number}", meta=meta, external_id=doc_id)
        layer = record.by_coder.setdefault(coder, []) if coder else record.spans
        layer.extend(spans)
    if other_groups:
        options.warn(f"{source}: {other_groups} span(s) in span groups other than '{KEY}' not imported")
    yield from records.values()


def _check_inflated_size(data: bytes, source: str) -> None:
    """A DocBin is zlib-compressed: refuse one that inflates beyond ``MAX_INFLATED_BYTES`` before
    spaCy inflates it whole (a decompression bomb)."""
    inflater = zlib.decompressobj()
    total, chunk = 0, data
    try:
        while chunk:
            out = inflater.decompress(chunk, 1 << 24)
            total += len(out)
            if total > MAX_INFLATED_BYTES:
                raise InputError(f"the DocBin inflates to more than {MAX_INFLATED_BYTES // 2**20} MB; refused", source)
            chunk = inflater.unconsumed_tail
    except zlib.error:
        raise InputError("not a spaCy DocBin (not zlib-compressed data)", source) from None
