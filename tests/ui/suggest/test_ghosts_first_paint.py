"""A window's first paint shows the ghosts of the suggestions on screen having read only those
(one read of the visible range); the whole document's follow just after that paint, and the
picture does not change when they come. Keys pressed before then still see every suggestion."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.ui.main_window import MainWindow
from annotator.ui.suggest.ghosts import GhostPainter
from helpers import fixture_text, key

DAMASCUS = fixture_text("ui/aqmar_damascus.txt")
WORD = "دمشق"


def long_project(make_project):
    """The Damascus text 40 times over (one screen shows its start only), a suggestion on every
    occurrence of دمشق."""
    text = "\n".join([DAMASCUS.strip()] * 40)
    project = make_project({"doc": text})
    doc = project.documents()[0].id
    entity = project.labels().by_name("entity").id
    at, starts = text.find(WORD), []
    while at >= 0:
        starts.append(at)
        at = text.find(WORD, at + 1)
    with project.transaction() as tx:
        tx.put_suggestions([(doc, s, s + len(WORD), entity, 0.9, "occurrences", None) for s in starts])
    return project, doc, text, starts


def shown_unprocessed(project, qtbot, monkeypatch):
    """The window shown and painted once, no event handled since: what the first paint did."""
    reads = []
    real = project.suggestions

    def counted(*args, **kwargs):
        reads.append(kwargs.get("within"))
        return real(*args, **kwargs)

    monkeypatch.setattr(project, "suggestions", counted)
    window = MainWindow(project, project.coder("rana"), restore=False)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    return window, reads


def opened(make_project, qtbot, monkeypatch):
    """The long project's window shown and painted once: (project, doc, text, starts, window, reads)."""
    project, doc, text, starts = long_project(make_project)
    window, reads = shown_unprocessed(project, qtbot, monkeypatch)
    return project, doc, text, starts, window, reads


def entity_color(project, view) -> QColor:
    return view.highlighter.colors[project.labels().by_name("entity").id]


def ghost_pixels(view, color: QColor) -> int:
    """Pixels of the viewport in the ghosts' outline colour (the text has no spans: nothing else
    is drawn in the label's colour)."""
    pen = QColor(color).darker(110)
    image = view.viewport().grab().toImage()
    n = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - pen.red()) + abs(c.green() - pen.green()) + abs(c.blue() - pen.blue()) < 60:
                n += 1
    return n


def test_first_paint_reads_the_screen_only_and_the_rest_changes_nothing_on_it(app, make_project, qtbot,
                                                                              monkeypatch):
    project, doc, text, starts, window, reads = opened(make_project, qtbot, monkeypatch)
    view, controller = window.view, window.suggest
    color = entity_color(project, view)
    first = view.viewport().grab().toImage()
    assert not controller.complete
    assert len(reads) == 1 and reads[0] is not None  # one read, of a range
    lo, hi = reads[0]
    assert lo <= 0 and starts[0] < hi < len(text) // 10
    assert ghost_pixels(view, color) > 20
    qtbot.waitUntil(lambda: controller.complete, timeout=5000)  # just after the paint: the rest
    assert reads[1:] == [None]
    assert [s.start for s in controller.suggestions] == starts
    assert controller.suggestions == project.suggestions(doc, project.coder("rana").id)
    view.clearFocus()  # (the window has been activated meanwhile: no caret, as in the first paint)
    assert view.viewport().grab().toImage() == first  # the same ghosts, now from every suggestion

    # a ghost-less control: the coder rejects them all; no outline is left on screen
    with project.transaction() as tx:
        for s in controller.suggestions:
            tx.reject_suggestion(s.id, project.coder("rana").id)
    controller.load()
    assert ghost_pixels(view, color) == 0


def test_scrolled_before_the_rest_is_read_the_new_screen_reads_its_own_range(app, make_project, qtbot,
                                                                          monkeypatch):
    project, doc, text, starts, window, reads = opened(make_project, qtbot, monkeypatch)
    view, controller = window.view, window.suggest
    color = entity_color(project, view)
    view.viewport().grab()
    view.scroll_to(starts[-1])
    assert ghost_pixels(view, color) > 20
    assert not controller.complete
    assert len(reads) == 2 and reads[1][0] <= starts[-1] < reads[1][1] and reads[1][0] > len(text) // 2


def test_keys_before_the_rest_is_read_see_every_suggestion(app, make_project, qtbot, monkeypatch):
    project, doc, text, starts, window, reads = opened(make_project, qtbot, monkeypatch)
    view, controller = window.view, window.suggest
    view.viewport().grab()
    assert not controller.complete
    key(view, Qt.Key_Up, Qt.AltModifier)  # the previous one from the start: the document's last
    assert controller.complete and view.selection() == (starts[-1], starts[-1] + len(WORD))


def test_a_window_closed_before_the_rest_is_read_reads_no_more(app, make_project, qtbot, monkeypatch):
    project, doc, text, starts, window, reads = opened(make_project, qtbot, monkeypatch)
    window.view.viewport().grab()
    window.close()
    qtbot.wait(50)
    assert len(reads) == 1 and not window.suggest.complete
    assert any(isinstance(o, GhostPainter) for o in window.view.overlays)
