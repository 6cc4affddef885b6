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
token); annotations without a value, other layers, chains and relations are counted and reported,
not imported. The spans belong to ``--coder`` (or the default coder): one TSV holds one user's work.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterator

from annotator.core.errors import InputError
from annotator.core.offsets import Utf16Map
from annotator.formats.records import check_span, read_lines
from annotator.formats.registry import DocumentRecord, ImportOptions, importer

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


@importer("webanno", (), "WebAnno TSV 3.x (INCEpTION export): NamedEntity annotations", patterns=("*.tsv",))
def read_webanno(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    source = str(path)
    columns: list[tuple[str, str, str]] = []  # (kind, layer type, feature) per annotation column
    sentences: list[tuple[list[str], list[tuple[int, int, int, str, list[str]]]]] = []
    ignored: Counter = Counter()
    started = False
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
        sentences[-1][1].append((number, begin, end, unescape(fields[2]), cells))
    text, utf16 = _rebuild(sentences, source)
    spans, unlabelled = _entities(sentences, columns, text, utf16, source, ignored)
    for (kind, layer, _feature), count in _other_layers(sentences, columns).items():
        ignored[f"{kind[2:].lower() if kind != 'T_SP' else 'span'} annotations on {layer.rsplit('.', 1)[-1]}"] += count
    if unlabelled:
        ignored["NamedEntity annotations without a value"] += unlabelled
    if ignored:
        options.warn(f"{source}: not imported: " + ", ".join(f"{n} {what}" for what, n in sorted(ignored.items())))
    if not text.strip():
        options.warn(f"{source}: empty text, skipped")
        return
    yield DocumentRecord(title=path.stem, text=text, source=source, meta={"source_file": path.name}, spans=spans)


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
    try:
        column = columns.index(("T_SP", NE_TYPE, "value"))
    except ValueError:
        if not any(layer == NE_TYPE for _k, layer, _f in columns):
            ignored["files without a NamedEntity layer (no spans)"] += 1
        return [], 0
    spans: dict[tuple[str, int], list] = {}
    singles: list[tuple[int, int, str, int]] = []
    unlabelled: set = set()
    for _lines, tokens in sentences:
        for number, begin, end, _token, cells in tokens:
            cell = cells[column]
            if cell == "_":
                continue
            for entry in split_stack(cell):
                match = _WITH_ID.match(entry)
                value, ident = (match.group(1), int(match.group(2))) if match else (entry, None)
                if value in ("*", "_", ""):
                    unlabelled.add(("id", ident) if ident is not None else ("token", number, entry))
                    continue
                label = unescape(value)
                if ident is None:
                    singles.append((begin, end, label, number))
                else:
                    seen = spans.setdefault((label, ident), [begin, end, number])
                    seen[0], seen[1] = min(seen[0], begin), max(seen[1], end)
    result = []
    for begin, end, label, number in [*singles, *((b, e, lab, n) for (lab, _i), (b, e, n) in spans.items())]:
        try:
            start, stop = utf16.from_utf16(begin), utf16.from_utf16(end, round_up=True)
        except ValueError:
            raise InputError(f"the annotation {label!r} at {begin}-{end} is outside the text", source,
                             line=number) from None
        result.append(check_span(text, start, stop, label, source, number))
    return sorted(result, key=lambda s: (s.start, s.end, s.label)), len(unlabelled)


def _other_layers(sentences, columns) -> Counter:
    counts: Counter = Counter()
    firsts: dict[tuple[str, str], int] = {}
    for index, (kind, layer, _feature) in enumerate(columns):
        firsts.setdefault((kind, layer), index)
    for (kind, layer), index in firsts.items():
        if layer == NE_TYPE and kind == "T_SP":
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
