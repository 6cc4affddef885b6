"""How one value is written in a report cell: NaN as n/a (or null in JSON), numbers to three
digits, text escaped for LaTeX. Shared by the renderers of the full report and of its gold section."""

from __future__ import annotations

import math
from typing import Any


def clean(value: Any) -> Any:
    """A copy fit for JSON: NaN and infinities become None, tuples lists, NumPy numbers Python ones."""
    kind = type(value)  # the common exact types first: a report holds hundreds of thousands of values
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is dict:
        return {k if type(k) is str else str(k): clean(v) for k, v in value.items()}
    if kind is list:
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def fmt(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
          "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
          "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}


def latex_escape(text: str) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in str(text))


def pair_key(a: str, b: str) -> str:
    """The key of a pair of coders in the report (``"layla|omar"``). A ``|`` or ``\\`` inside a
    name is escaped with a backslash, so that every pair has its own key and ``split_pair`` gives
    the two names back (merge accepts names such as ``omar|2``)."""
    return f"{_escape_bar(a)}|{_escape_bar(b)}"


def _escape_bar(name: str) -> str:
    return name.replace("\\", "\\\\").replace("|", "\\|")


def split_pair(key: str) -> tuple[str, str]:
    names, current, chars = [], [], iter(key)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == "|" and not names:
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
    names.append("".join(current))
    if len(names) != 2:
        raise ValueError(f"not a pair key: {key!r}")
    return names[0], names[1]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text) -> str:
    """A text cell for CSV: one that a spreadsheet would run as a formula (it starts with = + - @,
    a tab or a carriage return) gets a leading ``'``, as OWASP recommends against CSV injection."""
    text = "" if text is None else str(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def md_text(text) -> str:
    """Text for a Markdown table cell: ``|`` and ``\\`` escaped, one line, and HTML escaped (a
    Markdown viewer renders raw HTML: a name ``<img onerror=...>`` would run)."""
    import html

    return html.escape(str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " "), quote=False)
