"""The Attributes panel (issue 16): the selected span's attributes, and a figure span's value.

One field per attribute its label defines (``Label.attributes``): a list for a choice and for
yes/no (first entry "—": not set), a line for free text and for a number (Arabic-Indic digits and
the Arabic decimal separator are read too). A figure label's span (``Label.figure_values``) shows its
value as the store has it (computed from the text, or corrected by a coder): low, high, unit and
"approximate"; editing them corrects it, and "From the text" puts back the computed value.

Keyboard: Edit > Span Attributes (F4) puts the focus on the first field; Tab goes to the next,
↑ / ↓ change a list, Enter saves a line, Escape goes back to the text. Each change is saved at once
as one undo command (``annotator.ui.annotate.attribute_undo``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from annotator.core.schema import check_figure_value
from annotator.ui.annotate import attribute_undo, undo
from annotator.ui.annotate.numbers import NOT_SET, format_number, parse_number
from annotator.ui.annotate.relations import snippet
from annotator.ui.bidi import isolate
from annotator.ui.annotate.span_index import CODER, ID

class AttributesPanel(QWidget):
    """Shows and edits ``span`` (a core ``Span``) of the editor's document."""

    leave = Signal()  # Escape in a field: back to the text

    def __init__(self, editor, parent=None) -> None:
        super().__init__(parent)
        self.editor, self.project = editor, editor.project
        self.setObjectName("attributesPanel")
        self.span = None
        self.label = None
        self.fields: dict[str, QWidget] = {}
        self.value_fields: dict[str, QWidget] = {}
        self._loading = False
        self.title = QLabel(wordWrap=True)
        self.title.setTextFormat(Qt.PlainText)
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        self.form.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.show_span(None)

    # -- what is shown ----------------------------------------------------------------------------
    def show_span(self, row: tuple | None) -> None:
        """The span of the editor's selection (a span-index row), or None."""
        span = None
        if row is not None:
            try:
                span = self.project.span(row[ID])
            except Exception:  # gone meanwhile (another window, an undo): show nothing
                span = None
        self._show(span)

    def reload(self) -> None:
        self._show(None if self.span is None else self._fresh(self.span.id))

    def _show(self, span) -> None:
        """The same span with new values keeps its fields (and the keyboard focus): only their
        values change; another span, or a relabelled one, gets new fields."""
        same = (span is not None and self.span is not None and span.id == self.span.id
                and span.label_id == self.span.label_id and self.label is self.editor.schema.by_id(span.label_id))
        if not same:
            self._build(span)
            return
        self._loading = True
        try:
            self.span = span
            for name, field in self.fields.items():
                value = span.attrs.get(name)
                if isinstance(field, QComboBox):
                    at = next((i for i in range(field.count()) if field.itemData(i) == value
                               and type(field.itemData(i)) is type(value)), 0)
                    field.setCurrentIndex(at)
                else:
                    field.setText(format_number(value) if isinstance(value, (int, float)) else (value or ""))
            if self.value_fields:
                value = span.value or {}
                self.value_fields["low"].setText(format_number(value.get("low")))
                self.value_fields["high"].setText(format_number(value.get("high")))
                self.value_fields["unit"].setText(value.get("unit") or "")
                self.value_fields["approx"].setChecked(bool(value.get("approx")))
                self.value_state.setText(self._state_text(span))
        finally:
            self._loading = False

    def _fresh(self, span_id: int):
        try:
            return self.project.span(span_id)
        except Exception:
            return None

    def _build(self, span) -> None:
        self._loading = True
        try:
            while self.form.rowCount():
                self.form.removeRow(0)
            self.fields, self.value_fields = {}, {}
            self.span = span
            self.label = self.editor.schema.by_id(span.label_id) if span is not None else None
            if span is None or self.label is None:
                self.title.setText(self.tr("Select a span: its attributes are shown here"))
                return
            text = snippet(self.editor.text[span.start:span.end], 50)
            self.title.setText(self.tr("{0} ({1})").format(isolate(text), isolate(self.label.name)))
            mine = span.coder_id == self.editor.coder.id and not self.project.readonly
            for definition in self.label.attributes:
                field = self._field(definition, span.attrs.get(definition.name))
                field.setEnabled(mine)
                tip = definition.guide.description
                if definition.guide.examples:
                    tip += "\n" + "\n".join("• " + e for e in definition.guide.examples)
                field.setToolTip(tip.strip())
                name = isolate(definition.name) + (" *" if definition.required else "")
                self.form.addRow(name, field)
                self.fields[definition.name] = field
            if self.label.figure_values:
                self._value_rows(span, mine)
            if not self.label.attributes and not self.label.figure_values:
                self.form.addRow(QLabel(self.tr("The label {0} has no attributes (Edit > Labels adds them)").format(
                    isolate(self.label.name)), wordWrap=True))
        finally:
            self._loading = False

    def _field(self, definition, value) -> QWidget:
        if definition.kind in ("choice", "bool"):
            box = QComboBox()
            choices = [(NOT_SET, None)]
            if definition.kind == "choice":
                choices += [(isolate(v), v) for v in definition.values]
            else:
                choices += [(self.tr("yes"), True), (self.tr("no"), False)]
            for shown, stored in choices:
                box.addItem(shown, stored)
            at = next((i for i, (_s, v) in enumerate(choices) if v == value and type(v) is type(value)), 0)
            box.setCurrentIndex(at)
            box.currentIndexChanged.connect(lambda _i, d=definition, b=box: self._set(d.name, b.currentData()))
            box.installEventFilter(self)
            return box
        line = QLineEdit(format_number(value) if definition.kind == "number" else (value or ""))
        if definition.kind == "number":
            line.setLayoutDirection(Qt.LeftToRight)
            line.setAlignment(Qt.AlignLeft)
        line.editingFinished.connect(lambda d=definition, e=line: self._line_done(d, e))
        line.installEventFilter(self)
        return line

    def _value_rows(self, span, mine: bool) -> None:
        value = span.value or {}
        low, high, unit = QLineEdit(format_number(value.get("low"))), QLineEdit(format_number(value.get("high"))), \
            QLineEdit(value.get("unit") or "")
        approx = QCheckBox(self.tr("approximate (نحو، حوالي …)"))
        approx.setChecked(bool(value.get("approx")))
        for line in (low, high):
            line.setLayoutDirection(Qt.LeftToRight)
        reset = QPushButton(self.tr("From the text"))
        reset.setToolTip(self.tr("Put back the value computed from the span's text"))
        self.value_fields = {"low": low, "high": high, "unit": unit, "approx": approx, "reset": reset}
        for name, widget in self.value_fields.items():
            widget.setEnabled(mine)
            widget.installEventFilter(self)
            if isinstance(widget, QLineEdit):
                widget.editingFinished.connect(self._value_done)
        approx.toggled.connect(lambda _on: self._value_done())
        reset.clicked.connect(self._value_reset)
        numbers = QWidget()
        row = QHBoxLayout(numbers)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(low)
        row.addWidget(QLabel("–"))
        row.addWidget(high)
        state = self.value_state = QLabel(self._state_text(span), wordWrap=True)
        self.form.addRow(self.tr("Value"), numbers)
        self.form.addRow(self.tr("Unit"), unit)
        self.form.addRow("", approx)
        self.form.addRow(state, reset)

    def _state_text(self, span) -> str:
        if span.value is None:
            return self.tr("The text does not parse as a figure")
        return self.tr("corrected by a coder") if span.value_by == "coder" else self.tr("computed from the text")

    def first_field(self) -> QWidget | None:
        for widget in [*self.fields.values(), *self.value_fields.values()]:
            if widget.isEnabled():
                return widget
        return None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.KeyPress and event.key() == Qt.Key_Escape:
            self.leave.emit()
            return True
        return False

    # -- changes ----------------------------------------------------------------------------------
    def _line_done(self, definition, line: QLineEdit) -> None:
        if self._loading or self.span is None:
            return
        text = line.text().strip()
        if definition.kind == "number":
            try:
                value = parse_number(text)
            except ValueError:
                self.editor.message.emit(self.tr("{0} is not a number").format(isolate(text)))
                line.setText(format_number(self.span.attrs.get(definition.name)))
                return
        else:
            value = text or None
        self._set(definition.name, value)

    def _set(self, name: str, value) -> None:
        span = self.span
        if self._loading or span is None or span.coder_id != self.editor.coder.id:
            return
        if span.attrs.get(name) == value and type(span.attrs.get(name)) is type(value):
            return
        new = dict(span.attrs)
        if value is None:
            new.pop(name, None)
        else:
            new[name] = value
        command = attribute_undo.SetAttrs(self, self.editor.doc_id, span.id, new, name)
        undo.push(self.editor.stack, command)

    def _value_done(self) -> None:
        span = self.span
        if self._loading or span is None or not self.value_fields:
            return
        f = self.value_fields
        try:
            low, high = parse_number(f["low"].text()), parse_number(f["high"].text())
        except ValueError:
            self.editor.message.emit(self.tr("The value's low and high must be numbers"))
            return
        if low is None and high is None:
            value = None
        else:
            try:
                value = check_figure_value({"low": low if low is not None else high,
                                            "high": high if high is not None else low,
                                            "unit": f["unit"].text().strip() or None,
                                            "approx": f["approx"].isChecked()})
            except ValueError as exc:
                self.editor.message.emit(str(exc))
                return
        if value == span.value and span.value_by == "coder":
            return
        if value == span.value and value is not None:
            return
        undo.push(self.editor.stack, attribute_undo.SetValue(self, self.editor.doc_id, span.id, value))

    def _value_reset(self) -> None:
        span = self.span
        if span is not None and span.value_by == "coder":
            undo.push(self.editor.stack, attribute_undo.SetValue(self, self.editor.doc_id, span.id, computed=True))

    # -- called by the undo commands --------------------------------------------------------------
    def span_changed(self, doc_id: int, span_id: int) -> None:
        editor = self.editor
        if doc_id != editor.doc_id:
            editor.open_document(doc_id)
        row = editor.index.spans.get(span_id)
        if row is not None and (editor.selected is None or editor.selected[ID] != span_id):
            editor.select_span(row)  # shows it here too
        else:
            self._show(self._fresh(span_id))

    def report(self, exc, title) -> None:
        self.editor.report(exc, title)

    def undo_failed(self, command, exc) -> None:
        self.editor.undo_failed(command, exc)

    def owns(self, row) -> bool:
        return row is not None and row[CODER] == self.editor.coder.id
