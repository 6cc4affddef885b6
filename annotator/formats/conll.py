"""CoNLL-style BIO: one ``token TAG [TAG ...]`` per line, a blank line between sentences.

Read: each sentence becomes a document whose text is its tokens joined by single spaces. Every
column after the token is a tag column (one per nesting level, as in Wojood); each is decoded on
its own: ``B-X`` starts an X span, ``I-X`` continues an X span (or starts one after O or another
label: the lenient IOB1 reading), ``E-X``/``L-X`` end one, ``S-X``/``U-X`` are one-token spans.
Any other tag (``OO``, ``IO``: annotation noise in AQMAR) counts as O, with a warning naming the line.
``-DOCSTART-`` lines are skipped.

Write: the text is cut into tokens (``tokenize``: runs of letters, digits and combining marks, so an
Arabic letter keeps its harakat; every other non-space character is a token of its own). Spans are
aligned to tokens by the rule in ``align``; nested or overlapping spans go to extra tag columns.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Callable, Iterator, TextIO

import regex

from annotator.core.errors import InputError
from annotator.formats.exporting import ExportItem
from annotator.formats.records import read_lines
from annotator.formats.registry import DocumentRecord, ImportOptions, SpanRecord, exporter, importer

TOKEN = regex.compile(r"[\p{L}\p{N}\p{M}\u200c\u200d_]+|[^\s\p{L}\p{N}\p{M}\u200c\u200d_]")
_TAG = re.compile(r"^([BIELSU])-(.+)$")


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token ``[start, end)`` offsets: letters with their marks stay together (كَتَبَ is one token)."""
    return [m.span() for m in TOKEN.finditer(text)]


# -- reading ------------------------------------------------------------------------------------
class UnknownTags:
    """Unknown tags counted per tag with the first line each was seen on, reported as ONE warning
    per file (a noisy corpus has a million of them)."""

    def __init__(self) -> None:
        self.seen: dict[str, list[int]] = {}  # tag -> [count, first line]

    def __call__(self, tag: str, line: int) -> None:
        entry = self.seen.setdefault(tag, [0, line])
        entry[0] += 1

    def report(self, source: str, warn: Callable[[str], None]) -> None:
        if not self.seen:
            return
        total = sum(count for count, _ in self.seen.values())
        common = sorted(self.seen.items(), key=lambda kv: (-kv[1][0], kv[0]))
        shown = ", ".join(f"{tag!r} x{count} (first at line {first})" for tag, (count, first) in common[:5])
        more = f" and {len(common) - 5} other tag(s)" if len(common) > 5 else ""
        warn(f"{source}: {total} unknown tag(s) read as O: {shown}{more}")


@importer("conll", (".conll", ".bio", ".iob"), "CoNLL BIO: token TAG [TAG ...] per line")
def read_conll(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    source = str(path)
    rows: list[tuple[int, list[str]]] = []
    count = 0
    unknown = UnknownTags()
    for number, line in read_lines(path):
        fields = line.split()
        if fields and fields[0] == "-DOCSTART-":
            fields = []
        if fields and count == 0 and not rows and _looks_conllu(fields):
            raise InputError("this looks like CoNLL-U (10 tab-separated columns, ID first); name the file .conllu "
                             "or use --format conllu", source, line=number)
        if fields:
            rows.append((number, fields))
            continue
        if rows:
            count += 1
            yield _sentence(rows, path, count, unknown)
            rows = []
    if rows:
        count += 1
        yield _sentence(rows, path, count, unknown)
    unknown.report(source, options.warn)


def _looks_conllu(fields: list[str]) -> bool:
    return fields[0] == "#" or (len(fields) >= 10 and fields[0].split("-")[0].split(".")[0].isdigit())


def _sentence(rows: list[tuple[int, list[str]]], path: Path, count: int, unknown: UnknownTags) -> DocumentRecord:
    source = str(path)
    starts, ends, tokens = [], [], []
    offset = 0
    for number, fields in rows:
        if len(fields) < 2:
            raise InputError(f"expected 'token TAG', got {' '.join(fields)!r}", source, line=number)
        token = fields[0]
        starts.append(offset)
        ends.append(offset + len(token))
        tokens.append(token)
        offset += len(token) + 1
    text = " ".join(tokens)
    found: dict[tuple[int, int, str], None] = {}
    columns = max(len(fields) for _, fields in rows) - 1
    for column in range(1, columns + 1):
        tags = [(number, fields[column] if column < len(fields) else "O") for number, fields in rows]
        decode_tags(tags, starts, ends, unknown, found)
    spans = [SpanRecord(s, e, label) for s, e, label in sorted(found)]
    first = rows[0][0]
    return DocumentRecord(title=f"{path.stem} {count}", text=text, source=source, line=first,
                          meta={"source_file": path.name, "sentence": count}, spans=spans)


def decode_tags(tags: list[tuple[int, str]], starts: list[int], ends: list[int], unknown: UnknownTags,
                found: dict[tuple[int, int, str], None]) -> None:
    """One column of BIO/BIOES tags ``(line, tag)`` over tokens at ``starts``/``ends``: the spans
    go into ``found``; tags that are neither O nor X-LABEL are counted in ``unknown`` (read as O)."""
    open_label: str | None = None
    open_start = 0
    for i, (number, tag) in enumerate(tags):
        match = _TAG.match(tag)
        if tag != "O" and match is None:
            unknown(tag, number)
        kind, label = match.groups() if match else ("O", None)
        if open_label is not None and (kind in ("B", "S", "U", "O") or label != open_label):
            found[(starts[open_start], ends[i - 1], open_label)] = None
            open_label = None
        if kind in ("B", "I", "E", "L") and open_label is None:
            open_label, open_start = label, i
        if kind in ("S", "U"):
            found[(starts[i], ends[i], label)] = None
        if kind in ("E", "L") and open_label is not None:
            found[(starts[open_start], ends[i], open_label)] = None
            open_label = None
    if open_label is not None:
        found[(starts[open_start], ends[len(tags) - 1], open_label)] = None


# -- writing ------------------------------------------------------------------------------------
def align(tokens: list[tuple[int, int]], start: int, end: int,
          bounds: tuple[list[int], list[int]] | None = None) -> tuple[int, int] | None:
    """The tokens ``[first, last)`` a span covers: every token it overlaps, even in part (a span
    that cuts a token grows to the whole token). ``None`` when it covers no token (only spaces).
    ``bounds`` (the tokens' starts and ends) may be passed to save rebuilding them per span."""
    token_starts, token_ends = bounds or ([s for s, _ in tokens], [e for _, e in tokens])
    first = bisect_right(token_ends, start)
    last = bisect_left(token_starts, end)
    return (first, last) if first < last else None


def layers(spans: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Spans (in token indices) spread over tag columns so that none overlap within a column:
    longer (outer) spans first, each into the first column where it fits."""
    columns: list[list[tuple[int, int, str]]] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]), s[2])):
        for column in columns:
            if all(span[1] <= other[0] or other[1] <= span[0] for other in column):
                column.append(span)
                break
        else:
            columns.append([span])
    return columns


@exporter("conll", ".conll", "CoNLL BIO: token TAG [TAG ...], one column per nesting level")
def write_conll(items: Iterator[ExportItem], out: TextIO, warn: Callable[[str], None] = lambda m: None) -> None:
    lost = getattr(warn, "lost", lambda reason, count=1: None)  # the export context counts per reason
    first = True
    renamed: set[str] = set()
    for item in items:
        tokens = tokenize(item.text)
        if not tokens:
            lost("spans dropped: the document has no token", len(item.spans))
            continue
        token_spans = []
        bounds = ([s for s, _ in tokens], [e for _, e in tokens])
        for start, end, label, note in item.spans:
            if note:
                lost("span notes not carried (CoNLL has no place for them)")
            aligned = align(tokens, start, end, bounds)
            if aligned is None:
                warn(f"document {item.id}: span [{start}, {end}) {label} covers no token, left out")
                lost("spans dropped: they cover no token (spaces only)")
                continue
            if tokens[aligned[0]][0] != start or tokens[aligned[1] - 1][1] != end:
                warn(f"document {item.id}: span [{start}, {end}) {label} cuts a token; exported as the whole "
                     f"token(s) [{tokens[aligned[0]][0]}, {tokens[aligned[1] - 1][1]})")
                lost("spans moved: they cut a token and were grown to whole tokens")
            tag_label = "_".join(label.split())
            if tag_label != label:
                lost("labels with spaces written with _ (a CoNLL tag cannot hold a space)")
                if label not in renamed:
                    renamed.add(label)
                    warn(f"label {label!r} is written as {tag_label!r}: a CoNLL tag cannot hold spaces")
            token_spans.append((aligned[0], aligned[1], tag_label))
        distinct = set(token_spans)
        lost("spans merged: another span of the same label covers the same tokens", len(token_spans) - len(distinct))
        columns = layers(token_spans) or [[]]
        lost("nested or overlapping spans moved to a second (or later) tag column",
             sum(len(column) for column in columns[1:]))
        tags = [["O"] * len(tokens) for _ in columns]
        for column, spans in zip(tags, columns):
            for begin, stop, label in spans:
                column[begin] = f"B-{label}"
                for i in range(begin + 1, stop):
                    column[i] = f"I-{label}"
        lost("documents' ids, titles and metadata (CoNLL has only tokens and tags)")
        if item.all_coders:
            lost("coders' names (CoNLL has none: each coder's copy of a document follows the previous one)")
        if not first:
            out.write("\n")
        first = False
        for i, (start, end) in enumerate(tokens):
            out.write(" ".join([item.text[start:end], *(column[i] for column in tags)]) + "\n")
