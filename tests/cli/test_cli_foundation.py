"""The command line of the foundation: new, import (txt), stats, --version, and every bad input."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import __version__
from annotator.launcher import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(path: Path) -> bytes:
    return path.read_bytes()


@pytest.fixture
def proj(tmp_path, capsys):
    path = tmp_path / "p.annot"
    assert run(capsys, "new", path)[0] == 0
    return path


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_new_with_labels_and_coder(tmp_path, capsys):
    path = tmp_path / "x.annot"
    code, _, err = run(capsys, "new", path, "--coder", "ليلى", "--labels", "PER,LOC,ORG")
    assert code == 0 and "PER, LOC, ORG" in err
    code, out, _ = run(capsys, "stats", path, "--json")
    stats = json.loads(out)
    assert stats["labels"] == ["PER", "LOC", "ORG"] and stats["coders"] == ["ليلى"]


def test_new_bad_labels_is_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, "new", tmp_path / "x.annot", "--labels", "a,a")
    assert code == 1 and "given twice" in err
    assert not (tmp_path / "x.annot").exists()


def test_import_keeps_text_byte_for_byte(tmp_path, proj, capsys):
    raw = "عنوان\u00a0الخبر F-35\r\n\r\n80 ألف باوند (36 طنا)\u00a0\n\u00a0\n".encode()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(raw)
    code, _, err = run(capsys, "import", proj, folder)
    assert code == 0 and "imported 1 document" in err
    code, out, _ = run(capsys, "stats", proj, "--json")
    assert json.loads(out)["documents"] == 1
    con = sqlite3.connect(proj)
    (text,) = con.execute("select text from documents").fetchone()
    con.close()
    # stored exactly, but for CRLF -> LF (DESIGN section 2)
    assert text.encode() == raw.replace(b"\r\n", b"\n")
    assert text.count("\u00a0") == 3


def test_import_folder_recursively_in_stable_order(tmp_path, proj, capsys):
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / "b" / "2.txt").write_text("نص ب٢", encoding="utf-8")
    (root / "a" / "1.txt").write_text("نص أ١", encoding="utf-8")
    (root / "z.txt").write_text("نص ز", encoding="utf-8")
    (root / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    (root / "notes.csv.bak").write_text("x", encoding="utf-8")
    assert run(capsys, "import", proj, root)[0] == 0
    from annotator.store import Project
    with Project.open(proj, readonly=True) as p:
        assert [d.title for d in p.documents()] == ["1", "2", "z"]


def test_import_same_file_twice_skips_duplicate(tmp_path, proj, capsys):
    f = tmp_path / "a.txt"
    f.write_text("نص", encoding="utf-8")
    run(capsys, "import", proj, f)
    code, _, err = run(capsys, "import", proj, f)
    assert code == 0 and "already in the project" in err


def test_import_diacritised_fixture(proj, capsys):
    assert run(capsys, "import", proj, FIXTURES / "text" / "farasa_excerpt.txt")[0] == 0


# -- bad input: a clear message, exit 1, and the project unchanged ----------------------------

def assert_unchanged_error(capsys, proj, argv, *needles):
    before = snapshot(proj)
    code, out, err = run(capsys, *argv)
    assert code == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err
    assert snapshot(proj) == before
    return err


def test_missing_path(tmp_path, proj, capsys):
    assert_unchanged_error(capsys, proj, ["import", proj, tmp_path / "nope.txt"], "nope.txt", "no such file")


def test_not_utf8_names_line_and_byte_and_imports_nothing(tmp_path, proj, capsys):
    good = tmp_path / "a_good.txt"
    good.write_text("نص سليم", encoding="utf-8")
    bad = tmp_path / "b_bad.txt"
    bad.write_bytes("سطر\n".encode() + "نص".encode("cp1256"))
    err = assert_unchanged_error(capsys, proj, ["import", proj, good, bad], "b_bad.txt", "line 2", "UTF-8")
    assert "byte 7" in err


def test_binary_file(tmp_path, proj, capsys):
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_unchanged_error(capsys, proj, ["import", proj, f], "image.txt", "binary")


def test_empty_file_is_skipped_with_warning(tmp_path, proj, capsys):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    code, _, err = run(capsys, "import", proj, f)
    assert code == 0 and "empty.txt" in err and "empty file, skipped" in err


@pytest.mark.parametrize("content,needle", [
    (b'{"documents": []}', "not an SQLite database"),
    (os.urandom(4096), "not an SQLite database"),
    (b"", "an empty file"),
])
def test_not_a_project(tmp_path, capsys, content, needle):
    fake = tmp_path / "fake.annot"
    fake.write_bytes(content)
    for argv in (["stats", fake], ["import", fake, tmp_path]):
        code, _, err = run(capsys, *argv)
        assert code == 1 and "fake.annot" in err and needle in err and "Traceback" not in err
    assert fake.read_bytes() == content


def test_sqlite_file_of_another_application(tmp_path, capsys):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("create table t (x)")
    con.commit()
    con.close()
    code, _, err = run(capsys, "stats", other)
    assert code == 1 and "not an annotation project" in err


def test_newer_schema_is_refused_and_untouched(proj, capsys):
    con = sqlite3.connect(proj)
    con.execute("update meta set value = '99' where key = 'schema_version'")
    con.commit()
    con.close()
    err = assert_unchanged_error(capsys, proj, ["stats", proj], "newer version")
    assert "schema 99" in err


def test_project_open_for_writing_elsewhere(tmp_path, proj, capsys):
    f = tmp_path / "a.txt"
    f.write_text("نص", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom annotator.store import Project\np = Project.open(sys.argv[1])\n"
         "print('open', flush=True)\ntime.sleep(60)", str(proj)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert_unchanged_error(capsys, proj, ["import", proj, f], "open for writing", "read-only")
        # reading still works while another process writes
        code, out, _ = run(capsys, "stats", proj, "--json")
        assert code == 0 and json.loads(out)["documents"] == 0
    finally:
        holder.kill()
        holder.wait()
    assert run(capsys, "import", proj, f)[0] == 0  # the lock died with the process


def test_read_only_project_file(tmp_path, proj, capsys):
    f = tmp_path / "a.txt"
    f.write_text("نص", encoding="utf-8")
    proj.chmod(0o444)
    try:
        code, out, _ = run(capsys, "stats", proj, "--json")
        assert code == 0
        from annotator.store import Project
        with Project.open(proj) as p:
            assert p.readonly and p.read_only_reason == "the file is read-only"
        assert_unchanged_error(capsys, proj, ["import", proj, f], "read-only")
    finally:
        proj.chmod(0o644)


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["import"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["stats", "p.annot", "--bogus"])
    assert exit_.value.code == 2


def test_real_process_error_has_no_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "annotator", "stats", str(tmp_path / "none.annot")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip() == f"annotator: error: {tmp_path / 'none.annot'}: no such project file"
