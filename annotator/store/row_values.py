"""Stored rows made into the domain's values, with no SQLAlchemy: JSON columns read safely, a label
and a relation type from their columns, a document's labels, and the packed form of many spans.
The store's SQLAlchemy reads (``rows``, ``rich_rows``, ``batch_reads``) and the plain-sqlite3 reader
of whole-project passes (``file_reads``) both build their answers here, so the two cannot differ
in how a row is read."""

from __future__ import annotations

import json
from typing import Sequence

from annotator.core.errors import ProjectError
from annotator.core.model import Label
from annotator.core.schema import AttributeDef, DocLabelGroup, DocLabels, Guide, RelationType


def load_json(raw: str | None, default=None, what: str = "a value"):
    """JSON stored in the file (metadata, settings, provenance). The file was checked at open
    (``trust``), but a value nested deeper than Python's parser goes is still one clear error."""
    if raw is None or raw == "":
        return default
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise ProjectError(f"{what} in the project file is not readable JSON (or is nested too deeply)") from None


def guide_of(description: str | None, examples_json: str | None) -> Guide:
    examples = load_json(examples_json, [], "a guideline's examples")
    return Guide(description or "", tuple(e for e in examples if isinstance(e, str)) if isinstance(examples, list) else ())


def label_from_row(row) -> Label:
    """A ``Label`` from the columns id, name, color, hotkey, position, attributes_json, description,
    examples_json, figure_values (``rows.LABEL_COLUMNS``)."""
    label_id, name, color, hotkey, position, attributes_json, description, examples_json, figure_values = row
    defs = load_json(attributes_json, [], f"the attributes of label {name!r}")
    try:
        attributes = tuple(AttributeDef.from_dict(d) for d in defs) if isinstance(defs, list) else ()
    except ValueError as exc:
        raise ProjectError(f"the attributes of label {name!r} in the project file are not readable ({exc})") from None
    return Label(label_id, name, color, hotkey, position, attributes, guide_of(description, examples_json),
                 bool(figure_values))


def relation_type_from_row(row) -> RelationType:
    """A ``RelationType`` from the columns id, name, color, hotkey, position, pairs_json, description,
    examples_json, version (``rich_rows.TYPE_COLUMNS``)."""
    type_id, name, color, hotkey, position, pairs_json, description, examples_json, version = row
    pairs = load_json(pairs_json, [], f"the pairs of relation type {name!r}")
    pairs = tuple((p[0], p[1]) for p in pairs if isinstance(p, list) and len(p) == 2) if isinstance(pairs, list) else ()
    return RelationType(type_id, name, color, hotkey, position, pairs, guide_of(description, examples_json), version)


def doc_labels_from(document_id, coder_id, labels_json, flags_json, comment, version) -> DocLabels:
    labels = load_json(labels_json, [], "a document's labels")
    flags = load_json(flags_json, [], "a document's flags")
    return DocLabels(document_id, coder_id, tuple(v for v in labels if isinstance(v, str)),
                     tuple(v for v in flags if isinstance(v, str)), comment, version)


def doc_label_groups_from(raw) -> tuple[DocLabelGroup, ...]:
    """The document label groups from the parsed setting ``doc_label_groups`` (anything but a list: none)."""
    try:
        return tuple(DocLabelGroup.from_dict(g) for g in raw) if isinstance(raw, list) else ()
    except ValueError as exc:
        raise ProjectError(f"the document label groups in the project file are not readable ({exc})") from None


# Many spans in one value (SQLite only): each span is five characters whose code points are its
# document_id, coder_id, label_id, start and end plus one, all of a batch concatenated by
# group_concat and returned as bytes (CAST AS BLOB: the UTF-8 of code points in the surrogate range
# is not text Python's sqlite3 would decode). A million spans are one Python object, not five million,
# and SQLite's char() costs 30 % less than formatting the numbers with printf (measured per batch
# of the large benchmark project: 45 against 65 ms). A number that is not a code point (below -1,
# above 0x10FFFE) comes back as U+FFFD, and -1 as NUL: ``unpack_spans`` then answers None and the
# caller reads the rows instead.
def packed_spans_sql(n_ids: int, n_coders: int) -> str:
    """The packing query for ``n_ids`` document ids then ``n_coders`` coder ids (qmark parameters)."""
    return ("SELECT count(*), CAST(group_concat(char(document_id + 1, coder_id + 1, label_id + 1, start_offset + 1, "
            "end_offset + 1), '') AS BLOB) FROM spans "
            f"WHERE document_id IN ({', '.join('?' * n_ids)}) AND coder_id IN ({', '.join('?' * n_coders)})")


def unpack_spans(count: int, packed: bytes | None) -> bytes | None:
    """The packing query's answer as five little-endian unsigned 32-bit numbers a span, each one
    more than the stored number (b"" for no span); None when a number did not fit (see above)."""
    if not count:
        return b""
    if packed is None:
        return None
    try:
        text = bytes(packed).decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    if len(text) != 5 * count or "\ufffd" in text or "\x00" in text:
        return None
    return text.encode("utf-32-le", "surrogatepass")


def packed_parameters(ids: Sequence[int], coder_ids: Sequence[int]) -> tuple[int, ...]:
    return (*map(int, ids), *map(int, coder_ids))
