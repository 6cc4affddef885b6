"""SQLAlchemy 2.0 models of the project file. Portable SQL: SQLite specifics live in ``engine.py``."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Key/value facts about the file: schema version, creating app version, project settings (JSON)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # schema 3
    __mapper_args__ = {"version_id_col": version}


class LabelRow(Base):
    __tablename__ = "labels"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    color: Mapped[str] = mapped_column(String(7))
    hotkey: Mapped[str | None] = mapped_column(String(1), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Shared rows carry a version (schema 3): an edit made against an older one is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Schema 5: the guideline (description, examples JSON list), the attributes its spans carry
    # (JSON list of ``core.schema.AttributeDef.as_dict()``), and whether its spans get a figure value.
    description: Mapped[str | None] = mapped_column(Text)
    examples_json: Mapped[str | None] = mapped_column(Text)
    attributes_json: Mapped[str | None] = mapped_column(Text)
    figure_values: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    __mapper_args__ = {"version_id_col": version}


class RelationTypeRow(Base):
    """A relation type (schema 5): name, colour, hotkey, allowed (head label, child label) name
    pairs as JSON, and its guideline."""

    __tablename__ = "relation_types"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    color: Mapped[str] = mapped_column(String(7))
    hotkey: Mapped[str | None] = mapped_column(String(1), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    pairs_json: Mapped[str] = mapped_column(Text, default="[]")
    description: Mapped[str | None] = mapped_column(Text)
    examples_json: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class CoderRow(Base):
    __tablename__ = "coders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    is_gold: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(Text, unique=True)
    text: Mapped[str] = mapped_column(Text)
    length: Mapped[int] = mapped_column(Integer)  # code points, for lists without loading text
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    meta_json: Mapped[str] = mapped_column(Text, default="{}")
    position: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    # Schema 5: the document list is read from this index alone, never from the rows with their
    # texts (SQLite only: see migrations/versions/0005_document_list.py).
    __table_args__ = (
        Index("ix_documents_list", "position", "id", "title", "length", "sha256", "external_id").ddl_if(dialect="sqlite"),
    )


class SpanRow(Base):
    __tablename__ = "spans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="CASCADE"))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Gold spans: who proposed it, or who made or edited it by hand, and when (JSON). Schema 2.
    provenance: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # schema 3
    # Schema 5: attribute values (JSON object), and for a figure label the value (JSON object or
    # ``null`` when the text does not parse) with who set it: ``core`` (computed) or ``coder``.
    attrs_json: Mapped[str | None] = mapped_column(Text)
    value_json: Mapped[str | None] = mapped_column(Text)
    value_by: Mapped[str | None] = mapped_column(String(8))
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="span_range"),
        Index("ix_spans_doc_coder_start", "document_id", "coder_id", "start_offset"),
    )


class RelationRow(Base):
    """A relation of one coder's layer (schema 5): head span -> child span, of a relation type.
    Both spans belong to the relation's document and coder (checked by the writes); removing a
    span or a type removes its relations."""

    __tablename__ = "relations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="CASCADE"))
    type_id: Mapped[int] = mapped_column(ForeignKey("relation_types.id", ondelete="CASCADE"), index=True)
    head_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (
        CheckConstraint("head_id != child_id", name="relation_ends"),
        UniqueConstraint("type_id", "head_id", "child_id", name="uq_relation"),
        Index("ix_relations_doc_coder", "document_id", "coder_id"),
    )


class DocLabelRow(Base):
    """One coder's document-level annotation (schema 5): labels and flags (JSON lists), a comment."""

    __tablename__ = "doc_labels"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="CASCADE"), primary_key=True)
    labels_json: Mapped[str] = mapped_column(Text, default="[]")
    flags_json: Mapped[str] = mapped_column(Text, default="[]")
    comment: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class StatusRow(Base):
    __tablename__ = "doc_status"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("status IN ('new', 'in_progress', 'done')", name="status_value"),
    )


class AssignmentRow(Base):
    """Work handed out (schema 3): this document is in this coder's queue, at this place."""

    __tablename__ = "assignments"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (Index("ix_assignments_coder_position", "coder_id", "position"),)


class SuggestionRow(Base):
    """A proposed span in the suggestions layer (never a coder's): what a source proposed, with its
    score and, for figures, its value (JSON). Schema 4."""

    __tablename__ = "suggestions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    score: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(200))
    value_json: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="suggestion_range"),
        CheckConstraint("score >= 0 AND score <= 1", name="suggestion_score"),
        UniqueConstraint("document_id", "start_offset", "end_offset", "label_id", "source", name="uq_suggestion"),
        Index("ix_suggestions_doc_start", "document_id", "start_offset"),
    )


class RejectionRow(Base):
    """A coder said no to a suggestion: the same span, label and source is not shown to that coder
    again, even when the source proposes it anew. Schema 4."""

    __tablename__ = "suggestion_rejections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="CASCADE"))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    source: Mapped[str] = mapped_column(String(200))
    rejected_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("document_id", "coder_id", "start_offset", "end_offset", "label_id", "source",
                         name="uq_rejection"),
    )
