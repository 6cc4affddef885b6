"""Automatic pre-merge into the gold layer, over a project (the logic is in core.adjudication).

Only documents that every compared coder marked done are adjudicated: an unfinished document's
spans are not yet a coder's answer. Everything runs in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from annotator.core.adjudication import MAX_COMPARED_CODERS, parse_strategy, propose, threshold
from annotator.core.errors import ProjectError
from annotator.core.model import DocStatus
from annotator.store.adjudicate_layers import accept_all


@dataclass
class AdjudicationReport:
    coders: list[str]
    strategy: str
    min_agree: int
    documents: int = 0  # documents adjudicated (done by every compared coder)
    skipped: int = 0  # documents some compared coder has not finished
    accepted: int = 0  # spans copied into gold by this run
    ties: int = 0
    open: int = 0  # candidates left as open disagreements
    values: int = 0  # attribute values coders agree on, set on gold spans (issue 16)
    relations: int = 0  # relations coders agree on, drawn between gold spans
    per_document: list[dict] = field(default_factory=list)

    def summary(self) -> str:
        return (f"adjudicated {self.documents} document(s) of coders {', '.join(self.coders)} "
                f"({self.strategy}, at least {self.min_agree} agreeing): {self.accepted} span(s) copied to gold, "
                f"{self.open} open disagreement(s) ({self.ties} tied); {self.values} attribute value(s) and "
                f"{self.relations} relation(s) agreed on and copied; {self.skipped} document(s) skipped "
                "because not every coder marked them done")


def compared_coders(project, names: list[str] | None) -> list:
    available = {c.name: c for c in project.coders(include_gold=False)}
    if names:
        unknown = [n for n in names if n not in available]
        if unknown:
            raise ProjectError(f"unknown coder(s) {', '.join(unknown)} (the project has: {', '.join(available) or 'none'})")
        if len(set(names)) != len(names):
            raise ProjectError("a coder is named twice")
        chosen = [available[n] for n in names]
    else:
        chosen = list(available.values())
    if len(chosen) > MAX_COMPARED_CODERS:
        raise ProjectError(f"adjudication compares at most {MAX_COMPARED_CODERS} coders at once; this would be "
                           f"{len(chosen):,}: name the coders with --coders")
    return chosen


def adjudicate(project, coder_names: list[str] | None = None, strategy: str = "majority",
               min_agree: int | None = None, by: str = "annotator adjudicate") -> AdjudicationReport:
    coders = compared_coders(project, coder_names)
    if len(coders) < 2 and not strategy.startswith("prefer:"):
        raise ProjectError("adjudication compares at least two coders")
    try:
        kind, _ = parse_strategy(strategy)
        k = threshold(kind, len(coders), min_agree)
    except ValueError as exc:
        raise ProjectError(str(exc)) from None
    report = AdjudicationReport([c.name for c in coders], strategy, k)
    labels = project.labels()
    name_of = {label.id: label.name for label in labels}
    id_of = {label.name: label.id for label in labels}
    statuses = {c.id: project.statuses(c.id) for c in coders}
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with project.transaction() as tx:
        gold = tx.ensure_gold_coder()
        for info in project.documents():
            if any(statuses[c.id].get(info.id) != DocStatus.DONE for c in coders):
                report.skipped += 1
                continue
            spans = project.spans(info.id)
            by_coder = {c.name: [(s.start, s.end, name_of[s.label_id]) for s in spans if s.coder_id == c.id]
                        for c in coders}
            existing = [(s.start, s.end, name_of[s.label_id]) for s in spans if s.coder_id == gold.id]
            try:
                proposal = propose(by_coder, strategy, min_agree, existing)
            except ValueError as exc:
                raise ProjectError(str(exc)) from None
            for cand in proposal.accepted:
                tx.add_span(info.id, gold.id, id_of[cand.label], cand.start, cand.end, provenance={
                    "source": "auto", "strategy": strategy, "min_agree": k,
                    "proposed_by": sorted(cand.coders), "by": by, "at": now,
                })
            values, relations = accept_all(project, tx, info.id, coders, strategy, min_agree)
            report.values += values
            report.relations += relations
            report.documents += 1
            report.accepted += len(proposal.accepted)
            report.ties += len(proposal.ties)
            report.open += len(proposal.open)
            report.per_document.append({"document": info.id, "title": info.title,
                                        "accepted": len(proposal.accepted), "open": len(proposal.open)})
    return report
