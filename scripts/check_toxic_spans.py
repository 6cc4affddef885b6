"""Check the agreement report on ToxicSpans (three crowd raters per comment) against scikit-learn.

    python scripts/check_toxic_spans.py [PER_ANNOTATOR.jsonl] [--keep DIR]

1. Import the corpus as three coders the way a lead would: each rater slot (rater1, rater2, rater3:
   the comment's first, second and third annotation; the workers differ from comment to comment)
   becomes a JSONL file imported into its own project (``annotator import P f.jsonl --coder raterN
   --status done --add-labels``), and the three projects are merged into one
   (``annotator merge TARGET P1 P2 P3``). Empty span types become the label "Unspecified". Five raw
   spans lie wholly outside their comment's text (errors in the source data): the importer would
   rightly refuse them, so the glue drops them and says how many (the independent check clips
   offsets to the text, which leaves the same characters marked).
2. Build the report (``annotator.agreement.report``) on character units.
3. Recompute the same numbers independently from the raw JSONL with scikit-learn's
   ``cohen_kappa_score`` (per pair: over all labels, per label, and toxic vs. not), and also
   Krippendorff's alpha with the ``krippendorff`` package and Fleiss' kappa with statsmodels.
4. Compare with ``agreement_reference.json`` (computed on all 400 comments; the project holds 397,
   because 3 comments repeat an earlier text and a project keeps each text once).

Exit status 1 when a report value and its independent value differ by more than 1e-9.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from itertools import combinations
from pathlib import Path

import warnings

import numpy as np

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "toxic_spans_multiannotator"
RATERS = ("rater1", "rater2", "rater3")
UNSPECIFIED = "Unspecified"


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def rater_records(rows: list[dict]) -> dict[str, list[dict]]:
    """One JSONL record list per rater slot, in the shape ``annotator import`` reads."""
    out = {r: [] for r in RATERS}
    dropped = 0
    for row in rows:
        if len(row["annotations"]) != len(RATERS):
            raise ValueError(f"{row['id']}: expected {len(RATERS)} annotations, got {len(row['annotations'])}")
        for rater, ann in zip(RATERS, row["annotations"]):
            spans = []
            for s in ann["spans"]:
                start, end = s["start"], min(s["end"], len(row["text"]))
                if start >= end:
                    dropped += 1
                    continue
                spans.append({"start": start, "end": end, "label": s["label"] or UNSPECIFIED})
            out[rater].append({"id": row["id"], "text": row["text"], "spans": spans,
                               "meta": {"worker": ann["annotator"]}})
    if dropped:
        print(f"note: {dropped} raw span(s) outside their comment's text dropped", file=sys.stderr)
    return out


def import_as_three_coders(jsonl: Path, target: Path, workdir: Path) -> None:
    """Through the command line: three imports (one project per rater) and one merge."""
    from annotator.launcher import main
    rows = read_rows(jsonl)
    labels = sorted({s["label"] or UNSPECIFIED for r in rows for a in r["annotations"] for s in a["spans"]})
    sources = []
    for rater, records in rater_records(rows).items():
        source = workdir / f"{rater}.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        project = workdir / f"{rater}.annot"
        for argv in (["new", project, "--labels", ",".join(labels)],
                     ["import", project, source, "--coder", rater, "--status", "done"]):
            if main(list(map(str, argv))) != 0:
                raise SystemExit(f"annotator {argv[0]} failed")
        sources.append(project)
    if main(list(map(str, ["new", target, "--labels", ",".join(labels)]))) != 0 or \
            main(list(map(str, ["merge", target, *sources]))) != 0:
        raise SystemExit("annotator merge failed")


def char_values(rows: list[dict], dedupe: bool = True) -> tuple[list[str], dict[str, list[str]], list[int]]:
    """Independent of the app: each rater's nominal value per character ("none", a label, or "A+B"
    for several labels, sorted), concatenated over the comments. ``dedupe`` keeps the first comment
    of each text (as a project does). Returns the labels, the values per rater and the lengths."""
    seen, values, lengths = set(), {r: [] for r in RATERS}, []
    labels = sorted({s["label"] or UNSPECIFIED for r in rows for a in r["annotations"] for s in a["spans"]})
    for row in rows:
        if dedupe and row["text"] in seen:
            continue
        seen.add(row["text"])
        lengths.append(len(row["text"]))
        for rater, ann in zip(RATERS, row["annotations"]):
            cover = [set() for _ in row["text"]]
            for s in ann["spans"]:
                for i in range(s["start"], min(s["end"], len(row["text"]))):
                    cover[i].add(s["label"] or UNSPECIFIED)
            values[rater].extend("+".join(sorted(c)) if c else "none" for c in cover)
    return labels, values, lengths


def independent(rows: list[dict], dedupe: bool = True) -> dict:
    """The numbers the report must reproduce, from scikit-learn, krippendorff and statsmodels."""
    import krippendorff
    warnings.filterwarnings("ignore", module="sklearn")
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    labels, values, _lengths = char_values(rows, dedupe)
    out: dict = {"cohen_kappa": {}, "per_label": {label: {} for label in labels}, "toxic": {}}
    for a, b in combinations(RATERS, 2):
        pair = f"{a}|{b}"
        va, vb = np.array(values[a]), np.array(values[b])
        out["cohen_kappa"][pair] = float(cohen_kappa_score(va, vb))
        out["toxic"][pair] = float(cohen_kappa_score(va != "none", vb != "none"))
        for label in labels:
            pa = np.array([label in v.split("+") for v in values[a]])
            pb = np.array([label in v.split("+") for v in values[b]])
            out["per_label"][label][pair] = float(cohen_kappa_score(pa, pb))
    categories = sorted(set().union(*map(set, values.values())))
    codes = np.array([[categories.index(v) for v in values[r]] for r in RATERS])
    out["krippendorff_alpha"] = float(krippendorff.alpha(reliability_data=codes, level_of_measurement="nominal"))
    out["fleiss_kappa"] = float(fleiss_kappa(aggregate_raters(codes.T)[0]))
    toxic = [np.array(values[r]) != "none" for r in RATERS]
    table = np.zeros((2, 2), dtype=np.int64)  # the reference's pooled table: ordered pairs summed
    for a, b in combinations(range(3), 2):
        for x in (0, 1):
            for y in (0, 1):
                table[x, y] += int(np.sum((toxic[a] == x) & (toxic[b] == y)))
    n = table.sum()
    p_o = np.trace(table) / n
    p_e = (table.sum(1) * table.sum(0)).sum() / n ** 2
    out["toxic_pooled_over_pairs"] = float((p_o - p_e) / (1 - p_e))
    out["n11_n10_n01_n00"] = [int(table[1, 1]), int(table[1, 0]), int(table[0, 1]), int(table[0, 0])]
    return out


def report_for(project_path: Path, toxic: bool = False) -> dict:
    """The app's report; ``toxic=True`` first merges every label into one ("toxic")."""
    from annotator.agreement.report import build_report
    from annotator.agreement.report.collect import collect
    from annotator.store import Project
    with Project.open(project_path, readonly=True) as project:
        data = collect(project, list(RATERS))  # documents are read while the report is built
        if toxic:
            data.labels = ["toxic"]
            data.documents = list(data.documents)  # read them all now, to change their spans
            for doc in data.documents:
                doc.spans = {c: [(s, e, "toxic") for s, e, _l in spans] for c, spans in doc.spans.items()}
        return build_report(data, "char")


def compare(report: dict, toxic_report: dict, check: dict) -> list[tuple[str, float, float]]:
    """(what, report value, independent value) for every compared number."""
    rows = []
    for pair, value in check["cohen_kappa"].items():
        rows.append((f"cohen_kappa {pair} (all labels, nominal)", report["cohen_kappa"][pair]["pooled"], value))
        rows.append((f"cohen_kappa {pair} (toxic vs not)", toxic_report["cohen_kappa"][pair]["pooled"],
                     check["toxic"][pair]))
    for label, pairs in check["per_label"].items():
        for pair, value in pairs.items():
            rows.append((f"cohen_kappa {pair} [{label}]", report["per_label"][label]["cohen_kappa"][pair]["pooled"], value))
    rows.append(("krippendorff_alpha (nominal)", report["krippendorff_alpha"]["pooled"], check["krippendorff_alpha"]))
    rows.append(("fleiss_kappa (nominal)", report["fleiss_kappa"]["pooled"], check["fleiss_kappa"]))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jsonl", nargs="?", default=str(CORPUS / "toxic_spans.per_annotator.jsonl"))
    parser.add_argument("--keep", metavar="DIR", help="build the projects in DIR and keep them")
    args = parser.parse_args(argv)
    jsonl = Path(args.jsonl)
    rows = read_rows(jsonl)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        target = work / "toxic_spans.annot"
        target.unlink(missing_ok=True)
        for p in work.glob("rater*.annot"):
            p.unlink()
        import_as_three_coders(jsonl, target, work)
        report, toxic_report = report_for(target), report_for(target, toxic=True)
    check = independent(rows, dedupe=True)
    worst = 0.0
    print(f"{report['documents']['count']} documents, {report['documents']['units']} characters, coders "
          f"{', '.join(report['coders'])}\n")
    print(f"{'value':60}{'report':>12}{'independent':>14}")
    for what, ours, theirs in compare(report, toxic_report, check):
        same = (ours is None or np.isnan(ours)) and np.isnan(theirs)
        worst = max(worst, 0.0 if same else abs(ours - theirs))
        print(f"{what:60}{ours:12.6f}{theirs:14.6f}")
    full = independent(rows, dedupe=False)
    reference_path = jsonl.parent / "agreement_reference.json"
    if reference_path.exists():
        reference = json.loads(reference_path.read_text())
        print(f"\nagreement_reference.json (all {len(rows)} comments, ordered pairs pooled, toxic vs not):")
        print(f"  pooled pairwise char kappa: reference {reference['pooled_pairwise_char_kappa']}, "
              f"scikit-learn-side check {full['toxic_pooled_over_pairs']:.4f}")
        print(f"  n11 n10 n01 n00: reference {reference['n11_n10_n01_n00']}, check {full['n11_n10_n01_n00']}")
        print(f"  the project's {report['documents']['count']} distinct texts: pooled over pairs "
              f"{check['toxic_pooled_over_pairs']:.4f}; per pair (report) "
              + ", ".join(f"{p} {v['pooled']:.4f}" for p, v in toxic_report["cohen_kappa"].items()))
    print(f"\nlargest difference report vs independent: {worst:.2e}")
    return 0 if worst <= 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
