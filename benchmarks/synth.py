"""Documents and coders made from corpus units, deterministic for a given ``random.Random``.

A document is a run of consecutive sentences of one source document (continuing in another when
that one ends), of a realistic length (log-normal, median about 2,500 characters). Its reference
spans are the corpus's gold spans plus whole-word spans (1-3 words) up to a wanted density.
Each coder then marks the reference spans with its own habits: it misses some, labels some
differently, moves some boundaries by a word or a character (a clitic, a trailing punctuation
mark), and adds a few spans of its own. So coders agree on most spans and differ the way human
coders do: on boundaries, labels and misses.
"""

from __future__ import annotations

import math
import random
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from benchmarks.corpus import LABELS, Corpus

WORD = re.compile(r"[^\s.,،؛:;!?؟\"'()\[\]«»\-–]+")
LABEL_WEIGHTS = (0.35, 0.30, 0.20, 0.15)  # PER, LOC, ORG, MISC for spans the corpus did not give
CLITICS = ("وال", "بال", "لل", "ال", "و", "ب")


@dataclass(frozen=True)
class Habits:
    name: str
    miss: float       # share of reference spans the coder does not mark
    relabel: float    # ... marks with another label
    boundary: float   # ... marks with other boundaries
    extra: float      # spans of its own, per reference span


CODERS = (Habits("coder-a", 0.04, 0.03, 0.06, 0.03),
          Habits("coder-b", 0.05, 0.04, 0.07, 0.04),
          Habits("coder-c", 0.07, 0.05, 0.09, 0.02))


def spans_per_reference(coders=CODERS) -> float:
    """How many coder spans one reference span yields, summed over the coders."""
    return sum(1 - c.miss + c.extra for c in coders)


def document_lengths(rng: random.Random, count: int, median: int = 2500) -> list[int]:
    return [min(20_000, max(300, int(rng.lognormvariate(math.log(median), 0.6)))) for _ in range(count)]


def compose(rng: random.Random, corpus: Corpus, length: int) -> tuple[str, list[tuple[int, int, str]]]:
    """A text of at least ``length`` characters with the gold spans of the units it is made of."""
    stream = rng.choice(corpus.streams)
    index = rng.randrange(len(stream))
    parts: list[str] = []
    gold: list[tuple[int, int, str]] = []
    size = 0
    while size < length:
        if index >= len(stream):
            stream, index = rng.choice(corpus.streams), 0
        unit = stream[index]
        index += 1
        if parts:
            sep = "\n\n" if rng.random() < 0.2 else " "
            parts.append(sep)
            size += len(sep)
        gold += [(size + s, size + e, label) for s, e, label in unit.spans]
        parts.append(unit.text)
        size += len(unit.text)
    return "".join(parts), gold


class Words:
    """Word boundaries of one text, for snapping spans to whole words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in WORD.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, first: int, count: int) -> tuple[int, int]:
        last = min(first + count, len(self.starts)) - 1
        return self.starts[first], self.ends[last]


def _random_label(rng: random.Random) -> str:
    return rng.choices(LABELS, LABEL_WEIGHTS)[0]


def _word_count(rng: random.Random) -> int:
    return rng.choices((1, 2, 3), (0.6, 0.3, 0.1))[0]


def reference_spans(rng: random.Random, words: Words, gold: list[tuple[int, int, str]],
                    wanted: int) -> list[tuple[int, int, str]]:
    """``wanted`` spans: a sample of the gold spans, topped up with word spans that overlap none."""
    if len(gold) >= wanted:
        return sorted(rng.sample(gold, wanted))
    spans = list(gold)
    taken = sorted((s, e) for s, e, _ in gold)
    starts = [s for s, _ in taken]
    tries = 0
    while len(spans) < wanted and len(words) and tries < wanted * 20:
        tries += 1
        start, end = words.span(rng.randrange(len(words)), _word_count(rng))
        i = bisect_left(starts, end)
        if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
            continue
        starts.insert(i, start)
        taken.insert(i, (start, end))
        spans.append((start, end, _random_label(rng)))
    return sorted(spans)


def _moved(rng: random.Random, words: Words, start: int, end: int) -> tuple[int, int]:
    """The same span with other boundaries, the way coders differ."""
    first = bisect_right(words.starts, start) - 1
    last = bisect_left(words.ends, end)
    text = words.text
    choice = rng.randrange(4)
    if choice == 0 and last + 1 < len(words):                  # one more word at the end
        return start, words.ends[last + 1]
    if choice == 1 and first > 0:                               # one more word at the start
        return words.starts[first - 1], end
    if choice == 2:                                             # drop a word, or a clitic
        if last > first:
            return (words.starts[first + 1], end) if rng.random() < 0.5 else (start, words.ends[last - 1])
        for clitic in CLITICS:
            if text.startswith(clitic, start) and end - start > len(clitic) + 1:
                return start + len(clitic), end
    if end < len(text) and not text[end].isspace():            # take the punctuation after it
        return start, end + 1
    return (start, words.ends[last + 1]) if last + 1 < len(words) else (max(0, start - 1), end)


def code(rng: random.Random, words: Words, reference: list[tuple[int, int, str]],
         habits: Habits) -> list[tuple[int, int, str]]:
    """One coder's spans for one document."""
    out = []
    for start, end, label in reference:
        roll = rng.random()
        if roll < habits.miss:
            continue
        roll -= habits.miss
        if roll < habits.relabel:
            label = rng.choice([other for other in LABELS if other != label])
        elif roll < habits.relabel + habits.boundary and len(words):
            moved = _moved(rng, words, start, end)
            if 0 <= moved[0] < moved[1] <= len(words.text):  # a gold span off the word grid may not move
                start, end = moved
        out.append((start, end, label))
        if rng.random() < habits.extra and len(words):
            s, e = words.span(rng.randrange(len(words)), _word_count(rng))
            out.append((s, e, _random_label(rng)))
    return out


def dense_spans(rng: random.Random, words: Words, gold: list[tuple[int, int, str]],
                count: int) -> list[tuple[int, int, str]]:
    """Exactly ``count`` spans over distinct words (some reach into the next word, so a few
    overlap), labelled as the gold span they fall in, if any: for the one very large document."""
    if count > len(words):
        raise ValueError(f"{count} spans wanted but the text has only {len(words)} words")
    gold_starts = [s for s, _, _ in gold]
    spans = []
    for first in sorted(rng.sample(range(len(words)), count)):
        start, end = words.span(first, 2 if rng.random() < 0.3 else 1)
        i = bisect_right(gold_starts, start) - 1
        label = gold[i][2] if i >= 0 and gold[i][1] > start else _random_label(rng)
        spans.append((start, end, label))
    return spans
