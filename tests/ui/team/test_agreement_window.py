"""The Agreement window: tables from the report, export buttons, and the disagreement signal."""

import json
from pathlib import Path

import pytest

from annotator.agreement.report import build_report
from annotator.agreement.report.data import DocumentData, ReportInput
from annotator.ui.bidi import plain
from annotator.ui.team.agreement_window import AgreementWindow

SHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots"


@pytest.fixture
def report():
    text = "قالت الوزارة إن 80 ألف باوند (36 طنا) من الذخيرة استخدمت في الضربة."
    docs = [DocumentData(7, "مقال الوزارة", text, {"علي": [(0, 4, "شخص"), (5, 12, "مكان")],
                                                     "mona": [(0, 4, "شخص"), (16, 18, "رقم")],
                                                     "sara": [(0, 4, "شخص"), (5, 12, "شخص")]}),
            DocumentData(9, "second", "Another document <script>x</script>", {"علي": [(0, 7, "مكان")],
                                                                                "mona": [(0, 7, "مكان")], "sara": []})]
    return build_report(ReportInput(["علي", "mona", "sara"], ["شخص", "مكان", "رقم"], docs))


def test_tables_and_signal(qtbot, app, report):
    window = AgreementWindow(report)
    qtbot.addWidget(window)
    window.show()
    assert window.summary.rowCount() == 7  # kappa, Fleiss, alpha, AC1, alpha_U, F1 exact, F1 overlap
    assert plain(window.summary.item(2, 0).text()) == "Krippendorff's α"
    assert plain(window.summary.item(2, 1).text()) == f"{report['krippendorff_alpha']['pooled']:.3f}"
    assert window.pairs.rowCount() == 3 and plain(window.pairs.item(0, 0).text()) == "علي – mona"
    assert [plain(window.labels.item(r, 0).text()) for r in range(window.labels.rowCount())] == ["all labels", "شخص", "مكان", "رقم"]
    assert plain(window.documents.item(1, 0).text()) == "second"
    assert window.disagreements.rowCount() == len(report["disagreements"]) > 0
    first = report["disagreements"][0]
    with qtbot.waitSignal(window.open_disagreement, timeout=1000) as blocker:
        window.tabs.setCurrentWidget(window.disagreements)
        rect = window.disagreements.visualItemRect(window.disagreements.item(0, 2))
        from PySide6.QtCore import Qt
        qtbot.mouseClick(window.disagreements.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [first["document_id"], first["coder_a"], first["coder_b"], first["start"], first["end"]]
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "agreement_window.png"))
    window.tabs.setCurrentWidget(window.labels)
    assert window.grab().save(str(SHOTS / "agreement_window_labels.png"))


def test_exports(qtbot, app, report, tmp_path):
    window = AgreementWindow(report)
    qtbot.addWidget(window)
    assert set(window.export_buttons) == {"html", "json", "csv", "markdown", "latex"}
    saved = window.export("json", tmp_path / "r.json")
    assert json.loads(saved.read_text(encoding="utf-8"))["coders"] == ["علي", "mona", "sara"]
    page = window.export("html", tmp_path / "r.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page and "<script>" not in page
    for fmt, marker in (("csv", "scope,"), ("markdown", "| Label |"), ("latex", r"\toprule")):
        assert marker in window.export(fmt, tmp_path / f"r.{fmt}").read_text(encoding="utf-8")


def test_export_failure_is_a_dialog_not_a_traceback(qtbot, app, report, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("annotator.ui.team.agreement_window.show_error", lambda parent, title, exc: shown.append((title, str(exc))))
    window = AgreementWindow(report)
    qtbot.addWidget(window)
    assert window.export("json", tmp_path / "missing" / "r.json") is None
    assert shown and shown[0][0] == "Could not save the report" and "missing" in shown[0][1]


def _gold_project(path, adjudicated=True):
    from annotator.store import Project
    from annotator.store.adjudicate import adjudicate

    project = Project.create(path)
    text = "قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت."
    doc = project.add_document("مقال", text)
    entity, claim = project.labels().by_name("entity").id, project.labels().by_name("claim").id
    for name, spans in (("علي", [(0, 4, entity), (5, 12, claim)]), ("mona", [(0, 4, entity)])):
        coder = project.ensure_coder(name)
        for s, e, label in spans:
            project.add_span(doc.id, coder.id, label, s, e)
        project.set_status(doc.id, coder.id, "done")
    adjudicate(project)  # gold: (0, 4, entity)
    gold = project.gold_coder()
    project.add_span(doc.id, gold.id, claim, 5, 12)
    if adjudicated:
        project.set_status(doc.id, gold.id, "done")
    return project


def test_gold_tab(qtbot, app, tmp_path):
    with _gold_project(tmp_path / "g.annot") as project:
        window = AgreementWindow.from_project(project)
    qtbot.addWidget(window)
    window.show()
    gold = window.report["gold"]
    assert window.tabs.tabText(window.tabs.indexOf(window.gold)) == "Against gold"
    table = window.gold.coders
    assert [plain(table.item(r, 0).text()) for r in range(table.rowCount())] == ["علي", "mona"]
    assert plain(table.item(0, 1).text()) == "1"
    assert plain(table.item(0, 6).text()) == "1.000"                       # علي found both gold spans exactly
    mona = gold["coders"]["mona"]["span"]["exact"]["pooled"]
    assert (mona["precision"], mona["recall"]) == (1.0, 0.5)
    assert plain(table.item(1, 6).text()) == f"{2 / 3:.3f}" and plain(table.item(1, 5).text()) == "0.500"
    assert plain(table.item(1, 2).text()) == f"{gold['coders']['mona']['cohen_kappa']['pooled']:.3f}"
    labels = window.gold.labels
    assert {(plain(labels.item(r, 0).text()), plain(labels.item(r, 1).text())) for r in range(labels.rowCount())} == {
        ("علي", "entity"), ("علي", "claim"), ("mona", "entity"), ("mona", "claim")}
    assert "@gold is the reference" in window.gold.note.text()
    assert "@gold = reference" in window.gold.note.toolTip()  # the full caption of the report
    window.tabs.setCurrentWidget(window.gold)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "agreement_window_gold.png"))


def test_gold_tab_without_adjudicated_documents(qtbot, app, tmp_path):
    with _gold_project(tmp_path / "g.annot", adjudicated=False) as project:
        window = AgreementWindow.from_project(project)
    qtbot.addWidget(window)
    assert window.report["gold"] is None and window.gold.coders is None
    assert "not available" in window.gold.note.text() and "adjudicated" in window.gold.note.text()
