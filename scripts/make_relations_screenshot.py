"""docs/images/relations.png and relations-ar.png: the demo's first article with claims, their sources and
figures linked by relations (arcs over the text and the Relations panel), a claim's stance, a
figure's value and the document's flags, in the English and the Arabic interface, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_relations_screenshot.py [OUT_DIR] [--picking]

With ``--picking`` the window is caught while a relation is being drawn (a candidate child framed).
With ``--review`` it writes review-relations.png and review-relations-ar.png instead: the review window
on the same article marked alike by two coders, two relations accepted into gold (drawn as arcs), the
next agreed one chosen in the Agreed panel (drawn dashed).
"""
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from annotator.demo import demo_texts  # noqa: E402
from annotator.store import Project  # noqa: E402

# (phrase, label, attributes): the demo's wikinews culture article
MARKS = [
    ("الأكاديمية البريطانية لفنون الفيلم والتلفزيون", "entity", {"type": "organisation"}),
    ("تصدر هذه الترشيحات فيلم جاذبية", "claim", {"stance": "reported"}),
    ("فيلم جاذبية", "entity", {"type": "other"}),
    ("11 ترشيحا", "figure", {}),
    ("فيلم 12 سنة عبدا", "entity", {"type": "other"}),
    ("10 ترشيحات", "figure", {}),
    ("فيلم الكفاح الأمريكي", "entity", {"type": "other"}),  # a span over two lines
    ("سيقام حفل توزيع الجوائز على الفائزين", "claim", {"stance": "asserted"}),
]
# within a line (11 -> Gravity), across lines both ways, two from one span (10 -> both films), nested
# (the claim holds its child Gravity), and to a span that wraps
RELATIONS = [(1, "source", 0), (3, "about", 2), (5, "about", 4), (5, "about", 6), (7, "source", 0),
             (3, "about", 1)]


MARKS_RE = "\u064b-\u0652\u0670"  # harakat, shadda, sukun, dagger alef


def find(text: str, phrase: str, after: int) -> tuple[int, int]:
    """``phrase`` (written without harakat) in ``text`` (with them): its start and end in ``text``."""
    import re

    bare = re.sub(f"[{MARKS_RE}]", "", phrase)
    pattern = f"[{MARKS_RE}]*".join(map(re.escape, bare))
    found = re.compile(pattern).search(text, after)
    if found is None:
        raise SystemExit(f"{phrase!r} is not in the demo article")
    end = found.end()
    while end < len(text) and "\u064b" <= text[end] <= "\u0652" or end < len(text) and text[end] == "\u0670":
        end += 1
    return found.start(), end


def build(path: Path, coders=("rana",)) -> tuple[int, dict]:
    title, text = demo_texts()[0]
    project = Project.create(path, coder=coders[0])
    doc = project.add_document(title, text).id
    for other_title, other_text in demo_texts()[1:]:
        project.add_document(other_title, other_text)
    labels = {label.name: label.id for label in project.labels()}
    types = {t.name: t.id for t in project.relation_types()}
    body = text.index("\n") + 1  # the article, not its title
    for name in coders:
        coder = project.ensure_coder(name).id
        ids = []
        for phrase, label, attrs in MARKS:
            start, end = find(text, phrase, body)
            ids.append(project.add_span(doc, coder, labels[label], start, end, attrs=attrs or None).id)
        for head, kind, child in RELATIONS:
            project.add_relation(types[kind], ids[head], ids[child])
    coder = project.coder(coders[0]).id
    project.set_doc_labels(doc, coder, flags=["needs_discussion"], comment="مصدر الترشيحات: الأكاديمية")
    project.set_codebook("# دليل الترميز\n\nالادعاء (*claim*) ما يقوله أحد عن العالم.\n\n- المصدر: من قال\n- الرقم: ما يقيسه")
    project.close()
    return doc, {"claim": ids[1], "figure": ids[3]}


def review(out: Path) -> None:
    """The review window with gold relations drawn and an agreed one proposed (``--review``)."""
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import make_app

    work = Path(tempfile.mkdtemp())
    doc, _ids = build(work / "review.annot", coders=("rana", "omar"))
    for language, name in (("en", "review-relations.png"), ("ar", "review-relations-ar.png")):
        app = make_app(language=language)
        from annotator.ui.review.window import ReviewWindow

        project = Project.open(work / "review.annot")
        window = ReviewWindow(project, "nadia", ["rana", "omar"], doc_id=doc)
        window.resize(1400, 860)
        window.show()
        for _ in range(3):
            app.processEvents()
        if language == "en":  # accepted once, in the file: both pictures show them in gold
            panel = window.agreed
            for _ in range(2):
                row = next(i for i, p in enumerate(panel.proposals) if hasattr(p, "type_id"))
                panel.accept(panel.list.topLevelItem(row))
        window.agreed.focus_list()
        window.view.scroll_to_top(0)
        for _ in range(3):
            app.processEvents()
        target = out / name
        if not window.grab().save(str(target), "PNG"):
            raise SystemExit(f"{target}: cannot write the PNG file")
        print(target)
        window.close()
        project.close()
        QApplication.processEvents()


def main() -> None:
    out = Path(next((a for a in sys.argv[1:] if not a.startswith("--")), "docs/images"))
    if "--review" in sys.argv:
        review(out)
        return
    picking = "--picking" in sys.argv
    from annotator.ui.app import make_app

    work = Path(tempfile.mkdtemp())
    doc, ids = build(work / "relations.annot")
    for language, name in (("en", "relations.png"), ("ar", "relations-ar.png")):
        app = make_app(language=language)
        from annotator.ui.main_window import MainWindow

        project = Project.open(work / "relations.annot")
        window = MainWindow(project, project.coder("rana"), restore=False)
        window.resize(1400, 860)
        window.show()
        window.open_document(doc)
        for _ in range(3):
            app.processEvents()
        window.editor.jump_to_span(ids["figure" if picking else "claim"])
        window.view.scroll_to_top(0)
        if picking:
            window.layers.relations.start()
        window.layers.docks["relations"].raise_()  # the Relations panel in front of the span list
        for _ in range(3):
            app.processEvents()
        target = out / (name.replace(".png", "-picking.png") if picking else name)
        if not window.grab().save(str(target), "PNG"):
            raise SystemExit(f"{target}: cannot write the PNG file")
        print(target)
        if "--extra" in sys.argv:  # the schema editor's Relations tab and the Guidelines panel, to look at
            from annotator.ui.annotate.schema_editor import SchemaEditor

            editor = SchemaEditor(project, window)
            editor.tabs.setCurrentIndex(1)
            editor.show()
            app.processEvents()
            editor.grab().save(str(out / name.replace("relations", "schema")), "PNG")
            editor.tabs.setCurrentIndex(0)
            app.processEvents()
            editor.grab().save(str(out / name.replace("relations", "schema-labels")), "PNG")
            editor.close()
            window.layers.show_guidelines()
            app.processEvents()
            window.layers.guidelines.grab().save(str(out / name.replace("relations", "guidelines")), "PNG")
        window.layers.relations.cancel()
        window.close()
        app.processEvents()


if __name__ == "__main__":
    main()
