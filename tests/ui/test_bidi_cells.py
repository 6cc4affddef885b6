"""Right-to-left text in lists, tables, menus and dialogs reads in its own order, in both interface
directions: the order is read off the rendered pixels (glyph_order.py), not off the strings."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from annotator.ui.bidi import FSI, LRI, PDI, isolate, ltr, plain, span_range
from glyph_order import assert_reads, assert_shows

ARTICLE = "قالت الوزارة إن 80 ألف باوند (36 طنا) استخدمت في الضربة."
NUMBER = "80 ألف باوند"


def _cell(view, index):
    """The view's viewport as an image, and the rectangle of ``index`` in it (without the grid line)."""
    view.scrollTo(index)
    QApplication.processEvents()
    rect = view.visualRect(index).adjusted(2, 1, -2, -1)
    return view.viewport().grab().toImage(), rect


def _span_window(make_project, open_window):
    project = make_project({"مقال": ARTICLE})
    doc = project.documents()[0].id
    rana = project.coder("rana")
    start = ARTICLE.index(NUMBER)
    project.add_span(doc, rana.id, project.labels().by_name("figure").id, start, start + len(NUMBER))
    return open_window(project), start


def test_helpers_wrap_in_isolates():
    assert isolate("نص") == f"{FSI}نص{PDI}" and ltr("Ctrl+,") == f"{LRI}Ctrl+,{PDI}"
    assert span_range(193, 212) == f"{LRI}193–212{PDI}" and plain(span_range(193, 212)) == "193–212"
    assert isolate("") == "" and plain(isolate("a") + ltr("b")) == "ab"


def test_span_list_shows_a_number_first_span_right_to_left(app, make_project, open_window):
    window, start = _span_window(make_project, open_window)
    panel = window.spans
    image, rect = _cell(panel, panel.model_.index(0, 0))
    # English interface (left-to-right cells): "80" must be at the right end, where Arabic starts
    assert_reads(image, rect, NUMBER, panel.font(), rtl=True)
    image, rect = _cell(panel, panel.model_.index(0, 2))
    assert_reads(image, rect, f"{start}–{start + len(NUMBER)}", panel.font(), rtl=False)
    window.grab().save("/tmp/span-list-80.png")


def test_span_list_in_the_arabic_interface(arabic, make_project, open_window):
    window, start = _span_window(make_project, open_window)
    panel = window.spans
    assert panel.isRightToLeft()
    image, rect = _cell(panel, panel.model_.index(0, 0))
    assert_reads(image, rect, NUMBER, panel.font(), rtl=True)
    image, rect = _cell(panel, panel.model_.index(0, 2))  # the range reads start–end, not 212–193
    assert_reads(image, rect, f"{start}–{start + len(NUMBER)}", panel.font(), rtl=False)


def test_label_row_reads_key_name_count(app, make_project, open_window):
    project = make_project({"doc": "نص"})
    project.add_label("حدث", hotkey="4")
    window = open_window(project)
    palette = window.palette_
    row = palette.item(3)
    assert plain(row.text()) == "[4]  حدث  ·  0"
    image, rect = _cell(palette, palette.indexFromItem(row))
    rect.setLeft(rect.left() + 24)  # the text, not the colour swatch (14 px) before it
    # left to right: "[4]", the name, "·", the count; without isolation the count came before the name
    assert_shows(image, rect, palette.font(), right=("[4]  حدث\u200e  ·  0", False), wrong=("[4]  حدث  ·  0", False))


def test_arabic_shortcuts_dialog_keeps_key_sequences_left_to_right(arabic, make_project, open_window, qtbot):
    from annotator.ui.shortcuts_dialog import ShortcutsDialog

    window = open_window(make_project({"doc": "نص"}))
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.tree
    wanted = {"F1, Ctrl+/": None, "Ctrl+,": None, "Ctrl+Shift+←/→": None}
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if plain(item.text(1)) in wanted:
            wanted[plain(item.text(1))] = item
    assert all(wanted.values()), wanted
    for keys, item in wanted.items():
        image, rect = _cell(tree, tree.indexFromItem(item, 1))
        assert_reads(image, rect, keys, tree.font(), rtl=False)  # not "/+F1, Ctrl" nor ",+Ctrl"
    dialog.grab().save("/tmp/shortcuts-ar.png")


def test_arabic_menu_shows_ctrl_comma(arabic, make_project, open_window, qtbot):
    from annotator.ui.bidi_style import BidiStyle, install

    install(arabic)  # what make_app does (checked in test_qt_messages.py)
    assert isinstance(arabic.style(), BidiStyle)
    window = open_window(make_project({"doc": "نص"}))
    edit = next(a.menu() for a in window.menuBar().actions() if a.menu() and
                window.actions_["preferences"] in a.menu().actions())
    edit.popup(window.mapToGlobal(QPoint(window.width() - 20, 30)))
    qtbot.waitExposed(edit)
    rect = edit.actionGeometry(window.actions_["preferences"])
    image = edit.grab().toImage()
    # the shortcut sits at the item's left end in a mirrored menu
    keys = rect.adjusted(4, 2, -rect.width() // 2, -2)
    assert_reads(image, keys, "Ctrl+,", edit.font(), rtl=False)
    edit.hide()


def test_review_list_and_agreement_table_isolate_span_text(app, make_project, qtbot):
    from annotator.core.model import DocStatus
    from annotator.ui.team.agreement_window import AgreementWindow
    from annotator.ui.review.window import ReviewWindow

    project = make_project({"مقال": ARTICLE}, coder=None)
    doc = project.documents()[0].id
    start = ARTICLE.index(NUMBER)
    figure, claim = project.labels().by_name("figure").id, project.labels().by_name("claim").id
    for name, label in (("rana", figure), ("omar", claim)):
        coder = project.ensure_coder(name)
        project.add_span(doc, coder.id, label, start, start + len(NUMBER))
        project.set_status(doc, coder.id, DocStatus.DONE)
    review = ReviewWindow(project, "judge")
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    tree = review.panel.list
    row = review.panel.rows()[0]
    image, rect = _cell(tree, tree.indexFromItem(row, 0))
    assert_reads(image, rect, NUMBER, tree.font(), rtl=True)
    agreement = AgreementWindow.from_project(project)
    qtbot.addWidget(agreement)
    agreement.show()
    agreement.tabs.setCurrentWidget(agreement.disagreements)
    qtbot.waitExposed(agreement)
    table = agreement.disagreements
    text_column = 2
    assert NUMBER in plain(table.item(0, text_column).text())
    table.setColumnWidth(text_column, 400)
    image, rect = _cell(table, table.model().index(0, text_column))
    assert_reads(image, rect, plain(table.item(0, text_column).text()), table.font(), rtl=True)
