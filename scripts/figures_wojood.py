"""Figure suggestions against the figures of wojood_sample: precision and recall of the spans
(exact and overlapping) and of their values.

    .venv/bin/python scripts/figures_wojood.py [CORPUS_DIR] [--show]

Gold spans: the CARDINAL, MONEY, PERCENT and QUANTITY spans of train, val and test (Wojood has no
values: the values are checked against scripts/wojood_figure_values.tsv, written by hand: the
value each gold span's text states, or "-" where it states none, such as آلاف or the corpus's
own split "2 , 0"). Reads /work/shared/corpus by default (not a test: tests may not read it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from annotator.core.figures import find_figures

FIGURE_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
VALUES = Path(__file__).with_name("wojood_figure_values.tsv")


def load(corpus: Path):
    for split in ("train", "val", "test"):
        for line in (corpus / "wojood_sample" / f"{split}.spans.jsonl").read_text(encoding="utf-8").splitlines():
            yield json.loads(line)


def gold_values() -> dict[tuple[str, int, int], tuple | None]:
    out = {}
    if not VALUES.exists():
        return out
    for n, line in enumerate(VALUES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        doc, start, end, _text, low, high = line.split("\t")[:6]
        out[(doc, int(start), int(end))] = None if low == "-" else (float(low), float(high))
    return out


def main(argv: list[str]) -> int:
    show = "--show" in argv
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else Path("/work/shared/corpus")
    values = gold_values()
    gold_n = pred_n = exact = overlap_pred = overlap_gold = other_label = 0
    valued = value_right = value_wrong = value_none = abstain_right = 0
    rows = []
    for doc in load(corpus):
        text = doc["text"]
        gold = [(s["start"], s["end"]) for s in doc["spans"] if s["label"] in FIGURE_LABELS]
        others = [(s["start"], s["end"]) for s in doc["spans"] if s["label"] not in FIGURE_LABELS]
        preds = find_figures(text)
        gold_n += len(gold)
        pred_n += len(preds)
        pset = {(f.start, f.end): f for f in preds}
        for g in gold:
            hit = pset.get(g)
            exact += hit is not None
            overlap_gold += any(f.start < g[1] and g[0] < f.end for f in preds)
            rows.append((doc["id"], g, text[g[0]:g[1]], hit))
            key = (doc["id"], g[0], g[1])
            if hit is not None and key in values:
                truth = values[key]
                if hit.value is None:
                    value_none += 1
                    abstain_right += truth is None
                elif truth is None:
                    value_wrong += 1
                else:
                    valued += 1
                    ok = (float(hit.value.low), float(hit.value.high)) == truth
                    value_right += ok
                    value_wrong += not ok
        for f in preds:
            if any(f.start < g[1] and g[0] < f.end for g in gold):
                overlap_pred += 1
            elif any(f.start < o[1] and o[0] < f.end for o in others):
                other_label += 1
            if show and (f.start, f.end) not in set(gold):
                print(f"  predicted {text[f.start:f.end]!r} in {doc['id']}: {text[max(0, f.start - 20):f.end + 20]!r}")
    if show:
        for doc_id, g, t, hit in rows:
            print(f"{doc_id}\t{g[0]}\t{g[1]}\t{t}\t{'exact' if hit else 'MISSED'}\t{hit.value if hit else ''}")
    print(f"wojood_sample figures: {gold_n} gold spans (CARDINAL/MONEY/PERCENT/QUANTITY), {pred_n} predicted")
    print(f"  exact spans:       precision {exact / pred_n:.3f}  recall {exact / gold_n:.3f}")
    print(f"  overlapping spans: precision {overlap_pred / pred_n:.3f}  recall {overlap_gold / gold_n:.3f}")
    print(f"  predictions on another gold label (DATE, ORDINAL, ...): {other_label}")
    checked = valued + value_none
    if checked:
        print(f"  values on the {checked} exact hits with a hand-checked value: {value_right} right, "
              f"{value_wrong} wrong, {value_none} left unvalued ({abstain_right} of them state no value)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
