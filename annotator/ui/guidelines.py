"""Guidelines in the window (issue 16): what each label, relation type, attribute and document label
means, on hover (the label palette, a span's tooltip) and in the Guidelines panel, which shows the
project's codebook (Markdown) followed by every guideline of the schema.

The codebook comes from the project file, a stranger's file perhaps: it is rendered by Qt's own
Markdown reader into a browser that loads nothing (no images, no files, no network: ``loadResource``
answers nothing) and opens only http(s) links, in the system's browser, when clicked.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QToolTip

from annotator.ui.annotate.relations import arrow, listed
from annotator.ui.bidi import isolate


def guide_html(guide, *, limit: int = 600) -> str:
    """A guideline (``core.schema.Guide``) as a few lines of escaped rich text; "" when it is empty."""
    if guide is None or (not guide.description and not guide.examples):
        return ""
    text = guide.description if len(guide.description) <= limit else guide.description[: limit - 1] + "…"
    out = escape(text).replace("\n", "<br>")
    if guide.examples:
        out += "<br>" + "<br>".join("• " + escape(isolate(e)) for e in guide.examples[:4])
    return out


def label_tooltip(label, base: str = "") -> str:
    """The palette's tooltip of a label: how to apply it, then its guideline and its attributes."""
    parts = [escape(base)] if base else []
    guide = guide_html(getattr(label, "guide", None))
    if guide:
        parts.append(guide)
    attributes = getattr(label, "attributes", ())
    if attributes:
        parts.append(listed(escape(isolate(a.name)) for a in attributes))
    return "<br>".join(parts)


class PaletteTips(QObject):
    """Tooltips of the label palette with each label's guideline (an event filter: the palette
    keeps its own short tooltip, this adds the rest)."""

    def __init__(self, palette) -> None:
        super().__init__(palette)
        self.palette = palette
        palette.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() != QEvent.ToolTip:
            return False
        item = self.palette.itemAt(event.pos())
        if item is None:
            return False
        label = self.palette.schema.by_id(item.data(Qt.UserRole))
        if label is None:
            return False
        QToolTip.showText(event.globalPos(), label_tooltip(label, item.toolTip()), self.palette)
        return True


class SealedDocument(QTextDocument):
    """A rich text document that loads nothing: an image or a style sheet it names (``file://``,
    ``http://``, a relative path) is an empty resource, never read (Qt would read local files)."""

    def loadResource(self, kind, url):  # noqa: N802
        return QByteArray()


class GuidelinesPanel(QTextBrowser):
    """The codebook, then the guideline of every label (with its attributes), relation type and
    document label group. ``refresh()`` after the schema changes."""

    def __init__(self, project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.setObjectName("guidelinesPanel")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open)
        self.refresh()

    def loadResource(self, kind, url):  # noqa: N802 - nothing is loaded from a project's text
        return QByteArray()

    def _open(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def refresh(self) -> None:
        document = SealedDocument(self)
        document.setDefaultFont(self.font())
        codebook = self.project.codebook() or ""
        if codebook.strip():  # raw HTML in it is shown as text, never interpreted
            document.setMarkdown(codebook, QTextDocument.MarkdownFeature(
                QTextDocument.MarkdownDialectGitHub.value | QTextDocument.MarkdownNoHTML.value))
        else:
            document.setHtml("<p><i>" + escape(self.tr("This project has no codebook yet (Edit > Labels, Codebook)"))
                             + "</i></p>")
        cursor = QTextCursor(document)
        cursor.movePosition(QTextCursor.End)
        cursor.insertHtml(self.schema_html())
        self.setDocument(document)

    def schema_html(self) -> str:
        labels_title, relations_title, groups_title = self.tr("Labels"), self.tr("Relations"), self.tr("Document labels")
        out = ["<hr>", f"<h2>{escape(labels_title)}</h2>"]
        for label in self.project.labels():
            key = f" [{escape(label.hotkey)}]" if label.hotkey else ""
            out.append(f"<h3><span style='color:{label.color}'>■</span> {escape(isolate(label.name))}{key}</h3>")
            guide = guide_html(label.guide, limit=20000)
            if guide:
                out.append(f"<p>{guide}</p>")
            for attribute in label.attributes:
                values = listed(escape(isolate(v)) for v in attribute.values)
                kind = {"choice": values, "text": escape(self.tr("free text")), "number": escape(self.tr("a number")),
                        "bool": escape(self.tr("yes / no"))}.get(attribute.kind, "")
                required = escape(self.tr(" (required)")) if attribute.required else ""
                line = f"<b>{escape(isolate(attribute.name))}</b>{required}: {kind}"
                guide = guide_html(attribute.guide, limit=20000)
                out.append(f"<p>{line}" + (f"<br>{guide}" if guide else "") + "</p>")
        types = self.project.relation_types()
        if types:
            out.append(f"<h2>{escape(relations_title)}</h2>")
            for rtype in types:
                key = f" [{escape(rtype.hotkey)}]" if rtype.hotkey else ""
                pairs = listed(f"{escape(isolate(h))} {arrow()} {escape(isolate(c))}" for h, c in rtype.pairs) or \
                    escape(self.tr("any labels"))
                out.append(f"<h3><span style='color:{rtype.color}'>■</span> {escape(isolate(rtype.name))}{key}</h3>"
                           f"<p>{pairs}</p>")
                guide = guide_html(rtype.guide, limit=20000)
                if guide:
                    out.append(f"<p>{guide}</p>")
        groups = self.project.doc_label_groups()
        if groups:
            out.append(f"<h2>{escape(groups_title)}</h2>")
            for group in groups:
                choice = self.tr("several may apply") if group.multiple else self.tr("one applies")
                values = listed(escape(isolate(v)) for v in group.values)
                out.append(f"<h3>{escape(isolate(group.name))}</h3><p>{values} ({escape(choice)})</p>")
                guide = guide_html(group.guide, limit=20000)
                if guide:
                    out.append(f"<p>{guide}</p>")
        return "".join(out)
