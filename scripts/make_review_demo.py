"""Build a review demo: the reference news article with three coders' spans that differ in
boundaries and labels, pre-merged, then render the review window to a PNG.

    .venv/bin/python scripts/make_review_demo.py /work/shared/corpus/news_article/coalition-strikes-salahuddin.txt \
        /tmp/review-demo.annot docs/images/review.png

The article is under the publisher's copyright: the project is made in a temporary place and only
the screenshot is kept; the text is never copied into the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

from annotator.core.model import DocStatus
from annotator.store import Project
from annotator.store.adjudicate import adjudicate

# (phrase, occurrence, label, {coder: (extra chars at start, extra chars at end) or None})
# Same phrase for all: agreement; different offsets: boundary disagreements; None: not marked.
SPANS = [
    ("التحالف الدولي", 0, "entity", {"rana": (0, 0), "omar": (0, 0), "lina": (0, 0)}),
    ("جهاز مكافحة الإرهاب", 0, "entity", {"rana": (0, 0), "omar": (-len("الثانية في "), 0), "lina": (0, 0)}),
    ("جزيرة كنعوص", 0, "entity", {"rana": (0, 0), "omar": None, "lina": (0, 0)}),
    ("اللواء إريك\u00a0هيل", 0, "entity", {"rana": (len("اللواء "), 0), "omar": (0, 0), "lina": (0, 0)}),
    ("نحن نحرم داعش من القدرة على الاختباء في جزيرة كعنوص", 0, "claim",
     {"rana": (0, 0), "omar": (0, -len(" في جزيرة كعنوص")), "lina": None}),
    ("80 ألف باوند", 0, "figure", {"rana": (0, len(" (36 طنا)")), "omar": (0, 0), "lina": (0, 0)}),
    ("36 طنا", 0, "figure", {"rana": None, "omar": (0, 0), "lina": None}),
    ("الولايات المتحدة", 0, "entity", {"rana": (0, 0), "omar": (0, 0), "lina": None}),
    ("صلاح الدين", 0, "entity", {"rana": (0, 0), "omar": None, "lina": (-len("محافظة "), 0)}),
]


def build(article: Path, project_path: Path) -> Project:
    text = article.read_text(encoding="utf-8")
    if project_path.exists():
        project_path.unlink()
    project = Project.create(project_path)
    info = project.add_document(article.stem, text)
    labels = {label.name: label.id for label in project.labels()}
    coders = {name: project.ensure_coder(name) for name in ("rana", "omar", "lina")}
    with project.transaction() as tx:
        for phrase, nth, label, marks in SPANS:
            start = -1
            for _ in range(nth + 1):
                start = text.index(phrase, start + 1)
            end = start + len(phrase)
            for coder, delta in marks.items():
                if delta is not None:
                    tx.add_span(info.id, coders[coder].id, labels[label], start + delta[0], end + delta[1])
        for coder in coders.values():
            tx.set_status(info.id, coder.id, DocStatus.DONE)
    print(adjudicate(project, list(coders)).summary())
    return project


def main(argv: list[str]) -> int:
    article, project_path, png = (Path(a) for a in argv[:3])
    project = build(article, project_path)
    project.close()
    from annotator.ui.review.command import render_review

    render_review(project_path, png, size=(1400, 900), adjudicator="adjudicator")
    print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
