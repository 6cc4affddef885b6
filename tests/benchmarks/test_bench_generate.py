"""The project generator: works without the shared corpus, is deterministic, and makes coders who
agree on most spans and differ on boundaries, labels and misses."""

import sqlite3
from collections import defaultdict

from annotator.core.model import DocStatus
from annotator.store.project import Project
from benchmarks import corpus, generate


def _spans(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT document_id, coder_id, label_id, start_offset, end_offset FROM spans "
                            "ORDER BY id").fetchall()


def test_small_project_from_the_bundled_demo_texts_without_shared_corpus(demo_only):
    assert corpus.load().source == "demo"
    path = generate.project("small")
    info = generate.describe(path)
    assert info["source"] == "demo" and "bundled demo texts" in info["corpus"]
    with Project.open(path, readonly=True) as p:
        docs = p.documents()
        coders = p.coders()
        assert len(docs) == 100 and [c.name for c in coders] == ["coder-a", "coder-b", "coder-c"]
        assert len({d.sha256 for d in docs}) == 100
        assert all(set(p.statuses(c.id).values()) == {DocStatus.DONE} for c in coders)
        lengths = {d.id: d.length for d in docs}
    spans = _spans(path)
    assert 9_500 <= len(spans) <= 10_500 and info["spans"] == len(spans)
    assert all(0 <= s < e <= lengths[d] for d, _, _, s, e in spans)
    assert generate.project("small") == path  # cached: found, not made again


def test_generation_is_deterministic(demo_only, monkeypatch):
    first = _spans(generate.project("small"))
    monkeypatch.setenv("ANNOTATOR_BENCH_CACHE", str(demo_only / "other-cache"))
    assert _spans(generate.project("small")) == first
    assert _spans(generate.project("small", seed=99)) != first


def test_coders_agree_on_most_spans_and_differ_in_every_way(bench_cache):
    by_coder = defaultdict(dict)
    for doc, coder, label, start, end in _spans(generate.project("small")):
        by_coder[coder][(doc, start, end)] = label
    a, b = (by_coder[c] for c in sorted(by_coder)[:2])
    same = sum(1 for key, label in a.items() if b.get(key) == label)
    f1 = 2 * same / (len(a) + len(b))
    assert 0.6 < f1 < 0.9
    assert any(key in b and b[key] != label for key, label in a.items())      # labels differ
    starts_b = {(doc, start) for doc, start, _ in b}
    assert any((doc, s) in starts_b and (doc, s, e) not in b for doc, s, e in a)  # boundaries differ
    assert len(a) != len(b)                                                    # misses and extras


def test_big_document_is_1_mb_with_50000_spans(demo_only):
    path = generate.big_document_project()
    with Project.open(path, readonly=True) as p:
        (doc,) = p.documents()
        text = p.document(doc.id).text
        spans = p.spans(doc.id)
    assert len(text.encode("utf-8")) >= generate.BIG_DOCUMENT_BYTES
    assert len(spans) == generate.BIG_DOCUMENT_SPANS
    assert all(text[s.start:s.end].strip() == text[s.start:s.end] for s in spans[:2000])
