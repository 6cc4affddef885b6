"""The schema the app creates, as ``trust.check_schema`` compares a file against it (issue 21).

Written out so that checking a file needs neither SQLAlchemy nor the models (``annotator stats``
reads a small project with sqlite3 alone): ``TABLES`` is ``{table: {column: declaration}}`` and
``INDEXES`` is ``{index: (table, columns)}``, both as ``trust._read_schema`` reads them from a file.
Generated from the models, never edited by hand: after a schema change run
``python -m annotator.store.schema_snapshot`` (it rewrites the two names below); the test
``tests/store/test_schema_snapshot.py`` fails while they differ from what ``initial.create_schema`` makes.
"""

from __future__ import annotations

import pprint
from pathlib import Path

_MARK = "# -- generated below this line --\n"


def render(tables, indexes) -> str:
    """The generated part of this file for ``(tables, indexes)``."""
    return (_MARK + "TABLES: dict[str, dict[str, str]] = " + pprint.pformat(tables, width=110) + "\n\n"
            "INDEXES: dict[str, tuple[str, tuple[str, ...]]] = " + pprint.pformat(indexes, width=110) + "\n")


def _write() -> None:
    from annotator.store.trust import built_schema

    path = Path(__file__)
    source = path.read_text(encoding="utf-8")
    head = source[:source.index(_MARK)] if _MARK in source else source + "\n\n"
    path.write_text(head + render(*built_schema()), encoding="utf-8")


if __name__ == "__main__":
    _write()


# -- generated below this line --
TABLES: dict[str, dict[str, str]] = {'assignments': {'coder_id': 'INTEGER NOT NULL PRIMARY KEY',
                 'created_at': 'DATETIME NOT NULL',
                 'document_id': 'INTEGER NOT NULL PRIMARY KEY',
                 'position': 'INTEGER NOT NULL',
                 'version': 'INTEGER NOT NULL'},
 'coders': {'created_at': 'DATETIME NOT NULL',
            'id': 'INTEGER NOT NULL PRIMARY KEY',
            'is_gold': 'BOOLEAN NOT NULL',
            'name': 'VARCHAR(128) NOT NULL'},
 'doc_labels': {'coder_id': 'INTEGER NOT NULL PRIMARY KEY',
                'comment': 'TEXT',
                'document_id': 'INTEGER NOT NULL PRIMARY KEY',
                'flags_json': 'TEXT NOT NULL',
                'labels_json': 'TEXT NOT NULL',
                'updated_at': 'DATETIME NOT NULL',
                'version': 'INTEGER NOT NULL'},
 'doc_status': {'coder_id': 'INTEGER NOT NULL PRIMARY KEY',
                'document_id': 'INTEGER NOT NULL PRIMARY KEY',
                'status': 'VARCHAR(16) NOT NULL',
                'updated_at': 'DATETIME NOT NULL'},
 'documents': {'created_at': 'DATETIME NOT NULL',
               'external_id': 'TEXT',
               'id': 'INTEGER NOT NULL PRIMARY KEY',
               'length': 'INTEGER NOT NULL',
               'meta_json': 'TEXT NOT NULL',
               'position': 'INTEGER NOT NULL',
               'sha256': 'VARCHAR(64) NOT NULL',
               'text': 'TEXT NOT NULL',
               'title': 'TEXT NOT NULL'},
 'labels': {'attributes_json': 'TEXT',
            'color': 'VARCHAR(7) NOT NULL',
            'description': 'TEXT',
            'examples_json': 'TEXT',
            'figure_values': 'BOOLEAN NOT NULL',
            'hotkey': 'VARCHAR(1)',
            'id': 'INTEGER NOT NULL PRIMARY KEY',
            'name': 'VARCHAR(64) NOT NULL',
            'position': 'INTEGER NOT NULL',
            'version': 'INTEGER NOT NULL'},
 'meta': {'key': 'VARCHAR(64) NOT NULL PRIMARY KEY', 'value': 'TEXT NOT NULL', 'version': 'INTEGER NOT NULL'},
 'relation_types': {'color': 'VARCHAR(7) NOT NULL',
                    'description': 'TEXT',
                    'examples_json': 'TEXT',
                    'hotkey': 'VARCHAR(1)',
                    'id': 'INTEGER NOT NULL PRIMARY KEY',
                    'name': 'VARCHAR(64) NOT NULL',
                    'pairs_json': 'TEXT NOT NULL',
                    'position': 'INTEGER NOT NULL',
                    'version': 'INTEGER NOT NULL'},
 'relations': {'child_id': 'INTEGER NOT NULL',
               'coder_id': 'INTEGER NOT NULL',
               'created_at': 'DATETIME NOT NULL',
               'document_id': 'INTEGER NOT NULL',
               'head_id': 'INTEGER NOT NULL',
               'id': 'INTEGER NOT NULL PRIMARY KEY',
               'type_id': 'INTEGER NOT NULL',
               'version': 'INTEGER NOT NULL'},
 'spans': {'attrs_json': 'TEXT',
           'coder_id': 'INTEGER NOT NULL',
           'created_at': 'DATETIME NOT NULL',
           'document_id': 'INTEGER NOT NULL',
           'end_offset': 'INTEGER NOT NULL',
           'id': 'INTEGER NOT NULL PRIMARY KEY',
           'label_id': 'INTEGER NOT NULL',
           'note': 'TEXT',
           'provenance': 'TEXT',
           'start_offset': 'INTEGER NOT NULL',
           'updated_at': 'DATETIME NOT NULL',
           'value_by': 'VARCHAR(8)',
           'value_json': 'TEXT',
           'version': 'INTEGER NOT NULL'},
 'suggestion_rejections': {'coder_id': 'INTEGER NOT NULL',
                           'document_id': 'INTEGER NOT NULL',
                           'end_offset': 'INTEGER NOT NULL',
                           'id': 'INTEGER NOT NULL PRIMARY KEY',
                           'label_id': 'INTEGER NOT NULL',
                           'rejected_at': 'DATETIME NOT NULL',
                           'source': 'VARCHAR(200) NOT NULL',
                           'start_offset': 'INTEGER NOT NULL'},
 'suggestions': {'created_at': 'DATETIME NOT NULL',
                 'document_id': 'INTEGER NOT NULL',
                 'end_offset': 'INTEGER NOT NULL',
                 'id': 'INTEGER NOT NULL PRIMARY KEY',
                 'label_id': 'INTEGER NOT NULL',
                 'score': 'FLOAT NOT NULL',
                 'source': 'VARCHAR(200) NOT NULL',
                 'start_offset': 'INTEGER NOT NULL',
                 'value_json': 'TEXT'}}

INDEXES: dict[str, tuple[str, tuple[str, ...]]] = {'ix_assignments_coder_position': ('assignments', ('coder_id', 'position')),
 'ix_documents_list': ('documents', ('position', 'id', 'title', 'length', 'sha256', 'external_id')),
 'ix_documents_position': ('documents', ('position',)),
 'ix_relations_child_id': ('relations', ('child_id',)),
 'ix_relations_doc_coder': ('relations', ('document_id', 'coder_id')),
 'ix_relations_head_id': ('relations', ('head_id',)),
 'ix_relations_type_id': ('relations', ('type_id',)),
 'ix_spans_doc_coder_start': ('spans', ('document_id', 'coder_id', 'start_offset')),
 'ix_spans_label_id': ('spans', ('label_id',)),
 'ix_suggestions_doc_start': ('suggestions', ('document_id', 'start_offset')),
 'ix_suggestions_label_id': ('suggestions', ('label_id',)),
 'sqlite_autoindex_alembic_version_1': ('alembic_version', ('version_num',)),
 'sqlite_autoindex_assignments_1': ('assignments', ('document_id', 'coder_id')),
 'sqlite_autoindex_coders_1': ('coders', ('name',)),
 'sqlite_autoindex_doc_labels_1': ('doc_labels', ('document_id', 'coder_id')),
 'sqlite_autoindex_doc_status_1': ('doc_status', ('document_id', 'coder_id')),
 'sqlite_autoindex_documents_1': ('documents', ('external_id',)),
 'sqlite_autoindex_documents_2': ('documents', ('sha256',)),
 'sqlite_autoindex_labels_1': ('labels', ('name',)),
 'sqlite_autoindex_labels_2': ('labels', ('hotkey',)),
 'sqlite_autoindex_meta_1': ('meta', ('key',)),
 'sqlite_autoindex_relation_types_1': ('relation_types', ('name',)),
 'sqlite_autoindex_relation_types_2': ('relation_types', ('hotkey',)),
 'sqlite_autoindex_relations_1': ('relations', ('type_id', 'head_id', 'child_id')),
 'sqlite_autoindex_suggestion_rejections_1': ('suggestion_rejections',
                                              ('document_id',
                                               'coder_id',
                                               'start_offset',
                                               'end_offset',
                                               'label_id',
                                               'source')),
 'sqlite_autoindex_suggestions_1': ('suggestions',
                                    ('document_id', 'start_offset', 'end_offset', 'label_id', 'source'))}
