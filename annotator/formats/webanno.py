"""WebAnno TSV 3 (3.1-3.3), the format INCEpTION and WebAnno users export most: import only.

The file: ``#FORMAT=WebAnno TSV 3.3``, layer headers (``#T_SP=TYPE|feature|...`` for span layers,
``#T_CH=`` chains, ``#T_RL=`` relations; each listed feature is one column), then sentences: one or
more ``#Text=`` lines and a token line per token (``SENT-TOK  BEGIN-END  TOKEN  columns...``;
sub-tokens ``SENT-TOK.N``). Offsets count UTF-16 units (Java's). A cell is ``_`` (nothing), or
``|``-separated stacked values, each ``VALUE`` or ``VALUE[N]`` (``N`` joins the tokens of one
multi-token annotation; ``*`` is an annotation without a value); ``\\`` escapes reserved characters.

Read: the text is rebuilt from the ``#Text=`` lines (several lines of one sentence joined by line
breaks), each placed at its first token's offset; the characters *between* sentences are not in the
file and become line breaks. Every token is checked against the rebuilt text. Each DKPro
``NamedEntity`` annotation becomes a span labelled with its ``value`` (from its first to its last
token); annotations without a value, other layers and chains are counted and reported, not imported.
The spans belong to ``--coder`` (or the default coder): one TSV holds one user's work.

Relations (``#T_RL=TYPE|feature...|BT_BASE``) whose base type is ``NamedEntity`` are imported, as
INCEpTION's format description ("Relation Annotations", "Disambiguation IDs in relations") writes
them: a relation stands on the rows of its target (dependent) annotation; its first feature's value is
the relation type (``*``, or a layer without features: the layer's short name, e.g. ``Relation``); the
``BT_`` column holds the source (governor) token ``S-T`` and, when an end is ambiguous,
``S-T[SOURCE_TARGET]`` with the two disambiguation ids (``0``: that end is the one annotation of the
base type on its token). Stacked relations are ``|``-separated in every column of the layer, in
step. A reference to no annotation, to one of several without an id, or to a token the file lacks is
an error with its line; a relation with an end that has no value (not imported) is counted.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterator

from annotator.core.errors import InputError
from annotator.core.offsets import Utf16Map
from annotator.formats.records import check_span, read_lines
from annotator.formats.registry import DocumentRecord, ImportOptions, RelationRecord, importer

NE_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
_TOKEN_ID = re.compile(r"^(\d+)-(\d+)(?:\.(\d+))?$")
_OFFSETS = re.compile(r"^(\d+)-(\d+)$")
_WITH_ID = re.compile(r"^(.*)\[(\d+)\]$", re.DOTALL)
_RESERVED = ["\\", "[", "]", "|", "_", "->", ";", "\t", "\n", "*"]


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            for reserved in _RESERVED:
                if text.startswith(reserved, i + 1):
                    out.append(reserved)
                    i += 1 + len(reserved)
                    break
            else:
                out.append(text[i])
                i += 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def split_stack(cell: str) -> list[str]:
    """``A[1]|B\\|C`` -> ``["A[1]", "B\\|C"]``: split on ``|`` that is not escaped."""
    parts, start, i = [], 0, 0
    while i < len(cell):
        if cell[i] == "\\":
            i += 2
            continue
        if cell[i] == "|":
            parts.append(cell[start:i])
            start = i + 1
        i += 1
    parts.append(cell[start:])
    return parts


@importer("webanno", (), "WebAnno TSV 3.x (INCEpTION export): NamedEntity annotations and their relations", patterns=("*.tsv",))
def read_webanno(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    source = str(path)
    columns: list[tuple[str, str, str]] = []  # (kind, layer type, feature) per annotation column
    sentences: list[tuple[list[str], list[tuple[int, int, int, str, list[str]]]]] = []
    ignored: Counter = Counter()
    started = False
    token_lines: dict[str, int] = {}  # token id ("1-3", "1-3.1") -> its line
    for number, line in read_lines(path):
        if number == 1:
            if not line.startswith("#FORMAT=WebAnno TSV 3"):
                raise InputError(f"not WebAnno TSV 3 (the first line is {line[:40]!r}, expected "
                                 "'#FORMAT=WebAnno TSV 3.3')", source, line=1)
            continue
        if line.startswith(("#T_SP=", "#T_CH=", "#T_RL=")) and not started:
            kind, _, spec = line[1:].partition("=")
            layer, *features = spec.split("|")
            if not layer:
                raise InputError("a layer header without a type name", source, line=number)
            columns.extend((kind, layer, feature) for feature in (features or [""]))
            continue
        if line.startswith("#Text="):
            started = True
            if not sentences or sentences[-1][1]:
                sentences.append(([], []))
            sentences[-1][0].append(line[len("#Text="):])
            continue
        if line.startswith("#") or not line.strip():
            continue
        started = True
        if not sentences:
            raise InputError("a token line before the first #Text= line", source, line=number)
        fields = line.split("\t")
        if len(fields) < 3 or not _TOKEN_ID.match(fields[0]) or not _OFFSETS.match(fields[1]):
            raise InputError(f"expected 'SENT-TOK<TAB>BEGIN-END<TAB>TOKEN...', got {line[:60]!r}", source, line=number)
        cells = fields[3:]
        if cells and cells[-1] == "":
            cells = cells[:-1]
        if len(cells) != len(columns):
            raise InputError(f"{len(cells)} annotation column(s), but the headers declare {len(columns)}",
                             source, line=number)
        begin, end = (int(x) for x in _OFFSETS.match(fields[1]).groups())
        if fields[0] in token_lines:
            raise InputError(f"the token id {fields[0]} was already used on line {token_lines[fields[0]]}",
                             source, line=number)
        token_lines[fields[0]] = number
        sentences[-1][1].append((number, begin, end, unescape(fields[2]), cells))
    text, utf16 = _rebuild(sentences, source)
    spans, unlabelled, at_token = _entities(sentences, columns, text, utf16, source, ignored)
    relations, layers = _relations(sentences, columns, token_lines, at_token, source, ignored)
    for (kind, layer, _feature), count in _other_layers(sentences, columns, layers).items():
        ignored[f"{kind[2:].lower() if kind != 'T_SP' else 'span'} annotations on {layer.rsplit('.', 1)[-1]}"] += count
    if unlabelled:
        ignored["NamedEntity annotations without a value"] += unlabelled
    if ignored:
        options.warn(f"{source}: not imported: " + ", ".join(f"{n} {what}" for what, n in sorted(ignored.items())))
    if not text.strip():
        options.warn(f"{source}: empty text, skipped")
        return
    yield DocumentRecord(title=path.stem, text=text, source=source, meta={"source_file": path.name}, spans=spans,
                         relations=relations)


def _rebuild(sentences, source: str) -> tuple[str, Utf16Map]:
    pieces: list[str] = []
    position = 0  # in UTF-16 units
    for lines, tokens in sentences:
        if not tokens:
            continue
        number, first = tokens[0][0], tokens[0][1]
        if first < position:
            raise InputError(f"the sentence starts at {first}, inside the previous one (which ends at {position})",
                             source, line=number)
        raw = "\n".join(lines)
        chosen = None
        for candidate in (raw, unescape(raw)):
            if _fits(candidate, first, tokens):
                chosen = candidate
                break
        if chosen is None:
            bad = next(t for t in tokens if not _fits(raw, first, [t]))
            raise InputError(f"the token {bad[3]!r} at {bad[1]}-{bad[2]} is not the sentence's text at those "
                             "offsets (offsets count UTF-16 units)", source, line=bad[0])
        pieces.append("\n" * (first - position))
        pieces.append(chosen)
        position = first + len(chosen.encode("utf-16-le")) // 2
    text = "".join(pieces)
    return text, Utf16Map(text)


def _fits(sentence: str, first: int, tokens) -> bool:
    units = sentence.encode("utf-16-le")
    for _number, begin, end, token, _cells in tokens:
        if not first <= begin <= end or (end - first) * 2 > len(units):
            return False
        if units[(begin - first) * 2:(end - first) * 2].decode("utf-16-le", errors="replace") != token:
            return False
    return True


def _entities(sentences, columns, text: str, utf16: Utf16Map, source: str, ignored: Counter):
    """The spans (each with its ``ref``), the number of annotations without a value, and per token
    line the NamedEntity annotations on it: ``[(disambiguation id or None, ref or None if unlabelled)]``."""
    at_token: dict[int, list[tuple[int | None, object]]] = {}
    try:
        column = columns.index(("T_SP", NE_TYPE, "value"))
    except ValueError:
        if not any(layer == NE_TYPE for _k, layer, _f in columns):
            ignored["files without a NamedEntity layer (no spans)"] += 1
        return [], 0, at_token
    spans: dict[tuple[str, int], list] = {}
    singles: list[tuple[int, int, str, int]] = []
    unlabelled: set = set()
    for _lines, tokens in sentences:
        for number, begin, end, _token, cells in tokens:
            cell = cells[column]
            if cell == "_":
                continue
            here = at_token.setdefault(number, [])
            for entry in split_stack(cell):
                match = _WITH_ID.match(entry)
                value, ident = (match.group(1), int(match.group(2))) if match else (entry, None)
                if value in ("*", "_", ""):
                    unlabelled.add(("id", ident) if ident is not None else ("token", number, entry))
                    here.append((ident, None))
                    continue
                label = unescape(value)
                if ident is None:
                    here.append((None, ("token", len(singles))))
                    singles.append((begin, end, label, number))
                else:
                    here.append((ident, ("id", label, ident)))
                    seen = spans.setdefault((label, ident), [begin, end, number])
                    seen[0], seen[1] = min(seen[0], begin), max(seen[1], end)
    result = []
    refs = [("token", i) for i in range(len(singles))] + [("id", lab, i) for (lab, i) in spans]
    for ref, (begin, end, label, number) in zip(
            refs, [*singles, *((b, e, lab, n) for (lab, _i), (b, e, n) in spans.items())]):
        try:
            start, stop = utf16.from_utf16(begin), utf16.from_utf16(end, round_up=True)
        except ValueError:
            raise InputError(f"the annotation {label!r} at {begin}-{end} is outside the text", source,
                             line=number) from None
        span = check_span(text, start, stop, label, source, number)
        span.ref = ref
        result.append(span)
    return sorted(result, key=lambda s: (s.start, s.end, s.label)), len(unlabelled), at_token


_REFERENCE = re.compile(r"^(\d+-\d+(?:\.\d+)?)(?:\[(\d+)_(\d+)\])?$")


def _relations(sentences, columns, token_lines: dict[str, int], at_token, source: str, ignored: Counter):
    """The relations of every relation layer on NamedEntity, and the layers read (not to be counted
    as ignored)."""
    layers: dict[str, list[int]] = {}
    for index, (kind, layer, _feature) in enumerate(columns):
        if kind == "T_RL":
            layers.setdefault(layer, []).append(index)
    relations: dict[tuple, RelationRecord] = {}
    read: set[str] = set()
    for layer, indexes in layers.items():
        base = columns[indexes[-1]][2]
        if base != "BT_" + NE_TYPE:
            continue
        read.add(layer)
        features, where = indexes[:-1], indexes[-1]
        for _lines, tokens in sentences:
            for number, _b, _e, _t, cells in tokens:
                if cells[where] == "_":
                    continue
                references = split_stack(cells[where])
                values = [split_stack(cells[i]) for i in features[:1]]
                if values and len(values[0]) != len(references):
                    raise InputError(f"the relation layer {layer.rsplit('.', 1)[-1]} has {len(values[0])} stacked "
                                     f"value(s) but {len(references)} source reference(s)", source, line=number)
                for stack, reference in enumerate(references):
                    match = _REFERENCE.match(reference)
                    if not match:
                        raise InputError(f"the relation source {reference!r} is not a token reference "
                                         "'SENT-TOK' or 'SENT-TOK[SOURCE_TARGET]'", source, line=number)
                    token, source_id, target_id = match.groups()
                    if token not in token_lines:
                        raise InputError(f"the relation source {reference!r} names the token {token}, which the "
                                         "file does not have", source, line=number)
                    head = _annotation(at_token, token_lines[token], source_id, reference, "source", source, number)
                    child = _annotation(at_token, number, target_id, reference, "target", source, number)
                    value = unescape(values[0][stack]) if values else "*"
                    label = layer.rsplit(".", 1)[-1] if value in ("*", "") else value
                    if head is None or child is None:
                        ignored["relations with an end that has no value"] += 1
                        continue
                    relations.setdefault((label, head, child), RelationRecord(head, child, label, line=number))
    return list(relations.values()), read


def _annotation(at_token, line: int, ident: str | None, reference: str, end: str, source: str, number: int):
    """The ref of the NamedEntity annotation a relation end names (``None``: it has no value)."""
    here = at_token.get(line, [])
    if ident is not None and ident != "0":
        found = [ref for i, ref in here if i == int(ident)]
        what = f"an annotation with the id {ident}"
    else:
        found = [ref for _i, ref in here]
        what = "an annotation"
    if not found:
        raise InputError(f"the relation {reference!r}: its {end} is {what} on line {line}, but that line has "
                         "no such NamedEntity annotation", source, line=number)
    if len(found) > 1:
        raise InputError(f"the relation {reference!r}: its {end} is one of {len(found)} NamedEntity annotations "
                         f"on line {line}, and no disambiguation id says which", source, line=number)
    return found[0]


def _other_layers(sentences, columns, imported: set[str]) -> Counter:
    counts: Counter = Counter()
    firsts: dict[tuple[str, str], int] = {}
    for index, (kind, layer, _feature) in enumerate(columns):
        firsts.setdefault((kind, layer), index)
    for (kind, layer), index in firsts.items():
        if (layer == NE_TYPE and kind == "T_SP") or (kind == "T_RL" and layer in imported):
            continue
        seen: set = set()
        for _lines, tokens in sentences:
            for number, _b, _e, _t, cells in tokens:
                if cells[index] != "_":
                    for entry in split_stack(cells[index]):
                        match = _WITH_ID.match(entry)
                        seen.add(("id", match.group(2)) if match else ("line", number, entry))
        if seen:
            counts[(kind, layer, "")] = len(seen)
    return counts
