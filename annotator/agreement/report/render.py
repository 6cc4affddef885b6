"""Pick a renderer by format name: the report dict of ``build_report`` -> one string."""

from __future__ import annotations

from typing import Callable

from annotator.agreement.report.formats import to_csv, to_json, to_latex, to_markdown, to_text
from annotator.agreement.report.html import to_html

FORMATS = ("text", "json", "html", "csv", "markdown", "latex")


def renderer(name: str) -> Callable[[dict], str]:
    return {"text": to_text, "json": to_json, "html": to_html, "csv": to_csv, "markdown": to_markdown,
            "latex": to_latex}[name]
