"""Import files from strangers: every hostile input is one clear line on stderr (exit 1) and changes
nothing, or is imported with a warning that says what happened. Never a traceback, never a hang."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import zipfile
from contextlib import contextmanager, nullcontext

import pytest

from annotator.formats import records
from annotator.launcher import main


@pytest.fixture
def project(tmp_path, capsys):
    path = tmp_path / "p.annot"
    assert main(["new", str(path), "--coder", "ann"]) == 0
    capsys.readouterr()
    return path


@contextmanager
def deadline(seconds: int = 20):
    def fail(*_):
        raise AssertionError(f"hung for more than {seconds} s")
    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def rows(path, sql="select title from documents order by position"):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def run_import(project, capsys, *args) -> tuple[int, str]:
    with deadline():
        code = main(["import", str(project), *map(str, args)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def refused(project, capsys, *args, words: str) -> str:
    before = rows(project)
    code, err = run_import(project, capsys, *args)
    lines = [line for line in err.splitlines() if line.startswith("annotator: error:")]
    assert code == 1 and len(lines) == 1, err
    assert words in lines[0], err
    assert rows(project) == before
    return lines[0]


# -- folders and special files ----------------------------------------------------------------
def test_a_link_out_of_the_folder_is_refused(tmp_path, project, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("سر", encoding="utf-8")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("نص", encoding="utf-8")
    (folder / "notes.txt").symlink_to(secret)
    refused(project, capsys, folder, words="outside the folder")


def test_a_link_inside_the_folder_is_followed(tmp_path, project, capsys):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text("نص", encoding="utf-8")
    (folder / "b.txt").symlink_to(folder / "sub" / "a.txt")
    code, err = run_import(project, capsys, folder)
    assert code == 0 and "duplicate text" in err and len(rows(project)) == 1  # the same text twice


def test_a_fifo_is_refused_not_waited_on(tmp_path, project, capsys):
    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    refused(project, capsys, fifo, words="FIFO")
    folder = tmp_path / "corpus"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    refused(project, capsys, folder, words="FIFO")


# -- JSON from strangers ----------------------------------------------------------------------
@pytest.mark.parametrize("line, words", [
    ('{"text": "abc", "meta": {"x": ' + "[" * 200_000 + "]" * 200_000 + "}}", "nested too deeply"),
    ('{"text": "abc", "spans": [{"start": ' + "9" * 5000 + ', "end": 2, "label": "x"}]}', "invalid JSON value"),
    ('{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "\\ud800"}]}', "surrogate"),
    ('{"text": "abc", "coder": "bo\\udc00b"}', "surrogate"),
    ('{"text": "abc", "entities": 5}', '"entities" must be a list'),
    ('{"text": "abc", "meta": {"score": NaN}}', "NaN"),
    ('{"text": "abc", "meta": {"score": -Infinity}}', "Infinity"),
])
def test_hostile_json_is_one_line(tmp_path, project, capsys, line, words):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "first"}\n' + line + "\n", encoding="utf-8")
    message = refused(project, capsys, path, "--add-labels", words=words)
    assert "line 2" in message


def test_a_line_too_long_is_refused_without_reading_it_whole(tmp_path, project, capsys, monkeypatch):
    monkeypatch.setattr(records, "MAX_LINE_BYTES", 4096)
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "' + "ن" * 10_000 + '"}\n', encoding="utf-8")
    refused(project, capsys, path, words="longer than")


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".conll"])
def test_the_document_size_rule_holds_for_every_importer(tmp_path, project, capsys, monkeypatch, suffix):
    monkeypatch.setattr(records, "MAX_DOCUMENT_BYTES", 3000)
    body = "نص " * 1000  # 5,000 bytes of UTF-8
    path = tmp_path / f"big{suffix}"
    if suffix == ".jsonl":
        path.write_text(json.dumps({"text": body}, ensure_ascii=False) + "\n", encoding="utf-8")
    elif suffix == ".csv":
        path.write_text("text\n" + body + "\n", encoding="utf-8")
    else:
        path.write_text("".join(f"{tok} O\n" for tok in body.split()), encoding="utf-8")
    refused(project, capsys, path, words="are refused")


def test_nan_already_in_a_project_is_exported_as_valid_json(tmp_path, project, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "abc", "meta": {"score": 1}}\n', encoding="utf-8")
    assert run_import(project, capsys, path, "--status", "done")[0] == 0
    con = sqlite3.connect(project)
    con.execute("""update documents set meta_json = '{"score": NaN, "high": Infinity}'""")
    con.commit()
    con.close()
    out = tmp_path / "out.jsonl"
    assert main(["export", str(project), "-o", str(out)]) == 0
    strict = json.loads(out.read_text(encoding="utf-8"),
                        parse_constant=lambda name: pytest.fail(f"{name} in the export"))
    assert strict["meta"] == {"score": None, "high": None}


# -- zip archives -----------------------------------------------------------------------------
def make_zip(path, members):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("members, words", [
    ([("a", b"x"), ("a/b.txt", "نص".encode())], "a file and a folder"),
    ([("a/b.txt", "نص".encode()), ("a", b"x")], "a file and a folder"),
    ([("d/" + "ن" * 300 + ".txt", "نص".encode())], "longer than 255 bytes"),
    ([(".", b"x")], "names no file"),
    ([("one.txt", "نص".encode()), ("one.txt", "آخر".encode())], "two members named"),
    ([("One.txt", "نص".encode()), ("one.txt", "آخر".encode())], "two members named"),
])
def test_zip_members_that_cannot_all_be_unpacked_are_refused(tmp_path, project, capsys, members, words):
    with pytest.warns(UserWarning) if len({m[0] for m in members}) < len(members) else nullcontext():
        z = make_zip(tmp_path / "corpus.zip", members)
    refused(project, capsys, z, words=words)


def test_a_nested_zip_is_reported_not_skipped_silently(tmp_path, project, capsys):
    inner = make_zip(tmp_path / "inner.zip", [("x.txt", "نص داخلي".encode())])
    z = make_zip(tmp_path / "corpus.zip", [("a.txt", "نص".encode()), ("more/inner.zip", inner.read_bytes())])
    code, err = run_import(project, capsys, z)
    assert code == 0 and rows(project) == [("a",)]
    assert f"{z}/more/inner.zip: a zip inside a zip is not imported" in err


# -- CoNLL, CoNLL-U, brat ---------------------------------------------------------------------
def test_unknown_conll_tags_are_summarised_in_one_warning(tmp_path, project, capsys):
    path = tmp_path / "noisy.conll"
    path.write_text("".join(f"كلمة{i} {'OO' if i % 2 else 'IO'}\n" for i in range(5000)) + "محمد B-PER\n",
                    encoding="utf-8")
    code, err = run_import(project, capsys, path, "--add-labels")
    warnings = [line for line in err.splitlines() if "unknown tag" in line]
    assert code == 0 and len(warnings) == 1, err
    assert "5000 unknown tag(s)" in warnings[0] and "'IO' x2500 (first at line 1)" in warnings[0]
    assert "'OO' x2500 (first at line 2)" in warnings[0]


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


def test_conllu_is_recognised_tokens_and_misc_spans(tmp_path, project, capsys):
    path = tmp_path / "ud.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    code, err = run_import(project, capsys, path, "--add-labels")
    assert code == 0, err
    docs = rows(project, "select title, text from documents order by position")
    assert docs == [("s1", "زار محمدٌ دمشقَ."), ("s2", "وبالقلم كتب")]
    spans = rows(project, "select d.title, substr(d.text, s.start_offset + 1, s.end_offset - s.start_offset), "
                          "l.name from spans s join documents d on d.id = s.document_id "
                          "join labels l on l.id = s.label_id order by d.position, s.start_offset")
    assert spans == [("s1", "محمدٌ", "PER"), ("s1", "دمشقَ", "LOC"), ("s2", "وبالقلم", "OBJ")]


def test_conllu_named_conll_is_refused_clearly(tmp_path, project, capsys):
    path = tmp_path / "ud.conll"
    path.write_text(CONLLU.split("\n", 2)[2], encoding="utf-8")
    refused(project, capsys, path, words="looks like CoNLL-U")


def _brat(tmp_path, text: str, ann: str):
    (tmp_path / "doc.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "doc.ann").write_text(ann, encoding="utf-8")
    return tmp_path / "doc.ann"


def _spans(project):
    return rows(project, "select substr(d.text, s.start_offset + 1, s.end_offset - s.start_offset) "
                         "from spans s join documents d on d.id = s.document_id order by s.start_offset")


@pytest.mark.parametrize("offsets, words", [("5 9", "which the offsets count"),
                                            ("4 8", "that the offsets do not count")])
def test_brat_bom_never_shifts_offsets_silently(tmp_path, project, capsys, offsets, words):
    ann = _brat(tmp_path, "\ufeffزار محمد دمشق", f"T1\tPER {offsets}\tمحمد\n")
    code, err = run_import(project, capsys, ann, "--add-labels")
    assert code == 0 and words in err, err
    assert _spans(project) == [("محمد",)]
    assert rows(project, "select text from documents") == [("زار محمد دمشق",)]


def test_brat_offsets_that_do_not_fit_the_text_are_refused(tmp_path, project, capsys):
    ann = _brat(tmp_path, "زار محمد دمشق", "T1\tPER 0 3\tمحمد\n")
    refused(project, capsys, ann, "--add-labels", words="is not the text at its offsets")
    ann = _brat(tmp_path, "\ufeffزار محمد دمشق", "T1\tPER 0 3\tدمش\n")
    refused(project, capsys, ann, "--add-labels", words="neither with it nor without it")



