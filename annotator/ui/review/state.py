"""What is still open in a document under review (Qt-free: the logic the review window shows).

A *candidate* is a distinct ``(start, end, label)`` some compared coder made
(:func:`annotator.core.adjudication.candidates`). A candidate is **open** when

- the document is not adjudicated (the ``@gold`` coder's status is not done),
- no gold span equals it or competes with it (:meth:`Candidate.competes_with`: overlapping with
  the same label, or the same range with another label), and
- the adjudicator has not rejected it.

Rejections are stored in the project file, as the project setting ``review_rejected:<doc id>``:
a list of ``{"start", "end", "label", "by", "at"}`` records (a setting, not a span, so exports,
agreement and gold are untouched by them; it travels with the file and undo restores the list).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from PySide6.QtCore import QCoreApplication

from annotator.core.adjudication import Candidate, agreed, candidates
from annotator.core.model import DocStatus

REJECTED_PREFIX = "review_rejected:"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def rejection_key(doc_id: int) -> str:
    return f"{REJECTED_PREFIX}{doc_id}"


def rejections(project, doc_id: int) -> list[dict]:
    value = project.setting(rejection_key(doc_id), None)
    return list(value) if isinstance(value, list) else []


def rejected_keys(records: list[dict]) -> set[tuple[int, int, str]]:
    return {(int(r["start"]), int(r["end"]), str(r["label"])) for r in records}


@dataclass
class DocumentReview:
    """One document's coder spans, gold spans and open candidates."""

    doc_id: int
    coder_rows: list[tuple]  # (id, coder_id, label_id, start, end, note) of the compared coders
    gold_rows: list[tuple]
    open: list[Candidate]
    adjudicated: bool
    agreed: set[Candidate] = field(default_factory=set)  # open candidates every coder made, uncontested

    @property
    def disagreements(self) -> list[Candidate]:
        """The open candidates that need a decision: not made by every coder, or contested."""
        return [c for c in self.open if c not in self.agreed]


def review_document(project, doc_id: int, coders, gold_id: int | None, name_of: dict[int, str]) -> DocumentReview:
    coder_ids = {c.id: c.name for c in coders}
    rows = project.span_rows(doc_id)
    coder_rows = [r for r in rows if r[1] in coder_ids]
    gold_rows = [r for r in rows if gold_id is not None and r[1] == gold_id]
    adjudicated = gold_id is not None and gold_id >= 0 and project.status(doc_id, gold_id) == DocStatus.DONE
    cands = open_candidates(coder_rows, gold_rows, coder_ids, name_of, adjudicated,
                            rejected_keys(rejections(project, doc_id)))
    every = candidates(_by_coder(coder_rows, coder_ids, name_of))
    return DocumentReview(doc_id, coder_rows, gold_rows, cands, adjudicated,
                          agreed(every, len(coder_ids)) & set(cands))


def _by_coder(coder_rows, coder_names: dict[int, str], name_of: dict[int, str]) -> dict[str, list]:
    by_coder: dict[str, list[tuple[int, int, str]]] = {name: [] for name in coder_names.values()}
    for r in coder_rows:
        by_coder[coder_names[r[1]]].append((r[3], r[4], name_of.get(r[2], "?")))
    return by_coder


def open_candidates(coder_rows, gold_rows, coder_names: dict[int, str], name_of: dict[int, str],
                    adjudicated: bool, rejected: set[tuple[int, int, str]]) -> list[Candidate]:
    if adjudicated:
        return []
    by_coder = _by_coder(coder_rows, coder_names, name_of)
    gold = [Candidate(r[3], r[4], name_of.get(r[2], "?")) for r in gold_rows]
    keys = {(g.start, g.end, g.label) for g in gold}
    out = []
    for cand in candidates(by_coder):
        key = (cand.start, cand.end, cand.label)
        if key in keys or key in rejected:
            continue
        if any(cand.competes_with(g) for g in gold):
            continue
        out.append(cand)
    return out


def progress_text(position: int, total: int, adjudicated: int, open_here: int, open_total: int,
                  agreed_here: int = 0, agreed_total: int = 0) -> str:
    """The progress line. ``open_*`` count disagreements; ``agreed_*`` the open candidates every coder
    made alike (they wait to be accepted, they are not disagreements)."""
    text = QCoreApplication.translate(
        "Review", "Document {0} of {1} · adjudicated {2} of {1} · open disagreements: {3} here / {4} in total").format(
        position, total, adjudicated, open_here, open_total)
    if agreed_total:
        text += QCoreApplication.translate("Review", " · agreed, not yet in gold: {0} here / {1} in total").format(
            agreed_here, agreed_total)
    return text
