"""Labels are shared: a rename made in the label editor while another lead renamed the same label
(the dialog was open) is refused with a message, and the editor lists the label as it is now."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from annotator.store import Project
from annotator.ui.annotate.label_editor import LabelEditor
from annotator.ui.bidi import plain


def test_a_rename_overtaken_by_another_lead_is_refused_and_the_list_refreshes(app, qtbot, pg_url, monkeypatch):
    Project.create(pg_url).close()
    mine, theirs = Project.open(pg_url), Project.open(pg_url)
    try:
        editor = LabelEditor(mine)
        qtbot.addWidget(editor)
        claim = mine.labels().by_name("claim")
        editor.refresh(claim.id)

        calls = []

        def dialog(*args, **kwargs):  # while the first dialog is open, the other lead renames it
            if not calls:
                theirs.update_label(claim.id, name="ادعاء", expected_version=theirs.version("label", claim.id))
            calls.append(1)
            return "زعم", True

        monkeypatch.setattr(QInputDialog, "getText", dialog)
        editor.rename()
        assert mine.labels().by_id(claim.id).name == "ادعاء"  # theirs stays
        boxes = [b.text() for b in editor.findChildren(QMessageBox, "errorDialog")]
        assert boxes and "someone else" in boxes[-1]
        assert plain(editor.list.item(1).text()).startswith("ادعاء")
        editor.rename()  # now against the current version: saved
        assert mine.labels().by_id(claim.id).name == "زعم"
    finally:
        mine.close()
        theirs.close()
