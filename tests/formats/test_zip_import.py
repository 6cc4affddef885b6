"""Zip archives: imported like a folder, with guards against path traversal and decompression bombs."""

import sqlite3
import stat
import zipfile

import pytest

from annotator.core.errors import InputError
from annotator.formats import archive
from annotator.launcher import main


@pytest.fixture
def project(tmp_path, capsys):
    path = tmp_path / "p.annot"
    assert main(["new", str(path)]) == 0
    capsys.readouterr()
    return path


def documents(path):
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("select title from documents order by position")]
    finally:
        con.close()


def make_zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():  # a name or a ZipInfo
            zf.writestr(name, data)
    return path


def test_zip_imports_like_a_folder(tmp_path, project, capsys):
    z = make_zip(tmp_path / "corpus.zip", {"b/2.txt": "نص ثان".encode(), "a/1.txt": "نص أول".encode(),
                                           "notes.bin": b"\x00\x01", "c/3.jsonl": '{"text": "نص ثالث"}'.encode()})
    assert main(["import", str(project), str(z)]) == 0
    titles = documents(project)
    assert titles[:2] == ["1", "2"] and len(titles) == 3  # sorted like a folder; the .bin is not a text format


def test_error_inside_zip_names_the_archive_member(tmp_path, project, capsys):
    z = make_zip(tmp_path / "corpus.zip", {"docs/bad.txt": "سطر\n".encode() + b"\xff"})
    before = project.read_bytes()
    assert main(["import", str(project), str(z)]) == 1
    err = capsys.readouterr().err
    assert f"{z}/docs/bad.txt" in err and "line 2" in err
    assert "annotator-import-" not in err
    assert project.read_bytes() == before


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil.txt", "a/../../evil.txt", "C:/evil.txt", "con.txt"])
def test_path_traversal_is_refused(tmp_path, project, capsys, name):
    z = make_zip(tmp_path / "evil.zip", {"ok.txt": "نص".encode(), name: "شر".encode()})
    assert main(["import", str(project), str(z)]) == 1
    err = capsys.readouterr().err
    assert "refused" in err and "evil.zip" in err
    assert documents(project) == []
    assert not (tmp_path / "evil.txt").exists()


def test_symlink_member_is_refused(tmp_path, project, capsys):
    info = zipfile.ZipInfo("link.txt")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    z = make_zip(tmp_path / "links.zip", {info: "/etc/passwd"})
    assert main(["import", str(project), str(z)]) == 1
    assert "symbolic link" in capsys.readouterr().err


def test_decompression_bomb_is_refused(tmp_path):
    z = make_zip(tmp_path / "bomb.zip", {"bomb.txt": b"0" * (30 * 1024 * 1024)})  # about 1000:1
    (tmp_path / "out").mkdir()
    with pytest.raises(InputError, match="decompression bomb"):
        archive.unpack_zip(z, tmp_path / "out")


def test_total_size_is_bounded(tmp_path):
    z = make_zip(tmp_path / "big.zip", {f"{i}.txt": ("نص " * 2000).encode() for i in range(5)})
    (tmp_path / "out").mkdir()
    with pytest.raises(InputError, match="unpacks to more than"):
        archive.unpack_zip(z, tmp_path / "out", max_total=20_000)


def test_not_a_zip(tmp_path, project, capsys):
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"PK\x03\x04 not really")
    assert main(["import", str(project), str(fake)]) == 1
    assert "not a valid zip archive" in capsys.readouterr().err
