"""Undo commands for a span's attributes and a figure span's value (issue 16). Each calls the store;
the context (the Attributes panel) hears ``span_changed(document_id, span_id)`` and reports errors
as the span commands' context does.

Like the span commands (``undo.py``), an edit passes the version of the span the window last saw
(the editor's ``versions``; another window or coder's change meanwhile is refused, not overwritten)
and records the version it made, so the window's next edit of that span is not refused as stale."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.ui.annotate.undo import _Command

translate = QCoreApplication.translate


def _expected(ctx, span_id: int):
    versions = getattr(ctx.editor, "versions", None)
    return None if versions is None else versions.get(span_id)


def _saw(ctx, span_id: int) -> None:
    versions = getattr(ctx.editor, "versions", None)
    if versions is not None:
        version = ctx.project.version("span", span_id)
        if version is not None:
            versions[span_id] = version


class SetAttrs(_Command):
    def __init__(self, ctx, document_id: int, span_id: int, new: dict, name: str = "") -> None:
        super().__init__(ctx, translate("Undo", "set {0}").format(name) if name else translate("Undo", "set attributes"))
        self.document_id, self.span_id, self.new = document_id, span_id, dict(new)
        self.old = None  # the span as it was (the store returns it)

    def apply(self) -> None:
        self.old = self.ctx.project.set_span_attrs(self.span_id, self.new,
                                                   expected_version=_expected(self.ctx, self.span_id))
        _saw(self.ctx, self.span_id)
        self.ctx.span_changed(self.document_id, self.span_id)

    def revert(self) -> None:
        self.ctx.project.restore_span(self.old, expected_version=_expected(self.ctx, self.span_id))
        _saw(self.ctx, self.span_id)
        self.ctx.span_changed(self.document_id, self.span_id)


class SetValue(_Command):
    """A figure span's value corrected by the coder (``value``; None: "not a number I can value"), or
    with ``computed`` the value computed from the text put back."""

    def __init__(self, ctx, document_id: int, span_id: int, value: dict | None = None, *, computed: bool = False) -> None:
        super().__init__(ctx, translate("Undo", "value from the text") if computed else translate("Undo", "correct value"))
        self.document_id, self.span_id, self.value, self.computed = document_id, span_id, value, computed
        self.old = None

    def apply(self) -> None:
        project, expected = self.ctx.project, _expected(self.ctx, self.span_id)
        if self.computed:
            self.old = project.set_span_value(self.span_id, expected_version=expected)
        else:
            self.old = project.set_span_value(self.span_id, self.value, expected_version=expected)
        _saw(self.ctx, self.span_id)
        self.ctx.span_changed(self.document_id, self.span_id)

    def revert(self) -> None:
        self.ctx.project.restore_span(self.old, expected_version=_expected(self.ctx, self.span_id))
        _saw(self.ctx, self.span_id)
        self.ctx.span_changed(self.document_id, self.span_id)


class SetDocLabels(_Command):
    """One coder's labels, flags and comment of one document (``old`` is the ``DocLabels`` before)."""

    def __init__(self, ctx, old, labels, flags, comment) -> None:
        super().__init__(ctx, translate("Undo", "document labels"))
        self.document_id, self.coder_id = old.document_id, old.coder_id
        self.old = (tuple(old.labels), tuple(old.flags), old.comment)
        self.new = (tuple(labels), tuple(flags), comment)

    def _put(self, values) -> None:
        labels, flags, comment = values
        self.ctx.project.set_doc_labels(self.document_id, self.coder_id, labels=labels, flags=flags, comment=comment)
        self.ctx.doc_labels_put(self.document_id)

    def apply(self) -> None:
        self._put(self.new)

    def revert(self) -> None:
        self._put(self.old)
