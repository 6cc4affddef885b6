"""The adjudicator's decisions in the review window: accept or reject a candidate, draw, delete or
resize a gold span, mark the document adjudicated, go to the next open candidate. Each change is
an undo command (:mod:`annotator.ui.review.undo`) pushed on the controller's stack.

Messages keep the translation context ``ReviewController`` (this is its part).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core.adjudication import Candidate
from annotator.core.model import DocStatus
from annotator.core.offsets import normalize_span
from annotator.core.tokens import clitic_cycle, moved_edge
from annotator.ui.annotate.span_index import END, ID, LABEL, START
from annotator.ui.annotate.undo import SetStatus
from annotator.ui.bidi import isolate, span_range
from annotator.ui.review import undo as cmd
from annotator.ui.review.state import now_iso

REVIEW_KEYS = {"a": "accept", "r": "reject", "n": "next_open"}
translate = QCoreApplication.translate


class ReviewDecisions:
    """Part of ``ReviewController`` (which has the project, view, review, stack and ``message``)."""

    def _writable(self) -> bool:
        if self.project.readonly or self.gold.id < 0 or self.doc_id is None:
            self.message.emit(translate("ReviewController", "Read-only: {0}").format(self.project.read_only_reason or translate("ReviewController", "opened read-only")))
            return False
        return True

    def on_key(self, key: str) -> None:
        action = REVIEW_KEYS.get(key.lower())
        if action is not None:
            getattr(self, action)()
            return
        label = self.schema.by_hotkey(key)
        if label is not None:
            self.draw(label.id)

    def accept(self, cand: Candidate | None = None) -> bool:
        cand = cand or self.current
        if cand is None:
            self.message.emit(translate("ReviewController", "Pick an open disagreement first (click it, or N for the next one)"))
            return False
        if not self._writable():
            return False
        provenance = {"source": "review", "proposed_by": sorted(cand.coders), "by": self.adjudicator, "at": now_iso()}
        return cmd.push(self.stack, cmd.AddGold(self, self.doc_id, self.gold.id, self.id_of[cand.label],
                                                cand.start, cand.end, provenance, translate("ReviewController", "accept {0}").format(cand.label)))

    def reject(self, cand: Candidate | None = None) -> bool:
        cand = cand or self.current
        if cand is None or not self._writable():
            return False
        record = {"start": cand.start, "end": cand.end, "label": cand.label,
                  "proposed_by": sorted(cand.coders), "by": self.adjudicator, "at": now_iso()}
        following = self._following(cand)
        if cmd.push(self.stack, cmd.Reject(self, self.doc_id, record)):
            if following is not None and following in self.review.open:
                self.jump(following)
            return True
        return False

    def draw(self, label_id: int) -> bool:
        """A new gold span over the selected text (a label hotkey with text selected)."""
        chosen = self.view.selection()
        if chosen is None:
            self.message.emit(translate("ReviewController", "Select text and press a label key to draw a gold span"))
            return False
        span = normalize_span(self.text, *chosen)
        if span is None or not self._writable():
            return False
        self.view.clear_selection()
        label = self.schema.by_id(label_id)
        same = next((r for r in self.gold_index.at(span[0]) if (r[START], r[END], r[LABEL]) == (*span, label_id)), None)
        if same is not None:  # the same gold span twice would be exported twice
            self.select(same)
            self.message.emit(translate("ReviewController", "This gold span is already there: {0} {1}").format(
                isolate(label.name), span_range(*span)))
            return False
        provenance = {"source": "manual", "by": self.adjudicator, "at": now_iso()}
        return cmd.push(self.stack, cmd.AddGold(self, self.doc_id, self.gold.id, label_id, *span, provenance,
                                                translate("ReviewController", "draw {0}").format(label.name)))

    def delete_gold(self) -> bool:
        row = self.selected_gold
        if row is None or not self._writable():
            return False
        return cmd.push(self.stack, cmd.RemoveGold(self, self.doc_id, self.project.span(row[ID])))

    def move_edge(self, edge: str, direction: int, unit: str) -> bool:
        """Move the selected gold span's edge by a letter or a word: the annotation window's rule
        (``annotator.core.tokens.moved_edge``), so both windows agree on where a word ends."""
        row = self.selected_gold
        if row is None or not self._writable():
            return False
        span = moved_edge(self.text, row[START], row[END], edge, direction, unit)
        if span is None:
            self.message.emit(translate("ReviewController", "The span cannot get any smaller"))
            return False
        if span == (row[START], row[END]):
            return False
        return cmd.push(self.stack, cmd.ResizeGold(self, self.doc_id, self.project.span(row[ID]), *span,
                                                   self.adjudicator, now_iso()))

    def toggle_clitics(self) -> bool:
        """Ctrl+Shift+C, as in the annotation window: the text selection, or the selected gold span,
        cycles whole token -> without the particles -> without the article -> whole again
        (``annotator.core.tokens.clitic_cycle``)."""
        chosen = self.view.selection()
        if chosen is not None:
            self.view.select_range(*clitic_cycle(self.text, *chosen), scroll=False)
            return True
        row = self.selected_gold
        if row is None:
            self.message.emit(translate("ReviewController", "Select a gold span or a word first: the key then takes "
                                                            "its proclitics off or on"))
            return False
        if not self._writable():
            return False
        span = normalize_span(self.text, *clitic_cycle(self.text, row[START], row[END]))
        if span is None or span == (row[START], row[END]):
            self.message.emit(translate("ReviewController", "No proclitic to take off"))
            return False
        if any((r[START], r[END], r[LABEL]) == (*span, row[LABEL]) for r in self.gold_index.at(span[0])):
            self.message.emit(translate("ReviewController", "This gold span is already there: {0} {1}").format(
                isolate(self.name_of.get(row[LABEL], "?")), span_range(*span)))
            return False
        return cmd.push(self.stack, cmd.ResizeGold(self, self.doc_id, self.project.span(row[ID]), *span,
                                                   self.adjudicator, now_iso()))

    def mark_adjudicated(self) -> bool:
        if not self._writable():
            return False
        left = len(self.review.open)
        done = self.review.adjudicated
        status = DocStatus.IN_PROGRESS if done else DocStatus.DONE
        if not cmd.push(self.stack, SetStatus(self, self.doc_id, self.gold.id, status)):
            return False
        if done:
            self.message.emit(translate("ReviewController", "Reopened for adjudication"))
        else:
            self.message.emit(translate("ReviewController", "Adjudicated; %n open candidate(s) left out of gold",
                                        None, left) if left else translate("ReviewController", "Adjudicated"))
        return True

    # -- moving on ------------------------------------------------------------------------------
    def _following(self, cand: Candidate | None) -> Candidate | None:
        after = [c for c in self.review.open if c != cand and cand is not None
                 and (c.start, c.end, c.label) > (cand.start, cand.end, cand.label)]
        return after[0] if after else None

    def next_open(self) -> bool:
        """The next open candidate after the current one, in this document, then in the next
        documents (wrapping around the corpus)."""
        if self.doc_id is None:
            return False
        here = self.review.open
        if self.current is None and self.selected_gold is not None:
            nxt = next((c for c in here if c.start >= self.selected_gold[START]), None)
        else:
            nxt = here[0] if self.current is None else self._following(self.current)
        if nxt is not None:
            self.jump(nxt)
            return True
        i = self.docs.index(self.doc_id)
        for doc_id in self.docs[i + 1:] + self.docs[:i + 1]:
            if self.open_counts.get(doc_id):
                self.open_document(doc_id)
                if self.review.open:
                    self.jump(self.review.open[0])
                    return True
        self.message.emit(translate("ReviewController", "No open disagreements left in the corpus"))
        return False
