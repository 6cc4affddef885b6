#!/usr/bin/env bash
# The user guide's screenshots (docs/images/*.png), made from the bundled, openly licensed demo
# texts (resources/demo) so they can be remade whenever the interface changes:
#   scripts/make_docs_screenshots.sh
# A demo project with labels and two coders' spans is built in a temporary folder, then rendered
# offscreen by `annotator screenshot` (English and Arabic interface) and `annotator review`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
OUT=docs/images
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM=offscreen
PROJECT="$WORK/guide.annot"

"$BIN/python" - "$PROJECT" <<'PY'
import sys

from annotator.core.model import DocStatus
from annotator.demo import demo_texts
from annotator.store import Project

# (phrase, label, coders who marked it): both coders mostly agree, with a few differences
MARKS = [
    ("فِيسْبُوكْ", "منظمة", ("rana", "omar")), ("وَاتِسْ آبْ", "منظمة", ("rana", "omar")),
    ("19 مِلْيَارَ دُولَارٍ", "رقم", ("rana",)), ("19 مِلْيَارَ", "رقم", ("omar",)),
    ("الْأَكَادِيمِيَّةُ الْبِرِيطَانِيَّةُ", "منظمة", ("rana", "omar")), ("جَاذِبِيَّةْ", "عمل فني", ("rana",)),
    ("يَزِيدُ الرَّاجِحِي", "شخص", ("rana", "omar")), ("رُوسْيَا", "مكان", ("rana", "omar")),
    ("دمشق", "مكان", ("rana", "omar")), ("الدولة الأموية", "منظمة", ("rana",)), ("الدولة الأموية", "مكان", ("omar",)),
]
LABELS = [("شخص", "#e57373", "1"), ("مكان", "#64b5f6", "2"), ("منظمة", "#81c784", "3"), ("رقم", "#ffb74d", "4"),
          ("عمل فني", "#ba68c8", "5")]

with Project.create(sys.argv[1], coder="rana") as project:
    with project.transaction() as tx:
        for title, text in demo_texts():
            tx.add_document(title, text, meta={"source": "resources/demo (see ATTRIBUTION.md)"})
    for old in list(project.labels()):  # a new project comes with starter labels: use the guide's own
        project.remove_label(old.id, force=True)
    labels = {name: project.add_label(name, color, hotkey).id for name, color, hotkey in LABELS}
    coders = {name: project.ensure_coder(name).id for name in ("rana", "omar")}
    for info in project.documents():
        text = project.document(info.id).text
        for phrase, label, who in MARKS:
            start = text.find(phrase)
            while start >= 0:
                for name in who:
                    project.add_span(info.id, coders[name], labels[label], start, start + len(phrase))
                start = text.find(phrase, start + len(phrase))
    first = project.documents()[0].id
    for info in project.documents()[1:3]:
        project.set_status(info.id, coders["rana"], DocStatus.DONE)
    project.set_status(first, coders["rana"], DocStatus.IN_PROGRESS)
PY

DOC=$("$BIN/python" -c "import sys; from annotator.store import Project
p = Project.open(sys.argv[1], readonly=True); print(p.documents()[1].id); p.close()" "$PROJECT")
"$BIN/annotator" screenshot "$PROJECT" --coder rana --doc "$DOC" --lang en -o "$OUT/main-window-en.png"
"$BIN/annotator" screenshot "$PROJECT" --coder rana --doc "$DOC" --lang ar -o "$OUT/main-window-ar.png"
"$BIN/annotator" review "$PROJECT" --coders rana,omar --as lead --doc "$DOC" --screenshot "$OUT/review-demo.png"
echo "wrote $OUT/main-window-en.png $OUT/main-window-ar.png $OUT/review-demo.png"
