"""Undo commands for suggestions: each calls the store, so undoing reaches the file on disk.

Accepting puts the suggestion's span into the coder's layer (with its provenance, through
``Transaction.accept_suggestion``); undo removes that span (the suggestion shows again, since it
is hidden only while the coder has a span of its label over it). Rejecting records the coder's
rejection; undo removes it. "Accept all above a score" is one command over many suggestions, in
one transaction each way. The context ``ctx`` (the editor) hears ``span_put``, ``span_gone`` and
``suggestions_changed(document_id)``, as with ``ui/annotate/undo.py``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core.suggestion import StoredSuggestion
from annotator.ui.annotate.undo import _Command, row_of

translate = QCoreApplication.translate


class AcceptSuggestions(_Command):
    """Accept one or many suggestions (with ``label_id``: all of them under that label)."""

    def __init__(self, ctx, coder_id: int, suggestions: list[StoredSuggestion], label_id: int | None = None,
                 text: str | None = None) -> None:
        n = len(suggestions)
        super().__init__(ctx, text or (translate("Undo", "accept suggestion") if n == 1
                                       else translate("Undo", "accept {0} suggestions").format(n)))
        self.coder_id, self.suggestions, self.label_id = coder_id, list(suggestions), label_id
        self.span_ids: list[int | None] = [None] * n

    def apply(self) -> None:
        spans = []
        with self.ctx.project.transaction() as tx:
            for i, s in enumerate(self.suggestions):
                span = tx.accept_suggestion(s.id, self.coder_id, self.label_id, span_id=self.span_ids[i])
                self.span_ids[i] = span.id
                spans.append(span)
        for span in spans:
            self.ctx.span_put(span.document_id, row_of(span))
        for doc in {s.document_id for s in self.suggestions}:
            self.ctx.suggestions_changed(doc)

    def revert(self) -> None:
        with self.ctx.project.transaction() as tx:
            for span_id in self.span_ids:
                tx.remove_span(span_id)
        for s, span_id in zip(self.suggestions, self.span_ids):
            self.ctx.span_gone(s.document_id, span_id)
        for doc in {s.document_id for s in self.suggestions}:
            self.ctx.suggestions_changed(doc)


class RejectSuggestion(_Command):
    def __init__(self, ctx, coder_id: int, suggestion: StoredSuggestion) -> None:
        super().__init__(ctx, translate("Undo", "reject suggestion"))
        self.coder_id, self.suggestion = coder_id, suggestion

    def apply(self) -> None:
        with self.ctx.project.transaction() as tx:
            tx.reject_suggestion(self.suggestion.id, self.coder_id)
        self.ctx.suggestions_changed(self.suggestion.document_id)

    def revert(self) -> None:
        with self.ctx.project.transaction() as tx:
            tx.unreject_suggestion(self.suggestion.id, self.coder_id)
        self.ctx.suggestions_changed(self.suggestion.document_id)
