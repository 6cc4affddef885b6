"""The hostile-file corpus and its helpers, shared by the tests that attack the app with it: project
files from strangers (tests/store/test_hostile_projects.py, the CLI; tests/ui/team/test_hostile_gui.py,
the window) and import files from strangers (tests/formats/test_hostile_inputs.py; the window too).

``build_corpus(folder)`` writes one damaged copy of a good project per entry of ``HOSTILE``;
``REFUSED_INPUTS`` makes import files that must be refused in one line; ``deadline`` fails a test that
hangs; ``digest`` and ``folder_state`` show that nothing changed on disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import zipfile
from contextlib import contextmanager
from pathlib import Path

from annotator.store import Project

TEXTS = ["زار محمد دمشق في الربيع", "قرأ علي كتابا عن حلب"]


@contextmanager
def deadline(seconds: int):
    """Fail (``AssertionError``) when the block runs longer than ``seconds``."""
    def fail(*_):
        raise AssertionError(f"hung for more than {seconds} s")
    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with its digest: a refused file leaves this exactly as it was."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def rows(path, sql="select title from documents order by position"):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# -- project files ------------------------------------------------------------------------------
def good_project(path: Path) -> Path:
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
    "a 1 MB label name": _sql("UPDATE labels SET name = replace(hex(zeroblob(500000)), '00', 'عن') WHERE id = 1"),
    "a 1 MB coder name": _sql("UPDATE coders SET name = replace(hex(zeroblob(500000)), '00', 'مح') WHERE name = 'bob'"),
    "a coder name on two lines": _sql("UPDATE coders SET name = 'bob' || char(10) || 'evil' WHERE name = 'bob'"),
    "20,000 coders": _many_coders,
    "200,000 spans": _many_spans,
}
TRIGGERS_OR_VIEWS = {name for name in HOSTILE if "trigger" in name or "view" in name}




def build_corpus(folder: Path) -> dict[str, Path]:
    """``{name: path}``: one damaged copy of a good project per entry of ``HOSTILE`` (rollback journal,
    no side files), in ``folder``."""
    good = good_project(folder / "good.annot")
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
    good.unlink()
    return files


# -- import files -------------------------------------------------------------------------------
def make_zip(path, members):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def _link_out(tmp: Path) -> Path:
    secret = tmp / "secret.txt"
    secret.write_text("سر", encoding="utf-8")
    folder = tmp / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("نص", encoding="utf-8")
    (folder / "notes.txt").symlink_to(secret)
    return folder


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "in.jsonl")
    return tmp / "in.jsonl"


def _fifo_in_folder(tmp: Path) -> Path:
    (tmp / "corpus").mkdir()
    os.mkfifo(tmp / "corpus" / "pipe.txt")
    return tmp / "corpus"


def _jsonl(line: str):
    def make(tmp: Path) -> Path:
        path = tmp / "in.jsonl"
        path.write_text('{"text": "first"}\n' + line + "\n", encoding="utf-8")
        return path
    return make


def _zip(*members):
    def make(tmp: Path) -> Path:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: that is the attack
            return make_zip(tmp / "corpus.zip", members)
    return make


def _text_file(name: str, text: str):
    def make(tmp: Path) -> Path:
        (tmp / name).write_text(text, encoding="utf-8")
        return tmp / name
    return make


def _brat(text: str, ann: str):
    def make(tmp: Path) -> Path:
        (tmp / "doc.txt").write_bytes(text.encode("utf-8"))
        (tmp / "doc.ann").write_text(ann, encoding="utf-8")
        return tmp / "doc.ann"
    return make


CONLLU = """# sent_id = s1
# text = زار محمدٌ دمشقَ.
1\tزار\tزار\tVERB\t_\t_\t0\troot\t_\t_
2\tمحمدٌ\tمحمد\tPROPN\t_\t_\t1\tnsubj\t_\tNER=B-PER
3\tدمشقَ\tدمشق\tPROPN\t_\t_\t1\tobj\t_\tNER=B-LOC|SpaceAfter=No
3.1\t_\t_\t_\t_\t_\t_\t_\t_\t_
4\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_

# sent_id = s2
1-2\tوبالقلم\t_\t_\t_\t_\t_\t_\t_\tNER=B-OBJ
1\tو\tو\tCCONJ\t_\t_\t2\tcc\t_\t_
2\tبالقلم\tقلم\tNOUN\t_\t_\t0\troot\t_\t_
3\tكتب\tكتب\tVERB\t_\t_\t2\tacl\t_\t_
"""
_BIG_BODY = "نص " * 1000  # 5,000 bytes of UTF-8: over the size limits the entries below set


class Input:
    """An import file from a stranger: ``make(tmp)`` writes it and returns the path to import;
    the one-line refusal holds ``words``; ``limits`` are ``annotator.formats.records`` constants set
    lower for the case (a 2 GB line stands in as a 10 KB one over a 4 KB limit); ``at`` is the place
    the message names (``line 2``) where there is one."""

    def __init__(self, name: str, make, words: str, limits: dict | None = None, at: str = "") -> None:
        self.name, self.make, self.words, self.limits, self.at = name, make, words, limits or {}, at

    def __repr__(self) -> str:
        return self.name


REFUSED_INPUTS = [
    Input("a link out of the folder", _link_out, "outside the folder"),
    Input("a FIFO", _fifo, "FIFO"),
    Input("a FIFO in a folder", _fifo_in_folder, "FIFO"),
    Input("deep JSON", _jsonl('{"text": "abc", "meta": {"x": ' + "[" * 200_000 + "]" * 200_000 + "}}"),
          "nested too deeply", at="line 2"),
    Input("an over-long integer", _jsonl('{"text": "abc", "spans": [{"start": ' + "9" * 5000
                                         + ', "end": 2, "label": "entity"}]}'), "invalid JSON value", at="line 2"),
    Input("a surrogate in a label", _jsonl('{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "\\ud800"}]}'),
          "surrogate", at="line 2"),
    Input("a surrogate in a coder", _jsonl('{"text": "abc", "coder": "bo\\udc00b"}'), "surrogate", at="line 2"),
    Input("entities a number", _jsonl('{"text": "abc", "entities": 5}'), '"entities" must be a list', at="line 2"),
    Input("NaN in meta", _jsonl('{"text": "abc", "meta": {"score": NaN}}'), "NaN", at="line 2"),
    Input("-Infinity in meta", _jsonl('{"text": "abc", "meta": {"score": -Infinity}}'), "Infinity", at="line 2"),
    Input("a line too long", _text_file("in.jsonl", '{"text": "' + "ن" * 10_000 + '"}\n'), "longer than",
          {"MAX_LINE_BYTES": 4096}),
    Input("a JSONL document too big", _text_file("big.jsonl", json.dumps({"text": _BIG_BODY}, ensure_ascii=False) + "\n"),
          "are refused", {"MAX_DOCUMENT_BYTES": 3000}),
    Input("a CSV document too big", _text_file("big.csv", "text\n" + _BIG_BODY + "\n"), "are refused",
          {"MAX_DOCUMENT_BYTES": 3000}),
    Input("a CoNLL document too big", _text_file("big.conll", "".join(f"{t} O\n" for t in _BIG_BODY.split())),
          "are refused", {"MAX_DOCUMENT_BYTES": 3000}),
    Input("a zip: a file, then a folder of its name", _zip(("a", b"x"), ("a/b.txt", "نص".encode())), "a file and a folder"),
    Input("a zip: a folder, then a file of its name", _zip(("a/b.txt", "نص".encode()), ("a", b"x")), "a file and a folder"),
    Input("a zip: a 300-character member name", _zip(("d/" + "ن" * 300 + ".txt", "نص".encode())), "longer than 255 bytes"),
    Input("a zip: a '.' member", _zip((".", b"x")), "names no file"),
    Input("a zip: two members of one name", _zip(("one.txt", "نص".encode()), ("one.txt", "آخر".encode())),
          "two members named"),
    Input("a zip: two members of one name but for case", _zip(("One.txt", "نص".encode()), ("one.txt", "آخر".encode())),
          "two members named"),
    Input("CoNLL-U named .conll", _text_file("ud.conll", CONLLU.split("\n", 2)[2]), "looks like CoNLL-U"),
    Input("brat offsets that do not fit the text", _brat("زار محمد دمشق", "T1\tPER 0 3\tمحمد\n"),
          "is not the text at its offsets"),
    Input("brat offsets that fit neither with the BOM nor without", _brat("\ufeffزار محمد دمشق", "T1\tPER 0 3\tدمش\n"),
          "neither with it nor without it"),
]
