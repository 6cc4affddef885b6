"""Project files come from strangers: check a file's schema before anything reads it.

A project file is an SQLite database, and an SQLite database carries code: triggers run on every
write, views run on every read that names them, and schema expressions (CHECK, DEFAULT, generated
columns, expression indexes) call functions. ``check_schema`` reads only ``sqlite_schema`` and the
schema pragmas (which run nothing), under ``PRAGMA trusted_schema=OFF`` and a time limit, and
accepts the file only when every object in it is one the app itself creates: our tables with our
columns (an older schema may lack columns, never add any), our indexes on our columns, and no
triggers, no views, no virtual tables, no generated columns. It writes nothing: the file is opened
read-only, so a refused file (another program's SQLite database) is left exactly as it was.

SQLite-specific, like ``engine.py``; another dialect (PostgreSQL) is trusted as a server.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.store.files import interrupted, read_only_connection, set_deadline

CHECK_SECONDS = 10.0  # reading a schema is instant; a file that takes longer is refused
# Checking every row reads the file once: about 1 CPU-s for 1,000,000 spans (docs/benchmarks.md).
# A file that takes longer than this is refused, so that no file can keep the app waiting longer.
DATA_SECONDS = 60.0
_INTERNAL = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}
# Tables that tools we use create themselves (Alembic's version table), with their columns.
_TOOL_TABLES = {"alembic_version": {"version_num": "VARCHAR(32) NOT NULL PRIMARY KEY"}}


@lru_cache(maxsize=1)
def expected_schema() -> tuple[dict[str, dict[str, str]], dict[str, tuple[str, tuple[str, ...]]]]:
    """``(tables, indexes)`` the app creates: ``{table: {column: declaration}}`` and
    ``{index: (table, columns)}``, from ``schema_snapshot`` (what ``built_schema`` reads from the
    models, written out so that a check needs no SQLAlchemy), with the tools' own tables."""
    from annotator.store.schema_snapshot import INDEXES, TABLES

    tables = {name: dict(columns) for name, columns in TABLES.items()}
    for name, columns in _TOOL_TABLES.items():
        tables.setdefault(name, dict(columns))
    return tables, dict(INDEXES)


def built_schema() -> tuple[dict[str, dict[str, str]], dict[str, tuple[str, tuple[str, ...]]]]:
    """``(tables, indexes)`` read from a fresh in-memory project made by the same code as a new
    file (``initial.create_schema``): what ``schema_snapshot`` must hold."""
    from sqlalchemy import create_engine

    from annotator.store.initial import create_schema

    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        create_schema(conn, ":memory:")
        tables, indexes = _read_schema(conn.connection.dbapi_connection)[:2]
    engine.dispose()
    for name in _TOOL_TABLES:
        tables.pop(name, None)
    return tables, indexes


def _read_schema(conn: sqlite3.Connection, expired=lambda: None):
    """``(tables, indexes, others, generated)`` of the file; ``expired()`` is asked before each
    object's pragma (a crafted file may hold a hundred thousand tables)."""
    objects = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema").fetchall()
    tables: dict[str, dict[str, str]] = {}
    indexes: dict[str, tuple[str, tuple[str, ...]]] = {}
    others: list[tuple[str, str]] = []
    generated: list[str] = []
    for kind, name, table, sql in objects:
        expired()
        if kind == "table":
            if name in _INTERNAL:
                continue
            if sql and sql.lstrip()[:20].upper().startswith("CREATE VIRTUAL"):
                others.append(("virtual table", name))
                continue
            columns = {}
            for row in conn.execute("SELECT name, type, \"notnull\", pk, hidden FROM pragma_table_xinfo(?)", (name,)):
                col, decl, notnull, pk, hidden = row
                if hidden:
                    generated.append(f"{name}.{col}")
                columns[col] = (decl or "").upper() + (" NOT NULL" if notnull else "") + (" PRIMARY KEY" if pk else "")
            tables[name] = columns
        elif kind == "index":
            cols = []
            for seqno, cid, col in conn.execute("SELECT seqno, cid, name FROM pragma_index_info(?)", (name,)):
                cols.append(col if cid >= 0 else "<expression>")
            partial = bool(sql) and " WHERE " in sql.upper()
            indexes[name] = (table, tuple(cols) + (("<partial>",) if partial else ()))
        else:
            others.append((kind, name))
    return tables, indexes, others, generated


def check_schema(path: Path, *, deadline_s: float | None = None) -> int:
    """Refuse (``ProjectError``, one line) a project file whose schema holds anything the app did not
    make, another application's file, or a newer version's; return its schema version. Reads the
    schema and two meta rows only, read-only; changes nothing."""
    try:
        conn = read_only_connection(path)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path}: cannot be read ({exc})") from None
    deadline_s = CHECK_SECONDS if deadline_s is None else deadline_s
    expired = set_deadline(conn, deadline_s)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        tables, indexes, others, generated = _read_schema(conn, expired)
        problem = schema_problem(tables, indexes, others, generated)
        if problem:
            raise ProjectError(f"{path}: refused: {problem}. The app opens only project files whose schema it "
                               "made itself (a file from elsewhere could run code); the file was not changed")
        return _version(path, conn)
    except sqlite3.OperationalError as exc:
        if interrupted(exc):
            raise ProjectError(f"{path}: reading its schema took more than {deadline_s:g} s; refused") from None
        raise ProjectError(f"{path}: its schema cannot be read ({exc}); not an annotation project") from None
    except sqlite3.DatabaseError as exc:
        from annotator.store.recovery import damaged_error
        raise damaged_error(path, str(exc)) from None
    finally:
        conn.close()


def _version(path: Path, conn: sqlite3.Connection) -> int:
    """The schema version of one of our files (``schema_state.state_of``, on the read-only
    connection); another program's file and a newer version's are refused, nothing written."""
    from annotator.store.schema_state import VERSION_TABLE, SchemaError, state_of

    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else None
    revisions = ([r for (r,) in conn.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
                 if VERSION_TABLE in tables else None)
    try:
        return state_of(meta, revisions).schema_version
    except SchemaError as exc:
        raise ProjectError(f"{path}: {exc}") from None


def schema_problem(tables, indexes, others, generated) -> str | None:
    """What in a schema the app did not make, in a few words, or None when it is all ours."""
    want_tables, want_indexes = expected_schema()
    if others:
        kind, name = others[0]
        return f"it holds a {kind} {_show(name)}" + (f" and {len(others) - 1} other object(s)" if len(others) > 1 else "")
    if generated:
        return f"it holds a generated column {_show(generated[0])}"
    if "meta" not in tables:
        return "it is an SQLite database, but not an annotation project (no meta table)"
    for name, columns in tables.items():
        want = want_tables.get(name)
        if want is None:
            return f"it holds a table {_show(name)} the app does not make"
        for column, decl in columns.items():
            if column not in want:
                return f"table {_show(name)} has a column {_show(column)} the app does not make"
            if decl != want[column]:
                return f"column {_show(name + '.' + column)} is declared {_show(decl)}, not {want[column]}"
    for name, (table, columns) in indexes.items():
        if want_indexes.get(name) != (table, columns):
            return f"it holds an index {_show(name)} on {_show(table)} the app does not make"
    for name, (table, columns) in want_indexes.items():
        # The UNIQUE constraints (which the store relies on: one label of a name, one document of a
        # text) come with the tables since schema 1; a file without them is not ours.
        if name.startswith("sqlite_autoindex_") and table in tables and name not in indexes:
            return f"table {_show(table)} lacks the UNIQUE constraint on {', '.join(columns)}"
    return None


def _show(name: str) -> str:
    """A name from the file, safe to print: at most 60 characters, control characters escaped."""
    clean = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in str(name)[:60])
    return repr(clean + ("..." if len(str(name)) > 60 else ""))


# -- the data: every row the app reads must be one it could have written ----------------------------
_DATE = "({col} IS NULL OR (typeof({col}) = 'text' AND coalesce(datetime({col}) = substr({col}, 1, 19), 0)))"


# Python's json (which reads it) takes NaN and Infinity, older versions stored them: not an error.
_NAN_OK = "replace(replace({col}, 'NaN', '0'), 'Infinity', '0')"


def _date(col: str) -> str:
    return _DATE.format(col=col)


# (what is wrong, in words; a query returning the first offending row's id, or nothing). One pass
# over each table. The documents are read once (their texts, for ``length(text)``) into a small
# in-memory table of lengths, so that the spans (a million rows in a large project) are read once
# by one query whose tests per row are cheap: types, ranges, lookups in the small coders, labels and
# lengths tables. Looking a span's document up in ``documents`` itself read past the document's
# text (``length`` is stored after it) once per span, and parsing two dates per span was a third
# of the check: a span's dates are read leniently instead (``rows.SPAN_COLUMNS``: a date the
# app could not have written reads as None). docs/benchmarks.md has the figures. The other tables
# are small: their dates are checked here.
_LENGTHS = "temp.annotator_checked_lengths"
_DOCUMENTS = (
    "a document's title, text, length, hash, metadata or position is missing or wrong",
    f"CREATE TEMP TABLE annotator_checked_lengths AS SELECT id, length, (typeof(id) != 'integer' "
    f"OR typeof(title) != 'text' OR typeof(text) != 'text' OR typeof(length) != 'integer' OR length(text) != length "
    f"OR typeof(sha256) != 'text' OR length(sha256) != 64 OR typeof(position) != 'integer' "
    f"OR (external_id IS NOT NULL AND typeof(external_id) != 'text') "
    f"OR meta_json IS NULL OR NOT json_valid({_NAN_OK.format(col='meta_json')}) "
    f"OR json_type({_NAN_OK.format(col='meta_json')}) != 'object' "
    f"OR NOT {_date('created_at')}) AS bad FROM main.documents",
    f"SELECT id FROM {_LENGTHS} WHERE bad LIMIT 1")
_SPANS = ("a span points to a document, coder or label that does not exist, or lies outside its text",
          f"SELECT s.id FROM main.spans s LEFT JOIN {_LENGTHS} d ON d.id = s.document_id "
          "WHERE d.id IS NULL OR typeof(s.coder_id) != 'integer' OR typeof(s.label_id) != 'integer' "
          "OR s.coder_id NOT IN (SELECT id FROM main.coders) OR s.label_id NOT IN (SELECT id FROM main.labels) "
          "OR typeof(s.start_offset) != 'integer' OR typeof(s.end_offset) != 'integer' "
          "OR s.start_offset < 0 OR s.end_offset <= s.start_offset OR s.end_offset > d.length "
          "OR (s.note IS NOT NULL AND typeof(s.note) != 'text'){provenance} LIMIT 1")
_PROVENANCE = (" OR (s.provenance IS NOT NULL AND (NOT json_valid(s.provenance) "
               "OR json_type(s.provenance) != 'object'))")

DATA_CHECKS: tuple[tuple[str, ...], ...] = (
    ("a meta entry is not text", "SELECT key FROM meta WHERE typeof(key) != 'text' OR typeof(value) != 'text' LIMIT 1"),
    ("a project setting is not valid JSON",
     "SELECT key FROM meta WHERE key LIKE 'setting:%' AND NOT json_valid(value) LIMIT 1"),
    # names the app itself refuses (core.model: labels 1-64 characters; writes: coders 1-128 on one
    # line): a megabyte name would only freeze the window laying it out
    ("a label has no name, a name longer than 64 characters, a bad colour, hotkey or position",
     "SELECT id FROM labels WHERE typeof(id) != 'integer' OR typeof(name) != 'text' OR trim(name) = '' "
     "OR length(name) > 64 "
     "OR typeof(color) != 'text' OR length(color) > 32 OR (hotkey IS NOT NULL AND "
     "(typeof(hotkey) != 'text' OR length(hotkey) != 1)) OR typeof(position) != 'integer' LIMIT 1"),
    ("a coder has no name, a name longer than 128 characters or on several lines, or a bad date",
     f"SELECT id FROM coders WHERE typeof(id) != 'integer' OR typeof(name) != 'text' OR trim(name) = '' "
     f"OR length(name) > 128 OR instr(name, char(10)) OR instr(name, char(13)) OR instr(name, char(9)) "
     f"OR is_gold NOT IN (0, 1) OR NOT {_date('created_at')} LIMIT 1"),
    _DOCUMENTS,
    _SPANS,
    ("a document status points to nothing or is not new, in_progress or done",
     f"SELECT s.document_id FROM doc_status s LEFT JOIN documents d ON d.id = s.document_id "
     f"LEFT JOIN coders c ON c.id = s.coder_id WHERE d.id IS NULL OR c.id IS NULL "
     f"OR s.status NOT IN ('new', 'in_progress', 'done') OR NOT {_date('s.updated_at')} LIMIT 1"),
    # schema 4: the suggestions layer and the coders' rejections
    ("a suggestion points to a document or label that does not exist, lies outside its text, or has a bad "
     "score, source or value",
     f"SELECT s.id FROM suggestions s LEFT JOIN {_LENGTHS} d ON d.id = s.document_id "
     f"LEFT JOIN labels l ON l.id = s.label_id "
     f"WHERE d.id IS NULL OR l.id IS NULL OR typeof(s.id) != 'integer' "
     f"OR typeof(s.start_offset) != 'integer' OR typeof(s.end_offset) != 'integer' "
     f"OR s.start_offset < 0 OR s.end_offset <= s.start_offset OR s.end_offset > d.length "
     f"OR typeof(s.score) NOT IN ('real', 'integer') OR s.score < 0 OR s.score > 1 "
     f"OR typeof(s.source) != 'text' OR length(s.source) NOT BETWEEN 1 AND 200 "
     f"OR (s.value_json IS NOT NULL AND (typeof(s.value_json) != 'text' OR NOT json_valid(s.value_json) "
     f"OR json_type(s.value_json) != 'object')) OR NOT {_date('s.created_at')} LIMIT 1"),
    ("a rejected suggestion points to a document, coder or label that does not exist, or lies outside its text",
     f"SELECT r.id FROM suggestion_rejections r LEFT JOIN {_LENGTHS} d ON d.id = r.document_id "
     f"LEFT JOIN coders c ON c.id = r.coder_id LEFT JOIN labels l ON l.id = r.label_id "
     f"WHERE d.id IS NULL OR c.id IS NULL OR l.id IS NULL OR typeof(r.id) != 'integer' "
     f"OR typeof(r.start_offset) != 'integer' OR typeof(r.end_offset) != 'integer' "
     f"OR r.start_offset < 0 OR r.end_offset <= r.start_offset OR r.end_offset > d.length "
     f"OR typeof(r.source) != 'text' OR length(r.source) NOT BETWEEN 1 AND 200 "
     f"OR NOT {_date('r.rejected_at')} LIMIT 1"),
)
# The tables a check reads, when a schema older than the one that made them lacks them.
_TABLE_OF_CHECK = {"FROM suggestions ": "suggestions", "FROM suggestion_rejections ": "suggestion_rejections"}


from annotator.store.trust_layers import LAYER_CHECKS  # noqa: E402  (schema 5's rows)


def check_data(path: Path, conn: sqlite3.Connection | None = None, *, columns: dict[str, dict[str, str]] | None = None,
               deadline_s: float | None = None) -> None:
    """Refuse a file whose rows the app could not have written (dangling references, offsets outside
    the text, NULLs, bad JSON or dates, wrong types): one line naming the first problem. Read-only;
    stopped and refused after ``deadline_s`` (``DATA_SECONDS``)."""
    own = conn is None
    if own:
        conn = read_only_connection(path)
        conn.execute("PRAGMA trusted_schema = OFF")
    deadline_s = DATA_SECONDS if deadline_s is None else deadline_s
    set_deadline(conn, deadline_s, 10_000)
    try:
        conn.execute("PRAGMA temp_store = MEMORY")
        present = columns or {t: {c for (c,) in conn.execute("SELECT name FROM pragma_table_info(?)", (t,))}
                              for t in ("spans", "labels", "relation_types", "relations", "doc_labels",
                                        *_TABLE_OF_CHECK.values())}
        for what, *statements in DATA_CHECKS:
            sql = statements[-1]
            if any(key in sql and not present.get(table) for key, table in _TABLE_OF_CHECK.items()):
                continue  # before schema 4: no suggestions yet
            for setup in statements[:-1]:
                conn.execute(setup)
            if "{provenance}" in sql:  # schema 1 has no provenance column yet
                sql = sql.format(provenance=_PROVENANCE if "provenance" in present.get("spans", ()) else "")
            _refuse_row(path, what, conn.execute(sql).fetchone())
        for what, sql, (table, column) in LAYER_CHECKS:
            if column in present.get(table, ()):
                _refuse_row(path, what, conn.execute(sql).fetchone())
    except sqlite3.OperationalError as exc:
        if interrupted(exc):
            raise ProjectError(f"{path}: checking its data took more than {deadline_s:g} s; refused") from None
        raise ProjectError(f"{path}: its data cannot be read ({exc}); refused") from None
    except sqlite3.DatabaseError as exc:
        from annotator.store.recovery import damaged_error
        raise damaged_error(path, str(exc)) from None
    finally:
        conn.set_progress_handler(None, 0)
        if own:
            conn.close()
        else:
            conn.execute(f"DROP TABLE IF EXISTS {_LENGTHS}")


def _refuse_row(path: Path, what: str, row) -> None:
    if row is not None:
        raise ProjectError(f"{path}: refused: {what} (row {_show(row[0])}); the file was not made by "
                           "this app or was changed by another program; it was not changed")


# -- files this app checked or wrote itself ------------------------------------------------------
# Checking every row of a 1,000,000-span project takes about a second, too slow for every open. A file this
# app checked (or wrote and closed) is remembered by where it is and exactly what it is on disk:
# device, inode, size, modification time in nanoseconds, and SQLite's change counter. Any other
# program's change (a copy dropped in place, a sync client, an edit) changes one of them, and the
# full check runs again. The record is the user's own (``$XDG_STATE_HOME``): forging it needs the
# same rights as changing the project itself.
REMEMBERED = 500


def _state_file() -> Path:
    import os

    base = os.environ.get("ANNOTATOR_STATE_DIR")
    if base:
        return Path(base) / "checked-projects.json"
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return state / "arabic-annotator" / "checked-projects.json"


def fingerprint(path: Path) -> list | None:
    import os

    try:
        st = os.stat(path)
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return None
    if len(header) < 100:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, header[24:28].hex()]


def _load() -> dict:
    import json

    try:
        data = json.loads(_state_file().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def is_remembered(path: Path) -> bool:
    mark = fingerprint(path)
    return mark is not None and _load().get(str(Path(path).resolve())) == mark


def remember(path: Path) -> None:
    """Note that ``path``, as it is now on disk, was checked (or written) by this app. Best effort:
    a state folder that cannot be written only means the next open checks again."""
    import json
    import os
    import tempfile

    mark = fingerprint(path)
    if mark is None:
        return
    target = _state_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        data = _load()
        data.pop(str(Path(path).resolve()), None)
        data[str(Path(path).resolve())] = mark
        while len(data) > REMEMBERED:
            data.pop(next(iter(data)))
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".checked-", suffix=".partial")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, target)
    except OSError:
        pass


def check_file(path: Path) -> int:
    """Everything before a project file is opened: its schema always, its rows unless this app
    checked or wrote it in exactly this state (see ``remember``). Returns its schema version."""
    version = check_schema(path)
    if not is_remembered(path):
        check_data(path)
        remember(path)
    return version
