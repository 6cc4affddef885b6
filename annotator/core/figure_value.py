"""The value of a coder's figure span: what ``core.figures`` reads in the span's own text, with the
unit and the approximation word that the text around it adds (``نحو [500 إلى 750] مقاتل``).

The store calls :func:`span_value` when a span of a label with figure values is added, moved or
relabelled (unless a coder set the value by hand). It never guesses: a span holding no figure, or
more than one, a figure the grammar cannot value, or a part of a larger figure (``وثلاثين`` of
``ستة وثلاثين مليون``, ``80`` of ``80 ألف``), gets ``None``.
"""

from __future__ import annotations

from annotator.core.figures import find_figures

BEFORE = 25  # characters before the span searched for an approximation word (نحو, حوالي, ...)
AFTER = 40  # characters after it searched for the unit (دولار, طنا, جندي, ...)


def span_value(text: str, start: int, end: int) -> dict | None:
    """``{"low", "high", "unit", "approx"}`` of the figure ``text[start:end]``, or None."""
    own = find_figures(text[start:end])
    if len(own) != 1 or own[0].value is None:
        return None
    value = own[0].value
    unit, approx = value.unit, value.approx
    lo = max(0, start - BEFORE)
    for figure in find_figures(text[lo:min(len(text), end + AFTER)]):
        f_start, f_end = figure.start + lo, figure.end + lo
        if f_end <= start or f_start >= end or figure.value is None:
            continue
        if (figure.value.low, figure.value.high) == (value.low, value.high):
            unit = unit or figure.value.unit
            approx = approx or figure.value.approx
        elif (f_start < start or f_end > end) and value.low == value.high \
                and value.low in (figure.value.low, figure.value.high) and figure.value.low != figure.value.high:
            pass  # one end of a range (نصف مليون دولار | إلى مليوني دولار): its own number stands
        elif f_start < start or f_end > end:
            return None  # a part of a larger figure (ستة | وثلاثين | مليون, 80 of 80 ألف): its own number is not the value
        break
    return {"low": value.low, "high": value.high, "unit": unit, "approx": approx}
