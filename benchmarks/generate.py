"""Realistic projects for the benchmarks, generated once per (size, seed) and cached on disk.

    generate.project("large")        -> Path   10,000 documents, about 1,000,000 spans, 3 coders
    generate.big_document_project()  -> Path   one document of 1 MB (UTF-8) with 50,000 spans

``python -m benchmarks.generate --size large [--big] [--force]`` builds (or finds) them and says how
long it took. The cache is ``benchmarks/.cache`` (or ``$ANNOTATOR_BENCH_CACHE``); its files are keyed
by size, seed, generator version, schema version and text source, so a change to any of them makes
a new file. Benchmarks must not change a cached file: open a ``working_copy`` (or open read-only).

Everything is written through the store (``Project.create`` for the schema and labels, then one
``project.transaction()`` with SQLAlchemy Core executemany for documents, spans and statuses), so
the files are exactly what the app makes. Every document is marked done by every coder.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from annotator.core.model import PALETTE, LabelSpec, text_sha256
from annotator.store.migrations import SCHEMA_VERSION
from annotator.store.models import DocumentRow, SpanRow, StatusRow
from annotator.store.project import Project
from benchmarks import corpus, synth

GENERATOR_VERSION = 1
DEFAULT_SEED = 1234
SIZES = {"small": (100, 10_000), "medium": (1_000, 100_000), "large": (10_000, 1_000_000)}
BIG_DOCUMENT_BYTES = 1_000_000
BIG_DOCUMENT_SPANS = 50_000
BASE_TIME = datetime(2024, 3, 1, 9, 0, 0)
SETTING = "benchmark_generator"  # project setting recording how the file was made
CHUNK = 50_000
REPO = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    folder = Path(os.environ.get("ANNOTATOR_BENCH_CACHE") or Path(__file__).resolve().parent / ".cache")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# The libraries the command-line children import (their bytecode in the prefix too).
WARM_IMPORTS = ("import numpy, regex, sqlalchemy, sqlalchemy.orm, alembic, json, sqlite3, argparse; "
                "import annotator.cli.main, annotator.agreement.report.build, annotator.agreement.report.collect, "
                "annotator.agreement.report.render, annotator.store.project, annotator.store.file_reads, "
                "annotator.formats.registry as r; r._load_builtin_formats()")
_COMPILED: set[str] = set()  # cache prefixes compiled by this process


def app_env(**extra: str) -> dict[str, str]:
    """The environment of a child process that runs the app as a user's installed copy runs: with
    its modules' bytecode cached. These machines set ``PYTHONDONTWRITEBYTECODE``, so a child left
    with it compiles every module of the app again at each start (about 0.3 s of CPU for the agreement
    report, 3 % of it); an installed wheel has its bytecode, and a clone writes it at its first run.
    The cache goes to a prefix in the benchmark cache, written once per harness run (compileall)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(cache_dir() / "pycache"), **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    prefix = Path(env["PYTHONPYCACHEPREFIX"])
    if str(prefix) not in _COMPILED:
        stamp = prefix / ".compiled"
        newest = max(p.stat().st_mtime for p in (REPO / "annotator").rglob("*.py"))
        if not stamp.exists() or stamp.stat().st_mtime < newest:
            import subprocess

            subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "annotator")], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            subprocess.run([sys.executable, "-c", WARM_IMPORTS], cwd=REPO, env=env, check=True)
            stamp.touch()
        _COMPILED.add(str(prefix))
    return env


def project(size: str = "small", seed: int = DEFAULT_SEED, *, force: bool = False) -> Path:
    """The cached project of ``size`` (``small``, ``medium``, ``large``), generated if missing."""
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    text = corpus.load()
    name = f"{size}-seed{seed}-g{GENERATOR_VERSION}-s{SCHEMA_VERSION}-{text.source}.annot"
    return _cached(name, force, lambda path: _build(path, size, seed, text))


def big_document_project(seed: int = DEFAULT_SEED, *, force: bool = False) -> Path:
    """The cached project holding one 1 MB document with 50,000 spans of one coder."""
    text = corpus.load()
    name = f"bigdoc-seed{seed}-g{GENERATOR_VERSION}-s{SCHEMA_VERSION}-{text.source}.annot"
    return _cached(name, force, lambda path: _build_big(path, seed, text))


def working_copy(path: Path, folder: Path) -> Path:
    """A copy of a cached project in ``folder`` that a benchmark may open and change."""
    target = Path(folder) / path.name
    shutil.copyfile(path, target)
    return target


def describe(path: Path) -> dict:
    """How a generated file was made (its ``benchmark_generator`` setting)."""
    with Project.open(path, readonly=True) as p:
        return p.setting(SETTING, {})


# -- building ------------------------------------------------------------------------------------
def _cached(name: str, force: bool, build) -> Path:
    folder = cache_dir()
    path = folder / name
    with _lock(folder / f"{name}.lock"):
        if path.exists() and not force:
            return path
        tmp = folder / f".{name}.building"
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), path):
            leftover.unlink(missing_ok=True)
        started = time.perf_counter()
        print(f"generating {path.name} (once; cached in {folder}) ...", file=sys.stderr, flush=True)
        build(tmp)
        raw = sqlite3.connect(str(tmp))  # leave one self-contained file
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(Path(f"{tmp}.backups"), ignore_errors=True)
        os.replace(tmp, path)
        print(f"generated {path.name} in {time.perf_counter() - started:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)", file=sys.stderr, flush=True)
    return path


@contextmanager
def _lock(path: Path):
    """Two processes asking for the same file at once: the second waits for the first."""
    with open(path, "w") as fh:
        try:
            import fcntl
            fcntl.flock(fh, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows: no lock, the atomic rename still holds
            pass
        yield


def _labels() -> list[LabelSpec]:
    return [LabelSpec(name, PALETTE[i % len(PALETTE)], str(i + 1)) for i, name in enumerate(corpus.LABELS)]


def _new_project(path: Path) -> Project:
    created = Project.create(path, labels=_labels())
    created.close()
    return Project.open(path, backup=False)


def _build(path: Path, size: str, seed: int, text: corpus.Corpus) -> None:
    n_docs, n_spans = SIZES[size]
    rng = random.Random(f"{seed}:{size}")
    texts, golds, seen = [], [], set()
    for length in synth.document_lengths(rng, n_docs):
        while True:
            body, gold = synth.compose(rng, text, length)
            sha = text_sha256(body)
            if sha not in seen:
                break
            length += 200  # the same run of sentences again: take a longer one
        seen.add(sha)
        texts.append((body, sha))
        golds.append(gold)
    density = n_spans / synth.spans_per_reference() / sum(len(body) for body, _ in texts)

    with _new_project(path) as proj:
        labels = {label.name: label.id for label in proj.labels()}
        with proj.transaction() as tx:
            coders = [(tx.ensure_coder(h.name).id, h) for h in synth.CODERS]
            docs, spans, statuses = [], [], []
            for doc_id, ((body, sha), gold) in enumerate(zip(texts, golds), start=1):
                when = BASE_TIME + timedelta(minutes=doc_id)
                docs.append(dict(id=doc_id, title=f"benchmark document {doc_id:05d}", text=body,
                                 length=len(body), sha256=sha, position=doc_id,
                                 external_id=f"bench-{doc_id:05d}", created_at=when,
                                 meta_json=f'{{"source": "{text.source}", "seed": {seed}}}'))
                words = synth.Words(body)
                wanted = int(density * len(body) + rng.random())
                reference = synth.reference_spans(rng, words, gold, wanted)
                for coder_id, habits in coders:
                    for start, end, label in synth.code(rng, words, reference, habits):
                        spans.append(dict(document_id=doc_id, coder_id=coder_id, label_id=labels[label],
                                          start_offset=start, end_offset=end, note=None,
                                          created_at=when, updated_at=when))
                    statuses.append(dict(document_id=doc_id, coder_id=coder_id, status="done",
                                         updated_at=when))
                if len(spans) >= CHUNK:
                    _flush(tx, docs, spans)
            _flush(tx, docs, spans)
            tx.conn.execute(insert(StatusRow.__table__), statuses)
            total = tx.conn.exec_driver_sql("SELECT count(*) FROM spans").scalar()
            tx.set_setting(SETTING, dict(kind="project", size=size, seed=seed, documents=n_docs, spans=total,
                                         coders=[h.name for h in synth.CODERS], source=text.source,
                                         corpus=text.description, generator=GENERATOR_VERSION))


def _flush(tx, docs: list[dict], spans: list[dict]) -> None:
    if docs:
        tx.conn.execute(insert(DocumentRow.__table__), docs)
    if spans:
        tx.conn.execute(insert(SpanRow.__table__), spans)
    docs.clear()
    spans.clear()


def _build_big(path: Path, seed: int, text: corpus.Corpus) -> None:
    rng = random.Random(f"{seed}:big")
    streams = list(text.streams)
    rng.shuffle(streams)
    parts, gold, size, nbytes, index = [], [], 0, 0, 0
    while nbytes < BIG_DOCUMENT_BYTES:  # whole source documents, one paragraph break between them
        for position, unit in enumerate(streams[index % len(streams)]):
            sep = "" if not parts else (" " if position else "\n\n")
            gold += [(size + len(sep) + s, size + len(sep) + e, label) for s, e, label in unit.spans]
            parts += [sep, unit.text]
            size += len(sep) + len(unit.text)
            nbytes += len(sep) + len(unit.text.encode("utf-8"))
            if nbytes >= BIG_DOCUMENT_BYTES:
                break
        index += 1
    body = "".join(parts)
    words = synth.Words(body)
    spans = synth.dense_spans(rng, words, gold, BIG_DOCUMENT_SPANS)
    with _new_project(path) as proj:
        labels = {label.name: label.id for label in proj.labels()}
        with proj.transaction() as tx:
            coder_id = tx.ensure_coder(synth.CODERS[0].name).id
            tx.conn.execute(insert(DocumentRow.__table__), [dict(
                id=1, title="one large document (1 MB)", text=body, length=len(body),
                sha256=text_sha256(body), position=1, external_id="bench-big", created_at=BASE_TIME,
                meta_json=f'{{"source": "{text.source}", "seed": {seed}}}')])
            tx.conn.execute(insert(SpanRow.__table__), [
                dict(document_id=1, coder_id=coder_id, label_id=labels[label], start_offset=s, end_offset=e,
                     note=None, created_at=BASE_TIME, updated_at=BASE_TIME) for s, e, label in spans])
            tx.set_status(1, coder_id, "in_progress")
            tx.set_setting(SETTING, dict(kind="big document", seed=seed, documents=1, spans=len(spans),
                                         characters=len(body), utf8_bytes=len(body.encode("utf-8")),
                                         coders=[synth.CODERS[0].name], source=text.source,
                                         corpus=text.description, generator=GENERATOR_VERSION))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--big", action="store_true", help="the 1 MB document project instead")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--force", action="store_true", help="generate again even if cached")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = big_document_project(args.seed, force=args.force) if args.big else project(args.size, args.seed,
                                                                                       force=args.force)
    print(f"{path}  ({time.perf_counter() - started:.1f} s)")
    for key, value in describe(path).items():
        print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
