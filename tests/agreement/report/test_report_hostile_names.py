"""Coder and label names that merge and import accept: every report format renders them, the HTML
report does not crash, CSV cells cannot run as formulas, Markdown and HTML never pass HTML through."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from annotator.launcher import main
from annotator.store import Project

CODERS = ["omar|2", "$x^2$ and $y$", "a$b", "=HYPERLINK(\"http://evil\",\"x\")", "<img src=x onerror=alert(1)>"]
LABELS = ["+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tlead", "\rcr", "<b>bold</b>", "$\\frac{1}{0}$"]
TEXT = "زار محمد دمشق في الربيع وقرأ علي كتابا عن حلب"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    path = tmp_path_factory.mktemp("names") / "p.annot"
    with Project.create(path) as p:
        doc = p.add_document("<script>doc</script>", TEXT)
        label_ids = []
        for name in LABELS:
            try:
                label_ids.append(p.add_label(name).id)
            except Exception:  # a name the app itself refuses is not one merge could bring in
                pass
        assert len(label_ids) >= 5
        for n, coder in enumerate(CODERS):
            c = p.ensure_coder(coder)
            for k, label in enumerate(label_ids):
                start = (k * 5 + n) % 40
                p.add_span(doc.id, c.id, label, start, start + 3)
            p.set_status(doc.id, c.id, "done")
    return path


@pytest.mark.parametrize("fmt", ["html", "csv", "markdown", "json", "latex", "text"])
def test_every_format_renders_names_merge_accepts(project, tmp_path, capsys, fmt):
    out = tmp_path / f"report.{fmt}"
    assert main(["agreement", str(project), "--format", fmt, "-o", str(out)]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0


def test_csv_cells_cannot_start_a_formula(project, tmp_path):
    out = tmp_path / "r.csv"
    assert main(["agreement", str(project), "--format", "csv", "-o", str(out)]) == 0
    cells = [cell for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8"))) for cell in row]
    risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")
             and not _number(c)]
    assert not risky, risky[:5]
    assert any(c.startswith("'=HYPERLINK") for c in cells)


def _number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def test_markdown_escapes_html_in_names(project, tmp_path):
    out = tmp_path / "r.md"
    assert main(["agreement", str(project), "--format", "markdown", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<img" not in text and "<b>" not in text and "&lt;img" in text
