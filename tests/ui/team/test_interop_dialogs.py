"""The GUI's import and export dialogs take their formats from the registry (issue 20): every new
format is offered, the chosen filter is the import format, and a chosen export format writes its file."""

from __future__ import annotations

import json

from annotator.formats.registry import EXPORTERS, IMPORTERS
from annotator.ui.team import menu as team_actions
from test_team_menu import annotated, wait_runner

NEW = {"hf", "spacy", "prodigy", "labelstudio", "xmi", "refi"}


def test_export_dialog_offers_every_exporter_with_its_options(make_project, open_window, qtbot, tmp_path):
    project, _doc = annotated(make_project)
    window = open_window(project)
    dialog = team_actions.ExportDialog(window)
    qtbot.addWidget(dialog)
    offered = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert set(offered) == set(EXPORTERS) and NEW <= set(offered)
    dialog.format.setCurrentIndex(offered.index("hf"))
    assert dialog.split.isEnabled() and not dialog.align.isEnabled() and dialog.suffix() == ""
    dialog.format.setCurrentIndex(offered.index("spacy"))
    assert dialog.align.isEnabled() and not dialog.split.isEnabled() and dialog.suffix() == ".spacy"
    dialog.align.setCurrentIndex(dialog.align.findData("strict"))
    assert dialog.options().align == "strict"
    dialog.show()
    qtbot.waitExposed(dialog)
    shot = tmp_path / "export-dialog.png"
    assert dialog.grab().save(str(shot)) and shot.stat().st_size > 5000


def test_export_dialog_writes_the_chosen_format(make_project, open_window, qtbot, tmp_path):
    project, _doc = annotated(make_project)
    window = open_window(project)
    dialog = team_actions.ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("labelstudio"))
    out = tmp_path / "tasks.json"
    runner = team_actions.export_dialog(window, str(out), dialog)
    wait_runner(qtbot, runner)
    assert runner.error is None
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    (annotation,) = task["annotations"]
    assert annotation["result"][0]["value"]["text"] == "وزير الدفاع"


def test_import_dialog_filters_come_from_the_registry_and_choose_the_format(make_project, open_window, tmp_path):
    project, _doc = annotated(make_project)
    window = open_window(project)
    seen = {}

    def fake_dialog(parent, title, folder, filters):
        seen["filters"] = filters.split(";;")
        return [str(tmp_path / "db.jsonl")], next(f for f in seen["filters"] if f.startswith("prodigy:"))

    paths, fmt = window.choose_import_files(dialog=fake_dialog)
    assert fmt == "prodigy" and paths == [str(tmp_path / "db.jsonl")]
    names = [f.split(":")[0] for f in seen["filters"][1:]]
    assert set(names) == set(IMPORTERS) and (NEW | {"webanno"}) <= set(names)
    assert "*.qdpx" in seen["filters"][0] and "*.xmi" in seen["filters"][0]
