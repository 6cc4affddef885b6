"""CoNLL-U (Universal Dependencies): ten tab-separated columns per word, ``#`` comment lines, a
blank line after each sentence.

Read: each sentence becomes a document. Its text is the surface tokens (a multiword token
``1-2`` gives its own form and its words are not repeated; empty nodes ``1.1`` are skipped),
joined by one space unless ``SpaceAfter=No`` is in MISC. ``# sent_id`` names the document. Spans come
from a BIO/BIOES tag in MISC under ``NER=``, ``NE=`` or ``Entity=`` (``NER=B-PER``); other
MISC values are ignored, unknown tag shapes are summarised in one warning. Lines that do not have
ten columns are an error naming the line. Not written (export CoNLL for BIO training data).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from annotator.core.errors import InputError
from annotator.formats.conll import UnknownTags, decode_tags
from annotator.formats.records import read_lines
from annotator.formats.registry import DocumentRecord, ImportOptions, SpanRecord, importer

TAG_KEYS = ("NER", "NE", "Entity")


@importer("conllu", (".conllu",), "CoNLL-U (Universal Dependencies): tokens, with BIO spans from MISC NER=")
def read_conllu(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    source = str(path)
    unknown = UnknownTags()
    words: list[tuple[int, list[str]]] = []
    comments: dict[str, str] = {}
    count = 0
    for number, line in read_lines(path):
        if line.startswith("#"):
            key, eq, value = line[1:].partition("=")
            if eq:
                comments[key.strip()] = value.strip()
            continue
        if not line.strip():
            if words:
                count += 1
                record = _sentence(words, comments, path, count, unknown)
                if record.text.strip():
                    yield record
            words, comments = [], {}
            continue
        fields = line.split("\t")
        if len(fields) != 10:
            raise InputError(f"a CoNLL-U word line has 10 tab-separated columns, this one has {len(fields)}",
                             source, line=number)
        words.append((number, fields))
    if words:
        count += 1
        record = _sentence(words, comments, path, count, unknown)
        if record.text.strip():
            yield record
    unknown.report(source, options.warn)


def _sentence(words: list[tuple[int, list[str]]], comments: dict[str, str], path: Path, count: int,
              unknown: UnknownTags) -> DocumentRecord:
    source = str(path)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    tags: list[tuple[int, str]] = []
    offset = 0
    covered = 0  # words inside a multiword token already given by its surface form
    for number, fields in words:
        word_id, form, misc = fields[0], fields[1], fields[9]
        if "." in word_id:
            continue
        if "-" in word_id:
            try:
                first, last = (int(x) for x in word_id.split("-"))
            except ValueError:
                raise InputError(f"cannot read the word range {word_id!r}", source, line=number) from None
            covered = last
        elif not word_id.isdigit():
            raise InputError(f"the word ID {word_id!r} is not a number", source, line=number)
        elif int(word_id) <= covered:
            continue
        if not form:
            raise InputError("a word with an empty FORM column", source, line=number)
        values = dict(item.partition("=")[::2] for item in misc.split("|")) if misc != "_" else {}
        starts.append(offset)
        ends.append(offset + len(form))
        pieces.append(form)
        offset += len(form)
        if values.get("SpaceAfter") != "No":
            pieces.append(" ")
            offset += 1
        tag = next((values[key] for key in TAG_KEYS if key in values), "O")
        tags.append((number, tag))
    text = "".join(pieces).rstrip(" ")
    found: dict[tuple[int, int, str], None] = {}
    if tags:
        decode_tags(tags, starts, ends, unknown, found)
    title = comments.get("sent_id") or f"{path.stem} {count}"
    meta = {"source_file": path.name, "sentence": count}
    if "sent_id" in comments:
        meta["sent_id"] = comments["sent_id"]
    return DocumentRecord(title=title, text=text, source=source, line=words[0][0], meta=meta,
                          spans=[SpanRecord(s, e, label) for s, e, label in sorted(found)])
