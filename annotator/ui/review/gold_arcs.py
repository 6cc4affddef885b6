"""The review window's relations over the text (issue 16): the gold layer's relations drawn as the
annotation window draws a coder's (``ui/annotate/relation_arcs.py``: between the lines, never over
the glyphs), and the agreed relation chosen in the Agreed panel drawn dashed, so the adjudicator
sees which two spans it links before accepting it (Enter).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal

from annotator.ui.annotate.relation_arcs import RelationArcs
from annotator.ui.annotate.span_index import END, ID, LABEL, START
from annotator.ui.review.agreed import RelationProposal


class GoldRelations(QObject):
    """What the arcs draw in the review window (the ``source`` of :class:`RelationArcs`)."""

    changed = Signal()
    focusChanged = Signal()

    def __init__(self, controller, agreed_panel, parent=None) -> None:
        super().__init__(parent)
        self.controller, self.agreed = controller, agreed_panel
        self.project = controller.project
        self.types = {t.id: t for t in self.project.relation_types()}
        self.rows: list = []
        controller.changed.connect(self.reload)
        controller.stack.indexChanged.connect(self.reload)  # an accept is pushed after it ran
        agreed_panel.list.currentItemChanged.connect(lambda _item, _old: self._chosen())

    def reload(self, *_args) -> None:
        """Read the open document's gold relations (one query; after every change and selection, so
        that an accept, an undo, another document or a gold span deleted with its relations shows)."""
        c = self.controller
        if not shiboken6.isValid(self) or not shiboken6.isValid(c.stack):  # not while the window closes
            return
        self.focusChanged.emit()  # `changed` comes with every selection too
        gold = c.gold.id
        rows = [] if c.doc_id is None or gold < 0 else list(self.project.relations(c.doc_id, gold))
        if rows != self.rows:
            self.rows = rows
            self.changed.emit()

    def proposal(self) -> RelationProposal | None:
        """The agreed relation chosen in the Agreed panel, if a relation row is chosen."""
        panel = self.agreed
        item = panel.list.currentItem()
        if item is None:
            return None
        at = panel.list.indexOfTopLevelItem(item)
        found = panel.proposals[at] if 0 <= at < len(panel.proposals) else None
        return found if isinstance(found, RelationProposal) else None

    def focused(self) -> int | None:
        """The selected gold span's id: its relations are drawn strong, the others faint."""
        row = self.controller.selected_gold
        return row[ID] if row is not None else None

    def _chosen(self) -> None:
        proposal = self.proposal()
        if proposal is not None:  # the relation comes into sight
            self.controller.view.ensure_visible(proposal.head[0])
        self.changed.emit()

    def drawn(self) -> list[tuple]:
        c = self.controller
        if c.doc_id is None:
            return []
        spans = c.gold_index.spans
        out = [(spans.get(r.head_id), spans.get(r.child_id), self.types.get(r.type_id), False) for r in self.rows]
        proposal = self.proposal()
        if proposal is not None:
            rtype = self.types.get(proposal.type_id)
            out.append((self._row(proposal.head, -1), self._row(proposal.child, -2), rtype, True))
        return out

    def _row(self, key, fake_id: int) -> tuple:
        """The gold span with that (start, end, label), or a stand-in row for the one accepting would add."""
        for row in self.controller.gold_index.spans.values():
            if (row[START], row[END], row[LABEL]) == key:
                return row
        start, end, label = key
        return (fake_id, -1, label, start, end, None)


def attach(window) -> RelationArcs:
    source = GoldRelations(window.controller, window.agreed, window)
    return RelationArcs(window.view, source)
