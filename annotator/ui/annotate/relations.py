"""Relations in the annotation window (issue 16): the open document's relations of this coder, and
drawing one from the keyboard or the mouse.

Drawing: select the head span, press a relation type's hotkey (``s`` source, ``a`` about by
default) or Edit > Draw Relation (Ctrl+R, which asks for the type when several fit); then the
candidates (this coder's spans whose label the type allows as a child) are stepped through in
reading order with ← / → (← is forward in right-to-left text), ↓ / ↑ or Tab / Shift+Tab; Enter
draws the relation, Escape cancels. A click on a candidate draws it at once. While a child is being
picked, :class:`RelationArcs` draws the relation it would make.

Every change is an undo command (``annotator.ui.annotate.relation_undo``) on the editor's stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from annotator.core.errors import ServerUnreachable
from annotator.ui.annotate import relation_undo, undo
from annotator.ui.annotate.span_index import CODER, END, ID, LABEL, START
from annotator.ui.bidi import isolate, menu_item_text

# Keys while a child is picked: a step in reading order (+1 forward), or an action.
_STEPS = {Qt.Key_Left: 1, Qt.Key_Right: -1, Qt.Key_Down: 1, Qt.Key_Up: -1, Qt.Key_Tab: 1, Qt.Key_Backtab: -1}
_CONFIRM = (Qt.Key_Return, Qt.Key_Enter)


def arrow() -> str:
    """The arrow from a head to its child in the interface's reading direction (an arrow is not
    mirrored by the bidi algorithm: in Arabic the head is on the right, so it points left)."""
    return "←" if QGuiApplication.isRightToLeft() else "→"


def listed(items) -> str:
    """Items joined by the interface's comma (، in Arabic)."""
    return ("، " if QGuiApplication.isRightToLeft() else ", ").join(items)


def snippet(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Picking:
    """A relation being drawn: from ``head`` (a span row), of ``rtype``, to ``candidates[at]``."""

    head: tuple
    rtype: object
    candidates: list[tuple]
    at: int

    @property
    def child(self) -> tuple | None:
        return self.candidates[self.at] if self.candidates else None


class Relations(QObject):
    """The open document's relations (``rows``: id -> Relation) and the drawing mode."""

    changed = Signal()  # the relations of the open document changed (the panel and the arcs redraw)
    pickingChanged = Signal()
    focusChanged = Signal()  # another span selected: the arcs of the selected one stand out

    def __init__(self, editor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.project = editor.project
        self.types = list(self.project.relation_types())
        self.rows: dict[int, object] = {}
        self.picking: Picking | None = None
        # True once the store said relations changed (``note_changes``) and they were not read
        # since: a span added or removed reads them again only then (removing a span that has
        # relations removes them, and the store says so; most spans have none, and the read cost
        # about 0.6 ms of every key press)
        self.stale = True
        editor.documentShown.connect(lambda _doc: self.reload())
        editor.countsChanged.connect(self._on_counts)
        editor.spanSelected.connect(lambda _row: self.focusChanged.emit())
        editor.view.installEventFilter(self)
        editor.view.setContextMenuPolicy(Qt.CustomContextMenu)  # right-click a span: draw a relation from it
        editor.view.customContextMenuRequested.connect(self.context_menu)

    # -- what there is ---------------------------------------------------------------------------
    def note_changes(self, changes) -> None:
        """The store's notice of a commit (``Project.subscribe``), heard at once in the thread that
        committed: it only marks the relations to be read again (``stale``)."""
        if any(change.kind == "relation" for change in changes):
            self.stale = True

    def _on_counts(self) -> None:
        """A span came or went: its relations with it, when the store said some changed."""
        if self.stale:
            self.reload()
        elif self.picking is not None and self.picking.head[ID] not in self.editor.index.spans:
            self.cancel()

    def reload(self) -> None:
        editor = self.editor
        self.stale = False
        if editor.doc_id is None or editor.coder.id < 0:
            rows = {}
        else:
            try:
                rows = {r.id: r for r in self.project.relations(editor.doc_id, editor.coder.id)}
            except ServerUnreachable:  # the team server is away (a span kept for later was drawn): as they are
                self.stale = True
                return
        if self.picking is not None and self.picking.head[ID] not in editor.index.spans:
            self.cancel()
        if rows != self.rows:
            self.rows = rows
            self.changed.emit()

    def set_types(self, types) -> None:
        self.types = list(types)
        self.changed.emit()

    def type_by_id(self, type_id: int):
        return next((t for t in self.types if t.id == type_id), None)

    def type_by_hotkey(self, key: str):
        key = key.lower()
        return next((t for t in self.types if t.hotkey and t.hotkey.lower() == key), None)

    def label_name(self, row: tuple) -> str:
        label = self.editor.schema.by_id(row[LABEL])
        return label.name if label else ""

    def span_text(self, span_id: int) -> str:
        row = self.editor.index.spans.get(span_id)
        return self.editor.text[row[START]:row[END]] if row else "?"

    def sorted_rows(self) -> list:
        """The relations in reading order of their heads, then their children."""
        spans = self.editor.index.spans

        def key(r):
            head, child = spans.get(r.head_id), spans.get(r.child_id)
            return (head[START] if head else 0, child[START] if child else 0, r.id)

        return sorted(self.rows.values(), key=key)

    def drawn(self) -> list[tuple]:
        """What the arcs draw: ``(head row, child row, type, tentative)`` per relation, and the one
        being picked (tentative)."""
        spans = self.editor.index.spans
        types = {t.id: t for t in self.types}  # asked at every paint: no sorting, no scans
        out = [(spans.get(r.head_id), spans.get(r.child_id), types.get(r.type_id), False)
               for r in self.rows.values()]
        picking = self.picking
        if picking is not None and picking.child is not None:
            out.append((picking.head, picking.child, picking.rtype, True))
        return out

    def focused(self) -> int | None:
        """The selected span's id: its relations are drawn strong, the others faint."""
        row = self.editor.selected
        return row[ID] if row is not None else None

    def of_span(self, span_id: int) -> list:
        return [r for r in self.rows.values() if span_id in (r.head_id, r.child_id)]

    # -- called by the undo commands -------------------------------------------------------------
    def relation_put(self, doc_id: int, relation) -> None:
        if doc_id != self.editor.doc_id:
            self.editor.open_document(doc_id)
        self.reload()
        self.rows[relation.id] = relation
        self.changed.emit()

    def relation_gone(self, doc_id: int, relation_id: int) -> None:
        if doc_id != self.editor.doc_id:
            self.editor.open_document(doc_id)
        if self.rows.pop(relation_id, None) is not None:
            self.changed.emit()

    def report(self, exc, title) -> None:
        self.editor.report(exc, title)

    def undo_failed(self, command, exc) -> None:
        self.editor.undo_failed(command, exc)

    # -- drawing ---------------------------------------------------------------------------------
    def on_key(self, key: str) -> bool:
        """A printable key that is no label's hotkey: a relation type's hotkey starts drawing."""
        rtype = self.type_by_hotkey(key)
        if rtype is None:
            return False
        self.start(rtype)
        return True

    def fitting_types(self, head: tuple) -> list:
        name = self.label_name(head)
        labels = [label.name for label in self.editor.schema]
        return [t for t in self.types if any(t.allows(name, child) for child in labels)]

    def start(self, rtype=None) -> None:
        """Draw a relation from the selected span (of type ``rtype``, or ask which)."""
        editor = self.editor
        head = editor.selected
        if head is None or head[CODER] != editor.coder.id:
            editor.message.emit(self.tr("Select one of your spans first: the relation starts at it"))
            return
        if not editor._writable():
            return
        if rtype is None:
            fitting = self.fitting_types(head)
            if not fitting:
                editor.message.emit(self.tr("No relation type starts at a span labelled {0}").format(
                    isolate(self.label_name(head))))
                return
            rtype = fitting[0] if len(fitting) == 1 else self._ask_type(fitting, head)
            if rtype is None:
                return
        elif rtype not in self.fitting_types(head):
            editor.message.emit(self.tr("A {0} relation does not start at a span labelled {1}").format(
                isolate(rtype.name), isolate(self.label_name(head))))
            return
        candidates = self.candidates(head, rtype)
        if not candidates:
            editor.message.emit(self.tr("No span can be the child of this {0} relation").format(isolate(rtype.name)))
            return
        after = next((i for i, r in enumerate(candidates) if r[START] >= head[END]), 0)
        self.picking = Picking(head, rtype, candidates, after)
        self._show_candidate()

    def _ask_type(self, fitting: list, head: tuple):
        menu = QMenu(self.editor.view)
        for rtype in fitting:
            key = f"\t{rtype.hotkey}" if rtype.hotkey else ""
            menu.addAction(menu_item_text(isolate(rtype.name) + key)).setData(rtype.id)
        view = self.editor.view
        rects = view.ranges_rects([(head[START], head[END])])
        where = rects[0].center().toPoint() if rects else QPoint(view.viewport().width() // 2, 0)
        chosen = menu.exec(view.viewport().mapToGlobal(where))
        return None if chosen is None else self.type_by_id(chosen.data())

    def context_menu(self, point: QPoint) -> None:
        """Right-click on one of this coder's spans: select it and offer the relation types that start
        there (then a click on the child draws the relation) and the removal of its relations."""
        editor, view = self.editor, self.editor.view
        mine = [r for r in editor.index.at(view.position_at(point)) if r[CODER] == editor.coder.id]
        if not mine or self.picking is not None:
            return
        head = mine[0]
        editor.select_span(head)
        menu = QMenu(view)
        for rtype in self.fitting_types(head):
            key = f"\t{rtype.hotkey}" if rtype.hotkey else ""
            action = menu.addAction(menu_item_text(self.tr("Relation {0} from here…").format(isolate(rtype.name)) + key))
            action.triggered.connect(lambda _on=False, t=rtype: self.start(t))
        touching = self.of_span(head[ID])
        if touching:
            menu.addSeparator()
            for relation in touching:
                rtype = self.type_by_id(relation.type_id)
                other = relation.child_id if relation.head_id == head[ID] else relation.head_id
                action = menu.addAction(self.tr("Delete relation {0} with {1}").format(
                    isolate(rtype.name if rtype else "?"), isolate(snippet(self.span_text(other), 24))))
                action.triggered.connect(lambda _on=False, r=relation.id: self.remove(r))
        if not menu.isEmpty():
            self.menu = menu  # kept for tests; shown at the pointer
            menu.popup(view.viewport().mapToGlobal(point))

    def candidates(self, head: tuple, rtype) -> list[tuple]:
        """This coder's spans that ``rtype`` allows as a child of ``head``, in reading order, without
        those it already links ``head`` to."""
        head_label = self.label_name(head)
        taken = {r.child_id for r in self.rows.values() if r.head_id == head[ID] and r.type_id == rtype.id}
        return [r for r in self.editor.index.mine_sorted()
                if r[ID] != head[ID] and r[ID] not in taken and rtype.allows(head_label, self.label_name(r))]

    def step(self, direction: int) -> None:
        p = self.picking
        if p is not None and p.candidates:
            p.at = (p.at + direction) % len(p.candidates)
            self._show_candidate()

    def _show_candidate(self) -> None:
        p = self.picking
        child = p.child
        self.editor.view.ensure_visible(child[START])
        self.editor.message.emit(self.tr(
            "{0}: {1} → {2} ({3} of {4}). ←/→ next or previous child, Enter draws it, Escape cancels").format(
            isolate(p.rtype.name), isolate(snippet(self.editor.text[p.head[START]:p.head[END]], 24)),
            isolate(snippet(self.editor.text[child[START]:child[END]], 24)), p.at + 1, len(p.candidates)))
        self.pickingChanged.emit()

    def confirm(self) -> None:
        p = self.picking
        if p is None:
            return
        self.picking = None
        self.pickingChanged.emit()
        child = p.child
        editor = self.editor
        command = relation_undo.AddRelation(self, editor.doc_id, editor.coder.id, p.rtype.id, p.head[ID], child[ID],
                                            p.rtype.name)
        if undo.push(editor.stack, command):
            editor.message.emit(self.tr("Drew {0}: {1} → {2}").format(
                isolate(p.rtype.name), isolate(snippet(editor.text[p.head[START]:p.head[END]], 24)),
                isolate(snippet(editor.text[child[START]:child[END]], 24))))

    def cancel(self) -> None:
        if self.picking is not None:
            self.picking = None
            self.pickingChanged.emit()
            self.editor.message.emit(self.tr("No relation drawn"))

    def pick_at(self, pos: int) -> bool:
        """A click while a child is picked: on a candidate it draws the relation. True when the click
        was taken (the editor then does not select what is under it)."""
        p = self.picking
        if p is None:
            return False
        ids = {r[ID] for r in self.editor.index.at(pos, only_mine=True)}
        for at, row in enumerate(p.candidates):
            if row[ID] in ids:
                p.at = at
                self.confirm()
                return True
        self.editor.message.emit(self.tr("That is not a span this relation can go to; Escape cancels"))
        return True

    def remove(self, relation_id: int) -> None:
        relation = self.rows.get(relation_id)
        if relation is not None and self.editor._writable():
            undo.push(self.editor.stack, relation_undo.RemoveRelation(self, relation))

    # -- keys while picking -----------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if self.picking is None:
            return False
        kind = event.type()
        if kind == QEvent.ShortcutOverride:  # Enter, Escape, arrows: ours while picking, not a menu's
            if event.key() in _STEPS or event.key() in _CONFIRM or event.key() == Qt.Key_Escape:
                event.accept()
                return True
            return False
        if kind != QEvent.KeyPress:
            return False
        key = event.key()
        if key in _STEPS:
            self.step(_STEPS[key])
            return True
        if key in _CONFIRM:
            self.confirm()
            return True
        if key == Qt.Key_Escape:
            self.cancel()
            return True
        text = event.text()
        if text and self.type_by_hotkey(text) is self.picking.rtype:  # the same key again: the next child
            self.step(1)
            return True
        if text and text.isprintable() or key in (Qt.Key_Delete, Qt.Key_Backspace, Qt.Key_F2):
            return True  # no relabelling, deleting or resizing the head while its child is picked
        return False
