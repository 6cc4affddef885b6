"""The Arabic interface: a complete catalogue, a mirrored main window with Arabic menus, and the
keyboard shortcuts dialog."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotator.paths import resource_path

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "annotator_ar.ts")
EN = TS.with_name("annotator_en.ts")  # English: the plural forms only
UI = ROOT / "annotator" / "ui"
ARABIC = re.compile("[\u0600-\u06ff]")
PLACEHOLDER = re.compile(r"\{\d\}")


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            out[(name, message.findtext("source"))] = message.find("translation")
    return out


def _lupdate() -> Path:
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    assert tool.exists(), f"{tool} is missing (PySide6 installs it)"
    return tool


def test_every_message_has_a_finished_arabic_translation():
    messages = _messages(TS)
    assert len(messages) > 150
    for (context, source), translation in messages.items():
        where = f"{context}: {source!r}"
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), where
        forms = [f.text or "" for f in translation.iter("numerusform")]
        if "%n" in source:  # a plural message: Arabic has six forms (0, 1, 2, 3-10, 11-99, 100+);
            # those of one and two may say the number in words ("وثيقتين"), the others show it
            assert len(forms) == 6 and all("%n" in f for f in forms[:1] + forms[3:]), where
        for text in forms or [translation.text or ""]:
            text = text.strip()
            assert text, where
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
            assert source.count("&") - 2 * source.count("&&") <= 1 and ("&" in source) == ("&" in text), where
            if re.search("[A-Za-z]{3}", re.sub(r"\{\d\}|<[^>]+>|\([^)]*\)|Shift|Ctrl|Alt|Enter|Tab|Del|Escape", "", source)):
                assert ARABIC.search(text), f"{where} is not translated into Arabic: {text!r}"


def test_every_string_in_the_sources_is_in_the_catalogue(tmp_path):
    """lupdate on today's sources: a new tr() string that nobody translated fails here."""
    fresh = tmp_path / "fresh.ts"
    result = subprocess.run([str(_lupdate()), "-silent", "-locations", "none", *map(str, sorted(UI.rglob("*.py"))),
                             "-ts", str(fresh)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    found = _messages(fresh)
    assert len(found) > 150  # lupdate really parsed the sources
    committed = _messages(TS)
    missing = sorted(key for key in found if key not in committed)
    assert not missing, f"not in {TS.name} (run scripts/build_translations.sh and translate): {missing}"
    unused = sorted(key for key in committed if key not in found)
    assert not unused, f"translated strings no longer in the sources (run scripts/build_translations.sh): {unused}"


def test_arabic_main_window_is_mirrored_with_arabic_menus(arabic, make_project, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from annotator.ui.main_window import MainWindow

    project = make_project({"مقال": "ذهب الطالب إلى المدرسة في دمشق صباحًا."})
    window = MainWindow(project, project.coder("rana"), restore=False)
    qtbot.addWidget(window)
    window.resize(1000, 600)
    window.show()
    qtbot.waitExposed(window)
    assert arabic.layoutDirection() == Qt.RightToLeft and window.layoutDirection() == Qt.RightToLeft
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&ملف", "&تحرير", "&عرض", "ا&نتقال", "ال&فريق", "ا&قتراحات", "م&ساعدة"]
    assert window.actions_["done"].text() == "تعليمها م&نجزة"
    assert window.documents.model.headerData(0, Qt.Horizontal) == "العنوان"
    assert window._position_label.text() == "الوثيقة 1 من 1"
    # mirrored: the menu bar starts at the right, the document list is docked on the right of the text
    file_menu = window.menuBar().actionGeometry(window.menuBar().actions()[0])
    assert file_menu.left() > window.width() / 2
    documents = window.documents.mapTo(window, window.documents.rect().center())
    spans = window.spans.mapTo(window, window.spans.rect().center())
    assert documents.x() > window.view.mapTo(window, window.view.rect().center()).x() > spans.x()
    shot = tmp_path / "main-window-ar.png"
    assert window.grab().save(str(shot), "PNG") and shot.stat().st_size > 10_000


def test_english_is_the_source_language(app, make_project, open_window):
    from PySide6.QtCore import Qt

    from annotator.ui import i18n

    assert i18n.apply_language(app, "en") == "en"
    window = open_window(make_project({"doc": "نص"}))
    assert app.layoutDirection() == Qt.LeftToRight
    assert [action.text() for action in window.menuBar().actions()][0] == "&File"


def test_language_choice_is_saved(app):
    from annotator.ui import i18n

    assert i18n.chosen_language() == "system"
    i18n.set_chosen_language("ar")
    assert i18n.chosen_language() == "ar" and i18n.resolve("ar") == "ar"
    with pytest.raises(ValueError):
        i18n.set_chosen_language("fr")
    assert i18n.resolve("system") in ("en", "ar")


def test_catalogue_compiles_when_no_qm_is_built(app, monkeypatch, tmp_path):
    """A pip install from source has only the .ts: it is compiled once into the cache folder."""
    from annotator.ui import i18n

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / TS.name).write_bytes(TS.read_bytes())
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    def no_tools(*args, **kwargs):  # a user's machine has no lrelease: nothing may run one
        raise AssertionError(f"a program was run to compile the catalogue: {args!r}")

    monkeypatch.setattr(subprocess, "run", no_tools)
    monkeypatch.setattr(subprocess, "Popen", no_tools)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    qm = i18n.catalogue("ar")
    assert qm is not None and qm.is_relative_to(tmp_path / "cache") and qm.stat().st_size > 1000
    assert i18n.catalogue("ar") == qm  # cached
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("ImportRunner", "Import") == "استيراد"


def test_shortcuts_dialog_lists_the_actions_and_label_hotkeys(app, make_project, open_window):
    from annotator.ui.shortcuts_dialog import ShortcutsDialog, menu_shortcuts

    project = make_project({"doc": "نص قصير"})
    window = open_window(project)
    dialog = ShortcutsDialog(window)
    texts = dialog.texts()
    for wanted in ("Undo", "Redo", "Find…", "Mark Done", "Next Document", "Keyboard Shortcuts", "Preferences…"):
        assert wanted in texts, wanted
    hotkeys = [label for label in project.labels() if label.hotkey]
    assert hotkeys  # a new project has labels with hotkeys
    for label in hotkeys:
        assert f"Label the selection as “{label.name}”" in texts
    groups = dict(menu_shortcuts(window))
    assert ("Mark Done", "Ctrl+Return, Ctrl+Enter") in groups["Go"]
    # every action with a shortcut in any menu is listed: nothing is left out
    listed = sum(len(rows) for rows in groups.values())
    in_menus = sum(1 for top in window.menuBar().actions() if top.menu()
                   for a in top.menu().actions()
                   if not a.isSeparator() and any(not k.isEmpty() for k in a.shortcuts()))
    assert listed == in_menus
    assert ("Quit", "Ctrl+Q") in groups["File"] or any(t == "Quit" for t, _ in groups["File"])


def test_every_menu_and_action_has_a_mnemonic(app, make_project, open_window):
    window = open_window(make_project({"doc": "نص"}))
    for top in window.menuBar().actions():
        assert "&" in top.text(), top.text()
        for action in top.menu().actions():
            if not action.isSeparator():
                assert "&" in action.text(), f"{top.text()} > {action.text()}"


def test_tab_order_follows_the_panels(app, make_project, open_window):
    from PySide6.QtCore import Qt

    window = open_window(make_project({"doc": "نص"}))

    def next_tab_stop(widget):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.TabFocus and widget.isVisibleTo(window)):
            widget = widget.nextInFocusChain()
        return widget

    d = window.documents
    assert next_tab_stop(d.filter_edit) is d.status_filter
    assert next_tab_stop(d.status_filter) is d.tree
    assert next_tab_stop(d.tree) is window.view
    assert next_tab_stop(window.view) is window.spans  # the find bar is hidden until Ctrl+F


def test_english_catalogue_has_both_plural_forms_of_every_count(tmp_path):
    fresh = tmp_path / "fresh_en.ts"
    result = subprocess.run([str(_lupdate()), "-silent", "-locations", "none", "-pluralonly",
                             *map(str, sorted(UI.rglob("*.py"))), "-ts", str(fresh)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    found, committed = _messages(fresh), _messages(EN)
    assert found and set(found) == set(committed), sorted(set(found) ^ set(committed))
    for (context, source), translation in committed.items():
        forms = [(f.text or "").strip() for f in translation.iter("numerusform")]
        assert translation.get("type") != "unfinished" and len(forms) == 2 and all(forms), (context, source)
        assert "%n" in forms[1] and "(s)" not in "".join(forms), (context, source)


def test_counts_read_one_document_and_two_documents(app):
    from types import SimpleNamespace

    from annotator.ui import i18n
    from annotator.ui.summaries import export_summary, import_summary

    assert i18n.apply_language(app, "en") == "en"
    one = SimpleNamespace(documents=1, spans=1, duplicates=0, path="/tmp/a.jsonl", left_out=0)
    two = SimpleNamespace(documents=2, spans=5, duplicates=0, path="/tmp/a.jsonl", left_out=3)
    assert import_summary(one) == "Imported 1 document with 1 span"
    assert export_summary(two).startswith("Exported 2 documents with 5 spans to ")
    assert export_summary(two).endswith("; 3 unfinished documents left out")
    try:
        assert i18n.apply_language(app, "ar") == "ar"
        assert import_summary(one) == "استُوردت وثيقة واحدة مع مقطع واحد"
        assert import_summary(SimpleNamespace(documents=3, spans=11, duplicates=0)) == "استُوردت 3 وثائق مع 11 مقطعًا"
    finally:
        i18n.apply_language(app, "en")
