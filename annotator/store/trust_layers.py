"""The row checks of schema 5's layers (issue 16) for ``trust.check_data``: relation types,
relations, span attributes and figure values, document labels. Each is (what is wrong in words, a
query returning the first offending row, the table and column it needs: an older file skips it).
SQLite-specific, like ``trust.py``."""

from __future__ import annotations

_DATE = "({col} IS NULL OR (typeof({col}) = 'text' AND coalesce(datetime({col}) = substr({col}, 1, 19), 0)))"


def _date(col: str) -> str:
    return _DATE.format(col=col)


_JSON_LIST = "({col} IS NOT NULL AND (NOT json_valid({col}) OR json_type({col}) != 'array'))"
_JSON_OBJECT = "({col} IS NOT NULL AND (NOT json_valid({col}) OR json_type({col}) != 'object'))"
LAYER_CHECKS = (
    ("a label's attributes or examples are not a JSON list",
     f"SELECT id FROM labels WHERE {_JSON_LIST.format(col='attributes_json')} "
     f"OR {_JSON_LIST.format(col='examples_json')} OR (description IS NOT NULL AND typeof(description) != 'text') "
     f"OR figure_values NOT IN (0, 1) LIMIT 1", ("labels", "attributes_json")),
    ("a span's attributes are not a JSON object, or its figure value is not one or null",
     f"SELECT id FROM spans WHERE {_JSON_OBJECT.format(col='attrs_json')} "
     f"OR (value_by IS NOT NULL AND value_by NOT IN ('core', 'coder')) "
     f"OR (value_by IS NULL AND value_json IS NOT NULL) OR (value_by IS NOT NULL AND (value_json IS NULL "
     f"OR NOT json_valid(value_json) OR json_type(value_json) NOT IN ('object', 'null'))) LIMIT 1",
     ("spans", "attrs_json")),
    ("a relation type has no name, a bad colour, hotkey or pairs",
     f"SELECT id FROM relation_types WHERE typeof(id) != 'integer' OR typeof(name) != 'text' OR trim(name) = '' "
     f"OR typeof(color) != 'text' OR length(color) > 32 OR (hotkey IS NOT NULL AND "
     f"(typeof(hotkey) != 'text' OR length(hotkey) != 1)) OR typeof(position) != 'integer' "
     f"OR pairs_json IS NULL OR {_JSON_LIST.format(col='pairs_json')} OR {_JSON_LIST.format(col='examples_json')} "
     f"LIMIT 1", ("relation_types", "id")),
    ("a relation points to a span or type that does not exist, or links spans of another document or coder",
     f"SELECT r.id FROM relations r LEFT JOIN spans h ON h.id = r.head_id LEFT JOIN spans c ON c.id = r.child_id "
     f"LEFT JOIN relation_types t ON t.id = r.type_id WHERE typeof(r.id) != 'integer' OR h.id IS NULL "
     f"OR c.id IS NULL OR t.id IS NULL OR h.id = c.id OR h.document_id != r.document_id "
     f"OR c.document_id != r.document_id OR h.coder_id != r.coder_id OR c.coder_id != r.coder_id "
     f"OR NOT {_date('r.created_at')} LIMIT 1", ("relations", "id")),
    ("a document's labels point to nothing, or its labels, flags or comment are not what the app writes",
     f"SELECT l.document_id FROM doc_labels l LEFT JOIN documents d ON d.id = l.document_id "
     f"LEFT JOIN coders c ON c.id = l.coder_id WHERE d.id IS NULL OR c.id IS NULL "
     f"OR l.labels_json IS NULL OR {_JSON_LIST.format(col='l.labels_json')} "
     f"OR l.flags_json IS NULL OR {_JSON_LIST.format(col='l.flags_json')} "
     f"OR (l.comment IS NOT NULL AND typeof(l.comment) != 'text') OR NOT {_date('l.updated_at')} LIMIT 1",
     ("doc_labels", "document_id")),
)
