"""Whole-corpus round trips over the shared corpora (not part of the test suite: the corpora live
beside the repository, in ../shared/corpus, or $ANNOTATOR_CORPUS). Run:

    .venv/bin/python scripts/check_corpora.py

For ANERCorp, AQMAR and the Wojood sample it checks that:
1. the JSONL imports, and its export gives back every record's id, text and spans (the records left
   out are the duplicate texts the importer skips, each listed with whether its spans differ);
2. export, import into a new project, export again gives identical bytes (jsonl, doccano) and the
   same spans (brat, conll);
3. the CoNLL originals read by the conll importer give the same text and spans as the JSONL.
Exit status 0 when every check passes.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from annotator.formats.exporting import export_project
from annotator.formats.importing import import_files
from annotator.formats.registry import ImportOptions
from annotator.store import Project

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("ANNOTATOR_CORPUS", REPO.parent / "shared" / "corpus"))
SETS = {
    "anercorp": (["anercorp_camellab/ANERCorp_CamelLab_test.spans.jsonl"], ["anercorp_camellab/ANERCorp_CamelLab_test.txt"]),
    "aqmar": (["aqmar/aqmar.spans.jsonl"], sorted(str(p.relative_to(CORPUS)) for p in (CORPUS / "aqmar/articles").glob("*.txt"))),
    "wojood": ([f"wojood_sample/{s}.spans.jsonl" for s in ("test", "train", "val")],
               [f"wojood_sample/{s}.txt" for s in ("test", "train", "val")]),
}
failures: list[str] = []


def check(ok: bool, message: str) -> None:
    print(("  ok    " if ok else "  FAIL  ") + message)
    if not ok:
        failures.append(message)


def new_project(folder: Path, name: str) -> Project:
    return Project.create(folder / f"{name}.annot", coder="gold", labels=[])


def spans_of(record: dict) -> list:
    key = "spans" if "spans" in record else "label"
    if key == "spans":
        return sorted((s["start"], s["end"], s["label"]) for s in record["spans"])
    return sorted(tuple(s) for s in record["label"])


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def import_export(tmp: Path, name: str, files: list[Path], fmt: str, out_fmt: str, out: Path):
    project = new_project(tmp, name)
    with project:
        report = import_files(project, files, fmt, ImportOptions(add_labels=True, status="done"))
        export_project(project, out, out_fmt)
    return report


def brat_or_conll_spans(tmp: Path, name: str, path: Path, fmt: str) -> dict[str, list]:
    """text -> spans, read back through our importer (offsets of conll re-import are per its text)."""
    project = new_project(tmp, name)
    with project:
        import_files(project, [path], fmt, ImportOptions(add_labels=True, status="done"))
        out = tmp / f"{name}.jsonl"
        export_project(project, out, "jsonl")
    return {r["text"]: sorted((s["text"], s["label"]) for s in r["spans"]) for r in read_jsonl(out)}


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}")
        return 2
    for name, (jsonls, conlls) in SETS.items():
        print(f"{name}:")
        with tempfile.TemporaryDirectory() as raw:
            tmp = Path(raw)
            originals = [r for f in jsonls for r in read_jsonl(CORPUS / f)]
            out1 = tmp / "one.jsonl"
            report = import_export(tmp, "one", [CORPUS / f for f in jsonls], "jsonl", "jsonl", out1)
            exported = {r["id"]: r for r in read_jsonl(out1)}
            by_text = defaultdict(list)
            for r in originals:
                by_text[r["text"]].append(r)
            missing = [r for r in originals if r["id"] not in exported]
            same = all(exported[r["id"]]["text"] == r["text"] and exported[r["id"]]["spans"] == sorted(
                r["spans"], key=lambda s: (s["start"], s["end"], s["label"]))
                       for r in originals if r["id"] in exported)
            check(same, f"{len(exported)} of {len(originals)} records come back with the same id, text and spans "
                        "(spans sorted by start, end, label)")
            differing = [r["id"] for r in missing
                         if spans_of(r) != spans_of(next(o for o in by_text[r["text"]] if o["id"] in exported))]
            check(len(missing) == report.duplicates,
                  f"the {len(missing)} left out are the duplicate texts the import skipped ({report.duplicates}); "
                  f"{len(differing)} of them had other spans than the kept copy: {', '.join(differing) or 'none'}")
            if name == "aqmar":
                check(all(exported[r["id"]]["meta"].get("doc") == r["doc"] for r in originals if r["id"] in exported),
                      "the 'doc' field is kept in meta")
            for fmt in ("jsonl", "doccano"):
                a, b = tmp / f"a.{fmt}", tmp / f"b.{fmt}"
                project = Project.open(tmp / "one.annot", readonly=True)
                with project:
                    export_project(project, a, fmt)
                import_export(tmp, f"again-{fmt}", [a], "jsonl", fmt, b)
                check(a.read_bytes() == b.read_bytes(), f"{fmt}: export, import, export gives identical bytes")
            for fmt in ("brat", "conll"):
                a = tmp / f"a-{fmt}" if fmt == "brat" else tmp / "a.conll"
                with Project.open(tmp / "one.annot", readonly=True) as project:
                    export_project(project, a, fmt)
                first = {r["text"]: sorted((s["text"], s["label"]) for s in r["spans"]) for r in read_jsonl(out1)}
                back = brat_or_conll_spans(tmp, f"back-{fmt}", a, fmt)
                if fmt == "brat":
                    check(back == first, f"brat: export, import gives the same texts and spans ({len(back)} documents)")
                else:
                    # CoNLL re-tokenises: compare each document's spans as token sequences.
                    from annotator.formats.conll import tokenize
                    norm = {" ".join(t[s:e] for s, e in tokenize(t)): sorted(
                        (" ".join(x[a:b] for a, b in tokenize(x)), label) for x, label in spans)
                        for t, spans in first.items()}
                    check(back == norm, f"conll: export, import gives the same tokens and spans ({len(back)} documents)")
            conll_back: dict[str, list] = {}
            for i, f in enumerate(conlls):
                conll_back.update(brat_or_conll_spans(tmp, f"conll-{i}", CORPUS / f, "conll"))
            want: dict[str, list] = {}
            for r in originals:  # the first copy of a duplicate text is the one kept
                want.setdefault(r["text"], sorted((s["text"], s["label"]) for s in r["spans"]))
            check(conll_back == want, f"the CoNLL originals ({len(conlls)} file(s)) give the same texts and spans "
                                      f"as the JSONL ({len(conll_back)} distinct texts)")
    print(f"{'all checks passed' if not failures else f'{len(failures)} check(s) FAILED'}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
