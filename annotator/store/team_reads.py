"""Reads for team work, mixed into ``Project``: assignments, row versions, everybody's progress,
and a cheap marker of what changed (what a window polls on a server project)."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from annotator.core.errors import ProjectError
from annotator.core.model import DocumentInfo
from annotator.store import assignments as assigned
from annotator.store.models import (CoderRow, DocLabelRow, LabelRow, Meta, RelationRow, RelationTypeRow, SpanRow,
                                    StatusRow)

_VERSIONED = {"label": (LabelRow, LabelRow.id), "span": (SpanRow, SpanRow.id), "setting": (Meta, Meta.key),
              "relation": (RelationRow, RelationRow.id), "relation_type": (RelationTypeRow, RelationTypeRow.id)}


class TeamReads:
    _engine: Engine

    def assignments(self) -> dict[int, list[str]]:
        """Document id -> the names of the coders it is assigned to (empty: nothing assigned)."""
        with self._engine.connect() as conn:
            return assigned.assignments(conn)

    def assignments_for(self, coder: str) -> list[DocumentInfo]:
        """The documents assigned to ``coder`` (a name), in queue order; [] when none are."""
        with self._engine.connect() as conn:
            return assigned.assignments_for(conn, coder)

    def version(self, kind: str, key) -> int | None:
        """The current version of a shared row: ``("label", id)``, ``("span", id)``,
        ``("setting", name)``, ``("relation", id)``, ``("relation_type", id)``; None when it does
        not exist (a document's labels: ``doc_labels(...).version``). Pass it as ``expected_version``."""
        if kind not in _VERSIONED:
            raise ProjectError(f"no versions for {kind!r} (label, span or setting)")
        row, column = _VERSIONED[kind]
        if kind == "setting":
            key = f"setting:{key}"
        with self._engine.connect() as conn:
            return conn.scalar(select(row.version).where(column == key))

    def span_versions(self, document_id: int) -> dict[int, int]:
        """Span id -> version, for every span of a document: what a window passes back as
        ``expected_version`` when it changes or removes one of them."""
        with self._engine.connect() as conn:
            return dict(conn.execute(select(SpanRow.id, SpanRow.version).where(SpanRow.document_id == document_id)).all())

    def progress(self) -> dict[str, dict[str, int]]:
        """Every ordinary coder's documents in progress and done: ``{name: {"in_progress": n, "done": m}}``."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(CoderRow.name, StatusRow.status, func.count())
                                .join(CoderRow, CoderRow.id == StatusRow.coder_id)
                                .where(CoderRow.is_gold.is_(False)).group_by(CoderRow.name, StatusRow.status)).all()
            names = list(conn.scalars(select(CoderRow.name).where(CoderRow.is_gold.is_(False)).order_by(CoderRow.id)))
        out = {name: {"in_progress": 0, "done": 0} for name in names}
        for name, status, count in rows:
            if status in ("in_progress", "done"):
                out[name][status] = count
        return out

    def watch_server(self) -> None:
        """A window watches this server project (``ui/team/live.py``): once a connection attempt
        found the server away, others fail at once until a ``probe`` gets an answer (``Breaker``)."""
        from annotator.store.server import breaker_of

        breaker = breaker_of(self._engine)
        if breaker is not None:
            breaker.armed = True

    def seems_away(self) -> None:
        """The watch's question is long unanswered: until a probe is answered, connections from
        other threads fail at once, as after a failed attempt (only for a watched server)."""
        from annotator.store.server import breaker_of

        breaker = breaker_of(self._engine)
        if breaker is not None and breaker.armed:
            breaker.tripped = True

    def probe(self, reads):
        """``reads(self)`` on this thread even while the server is known to be away; an answer
        tells the other threads it is back."""
        from annotator.store.server import breaker_of

        breaker = breaker_of(self._engine)
        if breaker is None:
            return reads(self)
        with breaker.probing():
            return reads(self)

    def change_marker(self, document_id: int | None = None) -> tuple:
        """A small fingerprint of the labels, settings, statuses and (of one document) spans: when
        another coder changes any of them it changes. Indexed queries only; meant to be polled."""
        with self._engine.connect() as conn:
            labels = conn.execute(select(func.count(), func.coalesce(func.sum(LabelRow.version), 0))).one()
            types = conn.execute(select(func.count(), func.coalesce(func.sum(RelationTypeRow.version), 0))).one()
            meta = conn.execute(select(func.count(), func.coalesce(func.sum(Meta.version), 0))).one()
            statuses = conn.execute(select(func.count(), func.max(StatusRow.updated_at))).one()
            spans = relations = doc_labels = ()
            if document_id is not None:
                relations = tuple(conn.execute(select(func.count(), func.coalesce(func.max(RelationRow.id), 0),
                                                      func.coalesce(func.sum(RelationRow.version), 0))
                                               .where(RelationRow.document_id == document_id)).one())
                doc_labels = tuple(conn.execute(select(func.count(), func.max(DocLabelRow.updated_at),
                                                       func.coalesce(func.sum(DocLabelRow.version), 0))
                                                .where(DocLabelRow.document_id == document_id)).one())
                spans = tuple(conn.execute(select(func.count(), func.coalesce(func.max(SpanRow.id), 0),
                                                  func.max(SpanRow.updated_at), func.coalesce(func.sum(SpanRow.version), 0))
                                           .where(SpanRow.document_id == document_id)).one())
        # Four parts, as windows read them: the relation types go with the labels, a document's
        # relations and document labels with its spans.
        return (tuple(labels) + tuple(types), tuple(meta), tuple(statuses), spans + relations + doc_labels)
