"""One source's annotations in the target's terms, and their writes, for ``merge``: spans with
their attributes and figure values, relations (their ends found again among the spans just
written), document labels, flags and comments. Each batch of documents is written with one
executemany per table (``Side.write``)."""

from __future__ import annotations

from annotator.core.changes import Change
from annotator.core.errors import ProjectError
from annotator.store.driver import insert_rows, mark, timestamp
from annotator.store.figure_values import computed_value
from annotator.store.merge_layers import DocKey, RelKey, check_value
from annotator.store.models import DocLabelRow, RelationRow, utcnow
from annotator.store.rich_rows import dumps

Pair = tuple[int, int]
_NONE: frozenset = frozenset()
_PLAIN = (None, None, None)  # a span without attributes or value, in a batch where some have them


class Side:
    def __init__(self, tx, state, source, fit, label_map, type_map, doc_map, report) -> None:
        self.tx, self.state, self.source, self.fit, self.report = tx, state, source, fit, report
        self.label_map, self.type_map, self.doc_map = label_map, type_map, doc_map
        self.valued = {label_id for label_id, label in fit.labels.items() if label.figure_values}
        self._texts: dict[int, str] = {}
        self.layered = False  # a span of the batch being read carries attributes or a value
        self._relations: list[tuple[Pair, Pair, set[RelKey]]] = []   # (source pair, target pair, relations)
        self._doc_labels: list[tuple[Pair, DocKey]] = []

    def _where(self, pair: Pair, start: int | None = None, end: int | None = None) -> str:
        doc, coder = pair
        out = f"document {self.source.documents[doc][1]!r}, coder {self.source.coders[coder][0]!r}"
        return out if start is None else f"{out}, span [{start}, {end}]"

    def read_relations(self, chunk: list[int]) -> dict[Pair, list]:
        """The source's relations of a batch of documents; a relation whose end is not a span of its
        own document and coder is listed in the report."""
        self._texts.clear()
        relations, broken = self.source.layers.relations_of(self.source.raw, chunk[0], chunk[-1])
        for relation_id, doc, coder in broken:
            self.report.relations_skipped.append(
                f"{self.source.path}: relation {relation_id} ({self._where((doc, coder))}): an end is not a span of "
                "that document and coder; not merged")
        return relations

    def work(self, pair: Pair, key: Pair, raw, relations: dict) -> tuple:
        """A source coder's work on a document in the target's terms: ``(span rows, relations,
        document labels)``. Each span once (a repeat is counted in the report), its label id
        mapped, its attributes checked against the target's label; figure values kept as stored (a
        coder's checked) or computed when the target's label has values and the source's span none.
        A span with no layer stays a 6-tuple: the insert binds 3 columns fewer."""
        document_id, coder_id = key
        label_map, valued = self.label_map, self.valued
        seen: set[tuple[int, int, int]] = set()
        add = seen.add
        rows = []
        append = rows.append
        for _d, _c, start, end, label, note, attrs, value, by in raw:
            label_id = label_map[label]
            ends = (start, end, label_id)
            if ends in seen:
                continue
            add(ends)
            if attrs is None and by is None and label_id not in valued:
                append((document_id, coder_id, label_id, start, end, note))
            else:
                append((document_id, coder_id, label_id, start, end, note,
                        *self._layer(pair, label_id, start, end, attrs, value, by)))
        self.report.duplicates_dropped += len(raw) - len(rows)
        return rows, self.relations(relations.get(pair)), self.doc_labels(pair)

    def _layer(self, pair, label_id, start, end, attrs, value, by) -> tuple:
        self.layered = True
        if attrs is not None:
            attrs = self.fit.attrs(label_id, attrs, lambda: self._where(pair, start, end))
        if label_id in self.valued:
            if by is None:
                value, by = computed_value(self._text(pair[0]), start, end), "core"
                self.report.values_computed += 1
            elif by == "coder":
                value = check_value(value, self.source.path, lambda: self._where(pair, start, end))
            elif by != "core":
                raise ProjectError(f"{self.source.path}: {self._where(pair, start, end)}: its value was set by "
                                   f"{by!r}, which is neither 'core' nor 'coder'")
        elif by is not None:
            raise ProjectError(f"{self.source.path}: {self._where(pair, start, end)}: it carries a figure value, "
                               "but the target's label does not; turn figure values on in the target first")
        return attrs, value, by

    def _text(self, doc: int) -> str:
        if doc not in self._texts:
            self._texts.update(self.source.text_of([doc]))
        return self._texts[doc]

    def relations(self, raw) -> frozenset | set[RelKey]:
        if not raw:
            return _NONE
        lm, tm = self.label_map, self.type_map
        return {(tm[t], (hs, he, lm[hl]), (cs, ce, lm[cl])) for t, (hs, he, hl), (cs, ce, cl) in raw}

    def doc_labels(self, pair: Pair) -> DocKey | None:
        key = self.source.layers.doc_labels.get(pair)
        return None if key is None else self.fit.doc_labels(key, lambda: self._where(pair))

    def replace(self, pair: Pair, key: Pair, theirs, ours, pending: list) -> None:
        """Put the source's work of ``pair`` in place of the target's (``ours``, None when it has none)."""
        spans, relations, labels = theirs
        document_id, coder_id = key
        state, report, conn = self.state, self.report, self.tx.conn
        m = mark(conn)
        where = f"WHERE document_id = {m} AND coder_id = {m}"
        if ours is not None:
            our_spans, our_relations, our_labels = ours
            if our_relations:
                conn.exec_driver_sql(f"DELETE FROM relations {where}", key)
                report.relations_removed += len(our_relations)
                self.tx.changes.append(Change("relation", document_id, coder_id))
            if our_spans:
                conn.exec_driver_sql(f"DELETE FROM spans {where}", key)
                report.spans_removed += len(our_spans)
                self.tx.changes.append(Change("span", document_id, coder_id))
        if key in state.doc_label_rows and (ours is not None or labels is not None):
            conn.exec_driver_sql(f"DELETE FROM doc_labels {where}", key)
            state.doc_label_rows.discard(key)
            if state.doc_labels.pop(key, None) is not None:
                self.tx.changes.append(Change("doc_labels", document_id, coder_id))
        pending.extend(spans)
        report.spans_added += len(spans)
        if spans:
            state.with_spans.add(key)
        else:
            state.with_spans.discard(key)
        if relations:
            self._relations.append((pair, key, relations))
        if labels is not None:
            self._doc_labels.append((key, labels))
            state.doc_labels[key] = labels
            state.doc_label_rows.add(key)

    def write(self, pending: list) -> None:
        """Write a batch: its spans, then its relations (their ends by the new span ids), then its
        document labels."""
        tx, state, report = self.tx, self.state, self.report
        if self.layered:
            tx.add_spans([row if len(row) == 9 else row + _PLAIN for row in pending], layers=True)
        else:
            tx.add_spans(pending, layers=False, computed=False)
        self.layered = False
        now = timestamp(utcnow())
        if self._relations:
            ids = state.span_ids({key for _pair, key, _relations in self._relations})
            rows = []
            for pair, (doc, coder), relations in self._relations:
                for type_id, (hs, he, hl), (cs, ce, cl) in sorted(relations):
                    head, child = ids.get((doc, coder, hl, hs, he)), ids.get((doc, coder, cl, cs, ce))
                    if head is None or child is None or head == child:
                        report.relations_skipped.append(
                            f"{self.source.path}: a relation of {self._where(pair)} from [{hs}, {he}] to "
                            f"[{cs}, {ce}]: its ends are not two spans merged with it; not merged")
                        continue
                    rows.append((doc, coder, type_id, head, child))
                tx.changes.append(Change("relation", doc, coder))
            insert_rows(tx.conn, RelationRow.__table__, ("document_id", "coder_id", "type_id", "head_id", "child_id"),
                        rows, {"created_at": now})
            report.relations_added += len(rows)
            state.has_relations = state.has_relations or bool(rows)
            self._relations.clear()
        if self._doc_labels:
            insert_rows(tx.conn, DocLabelRow.__table__,
                        ("document_id", "coder_id", "labels_json", "flags_json", "comment"),
                        [(doc, coder, dumps(list(labels)), dumps(list(flags)), comment)
                         for (doc, coder), (labels, flags, comment) in self._doc_labels], {"updated_at": now})
            tx.changes.extend(Change("doc_labels", doc, coder) for (doc, coder), _labels in self._doc_labels)
            report.doc_labels_added += len(self._doc_labels)
            self._doc_labels.clear()
