"""The spans of the open document, indexed by paragraph (Qt-free, so it is tested on its own).

The document view highlights one paragraph (a ``QTextBlock``) at a time; this index answers
"which spans touch paragraph b" in O(spans there) and tells which paragraphs an added or removed
span touches, so only those are re-highlighted (DESIGN.md section 3).

A span here is a plain tuple ``(id, coder_id, label_id, start, end, note)`` as
``Project.span_rows`` returns it: building 50,000 objects would cost more than reading them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import compress, islice
from operator import itemgetter, le

ID, CODER, LABEL, START, END, NOTE = range(6)
_RUN = 64  # spans per run in SpanIndex's search for spans that run into a paragraph

# Characters at which QTextCursor.insertText starts a new block (one position each, like ours).
# "\r" is shown as "\n" by the view (see display_text), so it breaks a block the same way.
BLOCK_BREAK = re.compile("[\n\r\u2029\ufdd0\ufdd1]")


def display_text(text: str) -> str:
    """The text given to Qt: the same length, positions one to one with ``text``.

    ``setPlainText`` would turn a CRLF into one break (every later position off by one);
    a lone CR becomes LF so that each break stays one position.
    """
    return text.replace("\r", "\n") if "\r" in text else text


def block_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in BLOCK_BREAK.finditer(text)]


def _sorted_by_start(rows: list[tuple]) -> bool:
    row_starts = list(map(itemgetter(START), rows))
    return all(map(le, row_starts, islice(row_starts, 1, None)))


class SpanIndex:
    """Spans by paragraph, plus counts per label. ``mine`` is the coder whose layer is editable."""

    def __init__(self, text: str, rows=(), mine: int | None = None) -> None:
        self.text = text
        self.starts = block_starts(text)
        self.mine = mine
        self.spans: dict[int, tuple] = {}
        self.by_block: dict[int, list[tuple]] = {}
        self.label_counts: Counter[int] = Counter()
        self._pending: list[tuple] | None = None  # sorted spans not yet cut into paragraphs (_bucket)
        self.add_many(rows)

    # -- geometry ---------------------------------------------------------------------------
    def block_of(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def blocks_of(self, start: int, end: int) -> range:
        """Block numbers that ``[start, end)`` touches."""
        return range(self.block_of(start), self.block_of(max(start, end - 1)) + 1)

    def block_bounds(self, block: int) -> tuple[int, int]:
        """Code point range of a block's text (its break character excluded)."""
        start = self.starts[block]
        end = self.starts[block + 1] - 1 if block + 1 < len(self.starts) else len(self.text)
        return start, end

    # -- changes ----------------------------------------------------------------------------
    def add_many(self, rows) -> None:
        if not self.spans and isinstance(rows, list) and len(rows) > 64 and _sorted_by_start(rows):
            self._add_sorted(rows)
            return
        starts, by_block, spans = self.starts, self.by_block, self.spans
        counts = self.label_counts
        mine = self.mine
        last_block = len(starts) - 1
        for row in rows:
            spans[row[0]] = row
            first = bisect_right(starts, row[3]) - 1
            if first < last_block and row[4] > starts[first + 1]:  # crosses a paragraph break
                blocks = self.blocks_of(row[3], row[4])
            else:
                blocks = (first,)
            for b in blocks:
                bucket = self._bucket(b)
                if bucket is None:
                    by_block[b] = [row]
                else:
                    bucket.append(row)
            if row[1] == mine:
                counts[row[2]] += 1

    def _add_sorted(self, rows: list[tuple]) -> None:
        """A whole document's spans, ordered by start (as ``span_rows`` reads them), into an empty
        index, without cutting them into paragraphs yet: a paragraph's list is made the first time
        it is asked for (``_bucket``: two bisections, and the spans from earlier paragraphs that run
        into it). The open of a 50,000-span document then costs the id table and the label counts,
        and each paragraph shown a few microseconds; the lists are the ones ``add_many``'s loop makes."""
        self.spans.update(zip(map(itemgetter(ID), rows), rows))
        mine = self.mine
        self.label_counts.update(compress(map(itemgetter(LABEL), rows), map(mine.__eq__, map(itemgetter(CODER), rows)))
                                 if mine is not None else ())
        ends = list(map(itemgetter(END), rows))
        self._pending = rows
        self._pending_starts = list(map(itemgetter(START), rows))
        self._pending_ends = ends
        # the furthest end of each run of _RUN spans: where a backward search for spans running into
        # a paragraph can skip a whole run (one span over the whole text costs n / _RUN steps, not n)
        self._pending_runs = [max(ends[i:i + _RUN]) for i in range(0, len(ends), _RUN)]
        self._made: set[int] = set()

    def _bucket(self, block: int) -> list[tuple] | None:
        """The spans of ``block`` (None when it has none), made from the pending sorted spans on
        first use."""
        if self._pending is not None and block not in self._made:
            self._made.add(block)
            starts, rows, row_starts = self.starts, self._pending, self._pending_starts
            lo_pos = starts[block]
            lo = bisect_left(row_starts, lo_pos)
            hi = bisect_left(row_starts, starts[block + 1]) if block + 1 < len(starts) else len(rows)
            before = self._running_into(lo, lo_pos)
            if before or hi > lo:
                self.by_block[block] = before + rows[lo:hi]
        return self.by_block.get(block)

    def _running_into(self, lo: int, pos: int) -> list[tuple]:
        """The pending spans before index ``lo`` whose end is past ``pos``, in order of start."""
        rows, ends, runs = self._pending, self._pending_ends, self._pending_runs
        found: list[tuple] = []
        run = (lo - 1) // _RUN if lo else -1
        while run >= 0:
            if runs[run] > pos:
                for i in range(min(lo, (run + 1) * _RUN) - 1, run * _RUN - 1, -1):
                    if ends[i] > pos:
                        found.append(rows[i])
            run -= 1
        found.reverse()
        return found

    def add(self, row: tuple) -> range:
        self.add_many((row,))
        return self.blocks_of(row[START], row[END])

    def remove(self, span_id: int) -> range:
        row = self.spans.pop(span_id)
        blocks = self.blocks_of(row[START], row[END])
        for b in blocks:
            bucket = self._bucket(b)
            bucket.remove(row)
            if not bucket:
                del self.by_block[b]
        if row[CODER] == self.mine:
            self.label_counts[row[LABEL]] -= 1
        return blocks

    def replace(self, row: tuple) -> range:
        """Put a changed version of a span (same id) in place; returns every block touched."""
        old = self.remove(row[ID]) if row[ID] in self.spans else range(0)
        new = self.add(row)
        return range(min(old.start, new.start) if old else new.start, max(old.stop, new.stop) if old else new.stop)

    def drop_coder(self, coder_id: int) -> None:
        for row in [r for r in self.spans.values() if r[CODER] == coder_id]:
            self.remove(row[ID])

    def drop_others(self) -> None:
        for row in [r for r in self.spans.values() if r[CODER] != self.mine]:
            self.remove(row[ID])

    # -- queries ----------------------------------------------------------------------------
    def in_block(self, block: int) -> list[tuple]:
        return self._bucket(block) or []

    def at(self, pos: int, *, only_mine: bool = False) -> list[tuple]:
        """Spans covering ``pos``, innermost (shortest) first."""
        found = [r for r in self._bucket(self.block_of(pos)) or () if r[START] <= pos < r[END]
                 and (not only_mine or r[CODER] == self.mine)]
        found.sort(key=lambda r: (r[END] - r[START], r[START], r[ID]))
        return found

    def mine_sorted(self) -> list[tuple]:
        return sorted((r for r in self.spans.values() if r[CODER] == self.mine), key=lambda r: (r[START], r[END], r[ID]))

    def count_mine(self) -> int:
        return sum(self.label_counts.values())


def segments(rows: list[tuple], lo: int, hi: int) -> list[tuple[int, int, list[tuple]]]:
    """Cut ``[lo, hi)`` into pieces over which the set of covering spans is constant.

    Returns ``(start, end, spans)`` for each piece covered by at least one span, spans innermost
    first. A sweep over the span edges: O(k log k) for k spans in the paragraph.
    """
    if not rows:
        return []
    edges = sorted({max(lo, min(hi, p)) for r in rows for p in (r[START], r[END])} | {lo, hi})
    out = []
    # Most pieces are covered by one span; a linear scan over the (sorted) rows stays cheap.
    ordered = sorted(rows, key=lambda r: r[START])
    active: list[tuple] = []
    i = 0
    for a, b in zip(edges, edges[1:]):
        if a >= b:
            continue
        while i < len(ordered) and ordered[i][START] <= a:
            active.append(ordered[i])
            i += 1
        active = [r for r in active if r[END] > a]
        cover = [r for r in active if r[START] <= a]
        if cover:
            if len(cover) > 1:
                cover.sort(key=lambda r: (r[END] - r[START], r[START], r[ID]))
            out.append((a, b, cover))
    return out
