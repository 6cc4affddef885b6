"""The Agreement window: tables from the report, export buttons, and the disagreement signal."""

import json
from pathlib import Path

import pytest

from annotator.agreement.report import build_report
from annotator.agreement.report_data import DocumentData, ReportInput
from annotator.ui.agreement_window import AgreementWindow

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


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
    assert window.summary.rowCount() == 6
    assert window.summary.item(2, 0).text() == "Krippendorff's α"
    assert window.summary.item(2, 1).text() == f"{report['krippendorff_alpha']['pooled']:.3f}"
    assert window.pairs.rowCount() == 3 and window.pairs.item(0, 0).text() == "علي – mona"
    assert [window.labels.item(r, 0).text() for r in range(window.labels.rowCount())] == ["all labels", "شخص", "مكان", "رقم"]
    assert window.documents.item(1, 0).text() == "second"
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
    monkeypatch.setattr("annotator.ui.agreement_window.show_error", lambda parent, title, exc: shown.append((title, str(exc))))
    window = AgreementWindow(report)
    qtbot.addWidget(window)
    assert window.export("json", tmp_path / "missing" / "r.json") is None
    assert shown and shown[0][0] == "Could not save the report" and "missing" in shown[0][1]
