"""The ``gold`` section (each coder against the adjudicated gold layer) in every output format.

The full report's renderers (``formats``, ``html``) append these pieces; a report of
``gold.gold_report`` (``annotator agreement --gold-only``) is rendered by them alone.
"""

from __future__ import annotations

import html
import math

from annotator.agreement.report.cells import fmt, latex_escape, md_text

TITLE = "Coders against gold"
HEADER = ["Coder", "Documents", "κ pooled", "κ mean of documents", "P exact", "R exact", "F1 exact",
          "F1 exact mean of documents", "P overlap", "R overlap", "F1 overlap", "F1 overlap mean of documents"]
LABEL_HEADER = ["Coder", "Label", "κ pooled", "κ mean of documents", "F1 exact", "F1 overlap", "Gold spans",
                "Coder spans"]


def is_gold_only(report: dict) -> bool:
    return bool(report.get("gold_only"))


def unit_name(report: dict) -> str:
    return "character" if report["unit"] == "char" else "token"


def gold_caption(report: dict) -> str:
    gold = report["gold"]
    if gold is None:
        return f"{TITLE}: not available: {report['notes']['gold']}."
    return (f"{TITLE}: each coder's spans against the gold layer (@gold = reference, the coder = candidate) "
            f"over the documents that are adjudicated ({gold['adjudicated_documents']} in the project) and that "
            f"the coder marked done; Cohen's κ on {unit_name(report)} units (all labels, with \"none\"); "
            "pooled over documents unless named \"mean of documents\".")


def gold_rows(report: dict) -> list[list]:
    """One row per coder (values as numbers; ``fmt`` them for text)."""
    rows = []
    for coder, b in report["gold"]["coders"].items():
        ex, ov, k = b["span"]["exact"], b["span"]["overlap"], b["cohen_kappa"]
        rows.append([coder, b["documents"], k["pooled"], k["mean_of_documents"],
                     ex["pooled"]["precision"], ex["pooled"]["recall"], ex["pooled"]["f1"], ex["mean_of_documents"]["f1"],
                     ov["pooled"]["precision"], ov["pooled"]["recall"], ov["pooled"]["f1"], ov["mean_of_documents"]["f1"]])
    return rows


def gold_label_rows(report: dict) -> list[list]:
    """One row per coder and label that gold or the coder used (JSON and CSV keep every label)."""
    rows = []
    for coder, b in report["gold"]["coders"].items():
        for label, lb in b["per_label"].items():
            if not lb["gold_spans"] and not lb["coder_spans"]:
                continue
            rows.append([coder, label, lb["cohen_kappa"]["pooled"], lb["cohen_kappa"]["mean_of_documents"],
                         lb["span"]["exact"]["pooled"]["f1"], lb["span"]["overlap"]["pooled"]["f1"],
                         lb["gold_spans"], lb["coder_spans"]])
    return rows


def _cells(row: list) -> list[str]:
    return [c if isinstance(c, str) else fmt(c) for c in row]


def gold_text(report: dict) -> str:
    out = [gold_caption(report)]
    if report["gold"] is None:
        return "\n".join(out) + "\n"
    rows = [_cells(r) for r in gold_rows(report)]
    width = max([len("Coder")] + [len(r[0]) for r in rows]) + 2
    short = ["Coder", "docs", "κ pooled", "κ mean docs", "P exact", "R exact", "F1 exact", "F1 ex mean",
             "P overlap", "R overlap", "F1 overlap", "F1 ov mean"]
    out += ["", short[0].ljust(width) + "".join(h.rjust(12) for h in short[1:])]
    out += [r[0].ljust(width) + "".join(c.rjust(12) for c in r[1:]) for r in rows]
    label_rows = [_cells(r) for r in gold_label_rows(report)]
    if label_rows:
        lw = max(len(r[1]) for r in label_rows) + 2
        out += ["", "Per label (κ present/absent; span F1 of that label):",
                "Coder".ljust(width) + "Label".ljust(lw) + "".join(h.rjust(12) for h in
                                                                   ("κ pooled", "κ mean docs", "F1 exact", "F1 overlap",
                                                                    "gold spans", "coder spans"))]
        out += [r[0].ljust(width) + r[1].ljust(lw) + "".join(c.rjust(12) for c in r[2:]) for r in label_rows]
    undefined = report["gold"]["undefined"]
    if undefined:
        out += ["", "undefined (n/a):"] + [f"  {u['where']}: {u['reason']}" for u in undefined]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return md_text(text)


def gold_markdown(report: dict) -> str:
    out = [f"*{_md(gold_caption(report))}*"]
    if report["gold"] is None:
        return "\n".join(out) + "\n"
    out += ["", "| " + " | ".join(map(_md, HEADER)) + " |", "|:---|" + "---:|" * (len(HEADER) - 1)]
    out += ["| " + " | ".join(map(_md, _cells(r))) + " |" for r in gold_rows(report)]
    out += ["", "| " + " | ".join(map(_md, LABEL_HEADER)) + " |", "|:---|:---|" + "---:|" * (len(LABEL_HEADER) - 2)]
    out += ["| " + " | ".join(map(_md, _cells(r))) + " |" for r in gold_label_rows(report)]
    return "\n".join(out) + "\n"


def gold_latex(report: dict) -> str:
    if report["gold"] is None:
        return "% " + latex_escape(gold_caption(report)).replace("\n", " ") + "\n"
    header = ["Coder", "Docs", r"$\kappa$", "P exact", "R exact", "F1 exact", "P overlap", "R overlap", "F1 overlap"]
    lines = [r"\begin{table}[t]", r"\centering", r"\begin{tabular}{l" + "r" * (len(header) - 1) + "}",
             r"\toprule", " & ".join(header) + r" \\", r"\midrule"]
    for r in gold_rows(report):
        cells = _cells([r[0], r[1], r[2], r[4], r[5], r[6], r[8], r[9], r[10]])
        lines.append(" & ".join(latex_escape(c) for c in cells) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}",
              r"\caption{" + latex_escape(gold_caption(report)) + r" n/a: undefined.}",
              r"\label{tab:agreement-gold}", r"\end{table}"]
    return "\n".join(lines) + "\n"


def gold_csv_rows(report: dict, put) -> None:
    """Rows of the long CSV: scope "gold", the coder in the coders column (``put`` as in ``to_csv``)."""
    if report["gold"] is None:
        return

    def block(label: str, b: dict, coder: str) -> None:
        for agg in ("pooled", "mean_of_documents"):
            put("gold", label, "", "", "cohen_kappa", coder, agg, b["cohen_kappa"][agg])
        for mode in ("exact", "overlap"):
            for key in ("precision", "recall", "f1"):
                put("gold", label, "", "", f"span_{key}_{mode}", coder, "pooled", b["span"][mode]["pooled"][key])
                put("gold", label, "", "", f"span_{key}_{mode}", coder, "mean_of_documents",
                    b["span"][mode]["mean_of_documents"][key])

    for coder, b in report["gold"]["coders"].items():
        put("gold", "", "", "", "documents", coder, "count", b["documents"])
        block("", b, coder)
        for label, lb in b["per_label"].items():
            block(label, lb, coder)


def _num(value) -> str:
    shown = value if isinstance(value, str) else fmt(value)
    return f'<td class="num{" na" if shown == "n/a" else ""}">{html.escape(shown)}</td>'


def _row(cells: list, text, text_columns: int) -> str:
    return "<tr>" + "".join(f"<td>{text(c)}</td>" if i < text_columns else _num(c)
                            for i, c in enumerate(cells)) + "</tr>"


def gold_html(report: dict, text, image) -> str:
    """The section as HTML: ``text`` escapes user text (and marks its direction), ``image`` embeds a
    PNG (``html``'s helpers)."""
    parts = [f"<h2>{TITLE}</h2>", f"<p>{html.escape(gold_caption(report))}</p>"]
    if report["gold"] is None:
        return "\n".join(parts)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADER)
    body = "".join(_row(r, text, 1) for r in gold_rows(report))
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    rows = gold_rows(report)
    if rows and any(not (isinstance(v, float) and math.isnan(v)) for r in rows for v in (r[6], r[10])):
        from annotator.agreement.report.charts import gold_bars
        parts.append(image(gold_bars(report), "span F1 of each coder against gold"))
    head = "".join(f"<th>{html.escape(h)}</th>" for h in LABEL_HEADER)
    body = "".join(_row(r, text, 2) for r in gold_label_rows(report))
    parts += ["<h3>Per label</h3>", f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"]
    undefined = "".join(f"<li><code>{html.escape(u['where'])}</code>: {html.escape(u['reason'])}</li>"
                        for u in report["gold"]["undefined"])
    if undefined:
        parts.append(f"<p class=small>Undefined (n/a):</p><ul class=small>{undefined}</ul>")
    return "\n".join(parts)
