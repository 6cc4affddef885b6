"""Each wojood_sample figure span (CARDINAL, MONEY, PERCENT, QUANTITY) taken as a coder's `figure`
span: does ``core.figure_value.span_value`` give the value ``scripts/wojood_figure_values.tsv`` says
it states? Prints the counts and every span that differs (docs/figures.md quotes them).

    .venv/bin/python scripts/figure_span_values.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from annotator.core.figure_value import span_value

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wojood_sample"


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    texts = {}
    for path in sorted(corpus.glob("*.spans.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    same = none = wrong = 0
    for line in (ROOT / "scripts" / "wojood_figure_values.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        doc, start, end, quoted, low, high = line.split("\t")
        value = span_value(texts[doc], int(start), int(end))
        want = None if low == "-" else (float(low), float(high))
        got = None if value is None else (float(value["low"]), float(value["high"]))
        if got == want:
            same += 1
        elif got is None:
            none += 1
            print(f"no value   {doc} {quoted!r}: the table says {want}")
        else:
            wrong += 1
            print(f"WRONG      {doc} {quoted!r}: {got}, the table says {want}")
    print(f"{same + none + wrong} spans: {same} as the table, {none} without a value where it has one, {wrong} wrong")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
