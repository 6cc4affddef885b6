"""The size limit for one document: refused with a clear rule, before anything is read whole."""

from annotator.formats import txt
from annotator.launcher import main


def test_oversized_text_file_is_refused_with_the_rule(tmp_path, capsys, monkeypatch):
    project = tmp_path / "p.annot"
    assert main(["new", str(project)]) == 0
    monkeypatch.setattr(txt, "MAX_TEXT_BYTES", 1024 * 1024)
    big = tmp_path / "big.txt"
    big.write_bytes("نص ".encode() * 300_000)  # about 1.5 MB
    small = tmp_path / "a_small.txt"
    small.write_text("نص صغير", encoding="utf-8")
    before = project.read_bytes()
    assert main(["import", str(project), str(small), str(big)]) == 1
    err = capsys.readouterr().err
    assert "big.txt" in err and "refused" in err and "split it" in err
    assert project.read_bytes() == before


def test_default_limit_is_50_mb():
    assert txt.MAX_TEXT_BYTES == 50 * 1024 * 1024
