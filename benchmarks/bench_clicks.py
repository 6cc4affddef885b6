"""Click and drag accuracy of the annotation window against pixel truth (issue 12).

Pixel truth (``benchmarks.pixel_truth``): each cluster's glyphs drawn alone at the positions the
view paints them, the columns holding ink found, the union checked against a grab of the view.
For each kind of held-out text, at 12, 16 and 24 pt, in the English and the Arabic interface (each in
its own process, the real ``MainWindow``): every cluster of whole lines on the first screens is asked
at 25/50/75 % across its ink (what a click maps to: ``DocumentView.cluster_at``), a sample is clicked
with real mouse events, and drags go from 1 px inside a first cluster's ink to 1 px inside a last's
(up to 40 clusters apart, across wrapped lines too) with token snapping off; the selection must be
exactly those clusters. Targets: >= 99.5 % of clicks overall and on wrapped lines; >= 99.5 % of drags.

The texts (shared corpus; made here from real text where no corpus has the kind):
- diacritised: Farasa's fully diacritised Wikinews (``farasa_wikinews/WikiNewsTruth.txt``);
- tweets: ANERcorp sentences cut to tweet length, digits written as Eastern Arabic digits, emoji
  (with skin tones, flags and ZWJ sequences) put between words (seeded), one tweet per paragraph;
- lrm: the reference news article with U+200E before every word;
- latin: AQMAR sentences holding Latin letters or digits.
Without the shared corpus (a user's clone, CI's smoke run) the same four kinds are made from the
bundled demo texts (``demo_texts``).
Run alone: ``python -m benchmarks.bench_clicks --size large``.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import corpus, harness

POINT_SIZES = (12.0, 16.0, 24.0)
SMALL_SIZES = (16.0,)  # size small (the test suite's smoke run): one point size
SCREENS = {"small": 1, "medium": 1, "large": 3}
DRAGS = {"small": 20, "medium": 40, "large": 80}  # per kind, size and interface
REAL_CLICKS = {"small": 30, "medium": 60, "large": 120}
EMOJI = ["😀", "👍🏽", "❤️", "🇸🇦", "👨‍👩‍👧", "🔥", "😂", "🙏🏻", "⚽", "✌️"]
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
CHARS = 12_000  # of each kind


def texts(seed: int = 7) -> dict[str, str]:
    root = corpus.corpus_dir()
    if not (root / "farasa_wikinews" / "WikiNewsTruth.txt").is_file():
        return demo_texts(seed)  # a user's clone, CI: the repository's own texts
    rng = random.Random(seed)
    farasa = (root / "farasa_wikinews" / "WikiNewsTruth.txt").read_text(encoding="utf-8")
    diacritised = "\n".join(line for line in farasa.splitlines() if line.strip() and not line.startswith("#"))
    sentences = [json.loads(line)["text"] for line in
                 (root / "anercorp_camellab" / "ANERCorp_CamelLab_test.spans.jsonl").open(encoding="utf-8")]
    tweets = _tweets(sentences, rng)
    article = (root / "news_article" / "coalition-strikes-salahuddin.txt").read_text(encoding="utf-8")
    lrm = "\n".join(" ".join("\u200e" + w for w in line.split()) for line in article.splitlines())
    aqmar = [json.loads(line)["text"] for line in (root / "aqmar" / "aqmar.spans.jsonl").open(encoding="utf-8")]
    latin = "\n".join(s for s in aqmar if re.search(r"[A-Za-z0-9]", s))
    return {"diacritised": diacritised[:CHARS], "tweets": tweets[:CHARS], "lrm": lrm[:CHARS],
            "latin": latin[:CHARS]}


def _tweets(sentences: list[str], rng: random.Random) -> str:
    tweets = []
    for sentence in sentences:
        words = []
        for word in sentence[:200].split()[:-1] or sentence.split():
            words.append(word.translate(EASTERN))
            if rng.random() < 0.15:
                words.append(rng.choice(EMOJI))
        tweets.append(" ".join(words))
    return "\n".join(tweets)


def demo_texts(seed: int = 7) -> dict[str, str]:
    """The four kinds made from the bundled demo texts (``resources/demo``: diacritised Wikinews and
    an AQMAR article, openly licensed), for a clone without the shared corpus: the smoke run in
    ``make test`` measures the same kinds of text, on less of it."""
    rng = random.Random(seed)
    paths = sorted(corpus.DEMO_DIR.glob("*.txt"))
    lines = [line for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    wikinews = [line for p in paths if p.name.startswith("wikinews")
                for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = [s.strip() for line in lines for s in re.split(r"(?<=[.!?؟])\s+", line) if s.strip()]
    lrm = "\n".join(" ".join("\u200e" + w for w in line.split()) for line in lines)
    latin = "\n".join(line for line in lines if re.search(r"[A-Za-z0-9]", line))
    return {"diacritised": "\n".join(wikinews)[:CHARS], "tweets": _tweets(sentences, rng)[:CHARS],
            "lrm": lrm[:CHARS], "latin": latin[:CHARS]}


def _child(language: str, size: str) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from annotator.store.project import Project
    from annotator.ui.app import make_app
    from annotator.ui.main_window import MainWindow
    from benchmarks import pixel_truth

    tmp = tempfile.mkdtemp()
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tmp)
    QSettings.setDefaultFormat(QSettings.IniFormat)
    app = make_app(language=language)
    path = Path(tmp) / "clicks.annot"
    kinds = texts()
    with Project.create(path, coder="bench") as project:
        for kind, text in kinds.items():
            project.add_document(kind, text)
    results = []
    with Project.open(path) as project:
        window = MainWindow(project, project.coder("bench"), restore=False)
        window.resize(1100, 850)
        window.show()
        app.processEvents()
        view = window.view
        view.snap_to_words = False  # character precision: what the drags measure
        rng = random.Random(f"{language}:{size}")
        for doc in project.documents():
            window.open_document(doc.id)
            for point_size in (SMALL_SIZES if size == "small" else POINT_SIZES):
                view.set_point_size(point_size)
                QApplication.processEvents()
                clusters, coverage = [], []
                for screen in range(SCREENS[size]):
                    view.verticalScrollBar().setValue(screen * view.verticalScrollBar().pageStep())
                    QApplication.processEvents()
                    found, cov = pixel_truth.truth(view)
                    coverage.append(cov)
                    mapped = pixel_truth.click_accuracy(view, found)
                    real = pixel_truth.click_accuracy(view, rng.sample(found, min(len(found), REAL_CLICKS[size] // SCREENS[size])),
                                                      real_clicks=True)
                    drags = 0
                    for _ in range(DRAGS[size] // SCREENS[size]):
                        i = rng.randrange(len(found) - 1)
                        j = min(len(found) - 1, i + rng.randrange(1, 40))
                        got = pixel_truth.drag(view, found[i], found[j])
                        drags += got == (found[i].start, found[j].end)
                        view.clear_selection()
                    clusters.append(dict(mapped={k: v for k, v in mapped.items() if k != "misses"},
                                         real=real["all"], drags=(drags, DRAGS[size] // SCREENS[size]),
                                         misses=mapped["misses"][:5]))
                results.append(dict(kind=doc.title, point_size=point_size, screens=clusters,
                                    coverage=[min(c[0] for c in coverage), min(c[1] for c in coverage)]))
        window.close()
    print(json.dumps(results, ensure_ascii=False))


def _measure(language: str, size: str) -> list[dict]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench_clicks", "--child", language, size], env=env,
                          cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the measuring process ({language}) failed: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _sum(items, key, sub=None):
    hit = n = 0
    for item in items:
        for screen in item["screens"]:
            value = screen[key][sub] if sub else screen[key]
            hit, n = hit + value[0], n + value[1]
    return hit, n


def _share(hit: int, n: int) -> float:
    return 100.0 * hit / n if n else 0.0


def _pct(hit: int, n: int) -> str:
    return f"{100 * hit / n:.2f} % ({hit:,} of {n:,})" if n else "none"


def run(size: str = "small") -> list[dict]:
    rows = []
    everything = []
    for language in ("en", "ar"):
        results = _measure(language, size)
        everything += results
        for point_size in (SMALL_SIZES if size == "small" else POINT_SIZES):
            at = [r for r in results if r["point_size"] == point_size]
            for what, key, sub in (("clicks, all", "mapped", "all"), ("clicks, wrapped lines", "mapped", "wrapped"),
                                   ("drags", "drags", None)):
                hit, n = _sum(at, key, sub)
                rows.append(harness.row(f"{what} on the painted cluster, {point_size:g} pt, {language} interface",
                                        size, n=n, target=">= 99.5 %", ok=n > 0 and hit / n >= 0.995,
                                        value=_share(hit, n), unit="%", note=_pct(hit, n)))
        for kind in ("diacritised", "tweets", "lrm", "latin"):
            at = [r for r in results if r["kind"] == kind]
            hit, n = _sum(at, "mapped", "all")
            real = _sum(at, "real")
            worst = min(min(r["coverage"]) for r in at)
            misses = [m for r in at for s in r["screens"] for m in s["misses"]][:3]
            rows.append(harness.row(f"clicks on {kind} text (all sizes), {language} interface", size, n=n,
                                    value=_share(hit, n), unit="%", note=f"{_pct(hit, n)}; real mouse clicks {_pct(*real)}; pixel coverage of the "
                                         f"grab >= {worst:.3f}; misses e.g. {misses}"))
    for what, key, sub in (("clicks", "mapped", "all"), ("clicks on wrapped lines", "mapped", "wrapped"),
                           ("clicks on Arabic letters", "mapped", "arabic"), ("real mouse clicks", "real", None),
                           ("drags", "drags", None)):
        hit, n = _sum(everything, key, sub)
        rows.append(harness.row(f"overall: {what} on the painted cluster", size, n=n, target=">= 99.5 %",
                                ok=n > 0 and hit / n >= 0.995, value=_share(hit, n), unit="%", note=_pct(hit, n)))
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(harness.main(run))
