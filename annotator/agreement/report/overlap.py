"""Agreement on the overlap that ``annotator assign`` planned: when every document went to k of the
coders, no document has every coder, so each pair is compared on the documents assigned to both
(and marked done by both). No database here: reads any object with the ``Project`` read methods."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from annotator.agreement.report.build import build_report
from annotator.agreement.report.collect import collect


def assigned_overlap(project, unit: str = "char") -> list[dict]:
    """One row per pair of coders who share assigned documents: how many they share, how many both
    marked done, and on those Cohen's kappa (pooled) and exact-match span F1 (pooled); [] when the
    project has no assignments."""
    assigned = project.assignments()
    shared: dict[tuple[str, str], set[int]] = defaultdict(set)
    for doc_id, names in assigned.items():
        for pair in combinations(sorted(names), 2):
            shared[pair].add(doc_id)
    rows = []
    for (a, b), documents in sorted(shared.items()):
        data = collect(project, [a, b], gold=False)
        if hasattr(data.documents, "infos"):  # read lazily (collect.ProjectDocuments): narrow what it reads
            data.documents.infos = [info for info in data.documents.infos if info.id in documents]
        else:
            data.documents = [d for d in data.documents if d.id in documents]
        row = {"coders": [a, b], "assigned_to_both": len(documents), "done_by_both": len(data.documents),
               "cohen_kappa": None, "span_f1_exact": None}
        if data.documents:
            report = build_report(data, unit)
            name = f"{a}|{b}"
            row["cohen_kappa"] = report["cohen_kappa"][name]["pooled"]
            row["span_f1_exact"] = report["span_f1"]["exact"][name]["pooled"]["f1"]
        rows.append(row)
    return rows


def overlap_text(rows: list[dict]) -> str:
    def number(value):
        return "undefined" if value is None or value != value else f"{value:.3f}"

    lines = ["", "Pairs on their assigned overlap (annotator assign)",
             f"{'coders':<24}{'assigned':>9}{'done':>6}{'kappa':>11}{'span F1':>11}"]
    for row in rows:
        lines.append(f"{' & '.join(row['coders']):<24}{row['assigned_to_both']:>9}{row['done_by_both']:>6}"
                     f"{number(row['cohen_kappa']):>11}{number(row['span_f1_exact']):>11}")
    return "\n".join(lines) + "\n"
