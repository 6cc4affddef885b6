"""Issue 16's layers in the main window: relations (drawn by key or mouse, listed in a panel, arcs
over the text), the selected span's attributes and figure value, the document's labels, flags and
comment (with their marks and filter in the document list), and the guidelines (palette and span
tooltips, a panel with the codebook). ``attach(window)`` builds them on a ``MainWindow``; the
window's own modules keep only small hooks (the editor's ``relations`` and ``spanSelected``).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QScrollArea

from annotator.ui.actions import make_action
from annotator.ui.annotate.attributes import AttributesPanel
from annotator.ui.annotate.numbers import describe_value
from annotator.ui.annotate.doc_labels import DocLabelsPanel
from annotator.ui.annotate.doc_marks import DocumentMarks
from annotator.ui.annotate.relation_arcs import RelationArcs
from annotator.ui.annotate.relations import Relations
from annotator.ui.bidi import isolate
from annotator.ui.annotate.relations_panel import RelationsPanel
from annotator.ui.guidelines import GuidelinesPanel, PaletteTips, guide_html

translate = QCoreApplication.translate


class _Bridge(QObject):
    changed = Signal(object)


class Layers(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        editor, project = window.editor, window.project
        self.relations = Relations(editor, self)
        editor.relations = self.relations
        self.arcs = RelationArcs(window.view, self.relations)
        self.relations_panel = RelationsPanel(self.relations)
        self.relations_panel.jump.connect(editor.jump_to_span)
        self.attributes = AttributesPanel(editor)
        self.attributes.leave.connect(window.view.setFocus)
        self.doc_labels = DocLabelsPanel(editor)
        self.doc_labels.leave.connect(window.view.setFocus)
        self.marks = DocumentMarks(window.documents, project, window.coder)
        self.doc_labels.changedFor.connect(self.marks.update_one)
        self.guidelines = GuidelinesPanel(project)
        editor.spanSelected.connect(self.attributes.show_span)
        editor.spanSelected.connect(self.relations_panel.show_span)
        self.palette_tips = PaletteTips(window.palette_)
        self._base_tooltip = window.view.tooltip_for  # the editor's, as the suggestions wrap it
        window.view.tooltip_for = self.tooltip
        self._docks(window)
        self._actions(window)
        self._bridge = _Bridge(self)
        self._bridge.changed.connect(self._on_changes, Qt.QueuedConnection)
        listening = [project.subscribe(self._bridge.changed.emit),
                     project.subscribe(self.relations.note_changes)]  # heard at once: see Relations.stale
        self._unsubscribe = lambda: [stop() for stop in listening]
        window.installEventFilter(self)  # closing the window: stop listening
        self.doc_labels.load()
        self.relations.reload()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.window and event.type() == QEvent.Close and self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        return False

    # -- the window's pieces ------------------------------------------------------------------------
    def _docks(self, w) -> None:
        start, end = ((Qt.RightDockWidgetArea, Qt.LeftDockWidgetArea) if w.isRightToLeft()
                      else (Qt.LeftDockWidgetArea, Qt.RightDockWidgetArea))
        attributes = QScrollArea()
        attributes.setWidgetResizable(True)
        attributes.setWidget(self.attributes)
        doc_labels = QScrollArea()
        doc_labels.setWidgetResizable(True)
        doc_labels.setWidget(self.doc_labels)
        for area in (attributes, doc_labels):
            area.setFocusPolicy(Qt.NoFocus)  # Tab goes from field to field, not to the frame
        self.docks = {
            "document": w._dock(doc_labels, "document", translate("Layers", "Document"), start),
            "attributes": w._dock(attributes, "attributes", translate("Layers", "Attributes"), end),
            "relations": w._dock(self.relations_panel, "relations", translate("Layers", "Relations"), end),
            "guidelines": w._dock(self.guidelines, "guidelines", translate("Layers", "Guidelines"), end),
        }
        spans = w.findChild(type(self.docks["relations"]), "dock-spans")
        if spans is not None:
            w.tabifyDockWidget(spans, self.docks["relations"])
            w.tabifyDockWidget(self.docks["relations"], self.docks["guidelines"])
            spans.raise_()

    def _actions(self, w) -> None:
        editor, a = w.editor, w.actions_
        edit = a["labels"].associatedObjects()
        edit_menu = next((m for m in edit if hasattr(m, "addSeparator") and m is not w), None)
        view_menu = next((m for m in a["others"].associatedObjects() if hasattr(m, "addSeparator") and m is not w), None)
        writable = not w.project.readonly
        if edit_menu is not None:
            before = a["labels"]
            sep = edit_menu.insertSeparator(before)
            for key, text, slot, keys in (
                    ("relation", translate("Layers", "Draw &Relation from the Span…"), lambda: self.relations.start(),
                     ["Ctrl+R"]),
                    ("attributes", translate("Layers", "Span &Attributes"), self.focus_attributes, ["F4"]),
                    ("doc_labels", translate("Layers", "&Document Labels, Flags and Comment"), self.focus_doc_labels,
                     ["Ctrl+Shift+D"])):
                action = make_action(w, edit_menu, text, slot, keys, enabled=writable)
                edit_menu.insertAction(sep, action)
                a[key] = action
        if view_menu is not None:
            a["arcs"] = make_action(w, view_menu, translate("Layers", "Show Relations Over the &Text"), self.arcs.set_shown,
                                    ["Ctrl+Shift+L"], checkable=True)
            a["arcs"].setChecked(True)
            a["guidelines"] = make_action(w, view_menu, translate("Layers", "&Guidelines"), self.show_guidelines,
                                          ["Ctrl+Shift+G"])

    def focus_attributes(self) -> None:
        editor = self.window.editor
        if editor.selected is None:
            editor.message.emit(translate("Layers", "Select a span first: F4 then edits its attributes"))
            return
        dock = self.docks["attributes"]
        dock.show()
        dock.raise_()
        field = self.attributes.first_field()
        if field is None:
            editor.message.emit(translate("Layers", "This span has no attribute to edit"))
            return
        field.setFocus(Qt.ShortcutFocusReason)

    def focus_doc_labels(self) -> None:
        dock = self.docks["document"]
        dock.show()
        dock.raise_()
        self.doc_labels.first_field().setFocus(Qt.ShortcutFocusReason)

    def show_guidelines(self) -> None:
        dock = self.docks["guidelines"]
        dock.show()
        dock.raise_()
        self.guidelines.setFocus(Qt.ShortcutFocusReason)

    # -- tooltips -----------------------------------------------------------------------------------
    def tooltip(self, pos: int) -> str | None:
        """A span's tooltip: what the view showed before (the editor's label, coder and note, and a
        suggestion's score), then each span's attributes, figure value and label's guideline."""
        editor = self.window.editor
        base = self._base_tooltip(pos) if self._base_tooltip is not None else None
        parts = []
        for row in editor.index.at(pos)[:4]:
            try:
                span = editor.project.span(row[0])
            except Exception:  # gone meanwhile
                continue
            label = editor.schema.by_id(row[2])
            lines = []
            if span.attrs:
                lines.append(", ".join(f"{escape(isolate(k))}: {escape(isolate(str(v)))}" for k, v in span.attrs.items()))
            if span.value_by:
                lines.append(escape(translate("Layers", "value: {0}").format(describe_value(span.value))))
            guide = guide_html(getattr(label, "guide", None), limit=300)
            if guide:
                lines.append(f"<small>{guide}</small>")
            if lines:
                parts.append(f"<b>{escape(isolate(label.name if label else '?'))}</b>: " + "<br>".join(lines))
        extra = "<br>".join(parts)
        if base and extra:
            return f"{base}<hr>{extra}"
        return base or extra or None

    # -- changes from the store ---------------------------------------------------------------------
    def _on_changes(self, changes) -> None:
        kinds = {c.kind for c in changes}
        if "relation_type" in kinds:
            self.relations.set_types(self.window.project.relation_types())
        if kinds & {"label", "relation_type", "settings"}:
            self.guidelines.refresh()
        if "label" in kinds:
            self.attributes.reload()
        if "settings" in kinds:
            groups = self.window.project.doc_label_groups()
            if groups != self.doc_labels.groups:
                self.doc_labels.set_groups(groups)
                self.marks.set_groups(groups)
        if "doc_labels" in kinds or "document" in kinds:
            self.marks.fill()
            self.window.documents._apply_filter()
            self.doc_labels.load()
        if "relation" in kinds and self.relations.stale:  # (not read since by a span's add or removal)
            self.relations.reload()


def attach(window) -> Layers:
    return Layers(window)
