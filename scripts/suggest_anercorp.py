"""The held-out check of model suggestions on ANERCorp (CC BY-SA): 700 sentences as one coder's
finished work, a model trained on them, suggestions on the other 225, exported and scored against
their real gold; plus the time to suggest on 1,000 documents.

    nice .venv/bin/python scripts/suggest_anercorp.py [--epochs N] [--max-steps N] [--keep DIR]

Reads /work/shared/corpus/anercorp_camellab (not a test: tests may not read the shared corpus).
Prints F1 per label and overall, the training time (wall and CPU seconds, with the load average
before and after: on this shared machine the wall time says more about the load than about the
training; the process's CPU seconds are what it costs with a core to itself) and the suggestion
times. ``--keep DIR`` leaves the project with its suggestions for scripts/keystrokes_anercorp.py.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from annotator.core.model import LabelSchema
from annotator.formats.suggestions import write_suggestions
from annotator.store.project import Project
from annotator.suggest import Request, make_source
from annotator.suggest.run import suggest_project
from annotator.suggest.train import DEFAULT_EPOCHS, print_scores, train_model

CORPUS = Path("/work/shared/corpus/anercorp_camellab/ANERCorp_CamelLab_test.spans.jsonl")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS)
    parser.add_argument("--max-steps", type=int, default=0)
    parser.add_argument("--train", type=int, default=700)
    parser.add_argument("--keep", help="keep the project and model in this folder")
    args = parser.parse_args()
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="anercorp-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "anercorp.annot"
    path.unlink(missing_ok=True)
    with Project.create(path, coder="salma", labels=LabelSchema.specs_from_names(["PERS", "LOC", "ORG", "MISC"])) as p:
        coder = p.coder("salma").id
        labels = p.labels()
        rows, done = [], []
        with p.transaction() as tx:
            infos = tx.add_documents([(r["id"], r["text"], None, r["id"]) for r in records])
            for info, rec in list(zip(infos, records))[: args.train]:
                rows += [(info.id, coder, labels.by_name(s["label"]).id, s["start"], s["end"], None) for s in rec["spans"]]
                done.append((info.id, coder))
            tx.add_spans(rows)
            tx.add_statuses(done, "done")
        load_before = os.getloadavg()
        t0, cpu0 = time.perf_counter(), os.times()
        meta = train_model(p, folder / "model", coder="salma", epochs=args.epochs, max_steps=args.max_steps,
                           progress=False)
        train_s, cpu1 = time.perf_counter() - t0, os.times()
        train_cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
        load_after = os.getloadavg()
        print_scores(meta)
        t0 = time.perf_counter()
        report = suggest_project(p, f"model:{folder / 'model'}", "salma")
        suggest_s = time.perf_counter() - t0
        print(report.summary())
        out = folder / "suggestions.jsonl"
        write_suggestions(p, out)
    gold = {r["id"]: {(s["start"], s["end"], s["label"]) for s in r["spans"]} for r in records[args.train:]}
    got = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        got[rec["id"]] = {(s["start"], s["end"], s["label"]) for s in rec["suggestions"]}
    tp, fp, fn = Counter(), Counter(), Counter()
    for doc_id, truth in gold.items():
        pred = got.get(doc_id, set())
        for s in pred:
            (tp if s in truth else fp)[s[2]] += 1
        for s in truth - pred:
            fn[s[2]] += 1
    print(f"\nsuggestions on the {len(gold)} unfinished sentences against their gold (exact spans):")
    print(f"{'label':<10}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}")
    for label in sorted(set(tp) | set(fn) | set(fp)) + ["overall"]:
        t = sum(tp.values()) if label == "overall" else tp[label]
        f_p = sum(fp.values()) if label == "overall" else fp[label]
        f_n = sum(fn.values()) if label == "overall" else fn[label]
        prec = t / (t + f_p) if t + f_p else 0.0
        rec = t / (t + f_n) if t + f_n else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{label:<10}{prec:>8.3f}{rec:>8.3f}{f1:>8.3f}{t + f_n:>7}")
    # Suggest on 1,000 documents: the model over 1,000 sentences (the 925, then 75 again), no storing.
    texts = [(i, records[i % len(records)]["text"]) for i in range(1000)]
    source = make_source(f"model:{folder / 'model'}")
    t0 = time.perf_counter()
    n = sum(1 for _ in source.suggest(Request(documents=texts)))
    model_1000 = time.perf_counter() - t0
    # ... and `annotator suggest`'s whole path (model loaded, every document read, suggestions stored
    # in one transaction) on a project of 1,000 documents (the 925 and 75 of them again, marked).
    big = folder / "thousand.annot"
    big.unlink(missing_ok=True)
    with Project.create(big, coder="salma", labels=LabelSchema.specs_from_names(["PERS", "LOC", "ORG", "MISC"])) as p:
        with p.transaction() as tx:
            tx.add_documents([(f"d{i}", records[i % len(records)]["text"] + ("" if i < len(records) else " (2)"),
                               None, None) for i in range(1000)])
        assert p.document_count() == 1000
        t0 = time.perf_counter()
        stored = suggest_project(p, f"model:{folder / 'model'}", "salma", documents="all")
        store_1000 = time.perf_counter() - t0
    print(f"suggest and store on 1,000 documents: {store_1000:.1f} s ({stored.summary()})")
    print(f"\ntrain: {train_s:.1f} s wall, {train_cpu:.1f} CPU-s ({train_cpu / train_s:.2f} of a core) on "
          f"{os.cpu_count()} cores, load average {load_before[0]:.1f} before, {load_after[0]:.1f} after; "
          f"{meta['epochs_run']} of at most {args.epochs} passes, {meta['steps_run']} updates")
    print(f"train: {train_s:.1f} s ({args.train} documents); "
          f"suggest and store on {report.documents} documents: {suggest_s:.1f} s; "
          f"the model on 1,000 documents: {model_1000:.1f} s ({n} suggestions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
