"""Arabic figures with their values: ``3 ملايين``, ``٢٫٥ مليون دولار``, ``نحو 500 إلى 750 مقاتل``.

:func:`find_figures` returns every figure in a text as a :class:`Figure`: its ``[start, end)``
(code points), its kind (``number``, ``percent``, ``money``, ``quantity``) and its value
(:class:`FigureValue`: low, high, unit, approx) or ``None`` when the text is a figure whose
value it cannot tell for sure (``آلاف``, ``عشرات``, ``3,5``). It never returns a wrong number:
what it does not understand it leaves unvalued or out. The grammar and its limits:
docs/figures.md; the lexicon: :mod:`annotator.core.figure_words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from annotator.core import figure_words as W
from annotator.core.arabic import FoldOptions, fold
from annotator.core.figure_digits import TO_ASCII as _TO_ASCII, parse_digits

_FOLD = FoldOptions(hamza_seats=True, ta_marbuta=True)
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_TOKEN = re.compile(
    rf"(?P<num>(?P<cl>[وفبلك]{{0,2}})[{_DIGIT}]+(?:[.,\u066b\u066c][{_DIGIT}]+)*)"
    r"|(?P<word>[^\W\d_](?:[^\W\d_]|[\u064b-\u065f\u0670])*)"
    r"|(?P<pct>[%\u066a])|(?P<dash>[-\u2013])|(?P<other>\S)"
)


@dataclass(frozen=True)
class FigureValue:
    low: int | float
    high: int | float
    unit: str | None = None
    approx: bool = False

    def as_dict(self) -> dict:
        return {"low": self.low, "high": self.high, "unit": self.unit, "approx": self.approx}


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    kind: str  # number, percent, money, quantity
    value: FigureValue | None


@dataclass
class _Tok:
    kind: str  # num, word, pct, dash, other
    start: int
    end: int
    raw: str
    key: str = ""  # folded word
    clitic: str = ""


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup if m.lastgroup != "cl" else "num"
        if m.group("num") is not None:
            kind = "num"
        tok = _Tok(kind, m.start(), m.end(), m.group())
        if kind == "word":
            tok.key = fold(tok.raw, _FOLD)[0]
        elif kind == "num":
            tok.clitic = m.group("cl")
            tok.key = tok.clitic
            tok.raw = tok.raw[len(tok.clitic):]
        out.append(tok)
    return out


def _word(tok: _Tok, lexicon: dict) -> tuple[str, object] | None:
    """(proclitics, entry) when ``tok`` is a lexicon word, perhaps with و ف ب ل ك ال in front."""
    if tok.kind != "word":
        return None
    key = tok.key
    if key in lexicon:
        return "", lexicon[key]
    for pre in W.PROCLITICS_FOLDED:
        rest = key[len(pre):]
        if key.startswith(pre) and len(rest) >= 2 and rest in lexicon:
            return pre, lexicon[rest]
    return None


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order (see the module and docs/figures.md)."""
    toks = _tokens(text)
    out: list[Figure] = []
    i = 0
    while i < len(toks):
        fig, nxt = _figure_at(text, toks, i)
        if fig is not None:
            out.append(fig)
        i = max(nxt, i + 1)
    return out


def _slash_next(toks: list[_Tok], a: int, step: int) -> bool:
    """A ``/`` then a number next to ``toks[a]`` (``8 / 5 / 1967``, ``32 / 67``): a date or a reference."""
    b, c = a + step, a + 2 * step
    return 0 <= c < len(toks) and toks[b].raw == "/" and toks[c].kind == "num"


def _is_year(toks: list[_Tok], k: int, j: int) -> bool:
    t = toks[k]
    return (j == k + 1 and t.kind == "num" and len(t.raw) == 4 and t.raw.translate(_TO_ASCII).isdigit()
            and 1800 <= int(t.raw.translate(_TO_ASCII)) <= 2100)


def _not_a_figure(toks: list[_Tok], k: int, j: int) -> bool:
    """A number glued to letters (F16, 2011م), a year, a date, a clock time, a reference or list
    number (رقم 5, المادة ( 46 ), "2 - " at the start of a line)."""
    first, last = toks[k], toks[j - 1]
    if first.kind == "num" and not first.clitic and k > 0 and toks[k - 1].end == first.start \
            and toks[k - 1].kind == "word":
        return True
    if j < len(toks) and last.kind == "num" and toks[j].start == last.end and toks[j].kind == "word":
        return True
    if _slash_next(toks, k, -1) or _slash_next(toks, j - 1, 1):
        return True
    before = k - 1
    while before >= 0 and toks[before].raw in "(\"«":
        before -= 1
    if before >= 0 and (_word(toks[before], W.DATE_BEFORE) is not None or _word(toks[before], W.MONTHS) is not None):
        return True
    if before >= 0 and toks[before].key in W.ORDINALS and first.kind == "word":
        return True  # الثامنة والعشرون, الثاني عشر: an ordinal
    if before >= 1 and _word(toks[before - 1], W.MONTHS) is not None:
        return True  # تشرين الثاني 1929
    if j < len(toks):
        after = toks[j]
        if _word(after, W.MONTHS) is not None or after.key in W.ERA_AFTER:
            return True
        if after.key in W.ORDINALS and first.kind == "word":
            return True  # الألف الثاني: the second millennium, an ordinal
        if after.raw in ":." and j + 1 < len(toks) and toks[j + 1].kind == "num" \
                and after.start == last.end and toks[j + 1].start == after.end:
            return True  # 10:30, 1.2.3
        if after.kind == "dash" and (k == 0 or toks[k - 1].raw in ".:") and not (
                j + 1 < len(toks) and toks[j + 1].kind == "num"):
            return True  # "2 - " numbering a list item
    if k > 1 and toks[k - 1].raw in ".:" and toks[k - 2].kind == "num" \
            and toks[k - 2].end == toks[k - 1].start and toks[k - 1].end == first.start:
        return True
    return False


def _figure_at(text: str, toks: list[_Tok], i: int) -> tuple[Figure | None, int]:
    k, approx, bounded = i, False, False
    if _word(toks[k], W.APPROX_BEFORE) is not None:
        approx, k = True, k + 1
    if k < len(toks) and _word(toks[k], W.BETWEEN) is not None:
        bounded, k = True, k + 1
    if k >= len(toks):
        return None, i + 1
    first = _quantity(toks, k)
    if first is None:
        return None, i + 1
    low, low_scale, j = first
    if _not_a_figure(toks, k, j):
        return None, j
    high, high_scale, is_range, q = low, low_scale, False, None
    if j < len(toks):
        sep = toks[j]
        if bounded and sep.key.startswith("و") and (sep.kind == "num" or _word(sep, W.NUMBER_WORDS)):
            q = j  # بين 3 و5, بين ثلاثة وخمسة
        elif (bounded and sep.key == "و") or sep.kind == "dash" or sep.key in W.RANGE_TO:
            q = j + 1
        second = _quantity(toks, q) if q is not None and q < len(toks) else None
        if second is not None and not _not_a_figure(toks, q, second[2]):
            high, high_scale, j = second
            is_range = True
    unit_range = None
    if not is_range:  # نصف مليون دولار إلى مليوني دولار: the same unit on both sides
        after_unit = _unit(text, toks, j, toks[j - 1].end)
        u = after_unit[0]
        if after_unit[1] in ("money", "quantity", "percent") and u + 1 < len(toks) and toks[u].key in W.RANGE_TO:
            q = u + 1
            second = _quantity(toks, q)
            if second is not None and not _not_a_figure(toks, q, second[2]):
                again = _unit(text, toks, second[2], toks[second[2] - 1].end)
                if again[1] == after_unit[1] and again[2] == after_unit[2]:
                    high, high_scale, j = second
                    is_range, unit_range = True, again
    if bounded and not is_range:
        return None, i + 1  # بين with one number: start again at the number
    after_unit = unit_range or _unit(text, toks, j, toks[j - 1].end)
    if after_unit[1] == "number" and after_unit[2] is None and _is_year(toks, k, first[2]) \
            and (not is_range or _is_year(toks, q, j)):
        return None, j  # 1948, 1936 - 1939: years (no scale word, unit or counted noun after)
    span_start = toks[k].start  # the approximation word is a flag, outside the span
    j, kind, unit, end = after_unit
    after = j + 1 if unit is not None and kind == "number" else j  # 43 مليون نسمة تقريبا
    if after < len(toks) and _word(toks[after], W.APPROX_AFTER) is not None:
        approx = True
    value = None
    if low is not None and high is not None:
        if is_range and low_scale is None and high_scale is not None:
            low = low * high_scale if low * high_scale <= high else None  # 3 إلى 5 ملايين
        if low is not None and low <= high:
            value = FigureValue(_plain(low), _plain(high), unit, approx)
    return Figure(span_start, end, kind, value), j


def _plain(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _unit(text: str, toks: list[_Tok], j: int, end: int) -> tuple[int, str, str | None, int]:
    """A percent sign or word, a currency (and its country), a measure: inside the span. A counted
    noun (جندي, مقاتل): the value's unit, outside the span."""
    if j >= len(toks):
        return j, "number", None, end
    t = toks[j]
    if t.kind == "pct":
        return j + 1, "percent", "%", t.end
    if t.key in W.PERCENT_WORDS:
        return j + 1, "percent", "%", t.end
    if t.key == "في" and j + 1 < len(toks) and toks[j + 1].key in W.PERCENT_AFTER_FI:
        return j + 2, "percent", "%", toks[j + 1].end
    if t.key in W.CURRENCIES:
        unit_end, nxt = t.end, j + 1
        if nxt < len(toks) and toks[nxt].key in W.COUNTRY_ADJECTIVES:
            unit_end, nxt = toks[nxt].end, nxt + 1
        return nxt, "money", _strip(text[t.start:unit_end]), unit_end
    if t.key in W.MEASURES:
        return j + 1, "quantity", _strip(t.raw), t.end
    if t.key in W.COUNTED:
        return j, "number", _strip(t.raw), end
    return j, "number", None, end


def _strip(s: str) -> str:
    return "".join(ch for ch in s if not ("\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640"))


def _quantity(toks: list[_Tok], k: int) -> tuple[Decimal | None, Decimal | None, int] | None:
    """(value or None, the scale word's value or None, next index) for the number at ``toks[k]``:
    digits and number words, their parts joined by و, groups by descending scale words."""
    total = Decimal(0)
    current: Decimal | None = None
    cats: set[str] = set()
    last_scale: Decimal | None = None
    unknown = False
    j = k
    while j < len(toks):
        t, start = toks[j], j == k
        if t.kind == "num":
            if not start and (current is not None or not t.clitic.startswith("و")):
                break  # 3 و5 is a list; مليون و500 ألف goes on
            value = parse_digits(t.raw)
            unknown = unknown or value is None
            current, cats = (value if value is not None else Decimal(0)), {"D"}
            j += 1
            continue
        hit = _word(t, W.NUMBER_WORDS)
        if hit is None:
            break
        pre, (cat, val) = hit
        conj = pre.startswith("و")
        if cat == "S":
            scale, plural, alone = val
            if last_scale is not None and scale >= last_scale:
                break
            if conj and current is not None:
                break
            if not start and not conj and current is None:
                break
            if current is None:
                unknown = unknown or plural or alone is None
                current = Decimal(alone or 0)
            total += current * scale
            last_scale, current, cats = scale, None, set()
        elif cat == "FRAC":  # نصف ربع: only right before a scale word
            nxt = _word(toks[j + 1], W.NUMBER_WORDS) if start and j + 1 < len(toks) else None
            if nxt is None or nxt[0] or nxt[1][0] != "S":
                break
            current, cats = Decimal(val), {"F"}
        elif cat == "ONE":  # أحد عشر, إحدى عشرة
            nxt = _word(toks[j + 1], W.NUMBER_WORDS) if start and j + 1 < len(toks) else None
            if nxt is None or nxt[0] or nxt[1] != ("U", 10):
                break
            current, cats = Decimal(1), {"U"}
        elif cat == "VAGUE":  # عشرات مئات: a figure without a value
            if not start:
                break
            unknown, current, cats = True, Decimal(0), {"V"}
        elif not start and not conj:
            if cat == "U" and val == 10 and cats == {"U"} and current is not None and current < 10:
                current, cats = current + 10, {"U", "T"}  # خمسة عشر
            elif cat == "H" and val == 100 and cats == {"U"} and current is not None and current < 10:
                current, cats = current * 100, {"H"}  # ثلاث مئة
            else:
                break
        else:
            if not start and (cats & {"D", "F", "V", cat} or (cat == "H" and cats) or (cat == "U" and "T" in cats)):
                break
            current = (current or Decimal(0)) + Decimal(val)
            cats.add(cat)
        j += 1
    if j == k:
        return None
    return (None if unknown else total + (current or Decimal(0))), last_scale, j
