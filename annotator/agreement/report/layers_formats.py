"""The report's relation, attribute and document-label blocks (``layers``) in every format: the same
tables for text, Markdown, LaTeX and HTML (``tables``), long rows for CSV (``csv_rows``); JSON has
the blocks as they are. A report without a layer shows no table for it (and says so in one line)."""

from __future__ import annotations

from typing import Any, Callable

from annotator.agreement.report.cells import fmt, split_pair

MODES = ("exact", "overlap")
Table = tuple[str, list[str], list[list[Any]]]  # (title, header, rows of cells: str for text, numbers)


def _coders(pair: str) -> str:
    return " – ".join(split_pair(pair))


def tables(report: dict) -> list[Table]:
    """The layer tables of a report, in order (none for a layer the report does not have)."""
    out: list[Table] = []
    relations = report.get("relation_f1")
    if relations:
        rows = []

        def row(rtype, pair, by_mode):
            e = by_mode["exact"][pair]
            return [rtype, _coders(pair), e["tp"] + e["fn"], e["tp"] + e["fp"]] + [
                by_mode[mode][pair][k] for mode in MODES for k in ("precision", "recall", "f1")]
        for pair in relations["exact"]:
            rows.append(row("all types", pair, relations))
            for rtype, by_mode in relations["per_type"].items():
                e = by_mode["exact"][pair]
                if e["tp"] + e["fp"] + e["fn"]:  # the pair's relations of this type (the same in both modes)
                    rows.append(row(rtype, pair, by_mode))
        out.append((f"Relations: F1 over relations whose both ends match ({relations['documents']} document(s) "
                    "with relations)",
                    ["Relation type", "Coders", "relations (1st)", "relations (2nd)", "P exact", "R exact",
                     "F1 exact", "P overlap", "R overlap", "F1 overlap"], rows))
    attributes = report.get("attribute_agreement") or {}
    if attributes:
        rows = []
        for key, entry in attributes.items():
            for pair in entry["exact"]:
                rows.append([key, _coders(pair)] + [entry[mode][pair][k] for mode in MODES
                                                    for k in ("matched", "both_set", "cohen_kappa",
                                                              "krippendorff_alpha")])
            every = entry["all_coders"]
            rows.append([key, "all coders"] + [every["units"], "", "", every["krippendorff_alpha"]] + [""] * 4)
        out.append(("Span attributes: agreement over matched spans (row 'all coders': the units, every span any "
                    "coder marked, and Krippendorff's α over them, unset values missing)",
                    ["Label.attribute", "Coders", "matched (exact)", "both set", "Cohen's κ", "Krippendorff's α",
                     "matched (overlap)", "both set", "Cohen's κ", "Krippendorff's α"], rows))
    groups = report.get("document_labels") or {}
    if groups:
        rows = []
        for group, entry in groups.items():
            rows.append([group, "all coders", "multiple" if entry["multiple"] else "single", entry["documents"],
                         entry["complete_documents"], entry["fleiss_kappa"], entry["krippendorff_alpha"]])
            for pair, kappa in entry["cohen_kappa"].items():
                rows.append([group, _coders(pair), "", "", "", "", "", kappa])
            for category, cat in entry.get("per_category", {}).items():
                rows.append([f"{group}: {category}", "all coders", "present/absent", cat["documents"],
                             cat["complete_documents"], cat["fleiss_kappa"], cat["krippendorff_alpha"]])
        out.append(("Document labels (missing: single choice, no value of the group chosen; multiple, the document "
                    "given no label, flag or comment)",
                    ["Group", "Coders", "Choice", "Documents", "Labelled by all", "Fleiss' κ", "Krippendorff's α",
                     "Cohen's κ"], [r + [""] * (8 - len(r)) for r in rows]))
    return out


def absent_lines(report: dict) -> list[str]:
    """One line per layer the report has none of (and why)."""
    out = []
    if report.get("relation_f1") is None:
        out.append("relations: none by the compared coders (no relation agreement)")
    if not report.get("attribute_agreement"):
        out.append("span attributes: no attribute value set by the compared coders (no attribute agreement)")
    if not report.get("document_labels"):
        out.append("document labels: the project has no document label groups (no document-label agreement)")
    return out


def cell(value: Any) -> str:
    return value if isinstance(value, str) else fmt(value)


def text_lines(report: dict) -> list[str]:
    out: list[str] = []
    for title, header, rows in tables(report):
        shown = [header] + [[cell(v) for v in row] for row in rows]
        widths = [max(len(r[i]) for r in shown) + 2 for i in range(len(header))]
        out += ["", title + ":"]
        out += ["  " + "".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
                for r in shown]
    lines = absent_lines(report)
    if lines:
        out += [""] + lines
    return out


def markdown_lines(report: dict, esc: Callable[[str], str]) -> list[str]:
    out: list[str] = []
    for title, header, rows in tables(report):
        out += ["", f"*{esc(title)}*", "", "| " + " | ".join(map(esc, header)) + " |",
                "|" + "|".join([":---", ":---"] + ["---:"] * (len(header) - 2)) + "|"]
        out += ["| " + " | ".join(esc(cell(v)) for v in row) + " |" for row in rows]
    return out


def latex_lines(report: dict, escape: Callable[[str], str]) -> list[str]:
    out: list[str] = []
    for n, (title, header, rows) in enumerate(tables(report)):
        head = [escape(h).replace("κ", r"$\kappa$").replace("α", r"$\alpha$") for h in header]
        out += ["", r"\begin{table}[t]", r"\centering", r"\begin{tabular}{ll" + "r" * (len(header) - 2) + "}",
                r"\toprule", " & ".join(head) + r" \\", r"\midrule"]
        out += [" & ".join(escape(cell(v)) for v in row) + r" \\" for row in rows]
        out += [r"\bottomrule", r"\end{tabular}", r"\caption{" + escape(title) + "; n/a: undefined.}",
                r"\label{tab:agreement-layers-" + str(n + 1) + "}", r"\end{table}"]
    return out


def csv_rows(report: dict, put) -> None:
    """Long rows, as the report's CSV: ``put(scope, label, document_id, title, metric, coders, aggregation, value)``."""
    relations = report.get("relation_f1")
    if relations:
        for label, block in [("", relations)] + list(relations["per_type"].items()):
            for mode in MODES:
                for pair, e in block[mode].items():
                    for key in ("precision", "recall", "f1", "tp", "fp", "fn"):
                        put("relation", label, "", "", f"relation_{key}_{mode}", pair, "pooled", e[key])
    for key, entry in (report.get("attribute_agreement") or {}).items():
        for mode in MODES:
            for pair, e in entry[mode].items():
                for metric in ("matched", "both_set", "observed_agreement", "cohen_kappa", "krippendorff_alpha"):
                    put("attribute", key, "", "", f"attribute_{metric}_{mode}", pair, "pooled", e[metric])
        put("attribute", key, "", "", "attribute_units", "all", "pooled", entry["all_coders"]["units"])
        put("attribute", key, "", "", "attribute_krippendorff_alpha", "all", "pooled",
            entry["all_coders"]["krippendorff_alpha"])
    for group, entry in (report.get("document_labels") or {}).items():
        for label, block in [(group, entry)] + [(f"{group}={c}", b) for c, b in entry.get("per_category", {}).items()]:
            for metric in ("documents", "complete_documents", "fleiss_kappa", "krippendorff_alpha"):
                put("document_label", label, "", "", metric, "all", "pooled", block[metric])
            for pair, kappa in block["cohen_kappa"].items():
                put("document_label", label, "", "", "cohen_kappa", pair, "pooled", kappa)


def html_parts(report: dict, text: Callable[[Any], str], num: Callable[[Any], str], table) -> list[str]:
    out = []
    for title, header, rows in tables(report):
        body = ["<tr>" + "".join(f"<td>{text(v)}</td>" if isinstance(v, str) else num(v) for v in row) + "</tr>"
                for row in rows]
        out += [f"<h3>{text(title)}</h3>", table([text(h) for h in header], body)]
    absent = absent_lines(report)
    if absent:
        out.append("<ul>" + "".join(f"<li>{text(line)}</li>" for line in absent) + "</ul>")
    return out
