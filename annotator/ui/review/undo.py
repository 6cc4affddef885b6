"""Undo commands of the review window. Like :mod:`annotator.ui.annotate.undo` (whose base class and
``push`` they reuse) each calls the store, so undo reaches the file; unlike those, gold spans keep
their provenance through delete/undo and edge moves record who adjusted them.

The context ``ctx`` (the review controller) provides ``project``, ``versions`` (the version it last
saw of each gold span: a change of one another window changed first is refused, ``stale``),
``span_put``, ``span_gone``, ``status_put``, ``rejections_put``, ``report``, ``stale`` and ``undo_failed``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core.model import Span
from annotator.ui.review.state import rejection_key, rejections
from annotator.ui.annotate.undo import _Command, push, row_of  # noqa: F401 (push is re-exported)

translate = QCoreApplication.translate


class AddGold(_Command):
    """A gold span with its provenance (accepted from a coder, or drawn by the adjudicator)."""

    def __init__(self, ctx, doc_id: int, gold_id: int, label_id: int, start: int, end: int,
                 provenance: dict, text: str) -> None:
        super().__init__(ctx, text)
        self.doc_id, self.gold_id, self.label_id, self.start, self.end = doc_id, gold_id, label_id, start, end
        self.provenance = provenance
        self.span_id: int | None = None

    def apply(self) -> None:
        span = self.ctx.project.add_span(self.doc_id, self.gold_id, self.label_id, self.start, self.end,
                                         span_id=self.span_id, provenance=self.provenance)
        self.span_id = span.id
        self.ctx.span_put(self.doc_id, row_of(span), 1)

    def revert(self) -> None:
        self.ctx.project.remove_span(self.span_id, expected_version=self.expected(self.span_id))
        self.ctx.span_gone(self.doc_id, self.span_id)


class RemoveGold(_Command):
    """Deleting a gold span deletes its gold relations too (the store does): undo brings back the span
    with its provenance, its accepted attribute values and figure value, and those relations."""

    def __init__(self, ctx, doc_id: int, span: Span) -> None:
        super().__init__(ctx, translate("Review", "delete gold span"))
        self.doc_id, self.span = doc_id, span
        self.relations: list = []

    def apply(self) -> None:
        project = self.ctx.project
        self.relations = project.span_relations(self.span.id)
        self.span = project.remove_span(self.span.id, expected_version=self.expected(self.span.id)) or self.span
        self.ctx.span_gone(self.doc_id, self.span.id)

    def revert(self) -> None:
        s = self.span
        extra = {"attrs": s.attrs or None}
        if s.value_by:
            extra.update(value=s.value, value_by=s.value_by)
        span = self.ctx.project.add_span(self.doc_id, s.coder_id, s.label_id, s.start, s.end, s.note,
                                         span_id=s.id, provenance=s.provenance, **extra)
        if self.relations:
            self.ctx.project.add_relations(self.relations)
        self.ctx.span_put(self.doc_id, row_of(span), 1)


class ResizeGold(_Command):
    """Move a gold span's edges; its provenance notes who adjusted it and where it was before."""

    def __init__(self, ctx, doc_id: int, span: Span, start: int, end: int, by: str, at: str) -> None:
        super().__init__(ctx, translate("Review", "move gold span edge"))
        self.doc_id, self.span, self.start, self.end = doc_id, span, start, end
        old = dict(span.provenance or {})
        new = dict(old)
        new.setdefault("original", [span.start, span.end])
        new.update({"adjusted_by": by, "adjusted_at": at})
        self.old_provenance, self.new_provenance = span.provenance, new

    def _put(self, start: int, end: int, provenance) -> None:
        project, expected = self.ctx.project, self.expected(self.span.id)
        with project.transaction() as tx:  # edges and provenance together, or neither
            tx.resize_span(self.span.id, start, end, expected_version=expected)
            tx.set_provenance(self.span.id, provenance, None if expected is None else expected + 1)
        s = self.span
        self.ctx.span_put(self.doc_id, (s.id, s.coder_id, s.label_id, start, end, s.note),
                          None if expected is None else expected + 2)

    def apply(self) -> None:
        self._put(self.start, self.end, self.new_provenance)

    def revert(self) -> None:
        self._put(self.span.start, self.span.end, self.old_provenance)


class Reject(_Command):
    """Record that a candidate is rejected (the ``review_rejected:<doc>`` setting)."""

    def __init__(self, ctx, doc_id: int, record: dict) -> None:
        super().__init__(ctx, translate("Review", "reject {0}").format(record['label']))
        self.doc_id, self.record = doc_id, record

    def apply(self) -> None:
        records = rejections(self.ctx.project, self.doc_id)
        self.ctx.project.set_setting(rejection_key(self.doc_id), records + [self.record])
        self.ctx.rejections_put(self.doc_id)

    def revert(self) -> None:
        records = [r for r in rejections(self.ctx.project, self.doc_id) if r != self.record]
        self.ctx.project.set_setting(rejection_key(self.doc_id), records)
        self.ctx.rejections_put(self.doc_id)
