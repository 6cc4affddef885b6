#!/usr/bin/env python3
"""The screenshots of docs/ui.md and docs/review.md about right-to-left text and the review window's
size, each rendered offscreen on a screen of a given size (the offscreen platform's screen
configuration):

    scripts/make_ui_screenshots.py            # all four, into docs/images/
    scripts/make_ui_screenshots.py KIND OUT   # one: span-list, shortcuts-ar, review, review-ar

The texts are written for these pictures (no third-party text)."""
import json, os, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = {"span-list": ("span-list-80.png", 1920, 1080), "shortcuts-ar": ("shortcuts-ar.png", 1920, 1080),
         "review": ("review-1366x768.png", 1366, 768), "review-ar": ("review-ar.png", 1366, 768)}

if len(sys.argv) == 1:
    with tempfile.TemporaryDirectory() as folder:
        for kind, (name, width, height) in SHOTS.items():
            config = Path(folder) / f"{kind}.json"
            config.write_text(json.dumps({"screens": [{"name": kind, "x": 0, "y": 0, "width": width, "height": height,
                                                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
            subprocess.run([sys.executable, __file__, kind, str(ROOT / "docs" / "images" / name)], env=env, check=True)
            print(f"wrote docs/images/{name}")
    sys.exit(0)

from annotator.ui.app import make_app
from annotator.store import Project
from annotator.core.model import DocStatus

kind, out = sys.argv[1], sys.argv[2]
lang = "ar" if kind.endswith("-ar") else "en"
app = make_app(language=lang)
d = Path(tempfile.mkdtemp())
ARTICLE = ("قالت الوزارة إن 80 ألف باوند (36 طنا) من الذخيرة استخدمت في الضربة.\n"
           "وأضاف المتحدث أن الطائرات F-35 نفذت 12 غارة شمال المدينة خلال يومين.")
DOC1 = ("أعلنت قيادة العمليات المشتركة أن القوات نفذت 12 غارة جوية شمال المدينة.\n"
        "وقال المتحدث إن العملية ستستمر حتى تأمين الطريق الرئيسي.")
def at(text, word): s = text.index(word); return s, s + len(word)

def pump():
    for _ in range(5): app.processEvents()

if kind == "span-list":
    from annotator.ui.main_window import MainWindow
    p = Project.create(d / "t.annot", coder="rana")
    doc = p.add_document("الوزارة", ARTICLE).id
    rana = p.coder("rana"); L = {l.name: l.id for l in p.labels()}
    for word, label in (("80 ألف باوند", "figure"), ("الوزارة", "entity"), ("F-35", "entity"), ("12 غارة", "figure")):
        p.add_span(doc, rana.id, L[label], *at(ARTICLE, word))
    w = MainWindow(p, rana, restore=False); w.resize(1280, 640); w.show(); pump()
    w.grab().save(out)
elif kind == "shortcuts-ar":
    from annotator.ui.main_window import MainWindow
    from annotator.ui.shortcuts_dialog import ShortcutsDialog
    p = Project.create(d / "t.annot", coder="rana"); p.add_document("مقال", "نص")
    w = MainWindow(p, p.coder("rana"), restore=False); w.show(); pump()
    dlg = ShortcutsDialog(w); dlg.show(); pump()
    dlg.tree.scrollToBottom(); pump()
    dlg.grab().save(out)
else:  # review, review-ar
    from annotator.store.adjudicate import adjudicate
    from annotator.ui.review.window import ReviewWindow
    p = Project.create(d / "t.annot")
    L = {l.name: l.id for l in p.labels()}
    d1 = p.add_document("بيان العمليات", DOC1).id
    d2 = p.add_document("تقرير العائلات", "ذكر التقرير أن 300 عائلة عادت إلى القرية بعد انتهاء المعارك.").id
    coders = {n: p.ensure_coder(n) for n in ("rana", "omar", "lina")}
    for n in coders: p.add_span(d1, coders[n].id, L["entity"], *at(DOC1, "قيادة العمليات المشتركة"))
    for n in coders: p.add_span(d1, coders[n].id, L["entity"], *at(DOC1, "شمال المدينة"))
    p.add_span(d1, coders["rana"].id, L["claim"], *at(DOC1, "العملية ستستمر"))
    p.add_span(d1, coders["omar"].id, L["claim"], at(DOC1, "العملية ستستمر")[0], at(DOC1, "تأمين الطريق")[1])
    p.add_span(d1, coders["lina"].id, L["figure"], *at(DOC1, "12 غارة"))
    for c in coders.values():
        for doc in (d1, d2): p.set_status(doc, c.id, DocStatus.DONE)
    adjudicate(p, ["rana", "omar", "lina"])
    gold = p.gold_coder()
    for s in p.spans(d1, gold.id):
        if (s.start, s.end) == at(DOC1, "شمال المدينة"): p.remove_span(s.id)  # left for the adjudicator
    w = ReviewWindow(p, "nadia"); w.show(); pump()
    c = w.controller
    if c.review.open: c.select(c.review.open[0])
    pump()
    w.grab().save(out)
    area, frame = w.screen().availableGeometry(), w.frameGeometry()
    assert area.contains(frame), f"the window {frame} does not fit the screen {area}"
