"""The report as text, JSON, CSV, Markdown and LaTeX (HTML: ``html``).

Every renderer takes the dict of ``build_report`` and returns a string. Undefined values (NaN) are
``null`` in JSON, empty cells in CSV, and "n/a" in text, Markdown and LaTeX.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from annotator.agreement.report import gold_formats as gold
from annotator.agreement.report.cells import clean, csv_text, fmt, latex_escape, md_text, split_pair  # noqa: F401 (fmt: used by callers)

METRICS = (("cohen_kappa", "Cohen's κ (mean of pairs)"), ("fleiss_kappa", "Fleiss' κ"),
           ("krippendorff_alpha", "Krippendorff's α"), ("unitizing_alpha", "α_U (unitizing)"),
           ("span_f1_exact", "Span F1, exact (mean of pairs)"), ("span_f1_overlap", "Span F1, overlap (mean of pairs)"))


def to_json(report: dict) -> str:
    """Indented JSON in which each item of a list (a document's row, a disagreement, an id) is one
    compact line: readable, and written by json's C encoder (``indent`` would use the pure-Python
    one, seconds for a report on 10,000 documents)."""
    return "".join(_json(clean(report), "")) + "\n"


_ITEM = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def _json(value: Any, pad: str):
    if isinstance(value, dict) and value:
        inner = pad + "  "
        yield "{\n"
        last = len(value) - 1
        for i, (key, item) in enumerate(value.items()):
            yield f"{inner}{_ITEM.encode(str(key))}: "
            yield from _json(item, inner)
            yield ",\n" if i < last else "\n"
        yield pad + "}"
    elif isinstance(value, list) and value:
        inner = pad + "  "
        yield "[\n" + ",\n".join(inner + _ITEM.encode(item) for item in value) + "\n" + pad + "]"
    else:
        yield _ITEM.encode(value)


def _mean(values) -> float:
    values = [v for v in values if v is not None and not math.isnan(v)]
    return sum(values) / len(values) if values else float("nan")


def metric_rows(block: dict, pairs: list[str]) -> list[tuple[str, float, float]]:
    """(metric name, pooled, mean of documents) for a report or one label's block; values of
    pairwise metrics are averaged over the pairs."""
    rows = []
    for key, name in METRICS:
        if key.startswith("span_f1_"):
            mode = key.removeprefix("span_f1_")
            entries = [block["span_f1"][mode][p] for p in pairs]
            rows.append((name, _mean(e["pooled"]["f1"] for e in entries), _mean(e["mean_of_documents"] for e in entries)))
        elif key == "cohen_kappa":
            entries = [block[key][p] for p in pairs]
            rows.append((name, _mean(e["pooled"] for e in entries), _mean(e["mean_of_documents"] for e in entries)))
        else:
            rows.append((name, block[key]["pooled"], block[key]["mean_of_documents"]))
    return rows


def pair_names(report: dict) -> list[str]:
    return list(report["cohen_kappa"])


def label_table(report: dict) -> tuple[list[str], list[list[str]]]:
    """The per-label table (pooled values): a header and one row per label, plus "all labels"."""
    pairs = pair_names(report)
    header = ["Label"] + [name for _key, name in METRICS]
    rows = [["all labels"] + [fmt(pooled) for _n, pooled, _m in metric_rows(report, pairs)]]
    for label, block in report["per_label"].items():
        rows.append([label] + [fmt(pooled) for _n, pooled, _m in metric_rows(block, pairs)])
    return header, rows


def caption(report: dict) -> str:
    unit = "character" if report["unit"] == "char" else "token"
    return (f"Inter-annotator agreement of {len(report['coders'])} coders ({', '.join(report['coders'])}) on "
            f"{report['documents']['count']} documents that all of them marked done "
            f"({report['documents']['units']} {unit} units); pooled over documents.")


def to_text(report: dict) -> str:
    if gold.is_gold_only(report):
        return gold.gold_text(report)
    pairs = pair_names(report)
    out = [caption(report), ""]
    out.append(f"{'metric':36}{'pooled':>10}{'mean of documents':>20}")
    for name, pooled, mean in metric_rows(report, pairs):
        out.append(f"{name:36}{fmt(pooled):>10}{fmt(mean):>20}")
    out += ["", "Cohen's kappa per pair (pooled / mean of documents):"]
    for p in pairs:
        e = report["cohen_kappa"][p]
        out.append(f"  {p:34}{fmt(e['pooled']):>10}{fmt(e['mean_of_documents']):>20}")
    out += ["", "Per label (pooled):"]
    header, rows = label_table(report)
    width = max(len(r[0]) for r in rows) + 2
    out.append("".join(h[:14].ljust(16) if i else h.ljust(width) for i, h in enumerate(header)))
    for row in rows:
        out.append("".join(c.ljust(16) if i else c.ljust(width) for i, c in enumerate(row)))
    excluded = report["documents"]["excluded"]
    out += ["", f"documents left out (not done by every coder): {len(excluded)}",
            f"disagreements: {report['disagreements_total']}"]
    if report["undefined"]:
        out += ["", "undefined (n/a):"] + [f"  {u['where']}: {u['reason']}" for u in report["undefined"]]
    if "gold" in report:
        out += ["", gold.gold_text(report).rstrip("\n")]
    return "\n".join(out) + "\n"


def to_csv(report: dict) -> str:
    """Long format, one value per row: scope, label, document, metric, coders, aggregation, value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["scope", "label", "document_id", "document_title", "metric", "coders", "aggregation", "value"])

    def put(scope, label, doc_id, title, metric, coders, aggregation, value):
        value = clean(value)
        value = "" if value is None else repr(value) if isinstance(value, (float, int)) else csv_text(value)
        writer.writerow([scope, csv_text(label), csv_text(doc_id), csv_text(title), metric, csv_text(coders),
                         aggregation, value])

    def block_rows(scope, label, block):
        for metric in ("fleiss_kappa", "krippendorff_alpha", "unitizing_alpha"):
            for agg in ("pooled", "mean_of_documents"):
                put(scope, label, "", "", metric, "all", agg, block[metric][agg])
        for pair, e in block["cohen_kappa"].items():
            for agg in ("pooled", "mean_of_documents"):
                put(scope, label, "", "", "cohen_kappa", pair, agg, e[agg])
        for mode in ("exact", "overlap"):
            for pair, e in block["span_f1"][mode].items():
                for key in ("precision", "recall", "f1"):
                    put(scope, label, "", "", f"span_{key}_{mode}", pair, "pooled", e["pooled"][key])
                put(scope, label, "", "", f"span_f1_{mode}", pair, "mean_of_documents", e["mean_of_documents"])

    if gold.is_gold_only(report):
        gold.gold_csv_rows(report, put)
        return buffer.getvalue()
    block_rows("overall", "", report)
    for label, block in report["per_label"].items():
        block_rows("label", label, block)
    for doc in report["per_document"]:
        for metric in ("fleiss_kappa", "krippendorff_alpha", "unitizing_alpha"):
            put("document", "", doc["id"], doc["title"], metric, "all", "document", doc[metric])
        for pair, v in doc["cohen_kappa"].items():
            put("document", "", doc["id"], doc["title"], "cohen_kappa", pair, "document", v)
        for mode in ("exact", "overlap"):
            for pair, v in doc["span_f1"][mode].items():
                put("document", "", doc["id"], doc["title"], f"span_f1_{mode}", pair, "document", v)
    if report.get("gold"):
        gold.gold_csv_rows(report, put)
    return buffer.getvalue()


def to_markdown(report: dict) -> str:
    if gold.is_gold_only(report):
        return gold.gold_markdown(report)
    esc = md_text
    header, rows = label_table(report)
    out = [f"*{esc(caption(report))}*", "", "| " + " | ".join(map(esc, header)) + " |",
           "|" + "|".join([":---"] + ["---:"] * (len(header) - 1)) + "|"]
    out += ["| " + " | ".join(map(esc, row)) + " |" for row in rows]
    pairs = pair_names(report)
    out += ["", "| Coders | Cohen's κ (pooled) | Cohen's κ (mean of documents) | Span F1 exact | Span F1 overlap |",
            "|:---|---:|---:|---:|---:|"]
    for p in pairs:
        out.append(f"| {esc(' – '.join(split_pair(p)))} | {fmt(report['cohen_kappa'][p]['pooled'])} | "
                   f"{fmt(report['cohen_kappa'][p]['mean_of_documents'])} | "
                   f"{fmt(report['span_f1']['exact'][p]['pooled']['f1'])} | "
                   f"{fmt(report['span_f1']['overlap'][p]['pooled']['f1'])} |")
    if "gold" in report:
        out += ["", gold.gold_markdown(report).rstrip("\n")]
    out += ["", "n/a: undefined (0/0); see the JSON report for the reasons."]
    return "\n".join(out) + "\n"


def to_latex(report: dict) -> str:
    """A booktabs table (``\\usepackage{booktabs}``); Greek letters in math mode. With a gold
    section, a second table (each coder against gold) follows."""
    if gold.is_gold_only(report):
        return gold.gold_latex(report)
    header = ["Label", r"Cohen's $\kappa$", r"Fleiss' $\kappa$", r"Krippendorff's $\alpha$", r"$\alpha_U$",
              "F1 exact", "F1 overlap"]
    _h, rows = label_table(report)
    lines = [r"\begin{table}[t]", r"\centering", r"\begin{tabular}{l" + "r" * (len(header) - 1) + "}",
             r"\toprule", " & ".join(header) + r" \\", r"\midrule"]
    for i, row in enumerate(rows):
        lines.append(" & ".join(latex_escape(c) for c in row) + r" \\")
        if i == 0 and len(rows) > 1:
            lines.append(r"\midrule")
    lines += [r"\bottomrule", r"\end{tabular}",
              r"\caption{" + latex_escape(caption(report)) + r" Cohen's $\kappa$ and span F1 are means over "
              r"coder pairs; n/a: undefined.}", r"\label{tab:agreement}", r"\end{table}"]
    if "gold" in report:
        lines += ["", gold.gold_latex(report).rstrip("\n")]
    return "\n".join(lines) + "\n"
