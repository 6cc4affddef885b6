"""Done-when check on a CC0 excerpt of ToxicSpans: imported as three coders through the command line
(three imports and a merge), the report's numbers equal scikit-learn's, krippendorff's and
statsmodels' on the same character units."""

import importlib.util
import math
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXCERPT = ROOT / "tests" / "fixtures" / "agreement" / "toxic_spans_excerpt.jsonl"


@pytest.fixture(scope="module")
def check():
    spec = importlib.util.spec_from_file_location("check_toxic_spans", ROOT / "scripts" / "check_toxic_spans.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def imported(check, tmp_path_factory):
    work = tmp_path_factory.mktemp("toxic")
    target = work / "toxic.annot"
    check.import_as_three_coders(EXCERPT, target, work)
    return target


def test_report_equals_independent_check(check, imported):
    rows = check.read_rows(EXCERPT)
    report, toxic = check.report_for(imported), check.report_for(imported, toxic=True)
    assert report["coders"] == ["rater1", "rater2", "rater3"]
    assert report["documents"]["count"] == len(rows) - 1  # one comment repeats an earlier text
    assert report["documents"]["units"] == sum(check.char_values(rows)[2])
    expected = check.independent(rows)
    compared = check.compare(report, toxic, expected)
    assert len(compared) == 3 * 2 + 3 * len(expected["per_label"]) + 2
    for what, ours, theirs in compared:
        if math.isnan(theirs):
            assert math.isnan(ours), what
        else:
            assert ours == pytest.approx(theirs, abs=1e-12), what


def test_import_glue_keeps_every_rater_and_drops_only_spans_outside_the_text(check, imported):
    from annotator.store import Project
    rows = check.read_rows(EXCERPT)
    kept = list({r["text"]: r for r in reversed(rows)}.values())  # first comment of each text
    inside = sum(1 for r in kept for a in r["annotations"] for s in a["spans"] if s["start"] < len(r["text"]))
    with Project.open(imported, readonly=True) as p:
        stats = p.stats()
    assert stats["coders"] == ["rater1", "rater2", "rater3"]
    assert all(stats["status"][c]["done"] == len(rows) - 1 for c in stats["coders"])
    assert sum(len(a["spans"]) for a in rows[-1]["annotations"]) == 4  # line 393: one of them outside
    assert stats["spans"] == inside == 117
