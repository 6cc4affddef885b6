"""What the GUI says after an import, an export or a merge: in the interface language, with plural
forms (``1 document``, ``2 documents``; Arabic has six) through Qt's ``translate`` with a count, and
with actions in place of command-line options. The library's own ``summary()`` texts are for the
command line (English, and they name its options, such as ``--status all``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.ui.bidi import isolate, ltr

translate = QCoreApplication.translate  # called by this name, so that lupdate finds the strings


def spans(n: int) -> str:
    return translate("Summaries", "%n span(s)", None, n)


def import_summary(report) -> str:
    text = translate("Summaries", "Imported %n document(s) with {0}", None, report.documents)
    text = text.format(spans(report.spans))
    if getattr(report, "attached", 0):
        text += translate("Summaries", "; spans attached to %n document(s) already in the project", None,
                          report.attached)
    if report.duplicates:
        text += translate("Summaries", "; %n already in the project, skipped", None, report.duplicates)
    return text


def export_summary(report) -> str:
    text = translate("Summaries", "Exported %n document(s) with {0} to {1}", None, report.documents)
    text = text.format(spans(report.spans), ltr(report.path))
    if report.left_out:
        text += translate("Summaries", "; %n unfinished document(s) left out", None, report.left_out)
    return text


def nothing_exported(report, coder: str | None) -> str:
    """Why an export wrote no document, for the dialog that offers to include unfinished ones."""
    if report.left_out:
        who = isolate(coder) if coder else translate("Summaries", "any coder")
        text = translate("Summaries", "Nothing was exported: the export takes the documents marked done, and "
                                      "none of the %n document(s) is marked done by {0}.", None, report.left_out)
        return text.format(who)
    return translate("Summaries", "Nothing was exported: there is nothing to export for this choice.")


def merge_summary(report) -> str:
    lines = [translate("Summaries", "Merged %n file(s).", None, len(report.sources)),
             translate("Summaries", "Documents added: {0}").format(report.documents_added),
             translate("Summaries", "Documents matched: {0}").format(report.documents_matched),
             translate("Summaries", "Coders' documents copied: {0}").format(report.copied),
             translate("Summaries", "Already identical: {0}").format(report.unchanged),
             translate("Summaries", "Spans added: {0}").format(report.spans_added),
             translate("Summaries", "Spans removed: {0}").format(report.spans_removed)]
    if report.replaced or report.kept:
        lines.append(translate("Summaries", "Conflicts settled with the copies' spans: {0}").format(report.replaced))
        lines.append(translate("Summaries", "Conflicts settled with this project's spans: {0}").format(report.kept))
    dropped = getattr(report, "duplicates_dropped", 0)
    if dropped:
        lines.append(translate("Summaries", "Repeated spans in the copies, kept once: {0}").format(dropped))
    if report.coders_added:
        names = ", ".join(isolate(name) for name in report.coders_added)
        lines.append(translate("Summaries", "Coders added: {0}").format(names))
    if report.labels_added:
        names = ", ".join(isolate(name) for name in report.labels_added)
        lines.append(translate("Summaries", "Labels added: {0}").format(names))
    return "\n".join(lines)


def merge_conflicts(error, listed: int = 12) -> str:
    """The conflicts of a refused merge, and the choice the dialog's buttons offer."""
    conflicts = error.conflicts
    lines = [translate("Summaries", "%n conflict(s): a coder has different spans for the same document here "
                                    "and in a copy. Nothing was merged yet: choose whose spans to keep.",
                       None, len(conflicts))]
    for c in conflicts[:listed]:
        lines.append("• " + translate("Summaries", "{0}: {1}, coder {2} ({3} here, {4} in the copy)").format(
            ltr(c.source.replace("\\", "/").rsplit("/", 1)[-1]), isolate(c.document), isolate(c.coder),
            spans(c.target_spans), spans(c.source_spans)))
    if len(conflicts) > listed:
        lines.append(translate("Summaries", "… and {0} more").format(len(conflicts) - listed))
    return "\n".join(lines)
