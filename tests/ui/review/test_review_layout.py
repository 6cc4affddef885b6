"""The review window fits its screen, mirrors in Arabic, keeps a selection colour apart from the
label tints, separates agreed candidates from disagreements and never draws one gold span twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.ui.bidi import plain
from tests.ui.review.test_review import DOC1, _at, gold, keys, open_review, review_project  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[3]


def test_opens_inside_the_available_screen_with_its_status_bar(review_project, open_review):
    w = open_review(review_project)
    area = w.screen().availableGeometry()
    frame = w.frameGeometry()
    assert area.contains(frame), f"window {frame} is larger than the screen {area}"
    bar = w.statusBar()
    corner = bar.mapToGlobal(bar.rect().bottomRight())
    assert bar.isVisible() and area.contains(corner)


def test_at_1366x768_the_whole_window_is_on_screen(review_project, tmp_path):
    """A real 1366x768 screen (the offscreen platform's screen configuration), in a child process."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    path = review_project.path
    review_project.close()
    shot = tmp_path / "review-1366x768.png"
    script = f"""
import json
from annotator.ui.app import make_app
from annotator.store import Project
from annotator.ui.review.window import ReviewWindow
app = make_app(language="en")
with Project.open({str(path)!r}, readonly=True) as project:
    w = ReviewWindow(project, "judge")
    w.show()
    for _ in range(3):
        app.processEvents()
    area, frame = w.screen().availableGeometry(), w.frameGeometry()
    bar = w.statusBar().mapToGlobal(w.statusBar().rect().bottomRight())
    w.grab().save({str(shot)!r})
    print(json.dumps([area.width(), area.height(), frame.x(), frame.y(), frame.width(), frame.height(),
                      bar.x(), bar.y()]))
    w.close()
"""
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    aw, ah, x, y, fw, fh, bx, by = json.loads(result.stdout.strip().splitlines()[-1])
    assert (aw, ah) == (1366, 768)
    assert x >= 0 and y >= 0 and x + fw <= aw and y + fh <= ah
    assert 0 <= bx <= aw and 0 <= by <= ah  # the status bar's far corner is on the screen
    assert shot.stat().st_size > 10_000


def _background(view, image, start: int, end: int) -> QColor:
    """The most common colour around the painted letters of ``[start, end)``: the tint behind them."""
    from collections import Counter

    from helpers import glyph

    found = Counter()
    for pos in range(start, end):
        if DOC1[pos].isspace():
            continue  # a space paints no ink to stand by
        cluster = glyph(view, pos)
        for x in range(int(cluster.x0), int(cluster.x1) + 1):
            for y in range(int(cluster.y) - 8, int(cluster.y) + 4):
                found[image.pixel(x, y)] += 1
    return QColor(found.most_common(1)[0][0])


def test_selection_is_painted_unlike_the_gold_tint(review_project, open_review):
    w = open_review(review_project)
    view, ids = w.view, review_project.ids
    start, end = _at(DOC1, "الطريق الرئيسي")
    view.select_range(start, end)
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    selection = _background(view, image, start, end)
    gold_tint = _background(view, image, *ids["ent"])  # the pre-merged entity, tinted
    plain_text = _background(view, image, *_at(DOC1, "وقال المتحدث"))
    distance = sum((a - b) ** 2 for a, b in zip(selection.getRgb()[:3], gold_tint.getRgb()[:3])) ** 0.5
    assert selection != plain_text and gold_tint != plain_text, (selection.name(), gold_tint.name())
    assert distance > 40, (selection.name(), gold_tint.name())


def test_arabic_review_window_is_mirrored(arabic, review_project, open_review):
    w = open_review(review_project)
    assert w.isRightToLeft()
    documents = w.documents.mapTo(w, w.documents.rect().center()).x()
    panel = w.panel.mapTo(w, w.panel.rect().center()).x()
    text = w.view.mapTo(w, w.view.rect().center()).x()
    assert documents > text > panel  # documents on the right (read first), decisions on the left
    assert w.menuBar().actionGeometry(w.menuBar().actions()[0]).left() > w.width() / 2
    w.grab().save("/tmp/review-ar.png")


def test_agreed_candidates_are_listed_apart_from_disagreements(review_project, open_review):
    w = open_review(review_project)
    c, ids = w.controller, review_project.ids
    lina = review_project.coder("lina")
    rana, omar = review_project.coder("rana"), review_project.coder("omar")
    place = _at(DOC1, "شمال المدينة")
    for coder in (rana, omar, lina):  # every coder makes the same span: agreed, not yet in gold
        review_project.add_span(ids["d1"], coder.id, ids["labels"]["entity"], *place)
    c.open_document(ids["d1"])
    tree = w.panel.list
    heads = [plain(tree.topLevelItem(i).text(0)) for i in range(tree.topLevelItemCount())]
    assert heads == ["Disagreements (3)", "Agreed by every coder, not yet in gold (1)"]
    agreed = tree.topLevelItem(1).child(0)
    assert plain(agreed.text(0)) == "شمال المدينة" and plain(agreed.text(3)) == "3"
    disputed = [plain(tree.topLevelItem(0).child(i).text(1)) for i in range(3)]
    assert sorted(disputed) == ["claim", "claim", "figure"]
    assert "Disagreements first" in w.panel.list_title.text()
    assert not tree.topLevelItem(0).flags() & Qt.ItemIsSelectable  # a heading is not a candidate
    assert "disagreements: 3 here" in w.panel.progress.text() and "agreed, not yet in gold: 1 here" in w.panel.progress.text()
    # accepting it from the list takes it to gold
    tree.setCurrentItem(agreed)
    w.panel.accept_button.click()
    assert (*place, "entity") in [s[:3] for s in gold(review_project, ids["d1"])]
    assert tree.topLevelItem(1).childCount() == 0


def test_the_same_gold_span_cannot_be_drawn_twice(review_project, open_review):
    w = open_review(review_project)
    ids = review_project.ids
    start, end = _at(DOC1, "الطريق الرئيسي")
    for _ in range(2):
        w.view.select_range(start, end)
        keys(w.view, Qt.Key_1)
    drawn = [s for s in gold(review_project, ids["d1"]) if s[:3] == (start, end, "entity")]
    assert len(drawn) == 1
    assert "already" in w.statusBar().currentMessage()
    # undo removes the one span; the refused second draw left nothing on the undo stack
    keys(w.view, Qt.Key_Z, Qt.ControlModifier)
    assert [s for s in gold(review_project, ids["d1"]) if s[:3] == (start, end, "entity")] == []


def test_hover_text_escapes_names_and_isolates_ranges(review_project, open_review):
    ids = review_project.ids
    odd = review_project.ensure_coder("<i>ليلى</i>")
    start, end = _at(DOC1, "الطريق الرئيسي")
    review_project.add_span(ids["d1"], odd.id, ids["labels"]["entity"], start, end)
    w = open_review(review_project)
    text = w.controller.tooltip(start + 1)
    assert "&lt;i&gt;ليلى&lt;/i&gt;" in text and "<i>" not in text
    assert f"\u2066{start}–{end}\u2069" in text
