"""The document list (issue 21: a model over the store's rows, not one widget item per document):
titles that read at the dock's usual width, clicks, keys, filters, sorting, the open document's
highlight, span counts read for the rows painted, and the Arabic (mirrored) interface."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.model import DocStatus
from annotator.demo import demo_texts
from annotator.ui.annotate.document_list import LENGTH, SPANS, STATUS, TITLE
from annotator.ui.bidi import plain
from glyph_order import _correlation, _profile


def _cell_image(tree, row: int, column: int = TITLE):
    rect = tree.visualRect(tree.model().index(row, column))
    return tree.viewport().grab(rect).toImage()


def _click_row(tree, row: int) -> None:
    rect = tree.visualRect(tree.model().index(row, TITLE))
    QTest.mouseClick(tree.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())


def _type(widget, text: str) -> None:
    """Arabic letters as an Arabic keyboard sends them (QTest.keyClicks knows only ASCII)."""
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, ch))


def _title_fits(tree, title: str) -> bool:
    """The whole title is painted in its cell (no "…"): what Qt's delegate would draw."""
    rect = tree.visualRect(tree.model().index(0, TITLE))
    room = rect.width() - 2 * (tree.style().pixelMetric(tree.style().PixelMetric.PM_FocusFrameHMargin) + 1)
    return QFontMetrics(tree.font()).horizontalAdvance(title) <= room


def test_demo_titles_stay_distinct_in_a_narrow_list(app, make_project, open_window):
    # titles of one source, as the demo's were: the same start, the topic last
    titles = {f"ويكي الأخبار: {topic}": f"نص {i}" for i, topic in enumerate(("ثقافة", "علوم", "رياضة"))}
    window = open_window(make_project(titles))
    tree = window.documents.tree
    # the title column (it stretches) narrower than the shared start "ويكي الأخبار:": a narrow dock
    target = tree.fontMetrics().horizontalAdvance("ويكي الأخبار:")
    others = sum(tree.columnWidth(c) for c in (1, 2, 3))
    tree.setFixedWidth(target + others + 2 * tree.frameWidth() + tree.verticalScrollBar().sizeHint().width())
    QApplication.processEvents()
    assert tree.columnWidth(0) <= target + tree.verticalScrollBar().sizeHint().width()
    QApplication.processEvents()
    cells = [_cell_image(tree, row) for row in range(3)]
    assert [plain(window.documents.model.data(window.documents.model.index(r, 0))) for r in range(3)] == list(titles)
    profiles = [_profile(cell) for cell in cells]
    for i in range(3):
        for j in range(i + 1, 3):
            same = len(profiles[i]) == len(profiles[j]) and _correlation(profiles[i], profiles[j]) > 0.99
            assert not same, f"rows {i} and {j} show the same title"


def test_demo_titles_lead_with_the_topic():
    titles = [title for title, _ in demo_texts()]
    assert len({title.split()[0] for title in titles}) == len(titles)


def test_titles_read_whole_at_the_usual_dock_width(app, make_project, qtbot):
    """Last session the four columns left the title some 85 px of the 300 px dock: a few letters."""
    from annotator.ui.main_window import DOCUMENTS_WIDTH, MainWindow

    project = make_project(dict(demo_texts()))
    window = MainWindow(project, project.coder("rana"), restore=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tree = window.documents.tree
    dock = window.documents.parentWidget()
    assert abs(dock.width() - DOCUMENTS_WIDTH) <= 10
    assert tree.columnWidth(TITLE) >= 0.5 * tree.viewport().width()
    for title in [t for t, _ in demo_texts()] + ["benchmark document 00001"]:  # and the generated ones
        assert _title_fits(tree, title), title
    # the numbers are not cut either
    for column in (LENGTH, SPANS):
        text = tree.locale().toString(max(len(t) for _, t in demo_texts()))
        assert tree.fontMetrics().horizontalAdvance(text) < tree.columnWidth(column)


def test_click_keys_and_typing_a_title_open_documents(make_project, open_window):
    titles = {"أخبار الاقتصاد": "نص أول", "دِمَشْق القديمة": "نص ثان", "رياضة": "نص ثالث", "Science": "text four"}
    project = make_project(titles)
    ids = [d.id for d in project.documents()]
    window = open_window(project)
    documents, tree = window.documents, window.documents.tree
    assert window.editor.doc_id == ids[0]
    _click_row(tree, 2)
    assert window.editor.doc_id == ids[2] and window.view.text == "نص ثالث"
    tree.setFocus()
    QTest.keyClick(tree, Qt.Key_Down)
    assert window.editor.doc_id == ids[3]
    QTest.keyClick(tree, Qt.Key_Home)
    assert window.editor.doc_id == ids[0]
    QTest.keyClick(tree, Qt.Key_End)
    assert window.editor.doc_id == ids[3]
    _type(tree, "دمش")  # typed without harakat, the title has them
    assert window.editor.doc_id == ids[1]
    assert "Document 2 of 4" in window._position_label.text()
    # the open document's row is the one highlighted
    assert tree.selectionModel().selectedRows() == [documents.model.index(1, TITLE)]


def test_filters_sorting_and_the_highlight_of_the_open_document(make_project, open_window, qtbot):
    project = make_project({"b title": "نص", "a title": "نص أطول قليلا", "c other": "ن", "d title": "نصوص"})
    ids = [d.id for d in project.documents()]
    rana = project.coder("rana")
    project.set_status(ids[0], rana.id, DocStatus.DONE)
    project.set_status(ids[3], rana.id, DocStatus.IN_PROGRESS)
    window = open_window(project)
    documents, tree = window.documents, window.documents.tree
    assert window.editor.doc_id == ids[1]  # the first not done
    assert [documents.cell(d, STATUS, Qt.ToolTipRole) for d in ids] == ["done", "new", "new", "in progress"]
    QTest.keyClicks(documents.filter_edit, "TITLE")  # case folded
    assert documents.visible_order() == [ids[0], ids[1], ids[3]]
    assert documents.shown_label.isVisible() and "3 of 4" in documents.shown_label.text()
    documents.status_filter.setCurrentIndex(1)  # not done
    assert documents.visible_order() == [ids[1], ids[3]]
    documents.status_filter.setCurrentIndex(4)  # done
    assert documents.visible_order() == [ids[0]]
    documents.status_filter.setCurrentIndex(0)
    documents.filter_edit.clear()
    assert documents.visible_order() == ids and not documents.shown_label.isVisible()
    # a click on the Title header sorts by title; the open document stays the current row
    header = tree.header()
    x = header.sectionViewportPosition(TITLE) + header.sectionSize(TITLE) // 2
    QTest.mouseClick(header.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(x, 5))
    assert documents.visible_order() == [ids[1], ids[0], ids[2], ids[3]]
    assert tree.currentIndex().row() == 0 and documents.model.rows[0] == window.editor.doc_id
    assert tree.selectionModel().isRowSelected(0)
    # the keys follow the order shown
    window.go(1)
    assert window.editor.doc_id == ids[0]
    assert "Document 2 of 4" in window._position_label.text()
    documents.model.sort(LENGTH, Qt.DescendingOrder)
    assert documents.visible_order()[0] == ids[1]
    documents.model.sort(STATUS, Qt.AscendingOrder)
    assert documents.visible_order() == [ids[1], ids[2], ids[3], ids[0]]
    assert documents.model.rows[tree.currentIndex().row()] == window.editor.doc_id


def test_span_counts_are_read_for_the_rows_painted(make_project, open_window, qtbot):
    titles = {f"وثيقة {i:03d}": f"قال الوزير إن المدينة هادئة {i}" for i in range(120)}
    project = make_project(titles)
    ids = [d.id for d in project.documents()]
    rana = project.coder("rana")
    label = project.labels().by_name("entity").id
    for n, doc in enumerate(ids[:3] + ids[-2:]):
        for k in range(n + 1):
            project.add_span(doc, rana.id, label, k * 4, k * 4 + 3)
    window = open_window(project)
    documents = window.documents
    qtbot.waitUntil(lambda: documents.model.counts.get(ids[2]) is not None)
    assert [documents.cell(d, SPANS) for d in ids[:4]] == [1, 2, 3, 0]
    assert len(documents.model.counts) < 60  # only the rows painted, not the 120
    tree = documents.tree
    header = tree.header()
    header.setSortIndicator(SPANS, Qt.DescendingOrder)  # every count is read to sort by them
    assert len(documents.model.counts) == 120
    assert documents.visible_order()[:5] == [ids[-1], ids[-2], ids[2], ids[1], ids[0]]
    # a span added in the window counts at once
    header.setSortIndicator(-1, Qt.AscendingOrder)
    window.open_document(ids[5])
    window.view.select_range(0, 3)
    QTest.keyClick(window.view, Qt.Key_1)
    assert documents.cell(ids[5], SPANS) == 1


def test_the_arabic_list_is_mirrored_and_its_titles_read(arabic, make_project, qtbot, tmp_path):
    from annotator.ui.main_window import MainWindow

    project = make_project(dict(demo_texts()))
    window = MainWindow(project, project.coder("rana"), restore=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    tree = window.documents.tree
    assert tree.isRightToLeft()
    title = tree.visualRect(tree.model().index(0, TITLE))
    spans = tree.visualRect(tree.model().index(0, SPANS))
    assert title.left() > spans.left()  # the title column is read first: at the right
    assert [tree.model().headerData(c, Qt.Horizontal) for c in (TITLE, LENGTH, SPANS)] == ["العنوان", "الطول", "المقاطع"]
    assert tree.model().data(tree.model().index(0, STATUS), Qt.ToolTipRole) == "جديدة"
    for text, _ in demo_texts():
        assert _title_fits(tree, text), text
    window.documents.parentWidget().grab().save(str(tmp_path / "documents-ar.png"))
