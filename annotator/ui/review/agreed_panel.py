"""The review window's "Agreed relations and attributes" panel (issue 16): what every compared coder
agrees on (``ui/review/agreed.py``) for the open document, one row each; Enter or Accept takes the
chosen row into the gold layer, Accept All takes them all (one undo step). Each is an undo command on
the review window's stack that calls the store.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from annotator.ui.annotate.relations import arrow, listed
from annotator.ui.annotate.undo import _Command, push, row_of
from annotator.ui.review.agreed import AttributeProposal, RelationProposal, agreed
from annotator.ui.review.state import now_iso

translate = QCoreApplication.translate


def _iso(text: str) -> str:
    return "\u2068" + text + "\u2069"


class AcceptRelation(_Command):
    """The gold spans a relation needs (added when the gold layer lacks them) and the relation."""

    def __init__(self, ctx, doc_id: int, proposal: RelationProposal, type_name: str) -> None:
        super().__init__(ctx, translate("AgreedPanel", "accept relation {0}").format(type_name))
        self.doc_id, self.proposal = doc_id, proposal
        self.added: list[int] = []  # gold spans this command made
        self.relation_id: int | None = None

    def _gold_span(self, key, provenance) -> int:
        c = self.ctx.controller
        for row in c.gold_index.spans.values():
            if (row[3], row[4], row[2]) == key:
                return row[0]
        start, end, label_id = key
        span = self.ctx.project.add_span(self.doc_id, c.gold.id, label_id, start, end, provenance=provenance,
                                         span_id=self.added[len(self._made)] if len(self.added) > len(self._made) else None)
        self._made.append(span.id)
        c.span_put(self.doc_id, row_of(span), 1)  # a new span: version 1 (the window passes it when it edits it)
        return span.id

    def apply(self) -> None:
        c = self.ctx.controller
        provenance = {"source": "review", "proposed_by": list(self.proposal.coders), "by": c.adjudicator,
                      "at": now_iso()}
        self._made: list[int] = []
        head = self._gold_span(self.proposal.head, provenance)
        child = self._gold_span(self.proposal.child, provenance)
        self.added = list(self._made)
        relation = self.ctx.project.add_relation(self.proposal.type_id, head, child, relation_id=self.relation_id)
        self.relation_id = relation.id
        self.ctx.changed(self.doc_id)

    def revert(self) -> None:
        self.ctx.project.remove_relation(self.relation_id)
        for span_id in reversed(self.added):
            self.ctx.project.remove_span(span_id)
            self.ctx.controller.span_gone(self.doc_id, span_id)
        self.ctx.changed(self.doc_id)


class AcceptAttribute(_Command):
    def __init__(self, ctx, doc_id: int, proposal: AttributeProposal) -> None:
        super().__init__(ctx, translate("AgreedPanel", "accept {0}").format(proposal.name))
        self.doc_id, self.proposal = doc_id, proposal
        self.old = None

    def apply(self) -> None:
        p, project = self.proposal, self.ctx.project
        span = project.span(p.gold_span_id)
        self.old = project.set_span_attrs(p.gold_span_id, {**span.attrs, p.name: p.value},
                                          expected_version=self._expected())
        self._saw()
        self.ctx.changed(self.doc_id)

    def revert(self) -> None:
        self.ctx.project.restore_span(self.old, expected_version=self._expected())
        self._saw()
        self.ctx.changed(self.doc_id)

    # The review window passes the version of a gold span it last saw (a change another review
    # window made first is refused): this edit records the version it made.
    def _expected(self):
        versions = getattr(self.ctx.controller, "versions", None)
        return None if versions is None else versions.get(self.proposal.gold_span_id)

    def _saw(self) -> None:
        versions = getattr(self.ctx.controller, "versions", None)
        if versions is not None:
            versions[self.proposal.gold_span_id] = self.ctx.project.version("span", self.proposal.gold_span_id)


class AgreedPanel(QWidget):
    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.controller, self.project = controller, controller.project
        self.setObjectName("agreedPanel")
        self.list = QTreeWidget(objectName="agreedList")
        self.list.setHeaderLabels([self.tr("Agreed"), self.tr("What"), self.tr("Coders")])
        self.list.setRootIsDecorated(False)
        self.list.itemActivated.connect(lambda item, _c: self.accept(item))
        self.hint = QLabel(wordWrap=True)
        accept = QPushButton(self.tr("Accept"))
        accept.clicked.connect(lambda: self.accept(self.list.currentItem()))
        accept_all = QPushButton(self.tr("Accept all"))
        accept_all.clicked.connect(self.accept_all)
        row = QHBoxLayout()
        row.addWidget(accept)
        row.addWidget(accept_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.proposals: list = []
        self._shown = None
        controller.changed.connect(self.refresh)
        controller.stack.indexChanged.connect(self._on_index)
        self.list.installEventFilter(self)

    def focus_list(self) -> None:
        """Ctrl+Shift+A: the focus in the list (its dock shown), a row chosen; Enter accepts it."""
        dock = self.parentWidget()
        if dock is not None:
            dock.show()
            dock.raise_()
        self.list.setFocus()
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.controller.message.emit(self.tr("{0} agreed here: ↑/↓ choose, Enter accepts, Escape goes back to the text")
                                     .format(self.list.topLevelItemCount()) if self.proposals
                                     else self.tr("No agreed relation or attribute waits here."))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.list and event.type() == QEvent.KeyPress and event.key() == Qt.Key_Escape:
            self.controller.view.setFocus()  # back to the text
            return True
        return False

    # -- the undo commands' context ------------------------------------------------------------
    def changed(self, doc_id: int) -> None:
        self._shown = None  # read again
        if doc_id != self.controller.doc_id:
            self.controller.open_document(doc_id)
        else:
            self.controller._after_change()  # counts and marks, then `changed`: this panel too

    def report(self, exc, title) -> None:
        self.controller.report(exc, title)

    def undo_failed(self, command, exc) -> None:
        self.controller.undo_failed(command, exc)

    # -- showing -----------------------------------------------------------------------------------
    def _on_index(self, _index: int) -> None:
        if shiboken6.isValid(self) and shiboken6.isValid(self.controller.stack):  # not while windows close
            self.refresh()

    def refresh(self) -> None:
        c = self.controller
        # `changed` also comes with every selection: read the document again only when it or the
        # gold layer may have changed (another document, an accept, an undo)
        key = (c.doc_id, c.stack.index(), c.stack.count(), len(c.gold_index.spans) if c.doc_id is not None else 0)
        if key == self._shown:
            return
        self._shown = key
        self.list.clear()
        if c.doc_id is None:
            return
        gold = c.gold.id if c.gold.id >= 0 else None
        relations, attributes = agreed(self.project, c.doc_id, c.coders, gold)
        types = {t.id: t.name for t in self.project.relation_types()}
        self.proposals = [*relations, *attributes]
        for p in self.proposals:
            if isinstance(p, RelationProposal):
                to = arrow()
                what = f"{_iso(self._text(p.head))} {to} {_iso(types.get(p.type_id, '?'))} {to} {_iso(self._text(p.child))}"
                kind = self.tr("relation")
            else:
                what = f"{_iso(self._text(p.span))}: {_iso(p.name)} = {_iso(str(p.value))}"
                kind = self.tr("attribute")
            item = QTreeWidgetItem([kind, what, _iso(listed(p.coders))])
            item.setToolTip(1, what)
            self.list.addTopLevelItem(item)
        self.hint.setText(self.tr("Every compared coder made these; accept them into the gold layer (Enter).")
                          if self.proposals else self.tr("No agreed relation or attribute waits here."))
        if self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))

    def _text(self, key) -> str:
        text = self.controller.text[key[0]:key[1]].replace("\n", " ")
        return text if len(text) <= 30 else text[:29] + "…"

    # -- accepting ---------------------------------------------------------------------------------
    def _command(self, proposal):
        doc = self.controller.doc_id
        if isinstance(proposal, RelationProposal):
            name = next((t.name for t in self.project.relation_types() if t.id == proposal.type_id), "?")
            return AcceptRelation(self, doc, proposal, name)
        return AcceptAttribute(self, doc, proposal)

    def accept(self, item) -> bool:
        if item is None or not self.controller._writable():
            return False
        proposal = self.proposals[self.list.indexOfTopLevelItem(item)]
        return push(self.controller.stack, self._command(proposal))

    def accept_all(self) -> None:
        if not self.proposals or not self.controller._writable():
            return
        stack = self.controller.stack
        stack.beginMacro(self.tr("accept all agreed"))
        try:
            for proposal in list(self.proposals):  # relations first: their spans then carry the attributes
                push(stack, self._command(proposal))
        finally:
            stack.endMacro()
        self._shown = None
        self.refresh()


def attach(window) -> AgreedPanel:
    """Dock the panel under the review window's adjudication panel."""
    from PySide6.QtWidgets import QDockWidget

    panel = AgreedPanel(window.controller)
    dock = QDockWidget(translate("AgreedPanel", "Agreed relations and attributes"), window)
    dock.setObjectName("dock-review-agreed")
    dock.setWidget(panel)
    dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
    window.addDockWidget(Qt.LeftDockWidgetArea if window.isRightToLeft() else Qt.RightDockWidgetArea, dock)
    return panel
