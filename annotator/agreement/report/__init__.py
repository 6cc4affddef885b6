"""The agreement report: read the input (``collect``), compute every coefficient (``build``), render
it (``render``: text, JSON, CSV, Markdown, LaTeX, HTML). The metric functions themselves live in
``annotator.agreement``."""

from annotator.agreement.report.build import build_report
from annotator.agreement.report.collect import collect

__all__ = ["build_report", "collect"]
