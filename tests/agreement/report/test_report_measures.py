"""AC1, gamma and the bootstrap intervals in the report, checked against the metric functions and
against brute-force resamples (documents repeated as drawn), plus the report's loose ends."""

import math
from itertools import combinations

import numpy as np
import pytest

from annotator.agreement import cohen_kappa, gamma_agreement, gwet_ac1, krippendorff_alpha, unitizing_alpha
from annotator.agreement.report import build_report
from annotator.agreement.report import bootstrap as bs
from annotator.agreement.report import streaming
from annotator.agreement.report.alpha_u_stats import AlphaUStatistics
from annotator.agreement.report.coded import _kappa, compact, dense_codes, pair_tables
from annotator.agreement.report.data import DocumentData, ReportError, ReportInput, make_units, tokens
from annotator.agreement.report.measures import GammaCollector
from annotator.agreement.report.render import renderer

from tests.agreement.report.test_report import CODERS, LABELS, random_input


@pytest.mark.parametrize("unit", ["char", "token"])
def test_ac1_equals_gwet_ac1_on_the_unit_values(unit):
    data = random_input(seed=5)
    report = build_report(data, unit)
    units = make_units(data, unit)
    values = units.values.astype(np.int64)
    assert report["gwet_ac1"]["pooled"] == pytest.approx(gwet_ac1(values), abs=1e-12)
    for bit, label in enumerate(LABELS):
        present = (values >> bit) & 1
        expected = gwet_ac1(present, categories=[0, 1])
        assert report["per_label"][label]["gwet_ac1"]["pooled"] == pytest.approx(expected, abs=1e-12, nan_ok=True)
    scale = sorted(set(values.ravel().tolist()))  # per document, q is still the report's categories
    for d, row in enumerate(report["per_document"]):
        part = values[:, units.offsets[d]:units.offsets[d + 1]]
        expected = gwet_ac1(part, categories=scale) if part.size else float("nan")
        assert row["gwet_ac1"] == pytest.approx(expected, abs=1e-12, nan_ok=True)


def gamma_parts(data, seed, batch_size=streaming.BATCH_CHARACTERS):
    sink = GammaCollector(len(data.coders), seed)
    for batch in streaming.batches(data, batch_size):
        sink.add(batch)
    return sink.parts()


def alpha_statistics(data, unit="char", batch_size=streaming.BATCH_CHARACTERS):
    stats = AlphaUStatistics(len(data.coders), data.labels)
    streaming.run(data, unit, 0, batch_size, statistics=stats)
    return stats


def _doc_units(doc):
    return [(c, s, e, lab) for c in CODERS for s, e, lab in doc.spans[c]]


def test_gamma_observed_disorders_equal_gamma_agreement():
    data = random_input(seed=8)
    report = build_report(data, "char", seed=4, gamma=True)
    parts = gamma_parts(data, seed=4)
    small = gamma_parts(data, seed=4, batch_size=50)  # the same, a document or two per batch
    assert np.array_equal(small.observed, parts.observed) and np.array_equal(small.expected, parts.expected)
    for d, doc in enumerate(data.documents):
        units = _doc_units(doc)
        if units:
            alone = gamma_agreement(units, coders=CODERS, samples=2, seed=0)["observed_disorder"]
            assert parts.observed[d] / 3 * 3 / parts.units[d] * 1 == pytest.approx(alone * 1, abs=1e-12)
    # pooled observed disorder = one continuum holding every document far apart
    far = [(c, s + 10_000 * d, e + 10_000 * d, lab) for d, doc in enumerate(data.documents) for c, s, e, lab in
           _doc_units(doc)]
    assert report["gamma"]["observed_disorder"] == pytest.approx(
        gamma_agreement(far, coders=CODERS, samples=1, seed=0)["observed_disorder"], abs=1e-12)
    assert report["gamma"]["seed"] == 4 and report["gamma"]["samples"] == 30
    assert build_report(data, "char", seed=4, gamma=True)["gamma"] == report["gamma"]
    assert "gamma" not in build_report(data, "char") and "--gamma" in build_report(data, "char")["notes"]["gamma"]


def _repeated(data, counts):
    docs = [doc for doc, k in zip(data.documents, counts) for _ in range(int(k))]
    return ReportInput(data.coders, data.labels, docs)


def test_resampled_values_equal_brute_force_resamples():
    data = random_input(seed=11, n_docs=7)
    weights = bs.document_weights(len(data.documents), 4, np.random.default_rng(2))
    units = make_units(data, "char")
    codes, masks = dense_codes(units.values)
    tables, masks = compact(pair_tables(codes, units.document_of_unit(), len(data.documents), len(masks)), masks)
    resampled = bs.resample_tables(tables, weights)
    stats = alpha_statistics(data)
    overall, per_label = stats.values(weights)
    parts = gamma_parts(data, seed=0)
    observed, _expected = parts.disorders(weights)
    for b, counts in enumerate(weights):
        again = _repeated(data, counts)
        values = make_units(again, "char").values.astype(np.int64)
        for (i, j), t in resampled.items():
            assert float(_kappa(t[b])) == pytest.approx(cohen_kappa(values[i], values[j]), abs=1e-12, nan_ok=True)
        report = build_report(again, "char", gamma=True)
        assert report["gamma"]["observed_disorder"] == pytest.approx(observed[b], abs=1e-12)
        assert report["krippendorff_alpha"]["pooled"] == pytest.approx(krippendorff_alpha(values), abs=1e-12)
        assert report["gwet_ac1"]["pooled"] == pytest.approx(gwet_ac1(values), abs=1e-12)
        assert -1.5 < overall[b] <= 1.0  # alpha_U with each document's gaps apart (exact per document, below)
    assert per_label.shape == (len(LABELS), 4)


def test_alpha_u_statistics_of_one_document_equal_unitizing_alpha():
    data = random_input(seed=13, n_docs=5)
    units = make_units(data, "char")
    stats = alpha_statistics(data)
    weights = np.eye(len(data.documents))
    overall, per_label = stats.values(weights)
    again, again_labels = alpha_statistics(data, batch_size=60).values(weights)  # batches of a document or two
    assert np.allclose(again, overall, equal_nan=True) and np.allclose(again_labels, per_label, equal_nan=True)
    for d in range(len(data.documents)):
        spans = [(c, s, e, lab) for c in CODERS for s, e, lab in units.spans[d][c]]
        if not spans:
            assert math.isnan(overall[d])
            continue
        expected = unitizing_alpha(spans, CODERS, int(units.offsets[d + 1] - units.offsets[d]), labels=LABELS)
        assert overall[d] == pytest.approx(expected["alpha"], abs=1e-9, nan_ok=True)
        for li, label in enumerate(LABELS):
            assert per_label[li, d] == pytest.approx(expected["labels"][label]["alpha"], abs=1e-9, nan_ok=True)


def test_intervals_everywhere_reproducible_and_stated():
    data = random_input(seed=21, n_docs=12)
    report = build_report(data, "char", ci=90, resamples=300, seed=5, gamma=True)
    again = build_report(data, "char", ci=90, resamples=300, seed=5, gamma=True)
    other = build_report(data, "char", ci=90, resamples=300, seed=6)
    assert report["confidence"]["resamples"] == 300 and report["confidence"]["seed"] == 5
    assert report["confidence"]["method"] == "percentile bootstrap" and report["confidence"]["level"] == 90
    assert report["krippendorff_alpha"]["ci"] == again["krippendorff_alpha"]["ci"]
    assert report["krippendorff_alpha"]["ci"] != other["krippendorff_alpha"]["ci"]
    blocks = [report] + list(report["per_label"].values())
    for block in blocks:
        for key in ("fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "unitizing_alpha"):
            assert set(block[key]["ci"]) == {"low", "high", "se", "undefined_resamples"}
        for e in block["cohen_kappa"].values():
            assert "ci" in e
        for mode in ("exact", "overlap"):
            assert all("ci" in e for e in block["span_f1"][mode].values())
    assert "ci" in report["gamma"]
    ci = report["krippendorff_alpha"]["ci"]
    assert ci["low"] <= report["krippendorff_alpha"]["pooled"] <= ci["high"] and ci["se"] > 0
    for name in ("text", "markdown", "latex", "csv", "html", "json"):
        out = renderer(name)(report)
        assert f"{ci['low']:.3f}" in out or repr(ci["low"]) in out, name
        if name in ("text", "markdown", "latex", "html"):
            assert "300 resamples" in out and "seed 5" in out, name


def test_unit_resampling_and_bad_options():
    data = random_input(seed=22, n_docs=4)
    report = build_report(data, "token", ci=95, resamples=200, seed=1, ci_unit="unit")
    assert report["confidence"]["unit"] == "unit"
    ci = report["cohen_kappa"]["a|b"]["ci"]
    assert ci["low"] <= report["cohen_kappa"]["a|b"]["pooled"] <= ci["high"]
    for bad in ({"ci": 100}, {"ci": 0}, {"ci": 95, "resamples": 1}, {"ci": 95, "ci_unit": "span"},
                {"ci": 95, "seed": -2}):
        with pytest.raises(ReportError):
            build_report(data, "char", **bad)


def test_format_characters_are_never_tokens():
    starts, ends = tokens("محمد\u200f")
    assert list(zip(starts, ends)) == [(0, 5)]
    text = "\ufeffقال \u200f محمد\u200d\u0644 ."
    got = [text[s:e] for s, e in zip(*tokens(text))]
    assert got == ["\ufeffقال", "محمد\u200d\u0644", "."]  # the lone RLM between spaces belongs to no token
    for mark in ("\u200e", "\u061c", "\u200c"):
        assert [text_[s:e] for text_ in [f"a{mark} b"] for s, e in zip(*tokens(text_))] == [f"a{mark}", "b"]


def test_merged_spans_are_counted_in_the_units_used():
    # two spans of one coder on the two halves of one word do not overlap in characters, but become
    # the same token: the token note counts them
    doc = DocumentData(1, "d", "كتاب جميل", {"a": [(0, 2, "PER"), (2, 4, "PER")], "b": [(0, 4, "PER")], "c": []})
    data = ReportInput(["a", "b", "c"], ["PER"], [doc])
    assert "(0 span(s) merged away" in build_report(data, "char")["notes"]["unitizing_alpha"]
    assert "(1 span(s) merged away" in build_report(data, "token")["notes"]["unitizing_alpha"]


def test_undefined_lists_span_f1_and_per_document_values_with_reasons():
    data = random_input(seed=3)
    data.labels.append("UNUSED")
    data.documents.append(DocumentData(99, "empty", "نص بلا علامات", {c: [] for c in CODERS}))
    report = build_report(data, "char")
    where = {u["where"]: u["reason"] for u in report["undefined"]}
    assert any(w.startswith("per_label.UNUSED.span_f1.exact.") for w in where)
    # present/absent is a two-category scale: AC1 is defined (1) where nobody used the label
    assert report["per_label"]["UNUSED"]["gwet_ac1"]["pooled"] == 1.0
    assert where["per_document[99].unitizing_alpha"].startswith("no compared coder marked a span")
    assert where["per_document[99].span_f1.exact.a|b"].startswith("neither coder of the pair")
    assert "per_document[99].fleiss_kappa" in where and "per_document[99].gamma" not in where
    where = {u["where"] for u in build_report(data, "char", gamma=True)["undefined"]}
    assert "per_document[99].gamma" in where
    counted = sum(1 for w in where if w.startswith("per_document[") and w.endswith(".krippendorff_alpha"))
    assert counted == report["krippendorff_alpha"]["documents_undefined"]


def test_pairs_cover_every_coder_pair():
    data = random_input(seed=2, n_docs=3)
    report = build_report(data, "char", ci=95, resamples=50)
    assert set(report["cohen_kappa"]) == {f"{a}|{b}" for a, b in combinations(CODERS, 2)}
    assert report["confidence"]["seed"] == 0  # the default seed is stated


@pytest.mark.parametrize("unit", ["char", "token"])
def test_joint_counts_of_the_pass_give_the_pooled_tables(unit):
    data = random_input(seed=31, n_docs=9)
    streamed = streaming.run(data, unit, 0, 80, joint=True)  # small batches: counts add up across them
    k, masks = len(streamed.masks), streamed.masks
    rows = sorted(streamed.joint)
    cells = np.searchsorted(masks.astype(np.uint64), np.array(rows, dtype=np.uint64))
    counts = np.array([streamed.joint[r] for r in rows])
    assert counts.sum() == streamed.total
    for (i, j), tables in streamed.tables.items():
        table = np.zeros((k, k), dtype=np.int64)
        np.add.at(table, (cells[:, i], cells[:, j]), counts)
        assert np.array_equal(table, tables.sum(axis=0))
