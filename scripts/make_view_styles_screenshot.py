"""docs/images/window-styles.png: the document view's styles, made offscreen from a text written for it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_view_styles_screenshot.py

Nested and crossing spans, a span after the article of الأمراض (the lam-alef stays one ligature),
numbers and a Latin word inside Arabic, another coder's span, the hovered span, find matches and the
text selection, in right-to-left paragraphs.
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.ui.fonts import load_fonts  # noqa: E402

app = QApplication(sys.argv[:1])
load_fonts()
from annotator.ui.annotate.document_view import DocumentView  # noqa: E402
from annotator.ui.annotate.span_index import SpanIndex  # noqa: E402

text = ("في الأمراض المزمنة والأمراض السارية قال الطبيب إن 80 ألف باوند (36 طنا) من الدواء وصلت عبر F-35 "
        "في عام 2015، وأن منظمة WHO تتابع الوضع منذ ١٢ شهرا.\n"
        "وقال المدرب إن النتيجة عادلة في ملعب دمشق الكبير أمس، وسجل اللاعب هدفين في الدقيقة 90+2.")


def at(word: str, nth: int = 0) -> int:
    return [i for i in range(len(text)) if text.startswith(word, i)][nth]


a = at("أمراض")
rows = [(1, 1, 1, a, a + 5, None),  # after the article: the lam-alef stays whole
        (2, 1, 2, at("المزمنة"), at("السارية") + 7, None),  # crossing the next one
        (3, 1, 3, at("والأمراض") + 1, at("الطبيب") + 6, None),
        (4, 1, 1, at("80"), at("طنا)") + 4, None), (5, 1, 2, at("36"), at("36") + 2, None),  # nested, digits
        (6, 2, 3, at("F-35"), at("F-35") + 4, None),  # another coder's
        (7, 1, 3, at("WHO"), at("WHO") + 3, None)]
view = DocumentView()
view.resize(620, 330)
view.highlighter.set_colors({1: "#e57373", 2: "#64b5f6", 3: "#81c784"})
view.show_document(text, SpanIndex(text, rows, mine=1))
view.show()
app.processEvents()
view.highlighter.set_matches([(at("الدقيقة"), at("الدقيقة") + 7), (at("عادلة"), at("عادلة") + 5)])
view.select_range(at("ملعب"), at("الكبير") + 6, scroll=False)
view.set_mark("hover", (at("WHO"), at("WHO") + 3))
app.processEvents()
out = sys.argv[1] if len(sys.argv) > 1 else "docs/images/window-styles.png"
if not view.grab().save(out):
    raise SystemExit(f"{out}: cannot write the PNG file")
print(out)
