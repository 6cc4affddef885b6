"""Word (token) boundaries for span edges, and Arabic proclitics (issue 13). Qt-free.

A *token* here is a run of non-space characters with the punctuation at its two ends left out:
in ``«الإرهاب،»`` the token is ``الإرهاب``, and ``«``, ``،`` and ``»`` are punctuation tokens of
their own. Punctuation inside a token stays (``F-35``, ``90+2``, ``U.S``).

Token snapping (:func:`snap_to_tokens`): an edge that falls inside a token moves to that token's
edge, outwards; punctuation at the ends of the result is dropped unless the selection holds nothing
but punctuation (a coder who selects ``،`` alone gets ``،``), and a closing bracket or quote stays
when its opening one is inside the span (``80 ألف باوند (36 طنا)``).

Proclitics (:func:`proclitic_split`, :func:`clitic_cycle`): the letters Arabic writes joined before a
word, in the order the language allows:

    [و | ف]  then  [ب | ك | ل]  or  [س] (before a verb's prefix ي ت ن أ)  then  [ال]  then the stem

with ``ل`` + ``ال`` written ``لل`` (``للمدينة`` = ل + ال + مدينة). A one-letter particle is taken only
when more than :data:`MIN_STEM` letters remain after it, the article when at least that many do
(``ولد``, ``بلد`` keep their first letter); الله and the relative pronouns (الذي, التي, ...) keep their
ال; harakat stay with their letter. The rule knows no lexicon: a root letter that looks like a proclitic (``وزير``) is
split too, which is why the key *cycles* (whole token, without the particles, without the article,
whole again) and the coder sees each step.
"""

from __future__ import annotations

import unicodedata

from annotator.core.offsets import cluster_bounds, normalize_span, snap_to_clusters

PUNCT = set("\"'«»“”‘’()[]{}<>,.;:!?،؛؟…-–—/\\|*•·")
OPENERS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", "‘": "’", "<": ">"}
CLOSERS = {v: k for k, v in OPENERS.items()}
MIN_STEM = 2  # letters that must remain after the proclitics


def is_punct(ch: str) -> bool:
    return ch in PUNCT or unicodedata.category(ch).startswith("P")


def token_at(text: str, pos: int) -> tuple[int, int]:
    """The token around ``pos`` (``pos`` on a space: ``(pos, pos)``; on punctuation at a word's end:
    that punctuation character alone)."""
    n = len(text)
    if not 0 <= pos < n or text[pos].isspace():
        return pos, pos
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = pos + 1
    while end < n and not text[end].isspace():
        end += 1
    core_start, core_end = start, end
    while core_start < core_end and is_punct(text[core_start]):
        core_start += 1
    while core_end > core_start and is_punct(text[core_end - 1]):
        core_end -= 1
    if core_start <= pos < core_end:
        return snap_to_clusters(text, core_start, core_end)
    return snap_to_clusters(text, pos, pos + 1)  # punctuation at the word's edge: itself


def snap_to_tokens(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole tokens and drop punctuation at its ends (see the module)."""
    start, end = snap_to_clusters(text, start, end)
    if start >= end:
        return start, end
    a = token_at(text, start)
    if a[0] < a[1] and a[0] < start:
        start = a[0]
    b = token_at(text, end - 1)
    if b[0] < b[1] and b[1] > end:
        end = b[1]
    return trim_punctuation(text, start, end)


def trim_punctuation(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and punctuation at the ends of ``[start, end)``, unless nothing else is left
    (then it is returned unchanged); a bracket or quote whose partner is inside is kept
    (``80 ألف باوند (36 طنا)`` keeps its closing bracket, ``«الجيش»`` loses both quotes)."""
    s, e = start, end
    while s < e and (text[s].isspace() or is_punct(text[s])):
        s += 1
    while e > s and (text[e - 1].isspace() or is_punct(text[e - 1])):
        e -= 1
    if s >= e:
        return start, end
    if e < end and text[e] in CLOSERS and CLOSERS[text[e]] in text[s:e]:
        e += 1
    if s > start and text[s - 1] in OPENERS and OPENERS[text[s - 1]] in text[s:e]:
        s -= 1
    return snap_to_clusters(text, s, e)


def next_token_edge(text: str, pos: int, direction: int) -> int:
    """The next token edge from ``pos`` in logical order (+1: the end of the next token; -1: the
    start of the previous one), punctuation tokens skipped."""
    n = len(text)
    if direction > 0:
        i = pos
        while i < n:
            if text[i].isspace() or is_punct(text[i]) and token_at(text, i) == (i, i + 1):
                i += 1
                continue
            a, b = token_at(text, i)
            if b > pos:
                return b
            i = b
        return n
    i = pos
    while i > 0:
        ch = text[i - 1]
        if ch.isspace() or is_punct(ch) and token_at(text, i - 1) == (i - 1, i):
            i -= 1
            continue
        a, b = token_at(text, i - 1)
        if a < pos:
            return a
        i = a
    return 0


def moved_edge(text: str, start: int, end: int, edge: str, direction: int, unit: str) -> tuple[int, int] | None:
    """The span ``[start, end)`` with its ``edge`` ("start" or "end") moved one step in logical
    order (``direction`` +1 or -1) by ``unit``: "char" (one grapheme cluster) or "word" (to the next
    token edge, :func:`next_token_edge`, punctuation at the new edge left out). A step that
    whitespace trimming would undo is taken again. Returns the new span, the same span when the edge
    cannot move (at the text's end), or ``None`` when the span would be empty. The one rule for the
    annotation window's and the review window's edge keys."""
    s, e = start, end
    for _ in range(64):
        pos = s if edge == "start" else e
        if unit == "word":
            pos = next_token_edge(text, pos, direction)
        elif direction > 0:
            pos = cluster_bounds(text, pos)[1] if pos < len(text) else pos
        else:
            pos = cluster_bounds(text, pos - 1)[0] if pos > 0 else 0
        s, e = (pos, e) if edge == "start" else (s, pos)
        span = normalize_span(text, s, e) if s < e else None
        if span is None:
            return None
        if unit == "word":
            span = trim_punctuation(text, *span)
        if span != (start, end):
            return span
        if pos in (0, len(text)):
            return start, end
    return start, end


# -- proclitics ------------------------------------------------------------------------------
_MARKS = {"\u0640"}  # tatweel rides along with the letter before it


def _letters(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``(start, end, base letter)`` per letter of ``text[start:end]``, harakat kept with it."""
    out: list[tuple[int, int, str]] = []
    for i in range(start, end):
        ch = text[i]
        if out and (unicodedata.combining(ch) or ch in _MARKS):
            a, _, base = out[-1]
            out[-1] = (a, i + 1, base)
        else:
            out.append((i, i + 1, ch))
    return out


# Words that begin with ال or a particle-like letter as a whole (the article of الله and of the
# relative pronouns is not a separate word).
WHOLE_WORDS = {"الله", "اللهم", "الذي", "التي", "الذين", "اللذان", "اللتان", "اللاتي", "اللواتي", "اللائي", "الآن"}


def proclitic_split(text: str, start: int, end: int) -> tuple[int, int]:
    """Where, in the token ``text[start:end]``, the particles (و ف, then ب ك ل or س) end and where
    the article ال ends: ``(after_particles, after_article)``, both ``start`` when there is none."""
    letters = _letters(text, start, end)
    n = len(letters)
    k = 0
    if k < n and letters[k][2] in "وف" and n - k - 1 > MIN_STEM:
        k += 1
    if k < n and letters[k][2] in "بكل" and n - k - 1 > MIN_STEM:
        k += 1
        if letters[k - 1][2] == "ل" and letters[k][2] == "ل" and n - k - 1 >= MIN_STEM:
            # لل: ل + ال with the alef dropped: the second lam is the article's
            return letters[k - 1][1], letters[k][1]
    elif k < n and letters[k][2] == "س" and k + 1 < n and letters[k + 1][2] in "يتنأ" and n - k - 1 > MIN_STEM:
        k += 1
    after_particles = letters[k - 1][1] if k else start
    rest = "".join(base for _, _, base in letters[k:])
    if k + 1 < n and letters[k][2] == "ا" and letters[k + 1][2] == "ل" and n - k - 2 >= MIN_STEM \
            and rest not in WHOLE_WORDS:
        return after_particles, letters[k + 1][1]
    return after_particles, after_particles


def proclitic_bounds(text: str, start: int, end: int) -> list[int]:
    """Every offset in the token ``text[start:end]`` where a proclitic ends, in order: after each
    particle and after the article (``وبالبيت``: after و, after ب, after ال), by
    :func:`proclitic_split`'s rule; empty for a token without proclitics."""
    particles, article = proclitic_split(text, start, end)
    bounds = [e for _, e, _ in _letters(text, start, particles)]  # a particle is one letter
    return bounds + [article] if article > particles else bounds


def clitic_cycle(text: str, start: int, end: int) -> tuple[int, int]:
    """The next span of the cycle whole token -> without the particles -> without the article too
    -> whole token, for a span ``[start, end)`` that is one token or part of one (steps with no
    change are skipped; a token without proclitics stays as it is)."""
    tok_start, tok_end = token_at(text, start)
    if tok_start >= tok_end or end > tok_end:
        tok_start, tok_end = start, end
    particles, article = proclitic_split(text, tok_start, tok_end)
    steps = [tok_start]
    for p in (particles, article):
        if p > steps[-1]:
            steps.append(p)
    if len(steps) == 1:
        return start, end
    if start in steps:
        return steps[(steps.index(start) + 1) % len(steps)], tok_end
    return tok_start, tok_end
