"""What a merge found and did: the conflicts (the same coder with different spans for one document)
and the counts that ``annotator merge`` prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.errors import ProjectError

_MAX_LISTED = 20


@dataclass(frozen=True)
class MergeConflict:
    """One coder with different spans for one document in the target and a source."""

    source: str
    document: str          # title
    sha256: str
    coder: str
    target_spans: int
    source_spans: int
    differs: str = "spans"  # what differs: "spans", "relations", "document labels" (comma-separated)

    def describe(self) -> str:
        return (f"{self.source}: document {self.document!r}, coder {self.coder!r}: "
                f"{self.target_spans} span(s) in the target, {self.source_spans} in the source "
                f"({self.differs} differ)")


@dataclass
class MergeReport:
    sources: list[str] = field(default_factory=list)
    documents_added: int = 0
    documents_matched: int = 0
    labels_added: list[str] = field(default_factory=list)
    coders_added: list[str] = field(default_factory=list)
    copied: int = 0            # (document, coder) pairs copied into the target
    unchanged: int = 0         # pairs already identical in the target
    replaced: int = 0          # conflicts settled in favour of the source
    kept: int = 0              # conflicts settled in favour of the target
    spans_added: int = 0
    spans_removed: int = 0
    duplicates_dropped: int = 0  # repeats of one span by one coder in a source, merged as one
    statuses_changed: int = 0
    relations_added: int = 0
    relations_removed: int = 0
    doc_labels_added: int = 0   # (document, coder) pairs whose document labels, flags or comment were written
    values_computed: int = 0    # figure values computed for spans that came without one
    schema_added: list[str] = field(default_factory=list)       # relation types, attributes... (--add-labels)
    relations_skipped: list[str] = field(default_factory=list)  # relations whose ends were not merged, and why
    conflicts: list[MergeConflict] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"merged {len(self.sources)} file(s): {self.documents_added} document(s) added, "
                 f"{self.documents_matched} matched; {self.copied} coder-document pair(s) copied, "
                 f"{self.unchanged} already identical"]
        if self.replaced or self.kept:
            parts.append(f"conflicts settled: {self.replaced} by the source, {self.kept} by the target")
        parts.append(f"{self.spans_added} span(s) added, {self.spans_removed} removed, "
                     f"{self.statuses_changed} status(es) changed")
        if self.relations_added or self.relations_removed:
            parts.append(f"{self.relations_added} relation(s) added, {self.relations_removed} removed")
        if self.doc_labels_added:
            parts.append(f"document labels of {self.doc_labels_added} coder-document pair(s) added")
        if self.values_computed:
            parts.append(f"{self.values_computed} figure value(s) computed")
        if self.relations_skipped:
            parts.append(f"{len(self.relations_skipped)} relation(s) NOT merged (listed below)")
        if self.duplicates_dropped:
            parts.append(f"{self.duplicates_dropped} duplicate span(s) in the sources kept once")
        if self.coders_added:
            parts.append(f"coders added: {', '.join(self.coders_added)}")
        if self.labels_added:
            parts.append(f"labels added: {', '.join(self.labels_added)}")
        if self.schema_added:
            parts.append(f"schema added: {', '.join(self.schema_added)}")
        return "; ".join(parts)


class MergeConflictError(ProjectError):
    """The merge found conflicts and ``prefer`` was not given: nothing was changed."""

    def __init__(self, conflicts: list[MergeConflict]) -> None:
        self.conflicts = conflicts
        lines = [c.describe() for c in conflicts[:_MAX_LISTED]]
        if len(conflicts) > _MAX_LISTED:
            lines.append(f"... and {len(conflicts) - _MAX_LISTED} more")
        super().__init__(f"{len(conflicts)} conflict(s): the same coder has different work (spans, relations or "
                         "document labels) for the same document; nothing was merged. Choose a side with --prefer source|target.\n  "
                         + "\n  ".join(lines))


SpanKey = tuple[int, int, str, str]  # start, end, label name, note ("" for none)
