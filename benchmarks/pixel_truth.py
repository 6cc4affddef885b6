"""Pixel truth for the document view: where each grapheme cluster's ink really is on screen, and
how often a click or a drag aimed at that ink lands on that cluster (issue 12).

For every line the view shows, each cluster's glyphs (``QTextLine.glyphRuns`` of exactly that
cluster, at the positions the view paints them) are drawn alone into an image and the columns
holding ink are found; a ligature whose second cluster has no width of its own (the alef of lam-alef)
has its ink shared evenly between its clusters, in reading order, and a strip of ink two clusters
share (a joining stroke, a kern) is left out of both, so points aim at each cluster's own ink. The union of all that ink is then checked
against a grab of the view itself (``coverage``): the truth is where the widget paints, not where
our geometry says it is. Clicks go at 25/50/75 % across each cluster's ink (at the line's middle);
drags from 1 px inside the first cluster's ink (its leading side) to 1 px inside the last's
(its trailing side).

Used by ``tests/ui/test_pixel_truth.py`` (a small text, in ``make test``) and by
``benchmarks/bench_clicks.py`` (the held-out kinds of text, at 12/16/24 pt, both interfaces).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest

from annotator.core.clusters import cluster_edges, is_ligature_part

PAD = 24  # pixels above and below a line for marks that reach out of it
INK_ALPHA = 96


@dataclass
class Cluster:
    start: int
    end: int
    x0: float  # ink, viewport coordinates
    x1: float
    y: float  # the line's middle, viewport coordinates
    top: float
    bottom: float
    rtl: bool
    wrapped: bool  # on a line that is not its paragraph's last
    advance: float = 0.0  # the glyphs' own width (0: painted as part of the glyph before)


def _alpha(image: QImage) -> np.ndarray:
    h, bpl = image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), np.uint8, count=h * bpl).reshape(h, bpl)
    return raw[:, 3:image.width() * 4:4].copy()  # ARGB32 premultiplied, little endian: B G R A (copied:
    # the image is freed when the caller drops it)


def _draw(runs, width: int, height: int, dx: float, dy: float) -> QImage:
    image = QImage(width, height, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setPen(QColor("#000000"))
    for run in runs:
        painter.drawGlyphRun(QPointF(dx, dy), run)
    painter.end()
    return image


def line_truth(view, para, origin, i: int, *, union: np.ndarray | None = None) -> list[Cluster]:
    """The clusters of line ``i`` of ``para`` with the columns their ink covers (viewport x)."""
    layout = para.layout
    line = layout.lineAt(i)
    width = view.viewport().width()
    height = int(line.height()) + 2 * PAD
    dx, dy = origin.x(), PAD - line.y()
    lo, hi = para.cp(line.textStart()), para.cp(line.textStart() + line.textLength())
    edges = cluster_edges(view.text, lo, hi)
    mid = origin.y() + line.y() + line.height() / 2
    top, bottom = origin.y() + line.y(), origin.y() + line.y() + line.height()
    wrapped = i < layout.lineCount() - 1
    out: list[Cluster] = []
    for a, b in zip(edges, edges[1:]):
        ua = para.u16(a)
        runs = line.glyphRuns(ua, para.u16(b) - ua)
        rtl = runs[0].isRightToLeft() if runs else True
        x0 = x1 = None
        advance = sum(a.x() for r in runs for a in r.rawFont().advancesForGlyphIndexes(r.glyphIndexes()))
        if runs:
            alpha = _alpha(_draw(runs, width, height, dx, dy))
            if union is not None:
                np.maximum(union, alpha, out=union)
            cols = np.nonzero((alpha >= INK_ALPHA).any(axis=0))[0]
            if cols.size:
                x0, x1 = float(cols[0]), float(cols[-1] + 1)
        out.append(Cluster(a, b, x0 if x0 is not None else -1.0, x1 if x1 is not None else -1.0,
                           mid, top, bottom, rtl, wrapped, advance))
    _share_ligatures(view.text, out)
    _exclusive(out)
    return out


def _exclusive(clusters: list[Cluster]) -> None:
    """Where two clusters' ink overlaps (a joining stroke reaching under the next letter, a kern),
    that strip is both letters' and so neither's alone: aim at each cluster's own ink. A cluster
    inked only inside another's keeps its whole ink."""
    inked = sorted((c for c in clusters if c.x1 > c.x0), key=lambda c: c.x0)
    cut = {id(c): [c.x0, c.x1] for c in inked}
    for i, c in enumerate(inked):
        for o in inked[i + 1:]:
            if o.x0 >= c.x1:
                break
            if o.x1 <= c.x1 and o.x0 >= c.x0 or c.x0 >= o.x0 and c.x1 <= o.x1:
                continue  # one inside the other
            cut[id(c)][1] = min(cut[id(c)][1], o.x0)
            cut[id(o)][0] = max(cut[id(o)][0], c.x1)
    for c in inked:
        a, b = cut[id(c)]
        if b - a >= 1.0:
            c.x0, c.x1 = a, b


def _share_ligatures(text: str, clusters: list[Cluster]) -> None:
    """A letter with no width of its own (the alef of lam-alef, perhaps with its hamza drawn over)
    is painted as part of the glyph before it, and clusters whose glyphs are one and the same
    (the word Allah: each cluster returns the whole ligature) are one glyph: the group's ink is
    shared evenly, in reading order."""
    k = 0
    while k < len(clusters) - 1:
        c, last = clusters[k], k
        while last + 1 < len(clusters) and c.x1 > c.x0 and (clusters[last + 1].x0, clusters[last + 1].x1,
                                                              clusters[last + 1].advance) == (c.x0, c.x1, c.advance):
            last += 1
        if last > k:
            _split(clusters[k:last + 1], c.x0, c.x1, c.rtl)
        k = last + 1
    k = 1
    while k < len(clusters):
        prev = clusters[k - 1]
        if not _joins(text, clusters[k], prev):
            k += 1
            continue
        group = [prev, clusters[k]]
        while k + 1 < len(clusters) and _joins(text, clusters[k + 1], prev):
            k += 1
            group.append(clusters[k])
        inked = [c for c in group if c.x1 >= 0]
        _split(group, min(c.x0 for c in inked), max(c.x1 for c in inked), prev.rtl)
        k += 1


def _split(group: list[Cluster], left: float, right: float, rtl: bool) -> None:
    step = (right - left) / len(group)
    for j, member in enumerate(group):
        slot = len(group) - 1 - j if rtl else j
        member.x0, member.x1 = left + slot * step, left + (slot + 1) * step


def _joins(text: str, c: Cluster, prev: Cluster) -> bool:
    return c.advance <= 0.01 < prev.advance and prev.x1 >= 0 and c.rtl == prev.rtl \
        and is_ligature_part(text[c.start:c.end])


def truth(view, *, check_grab: bool = True):
    """Every painted cluster on whole lines on screen, and how well their ink and a grab of the
    view agree: (share of the grab's dark pixels next to ink, share of ink next to painted
    pixels), both near 1.0 when the truth is where the view paints."""
    clusters: list[Cluster] = []
    width, height = view.viewport().width(), view.viewport().height()
    canvas = np.zeros((height + 2 * PAD, width), np.uint8)  # all ink, viewport rows shifted by PAD
    rows_used = np.zeros(height + 2 * PAD, bool)
    for _block, para, origin in view.visible_paragraphs():
        for i in range(para.line_count):
            line = para.layout.lineAt(i)
            top = origin.y() + line.y()
            if top < 0 or top + line.height() > height:
                continue  # only whole lines
            union = np.zeros((int(line.height()) + 2 * PAD, width), np.uint8)
            clusters.extend(c for c in line_truth(view, para, origin, i, union=union) if c.x1 - c.x0 >= 1.0)
            y0 = int(round(top))
            np.maximum(canvas[y0:y0 + union.shape[0]], union[:canvas.shape[0] - y0], out=canvas[y0:y0 + union.shape[0]])
            rows_used[y0 + PAD:y0 + PAD + int(line.height())] = True
    if not check_grab:
        return clusters, (1.0, 1.0)
    return clusters, _compare(view.viewport().grab().toImage().convertToFormat(QImage.Format_ARGB32),
                              canvas[PAD:PAD + height], rows_used[PAD:PAD + height])


def _compare(grab: QImage, ink_alpha: np.ndarray, rows: np.ndarray) -> tuple[float, float]:
    h, w = ink_alpha.shape
    bpl = grab.bytesPerLine()
    raw = np.frombuffer(grab.constBits(), np.uint8, count=grab.height() * bpl).reshape(grab.height(), bpl)
    pixels = raw[:h, :w * 4].reshape(h, w, 4).astype(np.int32)[:, :, :3].sum(axis=2)
    dark = (pixels < 3 * 110) & rows[:, None]
    painted = _dilate(pixels < 3 * 235)
    ink = (ink_alpha >= 128) & rows[:, None]
    near_ink = _dilate(ink_alpha >= 24)
    return (float((dark & near_ink).sum() / max(1, dark.sum())), float((ink & painted).sum() / max(1, ink.sum())))


def _dilate(mask: np.ndarray) -> np.ndarray:
    out = mask.copy()
    out[1:] |= mask[:-1]
    out[:-1] |= mask[1:]
    out[:, 1:] |= out[:, :-1].copy()
    out[:, :-1] |= out[:, 1:].copy()
    return out


def click_points(cluster: Cluster):
    for f in (0.25, 0.5, 0.75):
        yield QPointF(cluster.x0 + f * (cluster.x1 - cluster.x0), cluster.y)


def click_accuracy(view, clusters: list[Cluster], *, real_clicks: bool = False) -> dict:
    """Clicks at 25/50/75 % across each cluster: how many land on it (overall, wrapped lines,
    Arabic letters). ``real_clicks`` sends mouse events and reads what the view reports."""
    seen: list[int] = []
    if real_clicks:
        view.clicked.connect(seen.append)
    counts = {"all": [0, 0], "wrapped": [0, 0], "arabic": [0, 0]}
    misses = []
    try:
        for c in clusters:
            for point in click_points(c):
                if real_clicks:
                    seen.clear()
                    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point.toPoint())
                    got = seen[-1] if seen else None
                else:
                    got = view.cluster_at(point)[0]
                ok = got == c.start
                kinds = ["all"] + (["wrapped"] if c.wrapped else []) + \
                        (["arabic"] if "\u0600" <= view.text[c.start] <= "\u06ff" else [])
                for kind in kinds:
                    counts[kind][0] += ok
                    counts[kind][1] += 1
                if not ok and len(misses) < 20:
                    misses.append((c.start, view.text[c.start:c.end], round(point.x(), 1), got))
    finally:
        if real_clicks:
            view.clicked.disconnect(seen.append)
    return {k: (hit, n) for k, (hit, n) in counts.items()} | {"misses": misses}


def _inside(cluster: Cluster, right: bool) -> int:
    """The pixel column 1 px inside the ink's right (or left) edge: ink covers columns
    ``x0 .. x1 - 1``."""
    return math.floor(cluster.x1 - 2) if right else math.ceil(cluster.x0 + 1)


def drag(view, first: Cluster, last: Cluster, modifiers=Qt.NoModifier) -> tuple[int, int] | None:
    """Drag from 1 px inside ``first``'s ink (its leading side) to 1 px inside ``last``'s
    (its trailing side); returns what the view then has selected."""
    a = QPoint(_inside(first, first.rtl), round(first.y))
    b = QPoint(_inside(last, not last.rtl), round(last.y))
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.LeftButton, modifiers, a)
    QTest.mouseMove(viewport, QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2).toPoint())
    QTest.mouseMove(viewport, b)
    QTest.mouseRelease(viewport, Qt.LeftButton, modifiers, b)
    return view.selection()
