"""The review (adjudication) window on a real project with three coders: every decision is
checked in the project file (gold spans, provenance, status, rejections)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.core.model import DocStatus
from annotator.store import Project
from annotator.store.adjudicate import adjudicate
from annotator.ui.bidi import plain

# Written for these tests (no third-party text).
DOC1 = ("أعلنت قيادة العمليات المشتركة أن القوات نفذت 12 غارة جوية شمال المدينة.\n"
        "وقال المتحدث إن العملية ستستمر حتى تأمين الطريق الرئيسي.")
DOC2 = "ذكر التقرير أن 300 عائلة عادت إلى القرية بعد انتهاء المعارك."


def _at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


@pytest.fixture
def review_project(make_project):
    project = make_project({"one": DOC1, "two": DOC2}, coder=None)
    labels = {label.name: label.id for label in project.labels()}
    coders = {name: project.ensure_coder(name) for name in ("rana", "omar", "lina")}
    d1, d2 = (info.id for info in project.documents())
    ent = _at(DOC1, "قيادة العمليات المشتركة")
    claim = _at(DOC1, "العملية ستستمر")
    claim_long = (claim[0], _at(DOC1, "تأمين الطريق")[1])
    fig = _at(DOC1, "12 غارة")
    for name in coders:  # everyone marks the entity: the pre-merge takes it
        project.add_span(d1, coders[name].id, labels["entity"], *ent)
    project.add_span(d1, coders["rana"].id, labels["claim"], *claim)
    project.add_span(d1, coders["omar"].id, labels["claim"], *claim_long)
    project.add_span(d1, coders["lina"].id, labels["figure"], *fig)
    project.add_span(d2, coders["omar"].id, labels["figure"], *_at(DOC2, "300 عائلة"))
    for coder in coders.values():
        for doc in (d1, d2):
            project.set_status(doc, coder.id, DocStatus.DONE)
    adjudicate(project, ["rana", "omar", "lina"])
    project.ids = {"d1": d1, "d2": d2, "ent": ent, "claim": claim, "claim_long": claim_long, "fig": fig,
                   "labels": labels}
    return project


@pytest.fixture
def open_review(app, qtbot):
    from annotator.ui.review.window import ReviewWindow

    def make(project, **kwargs):
        window = ReviewWindow(project, "judge", **kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.view.setFocus()
        app.processEvents()
        return window

    return make


def gold(project, doc_id):
    """Gold spans on disk, read through a second, read-only connection."""
    with Project.open(project.path, readonly=True) as other:
        g = other.gold_coder()
        names = {label.id: label.name for label in other.labels()}
        return [(s.start, s.end, names[s.label_id], s.provenance) for s in other.spans(doc_id, g.id)]


def keys(widget, key, mods=Qt.NoModifier):
    QTest.keyClick(widget, key, mods)


def test_opens_on_the_first_open_disagreement_with_progress(review_project, open_review):
    w = open_review(review_project)
    c = w.controller
    assert c.doc_id == review_project.ids["d1"]
    assert [(x.start, x.end, x.label) for x in c.review.open] == sorted(
        [(*review_project.ids["fig"], "figure"), (*review_project.ids["claim"], "claim"),
         (*review_project.ids["claim_long"], "claim")])
    assert len(w.panel.rows()) == 3
    assert w.panel.progress.text() == ("Document 1 of 2 · adjudicated 0 of 2 · "
                                      "open disagreements: 3 here / 4 in total")
    assert len(gold(review_project, c.doc_id)) == 1  # the agreed entity, pre-merged


def test_accept_with_key_writes_gold_with_provenance_and_closes_rivals(review_project, open_review):
    w = open_review(review_project)
    c, ids = w.controller, review_project.ids
    short = next(x for x in c.review.open if (x.start, x.end) == ids["claim"])
    c.jump(short)
    keys(w.view, Qt.Key_A)
    spans = gold(review_project, ids["d1"])
    accepted = [s for s in spans if s[2] == "claim"]
    assert [(s[0], s[1]) for s in accepted] == [ids["claim"]]
    prov = accepted[0][3]
    assert prov["source"] == "review" and prov["proposed_by"] == ["rana"] and prov["by"] == "judge" and prov["at"]
    # omar's longer claim competes with the accepted gold span: no longer open
    assert [(x.start, x.end, x.label) for x in c.review.open] == [(*ids["fig"], "figure")]
    assert "open disagreements: 1 here / 2 in total" in w.panel.progress.text()


def test_accept_by_clicking_in_the_list_button(review_project, open_review):
    w = open_review(review_project)
    ids = review_project.ids
    item = next(row for row in w.panel.rows() if plain(row.text(1)) == "figure")
    w.panel.list.setCurrentItem(item)
    QTest.mouseClick(w.panel.accept_button, Qt.LeftButton)
    assert (*ids["fig"], "figure") in [s[:3] for s in gold(review_project, ids["d1"])]


def test_reject_is_stored_and_survives_reopening(review_project, open_review, qtbot):
    w = open_review(review_project)
    c, ids = w.controller, review_project.ids
    fig = next(x for x in c.review.open if x.label == "figure")
    c.jump(fig)
    keys(w.view, Qt.Key_R)
    assert fig not in c.review.open
    with Project.open(review_project.path, readonly=True) as other:
        records = other.setting(f"review_rejected:{ids['d1']}")
    assert [(r["start"], r["end"], r["label"], r["by"]) for r in records] == [(*ids["fig"], "figure", "judge")]
    assert all(s[2] != "figure" for s in gold(review_project, ids["d1"]))
    again = open_review(review_project)
    assert fig not in again.controller.review.open
    again.close()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    # undo brings it back as open (and off the stored list)
    keys(w.view, Qt.Key_Z, Qt.ControlModifier)
    assert review_project.setting(f"review_rejected:{ids['d1']}") == []
    assert fig in c.review.open


def test_draw_a_new_gold_span_with_a_label_key(review_project, open_review):
    w = open_review(review_project)
    ids = review_project.ids
    start, end = _at(DOC1, "الطريق الرئيسي")
    w.view.select_range(start - 1, end)  # the space before is trimmed
    keys(w.view, Qt.Key_1)
    drawn = [s for s in gold(review_project, ids["d1"]) if (s[0], s[1]) == (start, end)]
    assert len(drawn) == 1 and drawn[0][2] == "entity"
    assert drawn[0][3]["source"] == "manual" and drawn[0][3]["by"] == "judge"


def test_adjust_edges_of_a_gold_span_by_keys_snapping_to_clusters(review_project, open_review):
    w = open_review(review_project)
    c, ids = w.controller, review_project.ids
    row = next(iter(c.gold_index.spans.values()))
    c.select(row)
    keys(w.view, Qt.Key_F2)  # resize mode: the arrows move the selected gold span's edges
    keys(w.view, Qt.Key_Left, Qt.ControlModifier)  # end: one word forward (RTL: left)
    start, end = ids["ent"]
    new_end = _at(DOC1, "أن القوات")[0] + 2
    spans = gold(review_project, ids["d1"])
    assert [(s[0], s[1]) for s in spans] == [(start, new_end)]
    prov = spans[0][3]
    assert prov["adjusted_by"] == "judge" and prov["original"] == [start, end] and prov["source"] == "auto"
    keys(w.view, Qt.Key_Right, Qt.ShiftModifier)  # start: one character back
    # one step back lands on the space before the span, which trimming undoes: the start goes on
    # to the last letter of the word before
    assert DOC1[start - 1] == " "
    assert gold(review_project, ids["d1"])[0][:2] == (start - 2, new_end)


def test_delete_undo_redo_keep_provenance(review_project, open_review):
    w = open_review(review_project)
    c, ids = w.controller, review_project.ids
    before = gold(review_project, ids["d1"])
    c.select(next(iter(c.gold_index.spans.values())))
    keys(w.view, Qt.Key_Delete)
    assert gold(review_project, ids["d1"]) == []
    keys(w.view, Qt.Key_Z, Qt.ControlModifier)
    assert gold(review_project, ids["d1"]) == before
    keys(w.view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert gold(review_project, ids["d1"]) == []


def test_undo_and_redo_an_accept(review_project, open_review):
    w = open_review(review_project)
    c, ids = w.controller, review_project.ids
    c.jump(next(x for x in c.review.open if x.label == "figure"))
    keys(w.view, Qt.Key_A)
    assert len(gold(review_project, ids["d1"])) == 2
    keys(w.view, Qt.Key_Z, Qt.ControlModifier)
    assert len(gold(review_project, ids["d1"])) == 1
    assert any(x.label == "figure" for x in c.review.open)
    keys(w.view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert (*ids["fig"], "figure") in [s[:3] for s in gold(review_project, ids["d1"])]


def test_mark_adjudicated_with_ctrl_enter_and_undo(review_project, open_review):
    w = open_review(review_project)
    c, ids = w.controller, review_project.ids
    g = review_project.gold_coder()
    keys(w.view, Qt.Key_Return, Qt.ControlModifier)
    with Project.open(review_project.path, readonly=True) as other:
        assert other.status(ids["d1"], g.id) == DocStatus.DONE
    assert c.review.open == [] and "adjudicated 1 of 2" in w.panel.progress.text()
    assert "open disagreements: 0 here / 1 in total" in w.panel.progress.text()
    keys(w.view, Qt.Key_Z, Qt.ControlModifier)
    assert review_project.status(ids["d1"], g.id) == DocStatus.NEW
    assert len(c.review.open) == 3


def test_next_open_disagreement_walks_the_document_then_the_corpus(review_project, open_review):
    w = open_review(review_project)
    c, ids = w.controller, review_project.ids
    seen = []
    for _ in range(4):
        keys(w.view, Qt.Key_N)
        seen.append((c.doc_id, c.current.start, c.current.label))
    assert [s[0] for s in seen] == [ids["d1"]] * 3 + [ids["d2"]]
    assert seen[3][1:] == (_at(DOC2, "300 عائلة")[0], "figure")
    assert "Document 2 of 2" in w.panel.progress.text()
    keys(w.view, Qt.Key_N)  # wraps around to the first document
    assert c.doc_id == ids["d1"]


def test_click_on_text_picks_the_gold_span_then_the_candidates(review_project, open_review):
    from tests.ui.helpers import click

    w = open_review(review_project)
    c, ids = w.controller, review_project.ids
    click(w.view, ids["claim"][0] + 2)
    assert c.current is not None and c.current.label == "claim"
    first = c.current
    click(w.view, ids["claim"][0] + 2)
    assert c.current is not None and c.current != first and c.current.label == "claim"


def test_read_only_project_changes_nothing(review_project, open_review, tmp_path):
    path = review_project.path
    review_project.close()
    with Project.open(path, readonly=True) as ro:
        w = open_review(ro)
        c = w.controller
        c.jump(c.review.open[0])
        keys(w.view, Qt.Key_A)
        keys(w.view, Qt.Key_Return, Qt.ControlModifier)
        assert len(gold(ro, c.doc_id)) == 1
        w.close()


def test_render_review_writes_a_png(review_project, app, tmp_path):
    from PySide6.QtGui import QImage

    from annotator.ui.review.command import render_review

    path = review_project.path
    review_project.close()
    out = render_review(path, tmp_path / "review.png", size=(1000, 700))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)


def test_review_command_registers_its_options():
    import argparse

    from annotator.ui.review.command import register

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["review", "p.annot", "--coders", "a,b", "--as", "judge"])
    assert (args.project, args.coders, args.adjudicator) == ("p.annot", "a,b", "judge")


def test_each_coder_lane_is_painted_under_its_span(review_project, open_review):
    """rana's claim (lane 0) and omar's longer claim (lane 1) are painted in the claim colour at
    their own heights, under the words they cover, and not under the words they do not."""
    from PySide6.QtGui import QColor

    w = open_review(review_project)
    ids, view = review_project.ids, w.view
    image = view.viewport().grab().toImage()
    claim = QColor(review_project.labels().by_name("claim").color)
    from annotator.ui.review.view import lane_y
    from benchmarks.pixel_truth import line_truth

    para, origin = next((p, o) for b, p, o in view.visible_paragraphs() if b == 1)

    def claim_pixels(lane: int, start: int, end: int) -> int:
        """Pixels of the claim colour at the lane's height, under the painted ink of the words."""
        line = para.line_of(start)
        y = round(origin.y() + lane_y(para, line, lane))
        xs = [x for c in line_truth(view, para, origin, line) if start <= c.start < end and c.x1 > c.x0
              for x in range(int(c.x0) + 1, int(c.x1) - 1)]
        return sum(1 for x in xs for dy in (-1, 0, 1)
                   if QColor(image.pixel(x, y + dy)).name() == claim.name())

    tail = (ids["claim"][1] + 1, ids["claim_long"][1])  # "حتى تأمين": only omar's claim covers it
    assert claim_pixels(0, *ids["claim"]) > 10
    assert claim_pixels(1, *ids["claim"]) > 5  # dashed
    assert claim_pixels(1, *tail) > 5
    assert claim_pixels(0, *tail) == 0
