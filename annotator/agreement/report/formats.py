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
from annotator.agreement.report import layers_formats as layers
from annotator.agreement.report.cells import clean, csv_text, fmt, latex_escape, md_text, split_pair  # noqa: F401 (fmt: used by callers)

METRICS = (("cohen_kappa", "Cohen's κ (mean of pairs)"), ("fleiss_kappa", "Fleiss' κ"),
           ("krippendorff_alpha", "Krippendorff's α"), ("gwet_ac1", "Gwet's AC1"), ("unitizing_alpha", "α_U (unitizing)"),
           ("span_f1_exact", "Span F1, exact (mean of pairs)"), ("span_f1_overlap", "Span F1, overlap (mean of pairs)"),
           ("gamma", "γ (gamma, all labels)"))
NAN = float("nan")


def shown_metrics(report: dict) -> tuple:
    """METRICS without gamma when the report has none (it is computed only when asked for)."""
    return METRICS if "gamma" in report else tuple(m for m in METRICS if m[0] != "gamma")


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


def metric_rows(block: dict, pairs: list[str], metrics: tuple | None = None) -> list[tuple[str, float, float]]:
    """(metric name, pooled, mean of documents) for a report or one label's block; values of
    pairwise metrics are averaged over the pairs. ``metrics``: which (default: ``shown_metrics``)."""
    rows = []
    for key, name in metrics or shown_metrics(block):
        if key.startswith("span_f1_"):
            mode = key.removeprefix("span_f1_")
            entries = [block["span_f1"][mode][p] for p in pairs]
            rows.append((name, _mean(e["pooled"]["f1"] for e in entries), _mean(e["mean_of_documents"] for e in entries)))
        elif key == "cohen_kappa":
            entries = [block[key][p] for p in pairs]
            rows.append((name, _mean(e["pooled"] for e in entries), _mean(e["mean_of_documents"] for e in entries)))
        elif key not in block:  # gamma: over all labels only
            rows.append((name, NAN, NAN))
        else:
            rows.append((name, block[key]["pooled"], block[key]["mean_of_documents"]))
    return rows


def metric_intervals(block: dict, metrics: tuple | None = None) -> list[dict | None]:
    """The bootstrap interval of each row of ``metric_rows`` (None without ``--ci`` or where there is none)."""
    out = []
    for key, _name in metrics or shown_metrics(block):
        if key in ("cohen_kappa", "span_f1_exact", "span_f1_overlap"):
            out.append(block.get("ci_mean_of_pairs", {}).get(key))
        else:
            out.append(block.get(key, {}).get("ci"))
    return out


def with_interval(value, ci: dict | None) -> str:
    """"0.787 [0.778, 0.795]": the value and its interval (just the value without one)."""
    if not ci:
        return fmt(value)
    return f"{fmt(value)} [{fmt(ci.get('low'))}, {fmt(ci.get('high'))}]"


def confidence_line(report: dict) -> str:
    c = report.get("confidence")
    if not c:
        return ""
    return (f"{c['level']:g}% intervals: {c['method']}, {c['resamples']} resamples of the "
            f"{'documents' if c['unit'] == 'document' else 'units (kappa, alpha, AC1) and documents (the rest)'}, "
            f"seed {c['seed']}.")


def pair_names(report: dict) -> list[str]:
    return list(report["cohen_kappa"])


def label_table(report: dict, with_ci: bool = False) -> tuple[list[str], list[list[str]]]:
    """The per-label table (pooled values): a header and one row per label, plus "all labels".
    ``with_ci`` writes each value with its bootstrap interval when the report has them."""
    pairs = pair_names(report)
    metrics = shown_metrics(report)
    header = ["Label"] + [name for _key, name in metrics]

    def cells(block):
        cis = metric_intervals(block, metrics) if with_ci else [None] * len(metrics)
        return [with_interval(pooled, ci) for (_n, pooled, _m), ci in zip(metric_rows(block, pairs, metrics), cis)]

    rows = [["all labels"] + cells(report)]
    for label, block in report["per_label"].items():
        rows.append([label] + cells(block))
    return header, rows


def caption(report: dict) -> str:
    unit = "character" if report["unit"] == "char" else "token"
    return (f"Inter-annotator agreement of {len(report['coders'])} coders ({', '.join(report['coders'])}) on "
            f"{report['documents']['count']} documents that all of them marked done "
            f"({report['documents']['units']} {unit} units); pooled over documents.")


def table_caption(report: dict) -> str:
    """What the per-label table's rows are, for Markdown and LaTeX captions."""
    return (" Row \"all labels\": one nominal variable per unit (\"none\", a label, or \"A+B\" for several "
            "labels of one coder); per label, κ, α and AC1 are computed on that label's present/absent values, "
            "α_U and span F1 on that label's spans"
            + ("; γ is over all labels only (n/a per label). " if "gamma" in report else ". ")
            + confidence_line(report)).rstrip()


def to_text(report: dict) -> str:
    if gold.is_gold_only(report):
        return gold.gold_text(report)
    pairs = pair_names(report)
    out = [caption(report), ""]
    has_ci = "confidence" in report
    ci_head = f"{'interval':>22}{'se':>8}" if has_ci else ""
    out.append(f"{'metric':36}{'pooled':>10}{'mean of documents':>20}{ci_head}")
    for (name, pooled, mean), ci in zip(metric_rows(report, pairs), metric_intervals(report)):
        extra = ""
        if has_ci:
            extra = f"{('[' + fmt(ci['low']) + ', ' + fmt(ci['high']) + ']') if ci else '':>22}" \
                    f"{fmt(ci['se']) if ci else '':>8}"
        out.append(f"{name:36}{fmt(pooled):>10}{fmt(mean):>20}{extra}")
    out += ["", "Cohen's kappa per pair (pooled / mean of documents" + (" / interval" if has_ci else "") + "):"]
    for p in pairs:
        e = report["cohen_kappa"][p]
        extra = f"  [{fmt(e['ci']['low'])}, {fmt(e['ci']['high'])}]" if "ci" in e else ""
        out.append(f"  {p:34}{fmt(e['pooled']):>10}{fmt(e['mean_of_documents']):>20}{extra}")
    if has_ci:
        out += ["", confidence_line(report)]
    out += ["", "Per label (pooled):"]
    header, rows = label_table(report, with_ci=has_ci)
    width = max(len(r[0]) for r in rows) + 2
    col = 24 if has_ci else 16
    out.append("".join(h[:col - 2].ljust(col) if i else h.ljust(width) for i, h in enumerate(header)))
    for row in rows:
        out.append("".join(c.ljust(col) if i else c.ljust(width) for i, c in enumerate(row)))
    out += layers.text_lines(report)
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

    def put_ci(scope, label, metric, coders, e):
        for key, agg in (("low", "ci_low"), ("high", "ci_high"), ("se", "se")):
            if "ci" in e:
                put(scope, label, "", "", metric, coders, agg, e["ci"][key])

    def block_rows(scope, label, block):
        for metric in ("fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "unitizing_alpha", "gamma"):
            if metric not in block:
                continue
            for agg in ("pooled", "mean_of_documents"):
                put(scope, label, "", "", metric, "all", agg, block[metric][agg])
            put_ci(scope, label, metric, "all", block[metric])
        for pair, e in block["cohen_kappa"].items():
            for agg in ("pooled", "mean_of_documents"):
                put(scope, label, "", "", "cohen_kappa", pair, agg, e[agg])
            put_ci(scope, label, "cohen_kappa", pair, e)
        for mode in ("exact", "overlap"):
            for pair, e in block["span_f1"][mode].items():
                for key in ("precision", "recall", "f1"):
                    put(scope, label, "", "", f"span_{key}_{mode}", pair, "pooled", e["pooled"][key])
                put(scope, label, "", "", f"span_f1_{mode}", pair, "mean_of_documents", e["mean_of_documents"])
                put_ci(scope, label, f"span_f1_{mode}", pair, e)

    if gold.is_gold_only(report):
        gold.gold_csv_rows(report, put)
        return buffer.getvalue()
    block_rows("overall", "", report)
    for label, block in report["per_label"].items():
        block_rows("label", label, block)
    for doc in report["per_document"]:
        for metric in ("fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "unitizing_alpha", "gamma"):
            if metric in doc:
                put("document", "", doc["id"], doc["title"], metric, "all", "document", doc[metric])
        for pair, v in doc["cohen_kappa"].items():
            put("document", "", doc["id"], doc["title"], "cohen_kappa", pair, "document", v)
        for mode in ("exact", "overlap"):
            for pair, v in doc["span_f1"][mode].items():
                put("document", "", doc["id"], doc["title"], f"span_f1_{mode}", pair, "document", v)
    layers.csv_rows(report, put)
    if report.get("gold"):
        gold.gold_csv_rows(report, put)
    return buffer.getvalue()


def to_markdown(report: dict) -> str:
    if gold.is_gold_only(report):
        return gold.gold_markdown(report)
    esc = md_text
    header, rows = label_table(report, with_ci=True)
    out = [f"*{esc(caption(report) + table_caption(report))}*", "", "| " + " | ".join(map(esc, header)) + " |",
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
    out += layers.markdown_lines(report, esc)
    if "gold" in report:
        out += ["", gold.gold_markdown(report).rstrip("\n")]
    out += ["", "n/a: undefined (0/0); see the JSON report for the reasons."]
    return "\n".join(out) + "\n"


def _latex_caption_rows(report: dict) -> str:
    text = (" Row ``all labels'': one nominal variable per unit (none, a label, or A+B for several labels of one "
            "coder); per label, $\\kappa$, $\\alpha$ and AC1 are computed on that label's present/absent values, "
            "$\\alpha_U$ and span F1 on that label's spans"
            + ("; $\\gamma$ is over all labels only." if "gamma" in report else "."))
    line = confidence_line(report)
    return text + (" " + latex_escape(line) if line else "")


def to_latex(report: dict) -> str:
    """A booktabs table (``\\usepackage{booktabs}``); Greek letters in math mode. With a gold
    section, a second table (each coder against gold) follows."""
    if gold.is_gold_only(report):
        return gold.gold_latex(report)
    header = ["Label", r"Cohen's $\kappa$", r"Fleiss' $\kappa$", r"Krippendorff's $\alpha$", "Gwet's AC1",
              r"$\alpha_U$", "F1 exact", "F1 overlap"] + ([r"$\gamma$"] if "gamma" in report else [])
    _h, rows = label_table(report, with_ci=True)
    lines = [r"\begin{table}[t]", r"\centering", r"\begin{tabular}{l" + "r" * (len(header) - 1) + "}",
             r"\toprule", " & ".join(header) + r" \\", r"\midrule"]
    for i, row in enumerate(rows):
        lines.append(" & ".join(latex_escape(c) for c in row) + r" \\")
        if i == 0 and len(rows) > 1:
            lines.append(r"\midrule")
    lines += [r"\bottomrule", r"\end{tabular}",
              r"\caption{" + latex_escape(caption(report)) + r" Cohen's $\kappa$ and span F1 are means over "
              r"coder pairs; n/a: undefined." + _latex_caption_rows(report) + "}", r"\label{tab:agreement}",
              r"\end{table}"]
    lines += layers.latex_lines(report, latex_escape)
    if "gold" in report:
        lines += ["", gold.gold_latex(report).rstrip("\n")]
    return "\n".join(lines) + "\n"
