"""Project files from strangers: a corpus of hostile project files x every operation. Each
operation either works or prints ONE clear line (exit 1), never a traceback, never a hang; a
refused file is left byte for byte as it was; triggers and views never run."""

from __future__ import annotations

import hashlib
import shutil
import signal
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.launcher import main
from annotator.store import Project

DEADLINE_S = 60
TEXTS = ["زار محمد دمشق في الربيع", "قرأ علي كتابا عن حلب"]


def _good(path: Path) -> Path:
    with Project.create(path, coder="ann") as p:
        labels = {label.name: label.id for label in p.labels()}
        for text in TEXTS:
            doc = p.add_document(text[:8], text)
            for name in ("ann", "bob"):
                coder = p.ensure_coder(name)
                p.add_span(doc.id, coder.id, labels["entity"], 4, 8)
                p.set_status(doc.id, coder.id, "done")
    return path


def _sql(*statements: str):
    def apply(con: sqlite3.Connection) -> None:
        for statement in statements:
            con.execute(statement)
    return apply


def _null(table: str, column: str, update: str):
    """Drop a NOT NULL from the table's definition (as another program could), then write a NULL."""
    def edit(con):
        con.execute("PRAGMA writable_schema = ON")
        con.execute("UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE name = ?",
                    (f"{column} NOT NULL", column, table))
    return (edit, _sql(update))


def _big_title(con):
    con.execute("UPDATE documents SET title = ? WHERE id = 1", ("ع" * (10 * 1024 * 1024),))


def _many_coders(con):
    con.executemany("INSERT INTO coders (name, is_gold, created_at) VALUES (?, 0, '2024-01-01 00:00:00.000000')",
                    [(f"c{i}",) for i in range(20_000)])
    con.execute("INSERT INTO spans (document_id, coder_id, label_id, start_offset, end_offset, created_at, updated_at)"
                " SELECT 1, id, 1, 0, 3, '2024-01-01 00:00:00', '2024-01-01 00:00:00' FROM coders WHERE name LIKE 'c%'")


def _many_spans(con):
    con.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199999) "
                "INSERT INTO spans (document_id, coder_id, label_id, start_offset, end_offset, created_at, updated_at) "
                "SELECT 1, 1, 1, i % 20, i % 20 + 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00' FROM n")


SLOW = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"

HOSTILE = {
    "trigger deletes each new span": _sql("CREATE TRIGGER t AFTER INSERT ON spans BEGIN DELETE FROM spans WHERE id = new.id; END"),
    "trigger RAISE with attacker text": _sql("CREATE TRIGGER t BEFORE INSERT ON documents BEGIN "
                                             "SELECT RAISE(ABORT, 'call +1-555 now, your data is lost'); END"),
    "slow trigger": _sql(f"CREATE TRIGGER t BEFORE UPDATE ON meta BEGIN {SLOW}; END",
                         f"CREATE TRIGGER t2 BEFORE INSERT ON spans BEGIN {SLOW}; END"),
    "recursive view": _sql(f"CREATE VIEW v AS {SLOW}"),
    "view in place of a table": _sql("ALTER TABLE labels RENAME TO labels_x",
                                     f"CREATE VIEW labels AS SELECT * FROM labels_x WHERE ({SLOW}) > 0"),
    "extra table": _sql("CREATE TABLE evil (x)"),
    "extra column": _sql("ALTER TABLE documents ADD COLUMN evil TEXT"),
    "generated column": _sql("ALTER TABLE spans ADD COLUMN g INTEGER GENERATED ALWAYS AS (start_offset * 2) VIRTUAL"),
    "expression index": _sql("CREATE INDEX ix_evil ON spans (start_offset + end_offset)"),
    "no unique label names (duplicate labels)": _sql(
        "CREATE TABLE l2 (id INTEGER PRIMARY KEY, name VARCHAR(64), color VARCHAR(7), hotkey VARCHAR(1), position INTEGER,"
        " version INTEGER NOT NULL DEFAULT 1)",
        "INSERT INTO l2 (id, name, color, hotkey, position, version)"
        " SELECT id, name, color, hotkey, position, version FROM labels", "INSERT INTO l2 (name, color, position) VALUES ('entity', '#000000', 9)",
        "DROP TABLE labels", "ALTER TABLE l2 RENAME TO labels"),
    "dangling document of a span": _sql("UPDATE spans SET document_id = 999 WHERE id = 1"),
    "dangling coder of a span": _sql("UPDATE spans SET coder_id = 999 WHERE id = 1"),
    "dangling label of a span": _sql("UPDATE spans SET label_id = 999 WHERE id = 1"),
    "dangling status": _sql("UPDATE doc_status SET coder_id = 999 WHERE rowid = 1"),
    "bad meta_json": _sql("UPDATE documents SET meta_json = '{not json' WHERE id = 1"),
    "meta_json a list": _sql("UPDATE documents SET meta_json = '[1, 2]' WHERE id = 1"),
    "meta_json NaN": _sql("UPDATE documents SET meta_json = '{\"x\": NaN}' WHERE id = 1"),
    "bad setting": _sql("UPDATE meta SET value = '{oops' WHERE key = 'setting:default_coder'"),
    "negative offset": _sql("PRAGMA ignore_check_constraints = ON", "UPDATE spans SET start_offset = -5 WHERE id = 1"),
    "past-end offset": _sql("UPDATE spans SET end_offset = 500 WHERE id = 1"),
    "reversed offsets": _sql("PRAGMA ignore_check_constraints = ON", "UPDATE spans SET start_offset = 9, end_offset = 2 WHERE id = 1"),
    "text offsets": _sql("UPDATE spans SET start_offset = 'abc' WHERE id = 1"),
    "NULL title": _null("documents", "title TEXT", "UPDATE documents SET title = NULL WHERE id = 1"),
    "NULL text": _null("documents", "text TEXT", "UPDATE documents SET text = NULL WHERE id = 1"),
    "NULL label name": _null("labels", "name VARCHAR(64)", "UPDATE labels SET name = NULL WHERE id = 1"),
    "NULL coder name": _null("coders", "name VARCHAR(128)", "UPDATE coders SET name = NULL WHERE id = 2"),
    "NULL offsets": _null("spans", "end_offset INTEGER", "UPDATE spans SET end_offset = NULL WHERE id = 1"),
    "NULL sha256": _null("documents", "sha256 VARCHAR(64)", "UPDATE documents SET sha256 = NULL WHERE id = 1"),
    "NULL note (allowed)": _sql("UPDATE spans SET note = NULL"),
    "blob text": _sql("UPDATE documents SET text = X'FFFE00' WHERE id = 1"),
    "length lies": _sql("UPDATE documents SET length = 3 WHERE id = 1"),
    "bad date": _sql("UPDATE spans SET created_at = 'yesterday' WHERE id = 1"),
    "bad status": _sql("PRAGMA ignore_check_constraints = ON", "UPDATE doc_status SET status = 'evil'"),
    "long hotkey": _sql("UPDATE labels SET hotkey = 'abc' WHERE id = 1"),
    "no meta table": _sql("DROP TABLE meta"),
    "not our application": _sql("UPDATE meta SET value = 'other-app' WHERE key = 'application'"),
    "schema version text": _sql("UPDATE meta SET value = 'two' WHERE key = 'schema_version'"),
    "schema version from the future": _sql("UPDATE meta SET value = '99' WHERE key = 'schema_version'"),
    "terminal escapes in names": _sql("UPDATE coders SET name = 'bob' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J' WHERE name = 'bob'"),
    "a 10 MB title": _big_title,
    "20,000 coders": _many_coders,
    "200,000 spans": _many_spans,
}
TRIGGERS_OR_VIEWS = {name for name in HOSTILE if "trigger" in name or "view" in name}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    good = _good(folder / "good.annot")
    files = {}
    for i, (name, damage) in enumerate(HOSTILE.items()):
        path = folder / f"h{i:02d}.annot"
        shutil.copyfile(good, path)
        for phase in damage if isinstance(damage, tuple) else (damage,):
            con = sqlite3.connect(path, isolation_level=None)
            con.execute("PRAGMA foreign_keys = OFF")
            con.execute("PRAGMA ignore_check_constraints = ON")
            con.execute("PRAGMA journal_mode = DELETE")
            con.execute("BEGIN")
            phase(con)
            con.execute("COMMIT")
            con.close()
        files[name] = path
    return files


@contextmanager
def deadline(seconds: int = DEADLINE_S):
    def fail(*_):
        raise AssertionError(f"hung for more than {seconds} s")
    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _open(path, work):
    try:
        with Project.open(path) as project:
            project.stats()
        return 0
    except ProjectError as exc:
        print(f"annotator: error: {exc}", file=__import__("sys").stderr)
        return 1


def _jsonl(work: Path) -> Path:
    path = work / "more.jsonl"
    path.write_text('{"text": "نص جديد تماما"}\n', encoding="utf-8")
    return path


OPERATIONS = {
    "open": lambda p, w: _open(p, w),
    "stats": lambda p, w: main(["stats", str(p), "--json"]),
    "export": lambda p, w: main(["export", str(p), "-o", str(w / "out.jsonl"), "--all-coders", "--status", "all"]),
    "merge into a good project": lambda p, w: main(["merge", str(_good(w / "target.annot")), str(p)]),
    "agreement": lambda p, w: main(["agreement", str(p), "--format", "json", "-o", str(w / "agr.json")]),
    "adjudicate": lambda p, w: main(["adjudicate", str(p)]),
    "import into": lambda p, w: main(["import", str(p), str(_jsonl(w))]),
}
WRITES = {"adjudicate", "import into", "open"}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_hostile_file_gives_one_line_or_works(corpus, tmp_path, capsys, hostile, operation):
    path = tmp_path / "received.annot"
    shutil.copyfile(corpus[hostile], path)
    before = _digest(path)
    with deadline():
        code = OPERATIONS[operation](path, tmp_path)
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "Traceback" not in out and "\x1b" not in out and "\x07" not in out, out[-2000:]
    assert code in (0, 1), out[-2000:]
    if code == 1:
        errors = [line for line in captured.err.splitlines() if line.startswith("annotator: error:")]
        assert len(errors) == 1 and len(errors[0]) < 600, captured.err[-2000:]
        assert "your data is lost" not in out  # an attacker's RAISE text never reaches the user
        if operation != "merge into a good project" and "refused" in errors[0]:
            assert _digest(path) == before, "a refused file was changed"
    if hostile in TRIGGERS_OR_VIEWS:
        assert code == 1 and "refused" in captured.err, out[-2000:]
        assert _digest(path) == before
