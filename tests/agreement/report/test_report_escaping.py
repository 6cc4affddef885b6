"""Untrusted text in the HTML report: attribute-breaking payloads stay text (reliability issue)."""

import re

from annotator.agreement.report import build_report
from annotator.agreement.report.data import DocumentData, ReportInput
from annotator.agreement.report.html import to_html

ATTR = '"><img src=x onerror=alert(1)>'
QUOTE = "' onmouseover='alert(2)"


def test_attribute_breaking_payloads_in_text_titles_labels_coders_and_meta_stay_text():
    text = f"قالت الوزارة {ATTR} إن {QUOTE} الرقم 80"
    docs = [DocumentData(1, f"عنوان {ATTR}", text,
                         {f"ali{ATTR}": [(0, 4, "شخص"), (5, 12, f"lab{QUOTE}")],
                          "mona": [(0, 4, "شخص"), (14, 30, "شخص")]},
                         meta={"source": ATTR})]
    page = to_html(build_report(ReportInput([f"ali{ATTR}", "mona"], ["شخص", f"lab{QUOTE}"], docs)))
    assert "<img src=x" not in page  # the payload never becomes a tag
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    # every tag in the page is one the report itself writes
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", page))
    assert "script" not in tags and tags <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3",
                                             "p", "table", "thead", "tbody", "tr", "th", "td", "img", "mark",
                                             "span", "div", "section", "ul", "li", "code", "small", "details",
                                             "summary", "bdi", "caption", "em", "strong", "br", "a", "figure",
                                             "figcaption", "ol", "dl", "dt", "dd", "header", "footer", "nav"}
    # no attribute value was broken open: every img is one of the report's own data: charts
    assert all(src.startswith("data:image/png;base64,") for src in re.findall(r'<img[^>]* src="([^"]*)"', page))
