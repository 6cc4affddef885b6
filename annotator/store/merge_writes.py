"""One source's annotations in the target's terms, and their writes, for ``merge``: spans with
their attributes and figure values, relations (their ends found again among the spans just
written), document labels, flags and comments. Each batch of documents is written with one
executemany per table (``Side.write``)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import event

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
        self._schema: str | None = None  # the source attached for copy_in_sql
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

    def replace(self, pair: Pair, key: Pair, theirs, ours, pending: list, copied: int | None = None) -> None:
        """Put the source's work of ``pair`` in place of the target's (``ours``, None when it has none).
        ``copied``: its spans were written by ``copy_in_sql`` (how many the source has), not queued."""
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
        if copied is None:
            pending.extend(spans)
            report.spans_added += len(spans)
        if spans or copied:
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

    # -- new pairs of a plain source copied inside SQLite (ATTACH + INSERT ... SELECT) --------------
    def sql_copy_ready(self) -> bool:
        """Whether this source's new pairs can be copied by one INSERT ... SELECT per batch: a SQLite
        target, a source whose spans carry no attribute or value, and none of a label with figure
        values in the target (those need Python: checks, computed values). Attaches the source."""
        tx, source, state = self.tx, self.source, self.state
        if tx.conn.dialect.name != "sqlite" or state.attached is None or not source.layers.plain or not source.file:
            return False
        if any(self.label_map.get(label) in self.valued for label in source.used_labels):
            return False
        file = Path(source.file).resolve()
        wal = file.with_name(file.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            # changes not yet in the main file: only a connection that reads the WAL sees them, and a
            # checkpoint of the target's connection would then try to write the read-only source
            return False
        name = f"merge_source_{len(state.attached)}"
        # immutable: the file is read as it is, without locks or a WAL (there is none), so the commit's
        # checkpoint never touches it; a coder's copy that is sent is not being written
        uri = "file:" + quote(str(file)) + "?mode=ro&immutable=1"
        conn = tx.conn
        conn.exec_driver_sql(f"ATTACH DATABASE ? AS {name}", (uri,))
        state.attached.append(name)
        found = conn.exec_driver_sql(f"SELECT count(*) FROM {name}.documents").scalar()
        if found != len(source.documents):  # not the file that was checked: read it through Python
            return False
        conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS merge_pairs (sdoc INTEGER, scoder INTEGER, "
                             "tdoc INTEGER, tcoder INTEGER, tlen INTEGER, PRIMARY KEY (sdoc, scoder)) WITHOUT ROWID")
        conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS merge_labels (slabel INTEGER PRIMARY KEY, tlabel INTEGER)")
        conn.exec_driver_sql("DELETE FROM temp.merge_labels")
        conn.exec_driver_sql("INSERT INTO temp.merge_labels VALUES (?, ?)",
                             [(s, t) for s, t in self.label_map.items() if t is not None])
        self._schema = name
        return True

    def copy_in_sql(self, chunk: list[int], pairs: list[tuple[Pair, Pair]], counts: dict[Pair, int]) -> None:
        """Copy the spans of ``pairs`` (new to the target) of a batch inside SQLite, each span once (the
        first of a repeat), in the order the Python path writes them, after the check every bulk
        write makes: each span inside its target document's text."""
        if not pairs:
            return
        tx, conn, src = self.tx, self.tx.conn, self._schema
        lengths = tx.lengths
        conn.exec_driver_sql("DELETE FROM temp.merge_pairs")
        conn.exec_driver_sql("INSERT INTO temp.merge_pairs VALUES (?, ?, ?, ?, ?)",
                             [(doc, coder, tdoc, tcoder, lengths[tdoc]) for (doc, coder), (tdoc, tcoder) in pairs])
        join = (f"FROM {src}.spans x JOIN temp.merge_pairs p ON p.sdoc = x.document_id AND p.scoder = x.coder_id "
                "JOIN temp.merge_labels l ON l.slabel = x.label_id WHERE x.document_id BETWEEN ? AND ?")
        bad = conn.exec_driver_sql(f"SELECT p.tdoc, x.start_offset, x.end_offset {join} AND x.end_offset > p.tlen "
                                   "LIMIT 1", (chunk[0], chunk[-1])).first()
        if bad is not None:
            tx._check_range(*bad)  # raises: the span lies outside its document's text
        now = timestamp(utcnow())
        done = conn.exec_driver_sql(
            "INSERT INTO main.spans (document_id, coder_id, label_id, start_offset, end_offset, note, created_at, "
            f"updated_at) SELECT p.tdoc, p.tcoder, l.tlabel, x.start_offset, x.end_offset, nullif(x.note, ''), "
            f"'{now}', '{now}' {join} AND NOT EXISTS (SELECT 1 FROM {src}.spans y WHERE y.document_id = x.document_id "
            "AND y.coder_id = x.coder_id AND y.start_offset = x.start_offset AND y.end_offset = x.end_offset "
            "AND y.label_id = x.label_id AND y.id < x.id) ORDER BY x.document_id, x.coder_id, x.id",
            (chunk[0], chunk[-1])).rowcount
        self.report.spans_added += done
        self.report.duplicates_dropped += sum(counts[pair] for pair, _key in pairs) - done
        tx.changes.extend(Change("span", tdoc, tcoder) for _pair, (tdoc, tcoder) in pairs)

    def sql_copy_done(self) -> None:
        if self._schema:
            self.tx.conn.exec_driver_sql("DELETE FROM temp.merge_pairs")
            self._schema = None


@contextmanager
def attachments(project):
    """While a merge runs: the names of the sources attached to the target's connection, detached
    (and the merge's temporary tables dropped) when that connection goes back to the pool, after
    the transaction has committed or rolled back (SQLite refuses to detach a file inside it)."""
    attached: list[str] = []
    engine = getattr(project, "_engine", None)

    def detach(dbapi_connection, _record) -> None:
        while attached:
            name = attached.pop()
            try:
                dbapi_connection.execute(f"DETACH DATABASE {name}")
            except Exception:  # the connection is gone: so is what it had attached
                pass
        for table in ("merge_pairs", "merge_labels"):
            try:
                dbapi_connection.execute(f"DROP TABLE IF EXISTS temp.{table}")
            except Exception:
                pass

    if engine is None or engine.dialect.name != "sqlite":
        yield None
        return
    event.listen(engine, "checkin", detach)
    try:
        yield attached
    finally:
        event.remove(engine, "checkin", detach)
