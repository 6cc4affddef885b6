"""Reading the order of glyphs off rendered pixels: does a cell show its text in the right order?

A cell (list row, table cell, label) is grabbed as an image; its ink profile (darkness summed per
pixel column, trimmed to the ink) is compared with two references drawn by Qt's own text layout
from the same text and font: laid out in the direction the text must read in, and in the other
direction (what a missing bidi isolate shows). The cell must match the right one, and clearly.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextLayout, QTextOption


def _profile(image: QImage, rect: QRect | None = None) -> list[float]:
    image = image.convertToFormat(QImage.Format_RGB32)
    rect = rect or image.rect()
    light = [[QColor(image.pixel(x, y)).lightness() for y in range(rect.top(), rect.bottom() + 1)]
             for x in range(rect.left(), rect.right() + 1)]
    bg = Counter(v for column in light for v in column).most_common(1)[0][0]  # the background: most pixels
    return _trim([float(sum(abs(v - bg) for v in column)) for column in light])


def _trim(profile: list[float]) -> list[float]:
    peak = max(profile) if profile else 0
    if peak <= 0:
        return []
    level = peak * 0.02
    left = next(i for i, v in enumerate(profile) if v > level)
    right = len(profile) - next(i for i, v in enumerate(reversed(profile)) if v > level)
    return profile[left:right]


def reference(text: str, font: QFont, rtl: bool) -> list[float]:
    """The ink profile of ``text`` laid out by Qt in a right-to-left (``rtl``) or left-to-right paragraph."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setTextDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(4000)
    layout.endLayout()
    width, height = int(line.naturalTextWidth()) + 20, int(line.height()) + 6
    image = QImage(width, height, QImage.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    x = 10 - line.naturalTextRect().left()  # a right-to-left line sits at the far right of its width
    layout.draw(painter, QPointF(x, 3))
    painter.end()
    return _profile(image)


def _resample(profile: list[float], n: int) -> list[float]:
    if len(profile) == n or len(profile) < 2:
        return list(profile)
    out = []
    for i in range(n):
        pos = i * (len(profile) - 1) / max(1, n - 1)
        lo = int(pos)
        hi = min(lo + 1, len(profile) - 1)
        out.append(profile[lo] + (profile[hi] - profile[lo]) * (pos - lo))
    return out


def _smooth(profile: list[float], radius: int = 2) -> list[float]:
    n = len(profile)
    return [sum(profile[max(0, i - radius):i + radius + 1]) / (2 * radius + 1) for i in range(n)]


def _correlation(a: list[float], b: list[float]) -> float:
    """Pearson correlation of two ink profiles, smoothed (glyphs sit at sub-pixel positions), at the
    best of a few pixel shifts."""
    a, b = _smooth(a), _smooth(_resample(b, len(a)))
    return max(_pearson(a[max(0, k):len(a) + min(0, k)], b[max(0, -k):len(b) + min(0, -k)]) for k in range(-3, 4))


def _pearson(a: list[float], b: list[float]) -> float:
    n = len(a)
    ma, mb = sum(a) / n, sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = sum((x - ma) ** 2 for x in a) ** 0.5
    vb = sum((y - mb) ** 2 for y in b) ** 0.5
    return cov / (va * vb) if va and vb else 0.0


def assert_shows(image: QImage, rect: QRect | None, font: QFont, *, right: tuple[str, bool],
                 wrong: tuple[str, bool]) -> None:
    """The pixels in ``rect`` match ``right`` (a text and whether it is laid out right to left)
    clearly better than ``wrong`` (what the text looks like when its order is broken)."""
    cell = _profile(image, rect)
    assert cell, "the cell shows no ink"
    good = _correlation(cell, reference(right[0], font, right[1]))
    bad = _correlation(cell, reference(wrong[0], font, wrong[1]))
    assert good > 0.8 and good > bad + 0.1, (
        f"the cell does not show {right[0]!r}: match {good:.2f} against {bad:.2f} for {wrong[0]!r}")


def reading_order(image: QImage, rect: QRect | None, text: str, font: QFont) -> tuple[float, float]:
    """(match with ``text`` read right to left, match with it read left to right), each in [-1, 1]."""
    cell = _profile(image, rect)
    assert cell, "the cell shows no ink"
    return _correlation(cell, reference(text, font, True)), _correlation(cell, reference(text, font, False))


def assert_reads(image: QImage, rect: QRect | None, text: str, font: QFont, *, rtl: bool) -> None:
    """The pixels in ``rect`` show ``text`` in the order of a ``rtl`` (or left-to-right) paragraph."""
    assert_shows(image, rect, font, right=(text, rtl), wrong=(text, not rtl))
