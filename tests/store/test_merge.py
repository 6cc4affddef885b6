"""Merging coders' copies of a project: matching, idempotence, conflicts, --prefer, all or nothing."""

import shutil
import sqlite3

import pytest

from annotator.core.errors import ProjectError
from annotator.store import Project
from annotator.store.merge import MergeConflictError, merge_projects

TEXT_A = "قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت."
TEXT_B = "ذهب الوَلَدُ إلى المدرسة صباحًا."
TEXT_C = "A third document, only in one copy."


@pytest.fixture
def lead(location):
    """The lead's project with two documents, a file or on the server (``location``); coders'
    copies are files made from it (``copy_for``)."""
    path = location
    with Project.create(path) as p:
        p.add_document("الوزارة", TEXT_A, meta={"source": "news"}, external_id="a")
        p.add_document("المدرسة", TEXT_B, external_id="b")
    return path


def copy_for(lead, tmp_path, name):
    path = tmp_path / f"{name}.annot"
    if isinstance(lead, str):  # a server project: a coder's copy is a file ``copy`` made
        from annotator.store.copy import copy_project
        copy_project(lead, path)
    else:
        shutil.copy(lead, path)
    return path


def annotate(path, coder, doc_text, spans, status="done"):
    with Project.open(path, backup=False) as p:
        doc = next(d for d in p.documents() if p.document(d.id).text == doc_text)
        c = p.ensure_coder(coder)
        labels = {label.name: label.id for label in p.labels()}
        with p.transaction() as tx:
            for start, end, label, *note in spans:
                tx.add_span(doc.id, c.id, labels[label], start, end, note[0] if note else None)
            if status:
                tx.set_status(doc.id, c.id, status)


def content(path):
    """Everything merge may touch, by names and texts, for comparisons."""
    with Project.open(path, readonly=True) as p:
        coders = {c.id: c.name for c in p.coders()}
        labels = {label.id: label.name for label in p.labels()}
        out = {}
        for d in p.documents():
            doc = p.document(d.id)
            spans = sorted((coders[s.coder_id], s.start, s.end, labels[s.label_id], s.note) for s in p.spans(d.id))
            statuses = {coders[c]: p.status(d.id, c).value for c in coders}
            out[doc.text] = (doc.title, doc.external_id, doc.meta, spans, statuses)
        return out, sorted(labels.values()), sorted(coders.values())


def test_copies_each_coders_spans_and_statuses(lead, tmp_path):
    ali, mona = copy_for(lead, tmp_path, "ali"), copy_for(lead, tmp_path, "mona")
    annotate(ali, "ali", TEXT_A, [(0, 4, "entity"), (5, 12, "claim", "أكيد")])
    annotate(mona, "mona", TEXT_A, [(0, 4, "entity")], status="in_progress")
    annotate(mona, "mona", TEXT_B, [(4, 11, "entity")])
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [ali, mona])
    docs, _labels, coders = content(lead)
    assert coders == ["ali", "mona"]
    assert docs[TEXT_A][3] == [("ali", 0, 4, "entity", None), ("ali", 5, 12, "claim", "أكيد"),
                               ("mona", 0, 4, "entity", None)]
    assert docs[TEXT_A][4] == {"ali": "done", "mona": "in_progress"}
    assert docs[TEXT_B][4] == {"ali": "new", "mona": "done"}
    assert (report.copied, report.spans_added, report.documents_added, report.documents_matched) == (3, 4, 0, 4)
    assert report.coders_added == ["ali", "mona"]


def test_merging_the_same_file_twice_changes_nothing(lead, tmp_path):
    ali = copy_for(lead, tmp_path, "ali")
    annotate(ali, "ali", TEXT_A, [(0, 4, "entity")])  # (a copy holding a duplicate: test_duplicate_spans.py)
    with Project.open(lead, backup=False) as target:
        merge_projects(target, [ali])
    once = content(lead)
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [ali, ali])
    assert content(lead) == once
    assert (report.unchanged, report.copied, report.spans_added, report.statuses_changed) == (2, 0, 0, 0)


def test_missing_documents_are_added_with_title_meta_and_id(lead, tmp_path):
    ali = copy_for(lead, tmp_path, "ali")
    with Project.open(ali, backup=False) as p:
        p.add_document("<ثالث>", TEXT_C, meta={"k": [1, "ب"]}, external_id="c")
    annotate(ali, "ali", TEXT_C, [(2, 7, "figure")])
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [ali])
    docs, _, _ = content(lead)
    assert docs[TEXT_C] == ("<ثالث>", "c", {"k": [1, "ب"]}, [("ali", 2, 7, "figure", None)], {"ali": "done"})
    assert report.documents_added == 1


def test_conflict_is_reported_and_changes_nothing(lead, tmp_path):
    first, second = copy_for(lead, tmp_path, "ali1"), copy_for(lead, tmp_path, "ali2")
    annotate(first, "ali", TEXT_A, [(0, 4, "entity")])
    annotate(second, "ali", TEXT_A, [(0, 4, "entity"), (5, 12, "claim")])
    annotate(second, "mona", TEXT_B, [(0, 3, "claim")])
    with Project.open(lead, backup=False) as target:
        merge_projects(target, [first])
    before = content(lead)
    with Project.open(lead, backup=False) as target:
        with pytest.raises(MergeConflictError) as caught:
            merge_projects(target, [second])
    message = str(caught.value)
    assert "'الوزارة'" in message and "'ali'" in message and "1 span(s) in the target, 2 in the source" in message
    assert "--prefer" in message
    assert len(caught.value.conflicts) == 1
    assert content(lead) == before  # mona's non-conflicting work was not merged either: all or nothing


@pytest.mark.parametrize("prefer", ["source", "target"])
def test_prefer_settles_conflicts(lead, tmp_path, prefer):
    first, second = copy_for(lead, tmp_path, "ali1"), copy_for(lead, tmp_path, "ali2")
    annotate(first, "ali", TEXT_A, [(0, 4, "entity")], status="done")
    annotate(second, "ali", TEXT_A, [(5, 12, "claim"), (13, 15, "figure")], status="in_progress")
    with Project.open(lead, backup=False) as target:
        merge_projects(target, [first])
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [second], prefer=prefer)
    docs, _, _ = content(lead)
    if prefer == "source":
        assert docs[TEXT_A][3] == [("ali", 5, 12, "claim", None), ("ali", 13, 15, "figure", None)]
        assert docs[TEXT_A][4]["ali"] == "in_progress"  # the status follows the winner
        assert (report.replaced, report.spans_removed, report.spans_added) == (1, 1, 2)
    else:
        assert docs[TEXT_A][3] == [("ali", 0, 4, "entity", None)]
        assert docs[TEXT_A][4]["ali"] == "done"
        assert (report.kept, report.spans_removed, report.spans_added) == (1, 0, 0)
    assert len(report.conflicts) == 1


def test_more_advanced_status_wins_when_spans_agree(lead, tmp_path):
    first, second = copy_for(lead, tmp_path, "ali1"), copy_for(lead, tmp_path, "ali2")
    annotate(first, "ali", TEXT_A, [(0, 4, "entity")], status="done")
    annotate(second, "ali", TEXT_A, [(0, 4, "entity")], status="in_progress")
    with Project.open(lead, backup=False) as target:
        merge_projects(target, [second, first])
    assert content(lead)[0][TEXT_A][4]["ali"] == "done"
    with Project.open(lead, backup=False) as target:
        merge_projects(target, [second])
    assert content(lead)[0][TEXT_A][4]["ali"] == "done"  # never goes back


def test_a_coder_without_work_in_the_source_leaves_the_target_alone(lead, tmp_path):
    ali, mona = copy_for(lead, tmp_path, "ali"), copy_for(lead, tmp_path, "mona")
    annotate(ali, "ali", TEXT_A, [(0, 4, "entity")])
    with Project.open(mona, backup=False) as p:
        p.ensure_coder("ali")  # ali known in mona's copy, but no work there
    annotate(mona, "mona", TEXT_A, [(5, 12, "claim")])
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [ali, mona])
    assert not report.conflicts
    assert [s[0] for s in content(lead)[0][TEXT_A][3]] == ["ali", "mona"]


def test_missing_label_is_an_error_unless_added(lead, tmp_path):
    ali = copy_for(lead, tmp_path, "ali")
    with Project.open(ali, backup=False) as p:
        p.add_label("سخرية", "#123456", "9")
        p.add_label("unused")
    annotate(ali, "ali", TEXT_A, [(0, 4, "سخرية")])
    before = content(lead)
    with Project.open(lead, backup=False) as target:
        with pytest.raises(ProjectError, match="'سخرية' are used by its spans but are not in the target"):
            merge_projects(target, [ali])
    assert content(lead) == before
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [ali], add_labels=True)
        label = target.labels().by_name("سخرية")
    assert report.labels_added == ["سخرية", "unused"]
    assert (label.color, label.hotkey) == ("#123456", "9")
    assert content(lead)[0][TEXT_A][3] == [("ali", 0, 4, "سخرية", None)]


def test_external_id_clash_is_an_error(lead, tmp_path):
    ali = copy_for(lead, tmp_path, "ali")
    with Project.open(ali, backup=False) as p:
        p.remove_document(p.documents()[0].id)
        p.add_document("other", TEXT_C, external_id="a")
    with Project.open(lead, backup=False) as target:
        with pytest.raises(ProjectError, match="id 'a', which the target already uses"):
            merge_projects(target, [ali])


def test_sources_are_opened_read_only_and_never_changed(lead, tmp_path):
    ali = copy_for(lead, tmp_path, "ali")
    annotate(ali, "ali", TEXT_A, [(0, 4, "entity")])
    ali.chmod(0o444)
    data = ali.read_bytes()
    with Project.open(lead, backup=False) as target:
        merge_projects(target, [ali])
    assert ali.read_bytes() == data


def test_bad_sources(lead, tmp_path):
    junk = tmp_path / "junk.annot"
    junk.write_text("not a project")
    with Project.open(lead, backup=False) as target:
        with pytest.raises(ProjectError, match="merge takes project files" if isinstance(lead, str) else "itself"):
            merge_projects(target, [lead])
        with pytest.raises(ProjectError):
            merge_projects(target, [junk])
        with pytest.raises(ProjectError):
            merge_projects(target, [tmp_path / "missing.annot"])
        with pytest.raises(ProjectError, match="prefer"):
            merge_projects(target, [junk], prefer="newest")


def test_a_failure_in_a_later_source_rolls_back_the_earlier_ones(lead, tmp_path):
    ali, bad = copy_for(lead, tmp_path, "ali"), copy_for(lead, tmp_path, "bad")
    annotate(ali, "ali", TEXT_A, [(0, 4, "entity")])
    with Project.open(bad, backup=False) as p:
        p.add_label("new-label")
    annotate(bad, "mona", TEXT_A, [(0, 4, "new-label")])
    before = content(lead)
    with Project.open(lead, backup=False) as target:
        with pytest.raises(ProjectError):
            merge_projects(target, [ali, bad])
    assert content(lead) == before
    with Project.open(lead, readonly=True) as p:
        assert sum(p.span_counts().values()) == 0


def _many(lead, tmp_path, count):
    """The lead's project with ``count`` more documents, and two coders' copies of it."""
    texts = [f"وثيقة رقم {n} فيها كلمات" for n in range(count)]
    with Project.open(lead, backup=False) as p:
        for n, text in enumerate(texts):
            p.add_document(f"d{n}", text)
    return texts, copy_for(lead, tmp_path, "ali"), copy_for(lead, tmp_path, "mona")


@pytest.mark.parametrize("batch", [1, 3, 500])
def test_batches_of_documents_give_the_same_merge(lead, tmp_path, monkeypatch, batch):
    """Spans are read and written a batch of documents at a time (memory bounded by the batch):
    the result, the counts and the order of the conflicts do not depend on the batch size."""
    from annotator.store import merge_sides

    monkeypatch.setattr(merge_sides, "BATCH_DOCUMENTS", batch)
    texts, ali, mona = _many(lead, tmp_path, 7)
    for n, text in enumerate(texts):
        annotate(ali, "ali", text, [(0, 5, "entity"), (6, 9, "claim")] if n % 2 else [(0, 5, "entity")])
        if n != 3:
            annotate(mona, "mona", text, [(n % 4, 5, "claim")], status="in_progress")
    second = copy_for(lead, tmp_path, "ali2")  # ali again, differing on documents 2 and 5
    for n in (2, 5):
        annotate(second, "ali", texts[n], [(1, 5, "figure")])
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [ali, mona])
    docs, _, _ = content(lead)
    assert docs[texts[1]][3] == [("ali", 0, 5, "entity", None), ("ali", 6, 9, "claim", None),
                                 ("mona", 1, 5, "claim", None)]
    assert docs[texts[3]][4] == {"ali": "done", "mona": "new"}
    assert (report.copied, report.spans_added, report.statuses_changed) == (13, 16, 13)
    with Project.open(lead, backup=False) as target:
        with pytest.raises(MergeConflictError) as caught:
            merge_projects(target, [second])
    assert [c.document for c in caught.value.conflicts] == ["d2", "d5"]
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [second], prefer="source")
    assert (report.replaced, report.spans_removed, report.spans_added) == (2, 3, 2)
    assert content(lead)[0][texts[5]][3] == [("ali", 1, 5, "figure", None), ("mona", 1, 5, "claim", None)]


def test_a_source_whose_text_lies_about_its_hash_cannot_place_spans_outside_ours(lead, tmp_path):
    """A hostile copy keeps a document's sha256 but holds a longer text (its length matching, so
    the file's own checks pass) with a span beyond our text's end: refused, nothing changed."""
    ali = copy_for(lead, tmp_path, "ali")
    annotate(ali, "ali", TEXT_B, [(0, 3, "entity")])
    con = sqlite3.connect(ali)
    longer = TEXT_B + " وزيادة كثيرة على النص الأصلي"
    con.execute("UPDATE documents SET text = ?, length = ? WHERE text = ?", (longer, len(longer), TEXT_B))
    con.execute("UPDATE spans SET end_offset = ?", (len(longer),))
    con.commit()
    con.close()
    before = content(lead)
    with Project.open(lead, backup=False) as target:
        with pytest.raises(ProjectError, match="outside the document"):
            merge_projects(target, [ali])
    assert content(lead) == before
