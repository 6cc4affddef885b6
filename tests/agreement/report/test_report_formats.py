"""Report renderers: HTML self-contained, escaped and right-to-left aware; CSV, Markdown, LaTeX."""

import csv
import io
import re

import pytest

from annotator.agreement.report import build_report
from annotator.agreement.report.charts import native_shaping, shaped
from annotator.agreement.report.data import DocumentData, ReportInput
from annotator.agreement.report.formats import latex_escape, to_csv, to_latex, to_markdown, to_text
from annotator.agreement.report.html import to_html

EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def report():
    text = f"قالت <b>كلام</b> الوزارة إن {EVIL} 80 ألف &"
    docs = [DocumentData(1, f"عنوان {EVIL}", text,
                         {f"ali{EVIL}": [(0, 4, "شخص"), (5, 12, f"x{EVIL}")], "mona": [(0, 4, "شخص"), (16, 24, "شخص")]},
                         meta={"note": EVIL})]
    return build_report(ReportInput([f"ali{EVIL}", "mona"], ["شخص", f"x{EVIL}"], docs))


def test_html_escapes_everything_and_is_self_contained(report):
    page = to_html(report)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>كلام</b>" not in page and "&lt;b&gt;كلام&lt;/b&gt;" in page
    assert not re.search(r'(src|href)="(?!data:)', page)  # nothing fetched from elsewhere
    assert len(re.findall(r'<img alt="[^"]*" src="data:image/png;base64,[A-Za-z0-9+/=]+">', page)) == 3
    assert 'dir="rtl" lang="ar"' in page and "Noto Naskh Arabic" in page
    assert "<mark>" in page  # a disagreement shown in its context
    assert page.count("<h2>") >= 8


def test_markdown_latex_csv_text(report):
    md = to_markdown(report)
    assert "| Label |" in md and "| شخص |" in md
    assert "x<script>" not in md and "x&lt;script&gt;alert(1)&lt;/script&gt;" in md  # HTML escaped: viewers render raw HTML
    tex = to_latex(report)
    assert r"\begin{tabular}" in tex and r"\toprule" in tex
    assert r"x\textless{}script\textgreater{}" in tex
    assert latex_escape("50% & $x_1$ #{~^}\\") == r"50\% \& \$x\_1\$ \#\{\textasciitilde{}\textasciicircum{}\}\textbackslash{}"
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert {"scope", "label", "metric", "coders", "aggregation", "value"} <= set(rows[0])
    alpha = [r for r in rows if r["scope"] == "overall" and r["metric"] == "krippendorff_alpha"
             and r["aggregation"] == "pooled"]
    assert float(alpha[0]["value"]) == pytest.approx(report["krippendorff_alpha"]["pooled"])
    assert "Krippendorff's α" in to_text(report)


def test_chart_text_is_given_to_matplotlib_in_the_order_it_needs():
    word = "مكان"
    if native_shaping():  # matplotlib lays Arabic out itself (libraqm): reshaping would reverse it
        assert shaped(word) == word
    else:
        assert shaped(word) != word and all(not "\u0600" <= ch <= "\u06ff" for ch in shaped(word))
    assert shaped("PER") == "PER"
