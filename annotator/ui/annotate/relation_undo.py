"""Undo commands for relations (issue 16): each calls the store, so undoing reaches the file.

Their context ``ctx`` is the window's :class:`~annotator.ui.annotate.relations.Relations`, which
owns the project, hears about each change (``relation_put``, ``relation_gone``) and reports errors
as the span commands' context does (``report``, ``undo_failed``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.ui.annotate.undo import _Command

translate = QCoreApplication.translate


class AddRelation(_Command):
    def __init__(self, ctx, document_id: int, coder_id: int, type_id: int, head_id: int, child_id: int,
                 type_name: str = "") -> None:
        super().__init__(ctx, translate("Undo", "draw relation {0}").format(type_name))
        self.document_id, self.coder_id, self.type_id, self.head_id, self.child_id = \
            document_id, coder_id, type_id, head_id, child_id
        self.relation_id: int | None = None

    def apply(self) -> None:
        relation = self.ctx.project.add_relation(self.type_id, self.head_id, self.child_id,
                                                 relation_id=self.relation_id)
        self.relation_id = relation.id  # redo brings the same relation back (later commands name it)
        self.ctx.relation_put(self.document_id, relation)

    def revert(self) -> None:
        self.ctx.project.remove_relation(self.relation_id)
        self.ctx.relation_gone(self.document_id, self.relation_id)


class RemoveRelation(_Command):
    def __init__(self, ctx, relation) -> None:
        super().__init__(ctx, translate("Undo", "delete relation"))
        self.relation = relation

    def apply(self) -> None:
        self.ctx.project.remove_relation(self.relation.id)
        self.ctx.relation_gone(self.relation.document_id, self.relation.id)

    def revert(self) -> None:
        r = self.relation
        back = self.ctx.project.add_relation(r.type_id, r.head_id, r.child_id, relation_id=r.id)
        self.ctx.relation_put(r.document_id, back)
