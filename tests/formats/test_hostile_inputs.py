"""Import files from strangers: every hostile input is one clear line on stderr (exit 1) and changes
nothing, or is imported with a warning that says what happened. Never a traceback, never a hang.
The inputs that must be refused are ``hostile_files.REFUSED_INPUTS`` (the window is driven with the
same ones in tests/ui/team/test_hostile_gui.py)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from annotator.formats import records
from annotator.launcher import main
from hostile_files import CONLLU, REFUSED_INPUTS, deadline, make_zip, rows


@pytest.fixture
def project(tmp_path, capsys):
    path = tmp_path / "p.annot"
    assert main(["new", str(path), "--coder", "ann"]) == 0
    capsys.readouterr()
    return path


def run_import(project, capsys, *args) -> tuple[int, str]:
    with deadline(20):
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


@pytest.mark.parametrize("hostile", REFUSED_INPUTS, ids=repr)
def test_a_hostile_input_is_refused_in_one_line_and_changes_nothing(tmp_path, project, capsys, monkeypatch, hostile):
    for name, value in hostile.limits.items():
        monkeypatch.setattr(records, name, value)
    made = tmp_path / "made"
    made.mkdir()
    message = refused(project, capsys, hostile.make(made), "--add-labels", words=hostile.words)
    assert hostile.at in message


# -- folders and special files ----------------------------------------------------------------
def test_a_link_inside_the_folder_is_followed(tmp_path, project, capsys):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text("نص", encoding="utf-8")
    (folder / "b.txt").symlink_to(folder / "sub" / "a.txt")
    code, err = run_import(project, capsys, folder)
    assert code == 0 and "duplicate text" in err and len(rows(project)) == 1  # the same text twice


# -- JSON from strangers ----------------------------------------------------------------------
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
