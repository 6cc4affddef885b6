"""The report as one self-contained HTML file: tables, charts (PNG embedded as base64), the
disagreements with their text in context, and the method notes.

Every piece of text from the project (document text and titles, labels, coder names, metadata) is
HTML-escaped; Arabic text is marked ``dir="rtl" lang="ar"`` and other user text is isolated with
``<bdi>`` so that mixed directions never reorder the table around it.
"""

from __future__ import annotations

import base64
import html

from annotator.agreement.report.cells import split_pair
from annotator.agreement.report.charts import all_charts, has_arabic
from annotator.agreement.report.formats import (caption, confidence_line, fmt, label_table, metric_intervals,
                                                metric_rows, pair_names)
from annotator.agreement.report import layers_formats
from annotator.agreement.report.gold_formats import gold_html, is_gold_only

STYLE = """
body { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Amiri", "DejaVu Sans", Arial, sans-serif;
       margin: 2em auto; max-width: 72em; color: #222; line-height: 1.45; }
[lang="ar"] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Arial", sans-serif; font-size: 1.1em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.7em; }
th { background: #f4f4f4; text-align: start; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.na { color: #999; }
figure { display: inline-block; margin: 0 1.5em 1em 0; vertical-align: top; }
.context { background: #fafafa; border: 1px solid #eee; padding: 0.4em 0.8em; margin: 0.2em 0 0.8em; }
mark { background: #ffe08a; }
.small { font-size: 0.9em; color: #555; }
"""


def text(value) -> str:
    """Escaped user text, with its direction marked."""
    escaped = html.escape(str(value), quote=True)
    if has_arabic(str(value)):
        return f'<span dir="rtl" lang="ar">{escaped}</span>'
    return f"<bdi>{escaped}</bdi>"


def num(value) -> str:
    shown = fmt(value)
    return f'<td class="num{" na" if shown == "n/a" else ""}">{shown}</td>'


def _table(header: list[str], rows: list[str]) -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _summary(report: dict) -> str:
    if "confidence" not in report:
        rows = [f"<tr><td>{html.escape(name)}</td>{num(pooled)}{num(mean)}</tr>"
                for name, pooled, mean in metric_rows(report, pair_names(report))]
        return _table(["Metric", "Pooled over documents", "Mean of per-document values"], rows)
    rows = []
    for (name, pooled, mean), ci in zip(metric_rows(report, pair_names(report)), metric_intervals(report)):
        shown = f"[{fmt(ci['low'])}, {fmt(ci['high'])}]" if ci else "n/a"
        rows.append(f"<tr><td>{html.escape(name)}</td>{num(pooled)}<td class=num>{shown}</td>"
                    f"{num(ci['se'] if ci else None)}{num(mean)}</tr>")
    level = report["confidence"]["level"]
    return (_table(["Metric", "Pooled over documents", f"{level:g}% interval", "Standard error",
                    "Mean of per-document values"], rows)
            + f"<p class=small>{html.escape(confidence_line(report))}</p>")


def _pairs(report: dict) -> str:
    rows = []
    for pair in pair_names(report):
        a, b = split_pair(pair)
        k = report["cohen_kappa"][pair]
        ex, ov = report["span_f1"]["exact"][pair], report["span_f1"]["overlap"][pair]
        rows.append(f"<tr><td>{text(a)} – {text(b)}</td>{num(k['pooled'])}{num(k['mean_of_documents'])}"
                    f"{num(ex['pooled']['f1'])}{num(ex['mean_of_documents'])}"
                    f"{num(ov['pooled']['f1'])}{num(ov['mean_of_documents'])}</tr>")
    return _table(["Coders", "Cohen's κ pooled", "κ mean of docs", "F1 exact pooled", "F1 exact mean of docs",
                   "F1 overlap pooled", "F1 overlap mean of docs"], rows)


def _labels(report: dict) -> str:
    header, rows = label_table(report)
    if "confidence" in report:
        _h, shown = label_table(report, with_ci=True)
        body = [f"<tr><td>{html.escape(r[0]) if r[0] == 'all labels' else text(r[0])}</td>"
                + "".join(f'<td class="num{" na" if c == "n/a" else ""}">{html.escape(c)}</td>' for c in r[1:])
                + "</tr>" for r in shown]
        return _table([html.escape(h) for h in header], body)
    body = []
    for row in rows:
        first = html.escape(row[0]) if row[0] == "all labels" else text(row[0])
        body.append(f"<tr><td>{first}</td>" + "".join(num(None if c == "n/a" else float(c)) for c in row[1:]) + "</tr>")
    return _table([html.escape(h) for h in header], body)


def _documents(report: dict) -> str:
    rows = []
    pairs = pair_names(report)
    has_gamma = "gamma" in report
    for doc in report["per_document"]:
        f1 = [doc["span_f1"]["exact"][p] for p in pairs]
        defined = [v for v in f1 if v is not None and v == v]
        rows.append(f"<tr><td>{text(doc['title'])}</td><td class=num>{doc['units']}</td>"
                    f"{num(doc['fleiss_kappa'])}{num(doc['krippendorff_alpha'])}{num(doc.get('gwet_ac1'))}"
                    f"{num(doc['unitizing_alpha'])}{num(doc.get('gamma')) if has_gamma else ''}"
                    f"{num(sum(defined) / len(defined) if defined else None)}"
                    f"<td class=num>{doc['disagreements']}</td></tr>")
    return _table(["Document", "Units", "Fleiss' κ", "Krippendorff's α", "Gwet's AC1", "α_U"]
                  + (["γ"] if has_gamma else []) + ["F1 exact (mean of pairs)", "Disagreements"], rows)


def _disagreements(report: dict) -> str:
    items = []
    for d in report["disagreements"]:
        who = "; ".join(f"{text(coder)}: {text(labels)}" for coder, labels in d["labels"].items())
        passage = html.escape(d["before"]) + "<mark>" + html.escape(d["text"]) + "</mark>" + html.escape(d["after"])
        direction = ' dir="rtl" lang="ar"' if has_arabic(d["before"] + d["text"] + d["after"]) else ' dir="auto"'
        items.append(f"<li><strong>{text(d['title'])}</strong> <span class=small>[{d['start']}, {d['end']})</span>"
                     f" — {who}<div class=context{direction}>{passage}</div></li>")
    shown, total = len(report["disagreements"]), report["disagreements_total"]
    note = f"<p class=small>The first {shown} of {total} disagreements.</p>" if shown < total else ""
    return note + (f"<ol>{''.join(items)}</ol>" if items else "<p>None: the coders agree on every unit.</p>")


def _image(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<figure><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"></figure>'


def _page(title: str, body: list[str]) -> str:
    head = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>", f"<style>{STYLE}</style></head><body>"]
    return "\n".join(head + body + ["</body></html>"]) + "\n"


def to_html(report: dict) -> str:
    if is_gold_only(report):
        return _page("Coders against gold", ["<h1>Coders against gold</h1>",
                                              "<p class=small>Coders: " + ", ".join(text(c) for c in report["coders"])
                                              + f". Unit: {html.escape(report['unit'])}.</p>",
                                              gold_html(report, text, _image)])
    charts = all_charts(report)
    excluded = report["documents"]["excluded"]
    undefined = "".join(f"<li><code>{html.escape(u['where'])}</code>: {html.escape(u['reason'])}</li>"
                        for u in report["undefined"])
    notes = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in report["notes"].items())
    excluded_list = "".join(f"<li>{text(e['title'])}: not done by {', '.join(text(c) for c in e['not_done_by'])}</li>"
                            for e in excluded[:200])
    parts = [
        "<h1>Inter-annotator agreement</h1>", f"<p>{text(caption(report))}</p>",
        "<p class=small>Coders: " + ", ".join(text(c) for c in report["coders"]) + f". Unit: {html.escape(report['unit'])}.</p>",
        "<h2>Summary</h2>", _summary(report),
        "<h2>Charts</h2>", _image(charts["labels"], "agreement per label"),
        _image(charts["pairs"], "Cohen's kappa per pair of coders"), _image(charts["confusion"], "label confusion matrix"),
        "<h2>Pairs of coders</h2>", _pairs(report),
        "<h2>Per label (pooled)</h2>", _labels(report),
        "<h2>Relations, span attributes, document labels</h2>",
        *layers_formats.html_parts(report, text, num, _table),
        "<h2>Per document</h2>", _documents(report),
        "<h2>Disagreements</h2>", _disagreements(report),
        gold_html(report, text, _image) if "gold" in report else "",
        f"<h2>Documents left out ({len(excluded)})</h2>",
        f"<ul>{excluded_list}</ul>" if excluded else "<p>None.</p>",
        "<h2>Undefined values</h2>", f"<ul>{undefined}</ul>" if undefined else "<p>None.</p>",
        "<h2>How to read this report</h2>", f"<dl>{notes}</dl>",
    ]
    return _page("Inter-annotator agreement", parts)
