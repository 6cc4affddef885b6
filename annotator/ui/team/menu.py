"""The Team menu: export, merge coders' copies, agreement, adjudication review.

Each action calls the library (formats, store.merge, agreement, review window); long work runs off
the UI thread with a progress dialog that can cancel, and every failure is a dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from annotator.ui.actions import make_action
from annotator.ui.bidi import ltr
from annotator.ui.errors import show_error, show_info
from annotator.ui.summaries import export_summary, merge_conflicts, merge_summary, nothing_exported
from annotator.ui.tasks import TaskRunner

translate = QCoreApplication.translate


def add_team_menu(window) -> dict:
    """Add the Team menu to ``window`` (the main window); returns its actions by name."""
    menu = window.menuBar().addMenu(translate("Team", "&Team"))
    writable = not window.project.readonly
    actions = {
        "export": make_action(window, menu, translate("Team", "&Export…"), lambda: export_dialog(window), ["Ctrl+Shift+E"]),
        "merge": make_action(window, menu, translate("Team", "&Merge Coders' Copies…"), lambda: merge_dialog(window),
                         ["Ctrl+Shift+M"], enabled=writable),
        "agreement": make_action(window, menu, translate("Team", "&Agreement…"), lambda: open_agreement(window),
                             ["Ctrl+Shift+A"]),
        "review": make_action(window, menu, translate("Team", "&Review and Adjudicate…"), lambda: open_review(window),
                          ["Ctrl+Shift+R"], enabled=writable),
    }
    # Keep the Help menu last.
    help_action = next((a for a in window.menuBar().actions() if a.text() == translate("Menus", "&Help")), None)
    if help_action is not None:
        window.menuBar().insertAction(help_action, menu.menuAction())
    return actions


class ExportDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        from annotator.formats.registry import EXPORTERS, _load_builtin_formats

        _load_builtin_formats()
        self.setWindowTitle(translate("Team", "Export"))
        form = QFormLayout(self)
        self.format = QComboBox()
        for name in sorted(EXPORTERS, key=lambda n: (n != "jsonl", n)):
            self.format.addItem(f"{name}: {EXPORTERS[name].description}", name)
        self.extensions = {name: exporter.extension for name, exporter in EXPORTERS.items()}
        # Options of one format each (hf: the split by document; spacy: how spans meet tokens).
        self.split = QLineEdit()
        self.split.setPlaceholderText("80/10/10")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.align = QComboBox()
        self.align.addItem(translate("Team", "expand to whole tokens"), "expand")
        self.align.addItem(translate("Team", "contract to the tokens inside"), "contract")
        self.align.addItem(translate("Team", "drop (strict)"), "strict")
        self.format.currentIndexChanged.connect(self._on_format)
        self.who = QComboBox()
        for coder in window.project.coders(include_gold=False):
            self.who.addItem(coder.name, ("coder", coder.name))
        self.who.setCurrentIndex(max(0, self.who.findText(window.coder.name)))
        self.who.addItem(translate("Team", "every coder"), ("all", None))
        if window.project.gold_coder() is not None:
            self.who.addItem(translate("Team", "gold layer"), ("gold", None))
        self.status = QComboBox()
        self.status.addItem(translate("Team", "documents marked done"), "done")
        self.status.addItem(translate("Team", "every document"), "all")
        form.addRow(translate("Team", "Format:"), self.format)
        form.addRow(translate("Team", "Whose spans:"), self.who)
        form.addRow(translate("Team", "Documents:"), self.status)
        form.addRow(translate("Team", "Split by document (hf):"), self.split)
        form.addRow(translate("Team", "Split seed (hf):"), self.seed)
        form.addRow(translate("Team", "Spans that cut tokens (spacy):"), self.align)
        self._on_format()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def options(self):
        from annotator.formats.exporting import ExportOptions

        kind, name = self.who.currentData()
        return ExportOptions(coder=name if kind == "coder" else None, all_coders=kind == "all",
                             gold=kind == "gold", status=self.status.currentData(),
                             split=self.split.text().strip() or None, seed=self.seed.value(),
                             align=self.align.currentData())

    def _on_format(self, *_args) -> None:
        fmt = self.format.currentData()
        for widget in (self.split, self.seed):
            widget.setEnabled(fmt == "hf")
        self.align.setEnabled(fmt == "spacy")

    def suffix(self) -> str:
        """The file name ending of the chosen format ("" for the folder formats)."""
        return self.extensions.get(self.format.currentData(), "")


def export_dialog(window, out: str | None = None, dialog: ExportDialog | None = None) -> TaskRunner | None:
    dialog = dialog or ExportDialog(window)
    if out is None:
        if dialog.exec() != QDialog.Accepted:
            return None
        suffix = dialog.suffix()
        tail = ("-" + dialog.format.currentData() if not suffix else "") + suffix
        path = window.project.path
        # a team project (a postgresql:// URL) has no file: start from the home folder with its name
        target = path.with_name(path.stem + tail) if path else Path.home() / (window.project.name.split("@")[0] + tail)
        out, _ = QFileDialog.getSaveFileName(window, translate("Team", "Export to"), str(target))
        if not out:
            return None
    fmt, options = dialog.format.currentData(), dialog.options()
    project = window.project

    def work(progress, cancelled):
        from annotator.formats.exporting import export_project
        return export_project(project, out, fmt, options, progress=progress, cancelled=cancelled)

    runner = TaskRunner(window, translate("Team", "Export"), translate("Team", "Exporting…"), work)

    def finished(report, error):
        if error is not None:
            show_error(window, translate("Team", "Export failed: nothing was written"), error)
        elif report.items == 0:
            def include_unfinished():
                dialog.status.setCurrentIndex(dialog.status.findData("all"))
                export_dialog(window, out, dialog)

            window._nothing_exported = nothing_exported_dialog(
                window, report, options.coder, include_unfinished if options.status == "done" else None)
        else:
            window.statusBar().showMessage(export_summary(report), 15000)

    runner.done.connect(finished)
    window._team_runner = runner
    runner.start()
    return runner


def nothing_exported_dialog(window, report, coder: str | None, include_unfinished) -> QMessageBox:
    """An export that wrote no document says why, and offers to include the unfinished documents
    (``include_unfinished``: what that button does; ``None`` when they were included already)."""
    text = nothing_exported(report, coder) + "\n\n" + translate("Team", "The file {0} holds no documents.").format(
        ltr(report.path))
    box = QMessageBox(QMessageBox.Warning, translate("Team", "Nothing was exported"), text, QMessageBox.NoButton,
                      window)
    box.setObjectName("nothingExportedDialog")
    box.setAttribute(Qt.WA_DeleteOnClose)
    include = None
    if include_unfinished is not None and report.left_out:
        include = box.addButton(translate("Team", "Include the unfinished documents"), QMessageBox.AcceptRole)
    box.addButton(QMessageBox.Close)
    box.include_button = include
    box.buttonClicked.connect(lambda button: include_unfinished() if include is not None and button is include
                              else None)
    box.open()  # does not block the window (nor a test driving it)
    return box


def merge_dialog(window, paths: list[str] | None = None, prefer: str | None = None) -> TaskRunner | None:
    if paths is None:
        paths, _ = QFileDialog.getOpenFileNames(window, translate("Team", "Merge coders' copies"),
                                                str(window.project.path.parent if window.project.path else Path.home()),
                                                translate("Team", "Annotation projects (*.annot)"))
        if not paths:
            return None
    project = window.project

    def work(progress, cancelled):
        from annotator.store.merge import merge_projects
        return merge_projects(project, paths, prefer)

    runner = TaskRunner(window, translate("Team", "Merge"), translate("Team", "Merging…"), work)

    def finished(report, error):
        from annotator.store.merge import MergeConflictError
        if isinstance(error, MergeConflictError) and prefer is None:
            box = QMessageBox(QMessageBox.Warning, translate("Team", "Merge conflicts: nothing was merged"),
                              merge_conflicts(error), QMessageBox.NoButton, window)
            source = box.addButton(translate("Team", "Keep the copies' spans"), QMessageBox.AcceptRole)
            target = box.addButton(translate("Team", "Keep this project's spans"), QMessageBox.AcceptRole)
            box.addButton(QMessageBox.Cancel)
            box.setObjectName("mergeConflictDialog")
            box.setAttribute(Qt.WA_DeleteOnClose)

            def chosen(button):
                if button in (source, target):
                    merge_dialog(window, paths, "source" if button is source else "target")

            box.buttonClicked.connect(chosen)
            box.open()  # does not block the window (nor a test driving it)
            window._merge_conflicts = box
        elif error is not None:
            show_error(window, translate("Team", "Merge failed: nothing was merged"), error)
        else:
            show_info(window, translate("Team", "Merge"), merge_summary(report))

    runner.done.connect(finished)
    window._team_runner = runner
    runner.start()
    return runner


def open_agreement(window):
    from annotator.ui.team.agreement_window import AgreementWindow

    coders = [c.name for c in window.project.coders(include_gold=False)]
    if len(coders) < 2:
        show_info(window, translate("Team", "Agreement"),
                  translate("Team", "Agreement needs at least two coders; merge the coders' copies first."))
        return None
    try:
        agreement = AgreementWindow.from_project(window.project, None, "char")
    except Exception as exc:  # noqa: BLE001 - any failure becomes a dialog
        show_error(window, translate("Team", "Agreement"), exc)
        return None

    def show_disagreement(document_id, coder_a, coder_b, start, end):
        window.set_show_others(True)  # both coders' spans are shown, the others' read-only
        window.open_document(document_id)
        window.view.select_range(start, end)
        window.raise_()
        window.activateWindow()

    agreement.open_disagreement.connect(show_disagreement)
    agreement.setWindowTitle(translate("Team", "Agreement — {0}").format(window.project.name))
    agreement.show()
    window._agreement_window = agreement
    return agreement


def open_review(window):
    from annotator.ui.review.window import ReviewWindow

    try:
        review = ReviewWindow(window.project, window.coder.name)
    except Exception as exc:  # noqa: BLE001
        show_error(window, translate("Team", "Review"), exc)
        return None
    review.show()
    window._review_window = review
    return review
