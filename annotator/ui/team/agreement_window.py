"""The Agreement window: the report's tables (summary, pairs, labels, documents, disagreements,
each coder against gold) and buttons that save it as HTML, JSON, CSV, Markdown or LaTeX.

Clicking (or activating) a disagreement emits ``open_disagreement(document_id, coder_a, coder_b,
start, end)``; the main window opens that document with both coders' spans shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.agreement.report.formats import caption, fmt, label_table, metric_rows, pair_names
from annotator.agreement.report.render import renderer
from annotator.agreement.report.gold_formats import HEADER, LABEL_HEADER, gold_caption, gold_label_rows, gold_rows
from annotator.formats.atomic import atomic_text_file
from annotator.ui.bidi import isolate, span_range
from annotator.ui.errors import show_error

EXPORTS = (("HTML", "html", "HTML report (*.html)", ".html"), ("JSON", "json", "JSON (*.json)", ".json"),
           ("CSV", "csv", "CSV for spreadsheets (*.csv)", ".csv"),
           ("Markdown", "markdown", "Markdown table (*.md)", ".md"), ("LaTeX", "latex", "LaTeX table (*.tex)", ".tex"))


# The report module is Qt-free, so its metric names and column headers are English; they are
# listed here for the translation catalogue and translated when shown.
_CATALOGUE = (
    QT_TRANSLATE_NOOP("Metrics", "Cohen's κ (mean of pairs)"), QT_TRANSLATE_NOOP("Metrics", "Fleiss' κ"),
    QT_TRANSLATE_NOOP("Metrics", "Krippendorff's α"), QT_TRANSLATE_NOOP("Metrics", "α_U (unitizing)"),
    QT_TRANSLATE_NOOP("Metrics", "Gwet's AC1"), QT_TRANSLATE_NOOP("Metrics", "γ (gamma, all labels)"),
    QT_TRANSLATE_NOOP("Metrics", "Span F1, exact (mean of pairs)"),
    QT_TRANSLATE_NOOP("Metrics", "Span F1, overlap (mean of pairs)"),
    QT_TRANSLATE_NOOP("Metrics", "Label"), QT_TRANSLATE_NOOP("Metrics", "all labels"),
    QT_TRANSLATE_NOOP("Metrics", "Coder"), QT_TRANSLATE_NOOP("Metrics", "Documents"),
    QT_TRANSLATE_NOOP("Metrics", "κ pooled"), QT_TRANSLATE_NOOP("Metrics", "κ mean of documents"),
    QT_TRANSLATE_NOOP("Metrics", "P exact"), QT_TRANSLATE_NOOP("Metrics", "R exact"),
    QT_TRANSLATE_NOOP("Metrics", "F1 exact"), QT_TRANSLATE_NOOP("Metrics", "F1 exact mean of documents"),
    QT_TRANSLATE_NOOP("Metrics", "P overlap"), QT_TRANSLATE_NOOP("Metrics", "R overlap"),
    QT_TRANSLATE_NOOP("Metrics", "F1 overlap"), QT_TRANSLATE_NOOP("Metrics", "F1 overlap mean of documents"),
    QT_TRANSLATE_NOOP("Metrics", "Gold spans"), QT_TRANSLATE_NOOP("Metrics", "Coder spans"),
)


def _t(text: str) -> str:
    return QCoreApplication.translate("Metrics", text)


def _table(header: list[str], rows: list[list], numeric_from: int = 1) -> QTableWidget:
    table = QTableWidget(len(rows), len(header))
    table.setHorizontalHeaderLabels(header)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            # Isolated: a title, a coder's name or a span's text keeps its own direction, and a number
            # (a negative κ) reads left to right in the Arabic interface too.
            item = QTableWidgetItem(isolate(value if isinstance(value, str) else fmt(value)))  # fmt: ints as str
            if c >= numeric_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class GoldTab(QWidget):
    """Each coder against the gold layer: one row per coder, one per coder and label, or the reason
    why the report has no such section."""

    def __init__(self, report: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GoldTab")
        layout = QVBoxLayout(self)
        if report.get("gold"):
            text = self.tr("Each coder's spans against the gold layer (@gold is the reference), over the documents "
                           "that are adjudicated and that the coder marked done.")
        elif "gold" in report:
            text = self.tr("Coders against gold: not available ({0}).").format(report.get("notes", {}).get("gold", ""))
        else:
            text = self.tr("Coders against gold: not in this report.")
        self.note = QLabel(text)
        self.note.setToolTip(gold_caption(report) if "gold" in report else "")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.coders: QTableWidget | None = None
        self.labels: QTableWidget | None = None
        if not report.get("gold"):
            layout.addStretch(1)
            return
        self.coders = _table([_t(h) for h in HEADER], gold_rows(report))
        self.labels = _table([_t(h) for h in LABEL_HEADER], gold_label_rows(report), numeric_from=2)
        layout.addWidget(self.coders, 1)
        layout.addWidget(QLabel(self.tr("Per label (κ present/absent; span F1 of that label):")))
        layout.addWidget(self.labels, 1)


class AgreementWindow(QWidget):
    open_disagreement = Signal(int, str, str, int, int)  # document id, coder a, coder b, start, end

    def __init__(self, report: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setObjectName("AgreementWindow")
        self.setWindowTitle(self.tr("Inter-annotator agreement"))
        layout = QVBoxLayout(self)
        unit = self.tr("character") if report["unit"] == "char" else self.tr("token")
        heading = QLabel(self.tr("Agreement of {0} coders ({1}) on %n document(s) that all of them marked done "
                                 "({2} {3} units); pooled over documents.", "", report["documents"]["count"]).format(
            len(report["coders"]), ("، " if self.isRightToLeft() else ", ").join(isolate(c) for c in report["coders"]),
            report["documents"]["units"], unit))
        heading.setToolTip(caption(report))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.tabs = QTabWidget()
        pairs = pair_names(report)
        self.summary = _table([self.tr("Metric"), self.tr("Pooled over documents"), self.tr("Mean of per-document values")],
                              [[_t(name), pooled, mean] for name, pooled, mean in metric_rows(report, pairs)])
        self.pairs = _table([self.tr("Coders"), self.tr("Cohen's κ pooled"), self.tr("κ mean of documents"),
                             self.tr("F1 exact"), self.tr("F1 overlap")],
                            [[" – ".join(isolate(name) for name in p.split("|")), report["cohen_kappa"][p]["pooled"],
                              report["cohen_kappa"][p]["mean_of_documents"],
                              report["span_f1"]["exact"][p]["pooled"]["f1"],
                              report["span_f1"]["overlap"][p]["pooled"]["f1"]] for p in pairs])
        header, rows = label_table(report)
        rows[0][0] = _t(rows[0][0])  # "all labels"
        self.labels = _table([_t(h) for h in header], rows)
        self.documents = _table([self.tr("Document"), self.tr("Units"), _t("Fleiss' κ"), _t("Krippendorff's α"),
                                 _t("α_U (unitizing)"),
                                 self.tr("Disagreements")],
                                [[d["title"], str(d["units"]), d["fleiss_kappa"], d["krippendorff_alpha"],
                                  d["unitizing_alpha"], str(d["disagreements"])] for d in report["per_document"]])
        self.disagreements = _table([self.tr("Document"), self.tr("Where"), self.tr("Text"), *report["coders"]],
                                    [[d["title"], span_range(d["start"], d["end"]), d["text"],
                                      *(d["labels"][c] for c in report["coders"])] for d in report["disagreements"]],
                                    numeric_from=99)
        self.gold = GoldTab(report)
        self.disagreements.cellClicked.connect(self._on_disagreement)
        self.disagreements.cellActivated.connect(self._on_disagreement)
        for name, widget in ((self.tr("Summary"), self.summary), (self.tr("Pairs"), self.pairs),
                             (self.tr("Labels"), self.labels), (self.tr("Documents"), self.documents),
                             (self.tr("Disagreements ({0})").format(report['disagreements_total']), self.disagreements),
                             (self.tr("Against gold"), self.gold)):
            self.tabs.addTab(widget, name)
        layout.addWidget(self.tabs)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Save as:")))
        self.export_buttons: dict[str, QPushButton] = {}
        for title, fmt_name, _filter, _suffix in EXPORTS:
            button = QPushButton(title)
            button.clicked.connect(lambda _checked=False, f=fmt_name: self.export(f))
            buttons.addWidget(button)
            self.export_buttons[fmt_name] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.resize(900, 560)

    @classmethod
    def from_project(cls, project, coders: list[str] | None = None, unit: str = "char",
                     parent: QWidget | None = None) -> "AgreementWindow":
        from annotator.agreement.report import build_report
        from annotator.agreement.report.collect import collect
        return cls(build_report(collect(project, coders), unit), parent)

    def _on_disagreement(self, row: int, _column: int) -> None:
        d = self.report["disagreements"][row]
        self.open_disagreement.emit(int(d["document_id"]), d["coder_a"], d["coder_b"], int(d["start"]), int(d["end"]))

    def export(self, fmt_name: str, path: str | Path | None = None) -> Path | None:
        """Save the report in ``fmt_name``; asks for a file name when ``path`` is not given.
        A failure is shown in a dialog, never as a traceback."""
        _title, _fmt, filter_, suffix = next(e for e in EXPORTS if e[1] == fmt_name)
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the agreement report as {0}").format(_title),
                                                    f"agreement{suffix}", filter_)
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        try:
            content = renderer(fmt_name)(self.report)
            with atomic_text_file(path, newline="") as out:  # all or nothing, an ordinary file's mode
                out.write(content)
        except Exception as exc:  # noqa: BLE001 - any failure becomes a dialog
            show_error(self, self.tr("Could not save the report"), exc)
            return None
        return path
