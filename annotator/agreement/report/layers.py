"""The report's agreement on issue 16's layers, counted batch by batch in the report's one pass:

* **relations**: F1 between each pair of coders over relations whose both ends match
  (``relations.relation_prf``'s rule: the two coders' spans of a document are matched one to one,
  exact or overlap, and a relation agrees when the other coder has one of the same type between the
  matched spans), pooled over the documents (true positives and relation counts summed), over all
  relation types and per type;
* **span attributes**: per label and attribute, for each pair the value pairs of the spans matched
  between the two coders (exact or overlap), pooled over documents (Cohen's kappa and Krippendorff's
  alpha with the number matched: ``attributes.values_agreement``), and Krippendorff's alpha of all
  coders over every span any coder marked (``attributes.attribute_alpha``'s units);
* **document labels**: per document label group, each coder's value on each compared document
  (``doc_labels.document_label_agreement``: Cohen's kappa per pair, Fleiss' kappa, Krippendorff's alpha).

A batch carries the layers only when the project has them (``Batch.relations``, ``Batch.attributes``
are None otherwise): a project without relations or attribute values reads and counts nothing more.
Memory: the relation counts are a few numbers per pair and type; the attribute values are kept (one
value per matched span and coder: the coefficients need them), for spans of labels that have
attributes only."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

from annotator.agreement.attributes import values_agreement
from annotator.agreement.doc_labels import document_label_agreement
from annotator.agreement.matching import span_matching
from annotator.agreement.metrics import krippendorff_alpha
from annotator.agreement.relations import prf

MODES = ("exact", "overlap")
LAYER_NOTES = {
    "relation_f1": "relations of the documents every compared coder marked done; each pair's spans of a document "
                   "are matched one to one (exact: same start, end and label; overlap: same label, a shared "
                   "character), and a relation agrees when the other coder has one of the same type from the span "
                   "matched to its head to the span matched to its child; pooled: agreed and relation counts "
                   "summed over documents; F1 = 2 agreed / (relations of both)",
    "attribute_agreement": "per label and attribute, over each pair's spans of that label matched one to one (exact "
                           "or overlap, as span F1): Cohen's kappa over the matched spans where both set the value "
                           "(nominal attributes), Krippendorff's alpha with an unset value missing (interval for "
                           "numbers); all coders: alpha over every span any coder marked (same start and end), a "
                           "coder who did not mark it or left the value unset is missing there",
    "document_labels": "per document label group, each coder's value on each compared document: single choice, "
                       "the value chosen (missing when the coder chose none of the group's); multiple choice, the set "
                       "chosen as one nominal value (empty when none), and per category present/absent (missing only "
                       "when the coder gave the document no label, flag or comment at all); Cohen's kappa per pair "
                       "over documents both labelled, Fleiss' kappa over documents all labelled, Krippendorff's alpha "
                       "over all with missing values",
}
LEVEL_OF_KIND = {"choice": "nominal", "text": "nominal", "bool": "nominal", "number": "interval"}
NAN = float("nan")


@dataclass
class LayerSchema:
    """What of the layers the report compares: the relation types, the attributes of each label
    (``(name, level)``), the document label groups (``(name, multiple, values)``) and each coder's
    document labels of the compared documents (``{coder: {document id: labels}}``; a document the
    coder gave no label, flag or comment is absent: missing). ``relations``/``attributes``: whether
    the batches carry those layers (False when the project has none: nothing is read)."""

    relation_types: list[str] = field(default_factory=list)
    attributes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    groups: list[tuple[str, bool, tuple[str, ...]]] = field(default_factory=list)
    doc_labels: dict[str, dict[int, tuple[str, ...]]] | None = None
    relations: bool = False
    attribute_values: bool = False


def schema_of(project, coder_ids: list[int], names: list[str]) -> LayerSchema:
    """The ``LayerSchema`` of a project (any object with ``Project``'s reads; a stand-in without
    issue 16's reads gives an empty one)."""
    schema = LayerSchema()
    if hasattr(project, "relation_types"):
        schema.relation_types = [t.name for t in project.relation_types()]
    with_attributes = []
    for label in project.labels():
        defs = getattr(label, "attributes", ())
        if defs:
            schema.attributes[label.name] = [(d.name, LEVEL_OF_KIND.get(d.kind, "nominal")) for d in defs]
            with_attributes.append(label.id)
    if hasattr(project, "layers_present"):
        schema.relations, schema.attribute_values = project.layers_present(coder_ids, with_attributes)
    if hasattr(project, "doc_label_groups"):
        schema.groups = [(g.name, g.multiple, tuple(g.values)) for g in project.doc_label_groups()]
        if schema.groups:
            schema.doc_labels = {name: {doc_id: tuple(d.labels) for doc_id, d in project.doc_labels_table(cid).items()}
                                 for name, cid in zip(names, coder_ids)}
    return schema


class LayerCollector:
    """Fed each batch of the report's pass (``add``); ``section`` gives the report's three blocks."""

    def __init__(self, coders: list[str], labels: list[str], schema: LayerSchema) -> None:
        self.coders, self.labels, self.schema = coders, labels, schema
        self.m = len(coders)
        self.pairs = list(combinations(range(self.m), 2))
        types = schema.relation_types
        # (mode, pair, type or None) -> [agreed, reference relations, candidate relations]
        self.relations = {(mode, pair, t): [0, 0, 0] for mode in MODES for pair in self.pairs for t in [None, *types]}
        self.relation_documents = 0
        self.relation_counts = [0] * self.m
        self.attr_keys = [(label, name, level) for label, defs in schema.attributes.items() if label in labels
                          for name, level in defs]
        self.value_pairs = {(key[:2], mode, pair): [] for key in self.attr_keys for mode in MODES for pair in self.pairs}
        self.unit_values = {key[:2]: [[] for _ in range(self.m)] for key in self.attr_keys}
        self.attribute_documents = 0

    # -- the pass ---------------------------------------------------------------------------------
    def add(self, batch) -> None:
        relations = getattr(batch, "relations", None)
        attributes = getattr(batch, "attributes", None)
        if relations:
            self._add_relations(batch, relations)
        if attributes and self.attr_keys:
            self._add_attributes(attributes)

    def _spans_of(self, batch):
        """``spans(d, c)``: coder ``c``'s spans of batch document ``d`` as (start, end, label index)
        keys (a coder holds each span once), from the batch's sorted arrays."""
        key = batch.doc * self.m + batch.coder
        start, end, label = batch.start, batch.end, batch.label

        def spans(d: int, c: int) -> list[tuple[int, int, int]]:
            lo, hi = np.searchsorted(key, [d * self.m + c, d * self.m + c + 1])
            return list(zip(start[lo:hi].tolist(), end[lo:hi].tolist(), label[lo:hi].tolist()))
        return spans

    def _add_relations(self, batch, relations) -> None:
        by_doc: dict[int, list[list]] = {}
        for d, c, rtype, head, child in relations:
            by_doc.setdefault(d, [[] for _ in range(self.m)])[c].append((head, child, rtype))
            self.relation_counts[c] += 1
        spans = self._spans_of(batch)
        self.relation_documents += len(by_doc)
        for d, per_coder in by_doc.items():
            coder_spans = [spans(d, c) for c in range(self.m)]
            for i, j in self.pairs:
                ref, cand = per_coder[i], per_coder[j]
                if not ref and not cand:
                    continue
                for mode in MODES:
                    matched = span_matching(coder_spans[i], coder_spans[j], mode)
                    to_cand = {coder_spans[i][a]: coder_spans[j][b] for a, b in matched}
                    mapped = Counter((to_cand[h], to_cand[c], t) for h, c, t in ref if h in to_cand and c in to_cand)
                    agreed = mapped & Counter(cand)
                    self._count(mode, (i, j), None, sum(agreed.values()), len(ref), len(cand))
                    for t in {t for *_ends, t in ref} | {t for *_ends, t in cand}:
                        self._count(mode, (i, j), t, sum(n for (_h, _c, tt), n in agreed.items() if tt == t),
                                    sum(tt == t for *_e, tt in ref), sum(tt == t for *_e, tt in cand))

    def _count(self, mode, pair, rtype, agreed, n_ref, n_cand) -> None:
        cell = self.relations.setdefault((mode, pair, rtype), [0, 0, 0])
        cell[0] += agreed
        cell[1] += n_ref
        cell[2] += n_cand

    def _add_attributes(self, attributes) -> None:
        wanted = {self.labels.index(label): [(name, level) for lab, name, level in self.attr_keys if lab == label]
                  for label in {k[0] for k in self.attr_keys}}
        # (document, label) -> per coder: [(start, end, label, attrs)]
        grouped: dict[tuple[int, int], list[list]] = {}
        for d, c, label, start, end, attrs in attributes:
            if label in wanted:
                grouped.setdefault((d, label), [[] for _ in range(self.m)])[c].append((start, end, label, attrs))
        self.attribute_documents += len({d for d, _label in grouped})
        for (_d, label), per_coder in grouped.items():
            for spans in per_coder:
                spans.sort(key=lambda s: s[:3])
            names = wanted[label]
            label_name = self.labels[label]
            for i, j in self.pairs:
                ref, cand = per_coder[i], per_coder[j]
                if not ref or not cand:
                    continue
                for mode in MODES:
                    matched = span_matching([s[:3] for s in ref], [s[:3] for s in cand], mode)
                    for name, _level in names:
                        self.value_pairs[((label_name, name), mode, (i, j))] += [
                            (ref[a][3].get(name), cand[b][3].get(name)) for a, b in matched]
            units: dict[tuple, list] = {}
            for c, spans in enumerate(per_coder):
                for start, end, _label, attrs in spans:
                    units.setdefault((start, end), [None] * self.m)[c] = attrs
            for name, _level in names:
                columns = self.unit_values[(label_name, name)]
                for values in units.values():
                    for c in range(self.m):
                        columns[c].append(None if values[c] is None else values[c].get(name))

    # -- the report's blocks ------------------------------------------------------------------------
    def section(self, pair_names: dict, document_ids: list[int], note) -> dict[str, Any]:
        return {"relation_f1": self._relation_block(pair_names, note),
                "attribute_agreement": self._attribute_block(pair_names, note),
                "document_labels": self._document_label_block(pair_names, document_ids, note)}

    def _relation_block(self, names: dict, note) -> dict | None:
        if not self.schema.relations:
            return None
        block: dict[str, Any] = {"documents": self.relation_documents,
                                 "relations": dict(zip(self.coders, self.relation_counts))}
        for mode in MODES:
            block[mode] = {names[p]: prf(*self.relations[(mode, p, None)]) for p in self.pairs}
            for p in self.pairs:
                note(f"relation_f1.{mode}.{names[p]}.f1", block[mode][names[p]]["f1"],
                     "no relation by either coder of the pair (0/0)")
        block["per_type"] = {t: {mode: {names[p]: prf(*self.relations[(mode, p, t)]) for p in self.pairs}
                                 for mode in MODES} for t in self.schema.relation_types}
        for t, by_mode in block["per_type"].items():
            for mode in MODES:
                for p in self.pairs:
                    note(f"relation_f1.per_type.{t}.{mode}.{names[p]}.f1", by_mode[mode][names[p]]["f1"],
                         f"no {t!r} relation by either coder of the pair (0/0)")
        return block

    def _attribute_block(self, names: dict, note) -> dict:
        out = {}
        if not self.schema.attribute_values:
            return out
        for label, name, level in self.attr_keys:
            key = f"{label}.{name}"
            entry: dict[str, Any] = {"label": label, "attribute": name, "level": level}
            for mode in MODES:
                entry[mode] = {names[p]: values_agreement(self.value_pairs[((label, name), mode, p)], level)
                               for p in self.pairs}
                for p in self.pairs:
                    e = entry[mode][names[p]]
                    reason = ("no span matched between the pair" if not e["matched"] else
                              "no matched span where both coders set the value" if not e["both_set"] else
                              "every value given is the same (0/0)")
                    where = f"attribute_agreement.{key}.{mode}.{names[p]}"
                    if level == "nominal":
                        note(f"{where}.cohen_kappa", e["cohen_kappa"], reason)
                    note(f"{where}.krippendorff_alpha", e["krippendorff_alpha"], reason)
            columns = self.unit_values[(label, name)]
            units = len(columns[0]) if columns else 0
            entry["all_coders"] = {"units": units,
                                   "krippendorff_alpha": krippendorff_alpha(columns, level) if units else NAN}
            note(f"attribute_agreement.{key}.all_coders.krippendorff_alpha", entry["all_coders"]["krippendorff_alpha"],
                 "no span with this attribute's value by two coders, or every value the same (0/0)")
            out[key] = entry
        return out

    def _document_label_block(self, names: dict, document_ids: list[int], note) -> dict:
        out = {}
        given = self.schema.doc_labels
        if not self.schema.groups or given is None or len(self.coders) < 2:
            return out
        for group, multiple, values in self.schema.groups:
            allowed = set(values)
            rows = {}
            for coder in self.coders:
                mine = given.get(coder, {})
                row = []
                for doc_id in document_ids:
                    chosen = mine.get(doc_id)
                    if chosen is None:
                        row.append(None)
                        continue
                    picked = [v for v in chosen if v in allowed]
                    row.append(frozenset(picked) if multiple else (picked[0] if picked else None))
                rows[coder] = row
            result = document_label_agreement(rows, multiple=multiple)
            for block in (result, *result.get("per_category", {}).values()):
                block["cohen_kappa"] = {names[p]: block["cohen_kappa"][(self.coders[p[0]], self.coders[p[1]])]
                                        for p in self.pairs}
            result["multiple"] = multiple
            result["labelled"] = {c: sum(v is not None for v in rows[c]) for c in self.coders}
            same = "every coder gave every document the same value, or too few documents labelled (0/0)"
            for key in ("fleiss_kappa", "krippendorff_alpha"):
                note(f"document_labels.{group}.{key}", result[key],
                     "no document labelled by every coder" if key == "fleiss_kappa" and not result["complete_documents"]
                     else same)
            for pair, kappa in result["cohen_kappa"].items():
                note(f"document_labels.{group}.cohen_kappa.{pair}", kappa,
                     "no document labelled by both coders, or both gave every document the same value (0/0)")
            out[group] = result
        return out
