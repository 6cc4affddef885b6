"""The suggestions layer: what sources proposed (span, label, score, source, value), apart from
every coder's layer, and what each coder rejected (never shown to that coder again).

``SuggestionWrites`` is part of the ``Transaction``; ``SuggestionReads`` part of ``Project``.
Accepting a suggestion adds a span to the coder's layer with the provenance "suggested by
<source>, accepted by <coder>"; the suggestion itself stays (another coder may still decide), and
reads for a coder leave out suggestions that coder has already taken (a span of the same label
over it) or rejected.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from itertools import accumulate
from typing import Iterable, Iterator

from sqlalchemy import (Connection, Engine, and_, bindparam, delete, exists, func, insert, literal_column, or_,
                        select, tuple_, update)

from annotator.core.changes import Change
from annotator.core.errors import ProjectError
from annotator.core.model import Span
from annotator.core.suggestion import StoredSuggestion, accepted_provenance
from annotator.store.models import CoderRow, LabelRow, RejectionRow, SpanRow, SuggestionRow

COLUMNS = (SuggestionRow.id, SuggestionRow.document_id, SuggestionRow.label_id, SuggestionRow.start,
           SuggestionRow.end, SuggestionRow.score, SuggestionRow.source, SuggestionRow.value_json)
# (document_id, start, end, label_id, score, source, value or None)
NewSuggestion = tuple[int, int, int, int, float, str, "dict | None"]

# A coder's spans up to this long are found by the read's index probe (spans starting at most this
# far before a suggestion); longer ones are read apart and checked in Python (``_Overlaps``).
PROBE = 64
_EVERYWHERE = 2**31 - 1  # a range's end past any text (the largest INTEGER)

# ``SuggestionReads.suggestions``' statements by (what, dialect, by source): compiled once.
_SQL: dict[tuple, tuple[str, tuple | None]] = {}


def _build(what: str, by_source: bool):
    if what == "long_spans":
        return select(SpanRow.start, SpanRow.end, SpanRow.label_id).where(
            SpanRow.document_id == bindparam("document"), SpanRow.coder_id == bindparam("coder"),
            SpanRow.start < bindparam("hi"), SpanRow.end > bindparam("lo"),
            SpanRow.end - SpanRow.start > bindparam("probe"))
    query = select(*COLUMNS).where(SuggestionRow.document_id == bindparam("document"),
                                   SuggestionRow.start < bindparam("hi"), SuggestionRow.end > bindparam("lo"),
                                   SuggestionRow.score >= bindparam("min_score"))
    if by_source:
        query = query.where(SuggestionRow.source == bindparam("source"))
    if what == "for_coder":
        rejected = select(literal_column("1")).where(
            RejectionRow.document_id == SuggestionRow.document_id, RejectionRow.coder_id == bindparam("coder"),
            RejectionRow.start == SuggestionRow.start, RejectionRow.end == SuggestionRow.end,
            RejectionRow.label_id == SuggestionRow.label_id, RejectionRow.source == SuggestionRow.source)
        taken = select(literal_column("1")).where(
            SpanRow.document_id == SuggestionRow.document_id, SpanRow.coder_id == bindparam("coder"),
            SpanRow.start >= SuggestionRow.start - bindparam("probe"), SpanRow.start < SuggestionRow.end,
            SpanRow.end > SuggestionRow.start,
            or_(SpanRow.label_id == SuggestionRow.label_id,
                and_(SpanRow.start == SuggestionRow.start, SpanRow.end == SuggestionRow.end)))
        query = query.where(~exists(rejected), ~exists(taken))
    return query.order_by(SuggestionRow.start, SuggestionRow.end, SuggestionRow.id)


def _statement(conn: Connection, what: str, by_source: bool, params: dict) -> tuple:
    """``(sql, parameters)`` for the driver: ``what`` is "all", "for_coder" or "long_spans"."""
    key = (what, conn.dialect.name, by_source)
    sql = _SQL.get(key)
    if sql is None:
        compiled = _build(what, by_source).compile(dialect=conn.dialect)
        sql = _SQL[key] = (str(compiled), compiled.positiontup)
    text, order = sql
    return text, (tuple(params[name] for name in order) if order else params)


def _from_row(row) -> StoredSuggestion:
    *fields, value = row
    return StoredSuggestion(*fields, value=json.loads(value) if value else None)


def suggestion_by_id(conn: Connection, suggestion_id: int) -> StoredSuggestion:
    row = conn.execute(select(*COLUMNS).where(SuggestionRow.id == suggestion_id)).first()
    if row is None:
        raise ProjectError(f"there is no suggestion with id {suggestion_id}")
    return _from_row(row)


class SuggestionWrites:
    """Mixed into ``Transaction`` (which supplies ``conn``, ``changes``, ``add_span`` and ``_check_range``)."""

    conn: Connection
    changes: list[Change]

    def put_suggestions(self, rows: Iterable[NewSuggestion]) -> tuple[int, int]:
        """Store suggestions; one already there (same span, label and source) gets the new score
        and value. Returns (added, updated)."""
        by_doc: dict[int, list[NewSuggestion]] = {}
        for row in rows:
            by_doc.setdefault(row[0], []).append(row)
        labels = set(self.conn.scalars(select(LabelRow.id)))
        added = updated = 0
        for doc_id, items in by_doc.items():
            existing = {(s, e, lab, src): (sid, score, value) for sid, s, e, lab, src, score, value in self.conn.execute(
                select(SuggestionRow.id, SuggestionRow.start, SuggestionRow.end, SuggestionRow.label_id,
                       SuggestionRow.source, SuggestionRow.score, SuggestionRow.value_json)
                .where(SuggestionRow.document_id == doc_id))}
            new, low, high = [], None, None
            for _, start, end, label_id, score, source, value in items:
                self._check_range(doc_id, start, end)
                if label_id not in labels:
                    raise ProjectError(f"there is no label with id {label_id}")
                if not (isinstance(score, (int, float)) and 0 <= score <= 1):
                    raise ProjectError(f"a suggestion's score must be between 0 and 1, got {score!r}")
                if not source or len(source) > 200:
                    raise ProjectError(f"a suggestion needs a source name of 1-200 characters, got {source!r}")
                value_json = json.dumps(value, ensure_ascii=False) if value is not None else None
                key = (start, end, label_id, source)
                low = start if low is None else min(low, start)
                high = end if high is None else max(high, end)
                if key in existing:
                    sid, old_score, old_value = existing[key]
                    if old_score != score or old_value != value_json:
                        self.conn.execute(update(SuggestionRow).where(SuggestionRow.id == sid)
                                          .values(score=float(score), value_json=value_json))
                        updated += 1
                    continue
                existing[key] = (None, score, value_json)
                new.append(dict(document_id=doc_id, start_offset=start, end_offset=end, label_id=label_id,
                                score=float(score), source=source, value_json=value_json))
            if new:
                self.conn.execute(insert(SuggestionRow), new)
                added += len(new)
            if low is not None:
                self.changes.append(Change("suggestion", doc_id, None, ((low, high),)))
        return added, updated

    def clear_suggestions(self, *, source: str | None = None, document_ids: Iterable[int] | None = None) -> int:
        """Delete suggestions (of one source, of some documents); rejections are kept."""
        query = delete(SuggestionRow)
        if source is not None:
            query = query.where(SuggestionRow.source == source)
        if document_ids is not None:
            query = query.where(SuggestionRow.document_id.in_(list(document_ids)))
        count = self.conn.execute(query).rowcount or 0
        if count:
            self.changes.append(Change("suggestion"))
        return count

    def reject_suggestion(self, suggestion_id: int, coder_id: int) -> None:
        s = suggestion_by_id(self.conn, suggestion_id)
        if self.conn.scalar(select(CoderRow.id).where(CoderRow.id == coder_id)) is None:
            raise ProjectError(f"there is no coder with id {coder_id}")
        if self.conn.scalar(select(RejectionRow.id).where(*_rejection_key(s, coder_id))) is None:
            self.conn.execute(insert(RejectionRow).values(document_id=s.document_id, coder_id=coder_id,
                                                          label_id=s.label_id, start=s.start, end=s.end,
                                                          source=s.source))
        self.changes.append(Change("suggestion", s.document_id, coder_id, ((s.start, s.end),)))

    def unreject_suggestion(self, suggestion_id: int, coder_id: int) -> None:
        """Undo a rejection."""
        s = suggestion_by_id(self.conn, suggestion_id)
        self.conn.execute(delete(RejectionRow).where(*_rejection_key(s, coder_id)))
        self.changes.append(Change("suggestion", s.document_id, coder_id, ((s.start, s.end),)))

    def accept_suggestion(self, suggestion_id: int, coder_id: int, label_id: int | None = None, *,
                          span_id: int | None = None) -> Span:
        """The suggestion becomes a span of the coder (with another label if given), with its
        provenance. ``span_id``: re-create it under the id it had (redo)."""
        s = suggestion_by_id(self.conn, suggestion_id)
        coder = self.conn.scalar(select(CoderRow.name).where(CoderRow.id == coder_id))
        if coder is None:
            raise ProjectError(f"there is no coder with id {coder_id}")
        label_id = s.label_id if label_id is None else label_id
        relabelled = None
        if label_id != s.label_id:
            if self.conn.scalar(select(LabelRow.id).where(LabelRow.id == label_id)) is None:
                raise ProjectError(f"there is no label with id {label_id}")
            relabelled = self.conn.scalar(select(LabelRow.name).where(LabelRow.id == s.label_id))
        provenance = accepted_provenance(s.source, s.score, coder, relabelled_from=relabelled)
        span = self.add_span(s.document_id, coder_id, label_id, s.start, s.end, span_id=span_id, provenance=provenance)
        self.changes.append(Change("suggestion", s.document_id, coder_id, ((s.start, s.end),)))
        return span


def _rejection_key(s: StoredSuggestion, coder_id: int):
    return (RejectionRow.document_id == s.document_id, RejectionRow.coder_id == coder_id,
            RejectionRow.label_id == s.label_id, RejectionRow.start == s.start, RejectionRow.end == s.end,
            RejectionRow.source == s.source)


class SuggestionReads:
    """Mixed into ``Project``'s reads (which supply ``_engine``)."""

    _engine: Engine

    def suggestions(self, document_id: int, coder_id: int | None = None, *, min_score: float = 0.0,
                    source: str | None = None, within: tuple[int, int] | None = None) -> list[StoredSuggestion]:
        """A document's suggestions by start (``within=(lo, hi)``: only those overlapping that
        range, what a window paints first). For a coder: without those the coder rejected or
        already decided (a span of the same label overlapping it, or any span on exactly its range:
        accepted with another label).

        For a coder, one statement (compiled once) leaves the decided ones out in the database:
        each suggestion probes the spans index for the coder's spans starting at most ``PROBE``
        characters before it, and the coder's longer spans near the suggestions found, read apart,
        are checked here by one bisection over their running maximum end. Before, every span of
        the coder came into Python: 50,000 spans and 5,000 suggestions took about 0.5 CPU-s of a
        window's open, now about 45 ms (a screenful: a few ms)."""
        lo, hi = within if within is not None else (-1, _EVERYWHERE)
        params = {"document": document_id, "min_score": min_score, "source": source, "coder": coder_id,
                  "probe": PROBE, "lo": lo, "hi": hi}
        with self._engine.connect() as conn, conn.begin():
            cursor = conn.connection.dbapi_connection.cursor()  # plain rows: no SQLAlchemy row per suggestion
            try:
                found = [_from_row(row) for row in cursor.execute(*_statement(
                    conn, "for_coder" if coder_id is not None else "all", source is not None, params)).fetchall()]
                if coder_id is None or not found:
                    return found
                params["lo"], params["hi"] = min(s.start for s in found), max(s.end for s in found)
                long_spans = cursor.execute(*_statement(conn, "long_spans", False, params)).fetchall()
            finally:
                cursor.close()
        if not long_spans:
            return found
        overlapped = _Overlaps(long_spans)
        return [s for s in found if not overlapped.covers(s)]

    def rejected_keys(self, coder_id: int) -> set[tuple[int, int, int, int, str]]:
        """What the coder rejected: ``(document_id, start, end, label_id, source)``."""
        return _rejected_keys(self._engine, coder_id)

    def suggestion(self, suggestion_id: int) -> StoredSuggestion:
        with self._engine.connect() as conn:
            return suggestion_by_id(conn, suggestion_id)

    def suggestion_counts(self) -> dict[str, int]:
        """Suggestions per source."""
        with self._engine.connect() as conn:
            return dict(conn.execute(select(SuggestionRow.source, func.count(SuggestionRow.id))
                                     .group_by(SuggestionRow.source)).all())

    def rejected_by(self, suggestion_id: int) -> list[str]:
        """The names of the coders who rejected this suggestion."""
        with self._engine.connect() as conn:
            s = suggestion_by_id(conn, suggestion_id)
            return list(conn.scalars(select(CoderRow.name).join(RejectionRow, RejectionRow.coder_id == CoderRow.id)
                                     .where(and_(*_rejection_key_any(s))).order_by(CoderRow.name)))

    def iter_suggestions(self, batch: int = 5000) -> Iterator[tuple[StoredSuggestion, list[str]]]:
        """Every suggestion in document and start order, with the coders who rejected it."""
        last = (-1, -1, -1)
        with self._engine.connect() as conn, conn.begin():
            rejections: dict[tuple, list[str]] = {}
            for doc, coder, label, s, e, src in conn.execute(
                    select(RejectionRow.document_id, CoderRow.name, RejectionRow.label_id, RejectionRow.start,
                           RejectionRow.end, RejectionRow.source).join(CoderRow, CoderRow.id == RejectionRow.coder_id)):
                rejections.setdefault((doc, s, e, label, src), []).append(coder)
            while True:
                rows = conn.execute(select(*COLUMNS).where(
                    tuple_(SuggestionRow.document_id, SuggestionRow.start, SuggestionRow.id) > tuple_(*last))
                    .order_by(SuggestionRow.document_id, SuggestionRow.start, SuggestionRow.id).limit(batch)).all()
                if not rows:
                    return
                for row in rows:
                    s = _from_row(row)
                    yield s, sorted(rejections.get((s.document_id, s.start, s.end, s.label_id, s.source), []))
                last = (rows[-1][1], rows[-1][3], rows[-1][0])


def _rejection_key_any(s: StoredSuggestion):
    return (RejectionRow.document_id == s.document_id, RejectionRow.label_id == s.label_id,
            RejectionRow.start == s.start, RejectionRow.end == s.end, RejectionRow.source == s.source)


def _rejected_keys(engine: Engine, coder_id: int) -> set[tuple[int, int, int, int, str]]:
    with engine.connect() as conn:
        return set(conn.execute(select(RejectionRow.document_id, RejectionRow.start, RejectionRow.end,
                                       RejectionRow.label_id, RejectionRow.source)
                                .where(RejectionRow.coder_id == coder_id)).all())


class _Overlaps:
    """Spans by label, for "a span of this label overlaps it": sorted by start with the running
    maximum of their ends, so one bisection answers whatever the spans' lengths."""

    def __init__(self, spans) -> None:
        by_label: dict[int, list[tuple[int, int]]] = {}
        for start, end, label in spans:
            by_label.setdefault(label, []).append((start, end))
        self.by_label = {}
        for label, ranges in by_label.items():
            ranges.sort()
            self.by_label[label] = ([start for start, _ in ranges], list(accumulate((end for _, end in ranges), max)))

    def covers(self, s: StoredSuggestion) -> bool:
        found = self.by_label.get(s.label_id)
        if found is None:
            return False
        starts, reach = found
        i = bisect_left(starts, s.end)  # spans starting before the suggestion ends
        return i > 0 and reach[i - 1] > s.start
