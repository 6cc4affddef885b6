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

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from annotator.core.schema import check_figure_value
from annotator.ui.annotate import attribute_undo, undo
from annotator.ui.annotate.numbers import NOT_SET, format_number, parse_number
from annotator.ui.annotate.relations import snippet
from annotator.ui.bidi import isolate
from annotator.ui.annotate.span_index import CODER, END, ID, LABEL, START

class AttributesPanel(QWidget):
    """Shows and edits ``span`` (a core ``Span``) of the editor's document."""

    leave = Signal()  # Escape in a field: back to the text

    def __init__(self, editor, parent=None) -> None:
        super().__init__(parent)
        self.editor, self.project = editor, editor.project
        self.setObjectName("attributesPanel")
        self.span = None  # the span shown (a core Span), None when none or its label has no fields
        self.span_id: int | None = None  # the span shown, fields or not
        self.label = None
        self.fields: dict[str, QWidget] = {}
        self.value_fields: dict[str, QWidget] = {}
        self._form = None  # what the fields were made for: (attribute definitions, figure values?)
        self._loading = False
        self.title = QLabel(wordWrap=True)
        self.title.setTextFormat(Qt.PlainText)
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(wordWrap=True)  # "The label … has no attributes"
        self.note.setTextFormat(Qt.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._pending: tuple | None = None  # (row,): a selection not shown yet (``show_span``)
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self.flush)
        self._apply(None)

    # -- what is shown ----------------------------------------------------------------------------
    # A selection changes at every span added, removed or clicked: the fields are made once per
    # label's set of attributes and only their values change after (issue 12: making them cost
    # about 1 ms a key press); a span whose label has none is shown without reading the store.
    # The panel follows the selection on the next pass of the event loop, after the document view
    # has painted the change (issue 12: reading the span and filling the form cost about 1.2 ms of
    # each key press that adds a span); several selections in one pass show only the last.
    def show_span(self, row: tuple | None) -> None:
        """The span of the editor's selection (a span-index row), or None: shown once the event loop runs."""
        self._pending = (row,)
        self._later.start()

    def flush(self) -> None:
        """Show the selection ``show_span`` was given, now (what reads the form calls this first)."""
        self._later.stop()
        if self._pending is not None:
            (row,), self._pending = self._pending, None
            self._apply(row)

    def _apply(self, row: tuple | None) -> None:
        label = self.editor.schema.by_id(row[LABEL]) if row is not None else None
        if label is not None and not label.attributes and not label.figure_values:
            self._show_plain(row[ID], row[START], row[END], label)
            return
        span = None
        if row is not None:
            try:
                span = self.project.span(row[ID])
            except Exception:  # gone meanwhile (another window, an undo): show nothing
                span = None
        self._show(span)

    def reload(self) -> None:
        self.flush()
        self._show(None if self.span_id is None else self._fresh(self.span_id))

    def _show(self, span) -> None:
        """``span`` in the fields its label's attributes need: the fields there are when they fit
        (their values change, the keyboard focus stays), new ones when its label defines others."""
        label = self.editor.schema.by_id(span.label_id) if span is not None else None
        if span is None or label is None:
            self._show_none()
            return
        if not label.attributes and not label.figure_values:
            self._show_plain(span.id, span.start, span.end, label)
            return
        self._loading = True
        try:
            self.span, self.span_id, self.label = span, span.id, label
            self._set_title(span.start, span.end, label)
            form = (label.attributes, label.figure_values)
            if form != self._form:
                self._build(span, label)
                self._form = form
            mine = span.coder_id == self.editor.coder.id and not self.project.readonly
            for name, field in self.fields.items():
                field.setEnabled(mine)
                value = span.attrs.get(name)
                if isinstance(field, QComboBox):
                    at = next((i for i in range(field.count()) if field.itemData(i) == value
                               and type(field.itemData(i)) is type(value)), 0)
                    field.setCurrentIndex(at)
                else:
                    shown = format_number(value) if isinstance(value, (int, float)) else (value or "")
                    if field.text() != shown:
                        field.setText(shown)
            if self.value_fields:
                for widget in self.value_fields.values():
                    widget.setEnabled(mine)
                value = span.value or {}
                self.value_fields["low"].setText(format_number(value.get("low")))
                self.value_fields["high"].setText(format_number(value.get("high")))
                self.value_fields["unit"].setText(value.get("unit") or "")
                self.value_fields["approx"].setChecked(bool(value.get("approx")))
                self.value_state.setText(self._state_text(span))
            self.note.hide()
            self.body.show()
        finally:
            self._loading = False

    def _show_none(self) -> None:
        self.span = self.span_id = self.label = None
        self.title.setText(self.tr("Select a span: its attributes are shown here"))
        self.body.hide()  # its fields stay, for the next span of a label with the same attributes
        self.note.hide()

    def _show_plain(self, span_id: int, start: int, end: int, label) -> None:
        """A span whose label has no attributes and no figure value: its text, and that it has none."""
        self.span, self.span_id, self.label = None, span_id, label
        self._set_title(start, end, label)
        self.body.hide()
        self.note.setText(self.tr("The label {0} has no attributes (Edit > Labels adds them)").format(
            isolate(label.name)))
        self.note.show()

    def _set_title(self, start: int, end: int, label) -> None:
        text = snippet(self.editor.text[start:end], 50)
        self.title.setText(self.tr("{0} ({1})").format(isolate(text), isolate(label.name)))

    def _fresh(self, span_id: int):
        try:
            return self.project.span(span_id)
        except Exception:
            return None

    def _build(self, span, label) -> None:
        """The fields of ``label``'s attributes (and its figure value), in place of the others."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields, self.value_fields = {}, {}
        for definition in label.attributes:
            field = self._field(definition, span.attrs.get(definition.name))
            tip = definition.guide.description
            if definition.guide.examples:
                tip += "\n" + "\n".join("• " + e for e in definition.guide.examples)
            field.setToolTip(tip.strip())
            name = isolate(definition.name) + (" *" if definition.required else "")
            self.form.addRow(name, field)
            self.fields[definition.name] = field
        if label.figure_values:
            self._value_rows(span, True)

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
        self.flush()
        if self.span is None:  # (the fields kept for the next span are hidden)
            return None
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
            self.flush()
            self._show(self._fresh(span_id))

    def report(self, exc, title) -> None:
        self.editor.report(exc, title)

    def undo_failed(self, command, exc) -> None:
        self.editor.undo_failed(command, exc)

    def owns(self, row) -> bool:
        return row is not None and row[CODER] == self.editor.coder.id
